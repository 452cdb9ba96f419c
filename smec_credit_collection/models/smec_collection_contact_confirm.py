"""What a Collection Manager decides about contacts before they go out.

In a run's preview (a manual run), each draft is skipped, held back or sent
with the run's confirmation.

A stage a manager confirms (the lawyer's letter, the legal hold) is not sent
by the scheduled run: the run writes its contact once as waiting for a manager,
and gives a manager a to-do for it. It waits in the managers' queue, however
many days pass (the run writes no other one of the stage meanwhile), until a
manager sends it (with the invoices and amounts open on that day, in that day's
run), holds it back (the stage is proposed again once its days between contacts
have passed) or drops it (the stage is not proposed again for the invoices it
lists: a new overdue invoice brings it back). Paid while it waits, it leaves
the queue by itself."""

from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

CONFIRMATION_TYPE = "smec_credit_collection.mail_activity_type_dunning_confirmation"


class SmecCollectionContact(models.Model):
    _inherit = "smec.collection.contact"  # pylint: disable=consider-merging-classes-inherited

    def _check_run_editor(self):
        if not self.env.user.has_group("smec_credit_collection.group_collection_manager"):
            raise AccessError(_("Only a Collection Manager edits a dunning run or confirms its contacts."))
        self.check_access("write")

    # ------------------------------------------------------------
    # a manual run's preview
    # ------------------------------------------------------------

    def action_skip(self):
        """In a run's preview: this contact is not sent (nor again today)."""
        self._check_run_editor()
        if any(c.state != "draft" for c in self):
            raise UserError(_("Only a contact that has not gone out can be skipped."))
        self._smec_action_write({"state": "cancelled", "reason": _("Skipped by %(user)s.", user=self.env.user.name)})
        return True

    def action_hold_back(self):
        """In a run's preview: not now, the next run proposes it again. Waiting
        for a manager: not now, the stage is proposed again once its days
        between contacts have passed."""
        self._check_run_editor()
        if any(c.state not in ("draft", "waiting") for c in self):
            raise UserError(_("Only a contact that has not gone out can be held back."))
        waiting = self.filtered(lambda c: c.state == "waiting")
        today = fields.Date.context_today(self)
        for contact in waiting:
            until = today + timedelta(days=contact.stage_id.interval_days)
            reason = _("Held back by %(user)s until %(date)s.", user=self.env.user.name, date=until)
            contact._smec_action_write({"state": "cancelled", "held_until": until, "reason": reason})
            contact._close_confirmation(reason)
        drafts = self - waiting
        drafts.sudo().line_ids.unlink()
        drafts.sudo().unlink()
        return True

    # ------------------------------------------------------------
    # the managers' queue
    # ------------------------------------------------------------

    def _check_waiting(self):
        self._check_run_editor()
        if any(c.state != "waiting" for c in self):
            raise UserError(_("Only a contact waiting for a manager can be sent or dropped from the queue."))

    def action_send(self):
        """Send what waits, today, with the invoices and amounts open today."""
        self._check_waiting()
        Run = self.env["smec.collection.run"].sudo()
        for company in self.company_id:
            contacts = self.filtered(lambda c, company=company: c.company_id == company).sudo()
            run = Run._today_run(company)
            run._take_waiting(contacts)
            run._send(contacts.filtered(lambda c: c.state == "draft"))
        for contact in self:
            contact._close_confirmation(_("Sent by %(user)s.", user=self.env.user.name))
        return True

    def action_drop(self):
        """Not sent: the stage is not proposed again for the invoices it lists."""
        self._check_waiting()
        reason = _("Dropped by %(user)s.", user=self.env.user.name)
        self._smec_action_write({"state": "cancelled", "dropped": True, "reason": reason})
        for contact in self:
            contact._close_confirmation(reason)
        return True

    def _notify_waiting(self):
        """A to-do for a Collection Manager per waiting contact that has none, in
        the manager's language."""
        waiting = self.filtered(lambda c: c.state == "waiting")
        if not waiting:
            return
        kind = self.env.ref(CONFIRMATION_TYPE)
        have = set(
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", waiting.ids), ("activity_type_id", "=", kind.id)])
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for contact in waiting.filtered(lambda c: c.id not in have):
            user = contact._responsible(manager=True)
            local = contact.with_context(lang=user.lang or self.env.lang)
            channels = dict(local._fields["channel"]._description_selection(local.env))
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": contact.id,
                    "activity_type_id": kind.id,
                    "summary": local.env._(
                        "Confirm: %(stage)s (%(channel)s) for %(partner)s",
                        stage=local.stage_id.name,
                        channel=channels[contact.channel],
                        partner=contact.partner_id.name,
                    ),
                    "note": plaintext2html(
                        local.env._(
                            "%(amount)s overdue up to %(days)s days. Send it, hold it back or drop it from the "
                            "queue of contacts waiting for a manager: it waits until you do.",
                            amount=contact.currency_id.format(contact.amount_total),
                            days=contact.days_overdue,
                        )
                    ),
                    "user_id": user.id,
                    "date_deadline": contact.date,
                }
            )
        self.env["mail.activity"].sudo().create(values)

    def _close_confirmation(self, feedback):
        """The manager's to-do of the contact is done, with what was decided."""
        self.ensure_one()
        kind = self.env.ref(CONFIRMATION_TYPE)
        todo = (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id), ("activity_type_id", "=", kind.id)])
        )
        todo.action_feedback(feedback=feedback)


