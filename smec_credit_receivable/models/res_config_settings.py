from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_aging_bucket_ids = fields.One2many(related="company_id.smec_aging_bucket_ids", readonly=False)
    smec_accounting_regime = fields.Selection(related="company_id.smec_accounting_regime", readonly=False)
    smec_allowance_account_id = fields.Many2one(related="company_id.smec_allowance_account_id", readonly=False)
    smec_impairment_account_id = fields.Many2one(related="company_id.smec_impairment_account_id", readonly=False)
    smec_writeoff_account_id = fields.Many2one(related="company_id.smec_writeoff_account_id", readonly=False)
    smec_recovery_account_id = fields.Many2one(related="company_id.smec_recovery_account_id", readonly=False)
    smec_provision_journal_id = fields.Many2one(related="company_id.smec_provision_journal_id", readonly=False)
    smec_industry_alert_percent = fields.Float(related="company_id.smec_industry_alert_percent", readonly=False)
    smec_industry_rise_points = fields.Float(related="company_id.smec_industry_rise_points", readonly=False)
