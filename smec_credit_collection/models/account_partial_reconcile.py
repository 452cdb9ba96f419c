from odoo import api, models


class AccountPartialReconcile(models.Model):
    """A payment the customer makes on an invoice is an acknowledgment of the
    debt (Civil Code Art. 195): it restarts the invoice's limitation period on
    the payment's date. A credit note is the creditor's own act and does not."""

    _inherit = "account.partial.reconcile"

    @api.model_create_multi
    def create(self, vals_list):
        partials = super().create(vals_list)
        partials._smec_record_payments()
        # a claim paid off lifts its customer's legal hold at once
        invoices = partials.debit_move_id.move_id.filtered(lambda m: m.move_type == "out_invoice")
        if invoices:
            self.env["smec.credit.risk.flag"]._smec_lift_settled_holds(
                invoices.commercial_partner_id, invoices.company_id
            )
        return partials

    def unlink(self):
        # the events go with their payment, through the ORM so that the
        # invoices' expiry follows (a database cascade would not tell it)
        self.env["smec.collection.limitation.event"].sudo().search([("partial_id", "in", self.ids)]).unlink()
        return super().unlink()

    def _smec_record_payments(self):
        vals_list = []
        for partial in self:
            invoice, payment = partial.debit_move_id.move_id, partial.credit_move_id.move_id
            if invoice.move_type != "out_invoice" or invoice.state != "posted" or payment.move_type != "entry":
                continue
            vals_list.append(
                {
                    "move_id": invoice.id,
                    "kind": "payment",
                    "date": max(payment.date, invoice.invoice_date or invoice.date),
                    "partial_id": partial.id,
                }
            )
        if vals_list:
            self.env["smec.collection.limitation.event"].sudo().create(vals_list)
