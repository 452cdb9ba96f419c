from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_fapiao_dunning = fields.Boolean(
        string="Dunning Waits for the Fapiao",
        help="The dunning run does not chase a customer invoice whose fapiao is not issued yet (its number "
        "not entered): the customer's accounts-payable pays against the fapiao.",
    )
