from odoo import api, models


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "smec.guard.mixin"]

    # computed by Odoo from quantities, prices, discounts, taxes and invoices,
    # never written by its screens: a value that changes one is refused with a
    # message (smec.guard.mixin). The quantities that define them (ordered,
    # delivered) are the user's, as in Odoo.
    _smec_code_fields = frozenset(
        {
            "price_subtotal",
            "price_tax",
            "price_total",
            "price_reduce_taxexcl",
            "price_reduce_taxinc",
            "qty_invoiced",
            "qty_to_invoice",
            "invoice_status",
            "untaxed_amount_invoiced",
            "untaxed_amount_to_invoice",
            "qty_delivered_method",
        }
    )

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
