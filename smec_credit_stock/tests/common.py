from odoo import Command

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


class SmecCreditStockCommon(SmecCreditCommon):
    """SMEC Credit's common base with a warehouse: a storable brick with 100 in
    stock, invoiced on delivery at 100.00 a unit (no taxes), a warehouse user
    (Inventory / User only) and the company's deliveries held after 90 days
    overdue (the default)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.brick = cls.storable("Brick", 100.0, 100)
        cls.stock_user = cls._user("smec_stock_user", "stock.group_stock_user")
        cls.company.smec_stop_shipping_days = 90

    @classmethod
    def storable(cls, name, price, on_hand):
        """A storable product sold at ``price`` (no taxes), invoiced on delivery, ``on_hand`` units in stock."""
        product = cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "list_price": price,
                "taxes_id": [Command.clear()],
                "invoice_policy": "delivery",
            }
        )
        cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, on_hand)
        return product

    @classmethod
    def sell(cls, partner, qty, price=100.0, product=None):
        """A confirmed order of ``qty`` bricks at ``price`` (the order gate skipped), and its delivery."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "warehouse_id": cls.warehouse.id,
                "order_line": [
                    Command.create(
                        {"product_id": (product or cls.brick).id, "product_uom_qty": qty, "price_unit": price}
                    )
                ],
            }
        )
        order.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        return order, order.picking_ids

    def overdue(self, partner, amount, days):
        """A posted invoice of ``amount``, ``days`` past due today."""
        return self.make_invoice(partner, amount, self.days(-days - 30), due_date=self.days(-days))

    def on_hand(self, product=None):
        return (product or self.brick).with_context(warehouse_id=self.warehouse.id).qty_available

    def set_quantities(self, picking, qty):
        for move in picking.move_ids:
            move.quantity = qty
            move.picked = True
