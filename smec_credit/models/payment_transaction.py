from odoo import models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _check_amount_and_confirm_order(self):
        # EXTENDS sale: an order held on credit stays a quotation. Odoo mails
        # "payment received" for the orders this does not return, and only a
        # confirmation mail for the others: a held order is not confirmed.
        confirmed = super()._check_amount_and_confirm_order()
        return confirmed.filtered(lambda order: order.state == "sale")
