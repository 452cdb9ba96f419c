from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["sale.order"].browse({v["order_id"] for v in vals_list if v.get("order_id")})
        before = {o.id: o.amount_total for o in orders if o.state == "sale"}
        lines = super().create(vals_list)
        if before:
            lines.order_id._smec_check_amendments(before)
        return lines

    def write(self, vals):
        confirmed = self.order_id.filtered(lambda o: o.state == "sale")
        before = {o.id: o.amount_total for o in confirmed}
        result = super().write(vals)
        if before and {"product_uom_qty", "price_unit", "discount", "tax_ids", "product_id"} & set(vals):
            confirmed._smec_check_amendments(before)
        return result
