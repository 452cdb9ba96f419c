from odoo import fields, models


class ResPartnerIndustry(models.Model):
    _inherit = "res.partner.industry"

    smec_risk_level = fields.Selection(
        [("1", "Low"), ("2", "Medium"), ("3", "High"), ("4", "Very high")],
        string="Credit Risk Level",
        help="Feeds the Conditions score of credit assessments.",
    )
