from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    smec_supplier_grade_id = fields.Many2one(
        related="commercial_partner_id.smec_supplier_grade_id", string="Supplier Grade"
    )
    smec_customer_grade_id = fields.Many2one(related="commercial_partner_id.smec_grade_id", string="Customer Grade")
