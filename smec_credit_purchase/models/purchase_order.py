from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    smec_supplier_grade_id = fields.Many2one(
        "smec.credit.grade", string="Supplier Grade", compute="_compute_smec_supplier_grade"
    )
    smec_supplier_blocking_flag = fields.Boolean(string="Supplier Risk Flag", compute="_compute_smec_supplier_grade")

    @api.depends("partner_id", "company_id")
    def _compute_smec_supplier_grade(self):
        for order in self:
            vendor = order.partner_id.commercial_partner_id.with_company(order.company_id).sudo()
            order.smec_supplier_grade_id = vendor.smec_supplier_grade_id
            order.smec_supplier_blocking_flag = vendor.smec_has_blocking_flag
