"""Promises to pay and payment plans.

A promise covers some invoices of a customer and has one dated amount, a
payment plan several (its instalments). While it is open, dunning leaves what
it covers alone until the last instalment's date plus the grace days. Each day
the run first settles the promises: the payments received on the covered
invoices since the promise was made are set against the instalments in date
order; a promise is kept when everything fell in by the last instalment's date
plus the grace days, broken as soon as one instalment is short past its own
date plus the grace days. A broken promise escalates its customer one stage at
that run and gives its collector a task.
"""

from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL, plaintext2html

CHANNELS = [
    ("call", "Phone call"),
    ("email", "Email"),
    ("portal", "Customer portal"),
    ("visit", "Visit"),
    ("other", "Other"),
]
STATES = [
    ("proposed", "Waiting for acceptance"),
    ("open", "Open"),
    ("kept", "Kept"),
    ("broken", "Broken"),
    ("cancelled", "Cancelled"),
]
# the states in which a promise's terms are checked; only an open one pauses dunning
WAITING_STATES = ("proposed", "open")


class SmecCollectionPromise(models.Model):
    _name = "smec.collection.promise"
    _description = "Promise to Pay"
    # the invoices it covers are its customer's (smec.credit.customer.invoices)
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin", "smec.credit.customer.invoices"]
    _order = "date_last desc, id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset(
        {"amount", "date_last", "paid_amount", "escalated", "contact_id", "portal_user_id", "statement_id"}
    )
    _smec_action_fields = frozenset({"state", "date_settled"})
    _smec_locked_states = frozenset({"kept", "broken", "cancelled"})

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, domain="[('is_company', '=', True)]"
    )
    date = fields.Date(string="Promised On", required=True, default=fields.Date.context_today, tracking=True)
    invoice_ids = fields.Many2many(
        "account.move",
        "smec_collection_promise_invoice_rel",
        "promise_id",
        "move_id",
        string="Invoices Covered",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('payment_state', 'in', ('not_paid', 'partial')), ('commercial_partner_id', '=', partner_id), "
        "('company_id', '=', company_id)]",
        check_company=True,
    )
    line_ids = fields.One2many("smec.collection.promise.line", "promise_id", string="Instalments")
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Amount Promised")
    date_last = fields.Date(compute="_compute_amount", store=True, string="Last Date", index=True)
    grace_days = fields.Integer(default=lambda self: self.env.company.smec_promise_grace_days)
    channel = fields.Selection(CHANNELS, required=True, default="call")
    user_id = fields.Many2one(
        "res.users", string="Collector", default=lambda self: self._default_user(), domain="[('share', '=', False)]"
    )
    contact_id = fields.Many2one("smec.collection.contact", string="From Call", readonly=True, ondelete="set null")
    portal_user_id = fields.Many2one("res.users", string="Made on the Portal by", readonly=True)
    statement_id = fields.Many2one(
        "smec.collection.statement", string="Made on Statement", readonly=True, ondelete="set null", index=True
    )
    note = fields.Text()
    state = fields.Selection(
        STATES,
        default="open",
        required=True,
        tracking=True,
    )
    paid_amount = fields.Monetary(string="Received", readonly=True)
    date_settled = fields.Date(readonly=True)
    escalated = fields.Boolean(readonly=True, help="The run escalated the customer one stage for this broken promise.")

    # a customer promises once on a statement
    _statement_unique = models.UniqueIndex("(statement_id) WHERE statement_id IS NOT NULL")

    @api.model
    def _default_user(self):
        """Whoever records the promise follows it up; recorded by someone who
        follows no customer up (the portal, the system), nobody is named, and a
        broken promise's call goes to the customer's collector."""
        return self.env["res.users"]._smec_people(self.env.user, self.env.company)

    @api.depends("partner_id", "date_last")
    def _compute_name(self):
        for promise in self:
            promise.name = _(
                "%(partner)s, by %(date)s", partner=promise.partner_id.name or "", date=promise.date_last or ""
            )

    @api.depends("line_ids.amount", "line_ids.date")
    def _compute_amount(self):
        for promise in self:
            promise.amount = sum(promise.line_ids.mapped("amount"))
            promise.date_last = max(promise.line_ids.mapped("date"), default=False)

    @api.constrains("line_ids", "invoice_ids", "partner_id", "state", "amount", "date_last", "grace_days")
    def _check_promise(self):
        """What a promise may say, checked whenever it or one of its instalments
        changes (``amount`` and ``date_last`` follow the instalments): days to
        come within the company's horizon, amounts within what is open, and no
        invoice covered that the amount does not reach."""
        today = fields.Date.context_today(self)
        for promise in self.filtered(lambda p: p.state in WAITING_STATES):
            company, cur = promise.company_id, promise.currency_id
            if not promise.line_ids:
                raise ValidationError(_("A promise to pay says when and how much."))
            if not promise.invoice_ids:
                raise ValidationError(_("A promise to pay covers at least one open invoice."))
            horizon = promise.date + timedelta(days=company.smec_promise_max_days)
            for line in promise.line_ids:
                if line.date < promise.date or line.date < today:
                    raise ValidationError(_("A promise is for a day to come, not %(date)s.", date=line.date))
                if line.date > horizon:
                    raise ValidationError(
                        _(
                            "A promise made on %(date)s is kept by %(horizon)s at the latest (the company's horizon "
                            "of %(days)s days), not %(line)s: for longer, agree instalments within it.",
                            date=promise.date,
                            horizon=horizon,
                            days=company.smec_promise_max_days,
                            line=line.date,
                        )
                    )
                if cur.compare_amounts(line.amount, 0) <= 0:
                    raise ValidationError(_("A promised amount is more than zero."))
            if not 0 <= promise.grace_days <= company.smec_promise_grace_days:
                raise ValidationError(
                    _(
                        "A promise's grace days are between 0 and the company's %(days)s.",
                        days=company.smec_promise_grace_days,
                    )
                )
            open_amount = sum(promise.invoice_ids.mapped("amount_residual_signed"))
            if cur.compare_amounts(promise.amount, open_amount) > 0:
                raise ValidationError(
                    _(
                        "%(amount)s is more than the %(open)s open on the invoices it covers.",
                        amount=cur.format(promise.amount),
                        open=cur.format(open_amount),
                    )
                )
            # every covered invoice but the last one due is paid in full by the amount promised
            invoices = promise.invoice_ids.sorted(lambda m: (m.invoice_date_due or m.date, m.id))
            least = sum(invoices[:-1].mapped("amount_residual_signed"))
            if len(invoices) > 1 and cur.compare_amounts(promise.amount, least) <= 0:
                raise ValidationError(
                    _(
                        "%(amount)s does not reach %(invoice)s: a promise pauses dunning only on the invoices its "
                        "amount pays. Promise more than %(least)s, or cover fewer invoices.",
                        amount=cur.format(promise.amount),
                        invoice=invoices[-1].display_name,
                        least=cur.format(least),
                    )
                )

    def _smec_locked_message(self):
        return _("This promise is settled: record a new one if the customer promises again.")

    # ------------------------------------------------------------
    # CRUD: the day a promise is made is the day it is recorded
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            today = fields.Date.context_today(self)
            for vals in vals_list:
                if "date" in vals and fields.Date.to_date(vals["date"]) != today:
                    raise ValidationError(
                        _("A promise is recorded on the day it is made: %(date)s is not today.", date=vals["date"])
                    )
        return super().create(vals_list)

    def _smec_fill_code_fields(self):
        # a promise recorded from a contact is that contact's once it exists (smec.guard.mixin)
        contact_id = self.env.context.get("smec_promise_contact_id")
        if contact_id:
            contact = self.env["smec.collection.contact"].browse(int(contact_id)).exists()
            contact.check_access("write")
            mine = self.filtered(lambda p: p.partner_id.commercial_partner_id == contact.partner_id)
            mine.sudo().write({"contact_id": contact.id})
            # the call's outcome is "promised" once the promise exists, not before
            if mine and contact.channel == "call" and not contact.call_outcome:
                contact.action_record_outcome("promised")
        return super()._smec_fill_code_fields()

    def write(self, vals):
        if not self.env.su and "date" in vals and any(p.date != fields.Date.to_date(vals["date"]) for p in self):
            raise ValidationError(
                _("The day a promise was made does not change: the payments received since then keep it.")
            )
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_collector(self):
        if not self.env.user.has_group("smec_credit_collection.group_collection_agent"):
            raise AccessError(_("Only collection users accept or refuse a promise made on the portal."))
        self.check_access("write")

    def action_accept(self):
        """A collector accepts a promise the customer made on the portal: from
        now on it pauses dunning on the invoices it covers."""
        self._check_collector()
        if any(p.state != "proposed" for p in self):
            raise UserError(_("Only a promise waiting for acceptance is accepted."))
        self._smec_action_write({"state": "open"})
        for promise in self:
            promise.activity_ids.filtered(lambda a: a.user_id == self.env.user).action_feedback()
            promise.message_post(body=_("Accepted by %(user)s.", user=self.env.user.name))
        return True

    def action_cancel(self):
        """An open promise withdrawn, or a portal promise refused."""
        if any(p.state not in WAITING_STATES for p in self):
            raise UserError(_("Only an open promise can be cancelled."))
        if any(p.state == "proposed" for p in self):
            self._check_collector()
        self._smec_action_write({"state": "cancelled", "date_settled": fields.Date.context_today(self)})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    # ------------------------------------------------------------
    # SETTLEMENT, run by the dunning run
    # ------------------------------------------------------------

    @api.model
    def _received_sql(self, promise_ids):
        """SQL rows (promise_id, line_id, due, received): each instalment's
        amount due cumulatively and what the covered invoices received since the
        promise was made until the instalment's date plus the grace days."""
        return SQL(
            """
            SELECT p.id, l.id,
                   SUM(l.amount) OVER (PARTITION BY p.id ORDER BY l.date, l.id) AS due,
                   (SELECT COALESCE(SUM(pr.amount), 0)
                      FROM smec_collection_promise_invoice_rel r
                      JOIN account_move_line inv ON inv.move_id = r.move_id
                      JOIN account_partial_reconcile pr ON pr.debit_move_id = inv.id
                      JOIN account_move_line pay ON pay.id = pr.credit_move_id
                      JOIN account_move pm ON pm.id = pay.move_id AND pm.move_type = 'entry'
                     WHERE r.promise_id = p.id
                       AND pay.date >= p.date
                       AND pay.date <= l.date + p.grace_days) AS received
              FROM smec_collection_promise p
              JOIN smec_collection_promise_line l ON l.promise_id = p.id
             WHERE p.id = ANY(%s)
            """,
            promise_ids,
        )

    @api.model
    def _settle(self, company, today):
        """Kept or broken, as of ``today``, for the company's open promises."""
        self.env.flush_all()
        promises = self.sudo().search([("company_id", "=", company.id), ("state", "=", "open")])
        if not promises:
            return promises
        rows = self.env.execute_query(self._received_sql(promises.ids))
        lines = self.env["smec.collection.promise.line"].sudo().browse([row[1] for row in rows])
        by_promise = {}
        for (promise_id, _line_id, due, received), line in zip(rows, lines, strict=True):
            by_promise.setdefault(promise_id, []).append((line, due, received))
        broken = self.browse()
        for promise in promises:
            instalments = sorted(by_promise.get(promise.id, []), key=lambda item: (item[0].date, item[0].id))
            cur = promise.currency_id
            short = [
                line
                for line, due, received in instalments
                if cur.compare_amounts(received, due) < 0 and line.date + timedelta(days=promise.grace_days) < today
            ]
            received = instalments[-1][2] if instalments else 0.0
            if short:
                promise.write({"state": "broken", "date_settled": today, "paid_amount": received})
                broken |= promise
            elif instalments and cur.compare_amounts(received, instalments[-1][1]) >= 0:
                promise.write({"state": "kept", "date_settled": today, "paid_amount": received})
            else:
                promise.write({"paid_amount": received})
        broken._notify_broken(today)
        return promises

    @api.model
    def _kept_rates(self, partner_ids, company, today):
        """{partner_id: % of promises kept} of those settled in the last 12 months."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT partner_id, 100.0 * COUNT(*) FILTER (WHERE state = 'kept') / COUNT(*)
                  FROM smec_collection_promise
                 WHERE company_id = %s AND partner_id = ANY(%s) AND state IN ('kept', 'broken')
                   AND date_settled > %s::date - INTERVAL '12 months'
                 GROUP BY partner_id
                """,
                company.id,
                list(partner_ids),
                today,
            )
        )
        return {pid: round(float(rate), 2) for pid, rate in rows}

    def _notify_broken(self, today):
        for promise in self:
            partner = promise.partner_id.with_company(promise.company_id)
            user = self.env["res.users"]._smec_people(promise.user_id, promise.company_id) or (
                partner._smec_follow_up_user(promise.company_id)
            )
            promise.activity_schedule(
                "mail.mail_activity_data_call",
                date_deadline=today,
                user_id=user.id,
                summary=_("Broken promise: call %(partner)s", partner=partner.name),
                note=plaintext2html(
                    _(
                        "%(partner)s promised %(amount)s by %(date)s and %(received)s came in. Dunning moves it "
                        "one stage up today.",
                        partner=partner.name,
                        amount=promise.currency_id.format(promise.amount),
                        date=promise.date_last,
                        received=promise.currency_id.format(promise.paid_amount),
                    )
                ),
            )

    @api.model
    def _from_contact(self, contact):
        """The values of a promise recorded from a dunning call."""
        return {
            "default_partner_id": contact.partner_id.id,
            "default_company_id": contact.company_id.id,
            "default_channel": "call",
            "default_invoice_ids": [Command.set(contact.line_ids.move_id.ids)],
            "default_line_ids": [
                Command.create(
                    {"date": fields.Date.context_today(self) + timedelta(days=7), "amount": contact.amount_total}
                )
            ],
            "smec_promise_contact_id": contact.id,
        }


class SmecCollectionPromiseLine(models.Model):
    _name = "smec.collection.promise.line"
    _description = "Promised Instalment"
    _order = "promise_id, date, id"

    promise_id = fields.Many2one("smec.collection.promise", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="promise_id.company_id", store=True)
    currency_id = fields.Many2one(related="promise_id.currency_id")
    date = fields.Date(required=True)
    amount = fields.Monetary(required=True)

    @api.constrains("date", "amount")
    def _check_promise(self):
        """An instalment written on its own meets its promise's rules all the same."""
        self.promise_id._check_promise()

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.promise_id._smec_check_locked({"line_ids": True})
        return lines

    def write(self, vals):
        self.promise_id._smec_check_locked({"line_ids": True})
        return super().write(vals)

    def unlink(self):
        self.promise_id._smec_check_locked({"line_ids": True})
        return super().unlink()
