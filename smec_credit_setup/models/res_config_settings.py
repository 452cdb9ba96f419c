from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_profile_id = fields.Many2one(related="company_id.smec_profile_id")
