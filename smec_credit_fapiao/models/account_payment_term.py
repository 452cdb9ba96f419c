from odoo import fields, models


class AccountPaymentTerm(models.Model):
    _inherit = "account.payment.term"

    smec_from_fapiao_receipt = fields.Boolean(
        string="Counted from the Fapiao's Receipt",
        help="票到X天付款: the term's days count from the day the customer received the invoice's fapiao, once "
        "it is entered on the invoice; until then from the invoice date, and dunning does not chase the invoice.",
    )

    def _compute_terms(self, date_ref, *args, **kwargs):
        # the invoice's receipt day, passed by account.move._compute_needed_terms for a term counted from it
        received = self.env.context.get("smec_fapiao_received_date")
        if received and self.smec_from_fapiao_receipt:
            date_ref = fields.Date.to_date(received)
        return super()._compute_terms(date_ref, *args, **kwargs)
