from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    smec_late_interest_rate = fields.Float(
        string="Agreed Late-Payment Interest (% a year)",
        digits=(5, 2),
        copy=True,
        help="The late-payment interest agreed in this order's contract, before the customer's own rate.",
    )
