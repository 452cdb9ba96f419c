"""The supplier bills' reminders: the company's own credit suffers when it pays late, so each open bill due
within the company's warning days gets one activity for the person who keeps it."""

from odoo import api, fields, models
from odoo.tools import SQL, plaintext2html


class AccountMove(models.Model):
    _inherit = "account.move"

    # set by the reminders' job only (smec.guard.mixin): a value sent is refused with its name
    _smec_code_fields = frozenset({"smec_payable_warned"})

    smec_payable_warned = fields.Boolean(
        copy=False,
        readonly=True,
        help="The person keeping the company's own credit was given an activity to pay this bill before it is due.",
    )

    @api.model
    def _cron_payable_activities(self, batch_size=200):
        """One activity per open supplier bill due within the company's warning
        days (or already overdue), for the person keeping the company's own
        credit: a bill paid late reaches the supplier's reports and court lists.
        Flagged with its activity and committed per batch, like the customers'."""
        today = fields.Date.context_today(self)
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids

        def activity(bill):
            user = bill.company_id.smec_own_credit_user_id or managers[:1]
            env = bill.with_context(lang=user.lang or self.env.lang).env
            return {
                "date_deadline": max(bill.invoice_date_due, today),
                "user_id": user.id,
                "summary": env._(
                    "Pay %(supplier)s by %(date)s", supplier=bill.commercial_partner_id.name, date=bill.invoice_date_due
                ),
                "note": plaintext2html(
                    env._(
                        "%(bill)s: %(residual)s still open, due %(date)s. Paying suppliers late damages our own "
                        "credit; agree a new date in writing if it cannot be paid.",
                        bill=bill.name,
                        residual=bill.currency_id.format(bill.amount_residual),
                        date=bill.invoice_date_due,
                    )
                ),
            }

        where = SQL(
            """am.move_type IN ('in_invoice', 'in_receipt') AND NOT COALESCE(am.smec_payable_warned, FALSE)
               AND am.invoice_date_due <= %s::date + COALESCE(c.smec_payable_warn_days, 0)""",
            today,
        )
        return self._smec_activity_once(where, "smec_payable_warned", activity, batch_size)