class SmecCollectionRun(models.Model):
    _inherit = "smec.collection.run"

    @api.model
    def _today_run(self, company):
        """The company's scheduled run of its day, made if none is yet."""
        today = self._today(company)
        return self.sudo().search(
            [("company_id", "=", company.id), ("date", "=", today), ("kind", "=", "scheduled")], limit=1
        ) or self.sudo().create({"company_id": company.id, "date": today, "kind": "scheduled", "state": "preview"})

    def _take_waiting(self, contacts):
        """Waiting ``contacts`` join this run as drafts, dated its day, with the
        invoices and amounts open that day (what dunning may chase: undisputed,
        without an open promise); one with nothing left to chase is cancelled."""
        self.ensure_one()
        if not contacts:
            return
        self.env.flush_all()
        ahead = max(0, -min(contacts.stage_id.mapped("days_overdue")))
        self.env.execute_query(
            SQL(
                """
WITH items AS MATERIALIZED (%(items)s),
todo AS (
    SELECT c.id, c.partner_id, c.currency_id, s.days_overdue AS stage_days
      FROM smec_collection_contact c JOIN smec_collection_stage s ON s.id = c.stage_id
     WHERE c.id = ANY(%(ids)s) AND c.state = 'waiting'
),
old AS (
    DELETE FROM smec_collection_contact_line l USING todo t WHERE l.contact_id = t.id
),
fresh AS (%(lines)s RETURNING contact_id, days_overdue, amount_residual),
totals AS (
    SELECT t.id, MAX(f.days_overdue) AS days, SUM(f.amount_residual) AS amount
      FROM todo t LEFT JOIN fresh f ON f.contact_id = t.id
     GROUP BY t.id
)
UPDATE smec_collection_contact c
   SET run_id = %(run)s, date = %(today)s,
       state = CASE WHEN tt.amount > 0 THEN 'draft' ELSE 'cancelled' END,
       reason = CASE WHEN tt.amount > 0 THEN c.reason ELSE %(nothing)s END,
       days_overdue = COALESCE(tt.days, c.days_overdue), amount_total = COALESCE(tt.amount, 0),
       write_uid = %(uid)s, write_date = NOW() AT TIME ZONE 'UTC'
  FROM totals tt
 WHERE tt.id = c.id
                """,
                items=self._items_sql(ahead, contacts.partner_id.ids),
                lines=self._lines_insert_sql(
                    SQL("SELECT id AS contact_id, partner_id, currency_id, stage_days FROM todo")
                ),
                ids=contacts.ids,
                run=self.id,
                today=self.date,
                uid=self.env.uid,
                nothing=self.env._("Nothing left to chase when a manager sent it: paid, promised or disputed."),
            )
        )
        contacts.invalidate_recordset()
        self.env["smec.collection.contact.line"].invalidate_model()
        self.invalidate_recordset(["contact_ids"])

    def _withdraw_paid_waiting(self):
        """A contact waiting for a manager whose invoices were all paid leaves the queue."""
        waiting = self.env["smec.collection.contact"].search(
            [("company_id", "=", self.company_id.id), ("state", "=", "waiting")]
        )
        paid = waiting - self._still_due(waiting)
        reason = self.env._("Paid while it waited for a manager.")
        paid.write({"state": "cancelled", "reason": reason})
        for contact in paid:
            contact._close_confirmation(reason)
