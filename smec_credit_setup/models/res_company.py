from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_profile_id = fields.Many2one(
        "smec.credit.profile", string="Business Profile", readonly=True, help="Set by the credit set-up."
    )
