from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_hold_mode = fields.Selection(related="company_id.smec_hold_mode", readonly=False)
    smec_block_overdue_days = fields.Integer(related="company_id.smec_block_overdue_days", readonly=False)
    smec_warn_overdue_days = fields.Integer(related="company_id.smec_warn_overdue_days", readonly=False)
    smec_include_draft_invoices = fields.Boolean(related="company_id.smec_include_draft_invoices", readonly=False)
    smec_allow_self_approval = fields.Boolean(related="company_id.smec_allow_self_approval", readonly=False)
    smec_assessment_validity_months = fields.Integer(
        related="company_id.smec_assessment_validity_months", readonly=False
    )
    smec_new_customer_grade_id = fields.Many2one(related="company_id.smec_new_customer_grade_id", readonly=False)
    smec_review_raise_on_time = fields.Float(related="company_id.smec_review_raise_on_time", readonly=False)
    smec_review_raise_percent = fields.Float(related="company_id.smec_review_raise_percent", readonly=False)
    smec_review_cut_days = fields.Float(related="company_id.smec_review_cut_days", readonly=False)
    smec_review_cut_percent = fields.Float(related="company_id.smec_review_cut_percent", readonly=False)
    smec_credit_live_date = fields.Date(related="company_id.smec_credit_live_date")
    smec_separate_credit_roles = fields.Boolean(related="company_id.smec_separate_credit_roles", readonly=False)
    smec_full_5c_min_sales = fields.Monetary(related="company_id.smec_full_5c_min_sales", readonly=False)
    smec_full_5c_tag_ids = fields.Many2many(related="company_id.smec_full_5c_tag_ids", readonly=False)
