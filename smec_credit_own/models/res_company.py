from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_own_credit_user_id = fields.Many2one(
        "res.users",
        string="Keeps Our Own Credit",
        domain="[('share', '=', False)]",
        help="Gets the activities to pay supplier bills before they are due. A Credit Manager when empty.",
    )
    smec_payable_warn_days = fields.Integer(
        string="Warn Days Before Bills Are Due",
        default=7,
        help="Supplier bills due within this many days are shown on Our Credit and given an activity to pay them.",
    )

    _smec_payable_warn_days_positive = models.Constraint(
        "CHECK(smec_payable_warn_days >= 0)", "Warn zero or more days before bills are due."
    )
