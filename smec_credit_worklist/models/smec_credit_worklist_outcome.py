"""The call's outcome, recorded from the worklist's buttons: promised, disputed (the promise or dispute form, whose
``create`` closes the row, ``smec_collection.py``), no answer, a new contact person."""

from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .smec_credit_worklist import AGENT


class SmecCreditWorklist(models.Model):
    _inherit = "smec.credit.worklist"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # THE CALL'S OUTCOME
    # ------------------------------------------------------------

    def _check_caller(self):
        if not self.env.user.has_group(AGENT):
            raise AccessError(_("Only collection users record the outcome of a call."))
        self.check_access("write")
        for row in self:
            if row.done:
                raise UserError(_("%(customer)s was called already today.", customer=row.partner_id.name))

    def _close(self, outcome, note=None):
        """The call's outcome recorded: the customer leaves today's list."""
        values = {"done": True, "outcome": outcome, "done_on": fields.Datetime.now()}
        self._smec_action_write(values)
        if note:
            self.note = note

    def _open_invoices(self, overdue=True):
        """The customer's open invoices in this company, past due first (those a call is about)."""
        self.ensure_one()
        today = self.date
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("commercial_partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        if overdue:
            domain.append(("invoice_date_due", "<", today))
        return self.env["account.move"].search(domain, order="invoice_date_due, id")

    def action_promise(self):
        """A promise to pay from the call: the promise form, prefilled (from today's dunning call when there is
        one); saving it records the outcome and takes the customer off the list."""
        self.ensure_one()
        self._check_caller()
        Promise = self.env["smec.collection.promise"]
        contact = self.contact_id
        if contact and contact.channel == "call" and not contact.call_outcome:
            context = Promise._from_contact(contact)
        else:
            invoices = self._open_invoices() or self._open_invoices(overdue=False)
            context = {
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_channel": "call",
                "default_invoice_ids": [Command.set(invoices.ids)],
                "default_line_ids": [
                    Command.create(
                        {
                            "date": fields.Date.context_today(self) + timedelta(days=7),
                            "amount": sum(invoices.mapped("amount_residual_signed")),
                        }
                    )
                ],
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to Pay"),
            "res_model": "smec.collection.promise",
            "view_mode": "form",
            "target": "new",
            "context": {**context, "smec_worklist_id": self.id},
        }

    def action_dispute(self):
        """The customer disputes: the dispute form, its past-due invoices listed; saving it records the outcome."""
        self.ensure_one()
        self._check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dispute"),
            "res_model": "smec.collection.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_name": _("Disputed on a call, %(date)s", date=self.date),
                "default_invoice_ids": [Command.set(self._open_invoices().ids)],
                "smec_worklist_id": self.id,
            },
        }

    def action_no_answer(self):
        """Nobody answered: the call counts, and the customer drops below those not called yet today. Today's
        dunning call, if any, gets its outcome (its call task done)."""
        self._check_caller()
        for row in self:
            contact = row.contact_id
            if contact and contact.channel == "call" and not contact.call_outcome:
                contact.action_no_answer()
            row._smec_action_write(
                {"outcome": "no_answer", "attempts": row.attempts + 1, "done_on": fields.Datetime.now()}
            )
        return True

    def action_new_contact(self):
        """Whoever answered named someone else to talk to: the new contact person's form."""
        self.ensure_one()
        self._check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Contact Person"),
            "res_model": "smec.credit.worklist.contact",
            "view_mode": "form",
            "target": "new",
            "context": {"default_worklist_id": self.id},
        }

    @api.model
    def _recorded_from_context(self, outcome, partner):
        """The row of the context's ``smec_worklist_id`` (sent by the outcome buttons) closed with ``outcome`` once
        the promise or dispute of ``partner`` it opened is saved; and today's dunning call with it."""
        row_id = self.env.context.get("smec_worklist_id")
        if not row_id:
            return
        row = self.browse(int(row_id)).exists()
        if not row or row.done or row.partner_id != partner.commercial_partner_id:
            return
        row._check_caller()
        contact = row.contact_id
        if outcome == "disputed" and contact.channel == "call" and not contact.call_outcome:
            contact.action_disputed()
        row._close(outcome)
