from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_fapiao_dunning = fields.Boolean(related="company_id.smec_fapiao_dunning", readonly=False)
