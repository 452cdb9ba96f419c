from odoo import api, fields, models


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
            "smec_unit_price_delivered",
        }
    )

    # Odoo's price_total and price_reduce_taxinc are 0 on a line ordered 0 (one Odoo adds for a product
    # delivered on the order's transfer that the order did not have): what one unit delivered will invoice
    smec_unit_price_delivered = fields.Monetary(
        string="Unit Price Delivered (Taxes Incl.)",
        compute="_compute_smec_unit_price_delivered",
        store=True,
        help="On a line ordered 0, added for a product delivered beyond the order: what each unit delivered "
        "invoices, discount and taxes included. The credit exposure counts it until invoiced.",
    )

    @api.depends("product_uom_qty", "price_unit", "discount", "tax_ids", "display_type", "is_downpayment")
    def _compute_smec_unit_price_delivered(self):
        for line in self:
            if line.product_uom_qty or line.display_type or line.is_downpayment or not line.product_id:
                line.smec_unit_price_delivered = 0.0
                continue
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            line.smec_unit_price_delivered = line.tax_ids.compute_all(
                price,
                currency=line.currency_id,
                quantity=1.0,
                product=line.product_id,
                partner=line.order_id.partner_shipping_id,
            )["total_included"]

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS sale: a confirmed order whose total rises goes through the credit gate
        orders = self.env["sale.order"].browse({v["order_id"] for v in vals_list if v.get("order_id")})
        with self.env["smec.credit.gate"]._lines_change(orders):
            return super().create(vals_list)

    def write(self, vals):
        # EXTENDS sale: whatever the field, a confirmed order whose total rises goes through the credit gate
        with self.env["smec.credit.gate"]._lines_change(self.order_id):
            return super().write(vals)
