from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_quiet_start = fields.Float(related="company_id.smec_quiet_start", readonly=False)
    smec_quiet_end = fields.Float(related="company_id.smec_quiet_end", readonly=False)
    smec_weekly_contact_cap = fields.Integer(related="company_id.smec_weekly_contact_cap", readonly=False)
    smec_promise_grace_days = fields.Integer(related="company_id.smec_promise_grace_days", readonly=False)
    smec_promise_max_days = fields.Integer(related="company_id.smec_promise_max_days", readonly=False)
    smec_is_sme = fields.Boolean(related="company_id.smec_is_sme", readonly=False)
    smec_interest_lpr_markup = fields.Float(related="company_id.smec_interest_lpr_markup", readonly=False)
    smec_interest_account_id = fields.Many2one(related="company_id.smec_interest_account_id", readonly=False)
    smec_lawyer_id = fields.Many2one(related="company_id.smec_lawyer_id", readonly=False)
    smec_mediator_id = fields.Many2one(related="company_id.smec_mediator_id", readonly=False)
