from odoo import api, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.model_create_multi
    def create(self, vals_list):
        orders = self.env["sale.order"].browse({v["order_id"] for v in vals_list if v.get("order_id")})
        before = {o.id: o.amount_total for o in orders}
        lines = super().create(vals_list)
        lines.order_id._smec_after_amount_change(before)
        return lines

    def write(self, vals):
        # whatever the field: Odoo prices a line again from others (a unit of
        # measure in dozens multiplies its price by 12), so compare the totals
        orders = self.order_id
        before = {o.id: o.amount_total for o in orders}
        result = super().write(vals)
        orders._smec_after_amount_change(before)
        return result
