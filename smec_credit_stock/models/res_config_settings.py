from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_stop_shipping_days = fields.Integer(related="company_id.smec_stop_shipping_days", readonly=False)
    smec_stop_shipping_over_limit = fields.Boolean(related="company_id.smec_stop_shipping_over_limit", readonly=False)
