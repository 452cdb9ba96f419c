from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_quiet_start = fields.Float(related="company_id.smec_quiet_start", readonly=False)
    smec_quiet_end = fields.Float(related="company_id.smec_quiet_end", readonly=False)
    smec_weekly_contact_cap = fields.Integer(related="company_id.smec_weekly_contact_cap", readonly=False)
    smec_promise_grace_days = fields.Integer(related="company_id.smec_promise_grace_days", readonly=False)
