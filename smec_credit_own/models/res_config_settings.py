from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_own_credit_user_id = fields.Many2one(related="company_id.smec_own_credit_user_id", readonly=False)
    smec_payable_warn_days = fields.Integer(related="company_id.smec_payable_warn_days", readonly=False)
