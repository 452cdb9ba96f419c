from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestAddedProducts(SmecCreditStockCommon):
    """A product the warehouse adds to a delivery that its order does not have:
    Odoo adds it to the order at validation (ordered 0, delivered all), and the
    order invoices it when the product is invoiced on delivery. The hold checks
    it at validation as it checks a delivery beyond the order, and the exposure
    counts it until invoiced.

    Limit 10,000.00. Open invoices 4,000.00 (not due) and an order of 10 bricks
    at 500.00 = 5,000.00 to deliver: exposure 9,000.00. Tiles sell at 250.00
    (no taxes, invoiced on delivery), and are not on the order."""

    def setUp(self):
        super().setUp()
        self.customer.credit_limit = 10000
        self.make_invoice(self.customer, 4000, self.today, due_date=self.days(30))
        self.order, self.picking = self.sell(self.customer, 10, price=500)
        self.tile = self.storable("Tile", 250.0, 50)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's sale_stock writes the added line on the order as the user who validates: a warehouse user who
        # delivers what the order lacks needs the rights on every order's lines
        cls.warehouse_seller = cls._user(
            "smec_warehouse_seller", "stock.group_stock_user,sales_team.group_sale_salesman_all_leads"
        )

    def exposure(self):
        return self.env["smec.credit.exposure"]._exposure(self.customer, self.company)[self.customer.id]

    def add_tiles(self, qty, user):
        """The warehouse user adds ``qty`` tiles to the delivery, as its form does."""
        picking = self.picking.with_user(user)
        picking.write(
            {
                "move_ids": [
                    Command.create(
                        {
                            "product_id": self.tile.id,
                            "product_uom_qty": qty,
                            "quantity": qty,
                            "picked": True,
                            "location_id": picking.location_id.id,
                            "location_dest_id": picking.location_dest_id.id,
                        }
                    )
                ]
            }
        )
        self.set_quantities(self.picking.with_user(user), 0)  # the bricks as ordered, the tiles as added
        for move in self.picking.move_ids:
            move.quantity = 10 if move.product_id == self.brick else qty
            move.picked = True
        return self.picking.move_ids.filtered(lambda m: m.product_id == self.tile)

    def test_over_the_limit_the_added_products_hold_the_delivery(self):
        """6 tiles x 250.00 = 1,500.00 the order will invoice more: 10,500.00 against
        10,000.00. The warehouse user gets the choice to deliver the ordered bricks
        only; nothing moves until then; the tiles stay to deliver, held."""
        self.assertEqual(self.exposure()["total"], 9000)
        added = self.add_tiles(6, self.stock_user)
        self.assertFalse(added.sale_line_id)
        self.picking.invalidate_recordset()
        fmt = self.currency.format
        reasons = self.picking.with_user(self.stock_user).smec_credit_hold_reasons
        self.assertIn(f"this delivery adds {fmt(1500)} to the order; the exposure would be {fmt(10500)}", reasons)
        self.assertIn(f"over the limit of {fmt(10000)} by {fmt(500)}", reasons)
        action = self.picking.with_user(self.stock_user).button_validate()
        self.assertEqual(action["res_model"], "smec.credit.overdelivery")
        self.assertEqual((self.picking.state, self.on_hand(), self.on_hand(self.tile)), ("assigned", 100, 50))
        self.assertEqual(len(self.order.order_line), 1, "nothing added to the order")
        # a user who may not release: the warehouse cannot release its own delivery
        release = (
            self.env["smec.credit.delivery.release"].with_user(self.stock_user).create({"picking_id": self.picking.id})
        )
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager"):
            release.write({"decision_note": "ok"})
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager"):
            release.action_release()
        # RPC-style validation of the transfer alone (no wizard): refused with the reasons, nothing moved
        with self.assertRaisesRolledBack(UserError, "More than ordered"):
            self.picking.with_user(self.stock_user).with_context(skip_backorder=True)._action_done()
        self.assertEqual((self.on_hand(), self.on_hand(self.tile)), (100, 50))
        # deliver the ordered quantities only: the bricks go, the tiles wait on a backorder, held
        wizard = self.env["smec.credit.overdelivery"].browse(action["res_id"]).with_user(self.stock_user)
        result = wizard.action_deliver_ordered()
        if isinstance(result, dict):
            Form.from_action(self.env(user=self.stock_user), result).save().process()
        self.assertEqual(self.picking.state, "done")
        self.assertEqual((self.on_hand(), self.on_hand(self.tile)), (90, 50))
        self.assertEqual(self.order.order_line.qty_delivered, 10)
        self.assertEqual(self.exposure()["total"], 9000)
        backorder = self.env["stock.picking"].search([("backorder_id", "=", self.picking.id)])
        self.assertEqual(backorder.move_ids.product_id, self.tile)
        self.assertTrue(backorder.with_user(self.stock_user).smec_credit_held)
        self.assertIn(
            f"this delivery adds {fmt(1500)} to the order; the exposure would be {fmt(10500)}",
            backorder.with_user(self.stock_user).smec_credit_hold_reasons,
        )

    def test_within_the_limit_they_go_and_count_in_the_exposure(self):
        """4 tiles x 250.00 = 1,000.00 more: 10,000.00, not over the limit: it goes.
        Odoo adds the tiles to the order (ordered 0, delivered 4, at 250.00);
        until invoiced they count in the order not invoiced: 5,000.00 + 1,000.00
        = 6,000.00, total 10,000.00. Invoiced, they move to the receivables:
        4,000.00 + 6,000.00, nothing left on the order."""
        self.add_tiles(4, self.warehouse_seller)
        self.assertFalse(self.picking.with_user(self.warehouse_seller).smec_credit_held)
        self.assertIs(self.picking.with_user(self.warehouse_seller).button_validate(), True)
        self.assertEqual(self.on_hand(self.tile), 46)
        added = self.order.order_line.filtered(lambda line: line.product_id == self.tile)
        self.assertEqual((added.product_uom_qty, added.qty_delivered, added.price_unit), (0, 4, 250))
        self.assertEqual(added.smec_unit_price_delivered, 250)
        exposure = self.exposure()
        self.assertEqual(
            (exposure["receivable"], exposure["uninvoiced_orders"], exposure["total"]), (4000, 6000, 10000)
        )
        invoice = self.order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 6000)
        exposure = self.exposure()
        self.assertEqual((exposure["receivable"], exposure["uninvoiced_orders"], exposure["total"]), (10000, 0, 10000))
