from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_stop_shipping_days = fields.Integer(
        string="Stop Shipping After Days Overdue",
        default=90,
        help="A delivery to a customer with an invoice overdue more than this many days is held at validation "
        "(暫停發貨). Installing the add-on sets it to the company's order hold days.",
    )
    smec_stop_shipping_over_limit = fields.Boolean(
        string="Stop Shipping Over the Credit Limit",
        help="Also hold deliveries to customers whose exposure is over their credit limit (orders the Credit "
        "Manager approved once over it go out). Off: only the orders are held for the limit.",
    )

    _smec_stop_shipping_days_positive = models.Constraint(
        "CHECK(smec_stop_shipping_days >= 0)", "Stop shipping after zero or more days overdue."
    )
