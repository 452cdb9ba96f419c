from odoo.tests import Form, tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestOverDelivery(SmecCreditStockCommon):
    """Delivering more than ordered of a product invoiced on delivery raises what
    the order will invoice: checked at validation as an amendment of the order.

    Limit 10,000.00. Open invoices 4,000.00 (not due) and an order of 10 bricks
    at 500.00 = 5,000.00 to deliver: exposure 9,000.00."""

    def setUp(self):
        super().setUp()
        self.customer.credit_limit = 10000
        self.make_invoice(self.customer, 4000, self.today, due_date=self.days(30))
        self.order, self.picking = self.sell(self.customer, 10, price=500)

    def exposure(self):
        return self.env["smec.credit.exposure"]._exposure(self.customer, self.company)[self.customer.id]

    def test_beyond_the_limit_the_choice_to_deliver_the_ordered_quantity(self):
        """14 delivered: 4 x 500.00 = 2,000.00 more, 11,000.00 against 10,000.00:
        nothing moves, the user may deliver the 10 ordered."""
        self.assertEqual(self.exposure()["total"], 9000)
        self.set_quantities(self.picking, 14)
        action = self.picking.with_user(self.stock_user).button_validate()
        self.assertEqual(action["res_model"], "smec.credit.overdelivery")
        wizard = self.env["smec.credit.overdelivery"].browse(action["res_id"])
        fmt = self.currency.format
        self.assertIn(
            f"this delivery adds {fmt(2000)} to the order; the exposure would be {fmt(11000)}", wizard.message
        )
        self.assertIn(f"over the limit of {fmt(10000)} by {fmt(1000)}", wizard.message)
        self.assertEqual(self.picking.state, "assigned")
        self.assertEqual(self.on_hand(), 100)
        self.assertEqual(self.order.order_line.qty_delivered, 0)
        wizard.with_user(self.stock_user).action_deliver_ordered()
        self.assertEqual(self.picking.state, "done")
        self.assertEqual(self.order.order_line.qty_delivered, 10)
        self.assertEqual(self.on_hand(), 90)
        self.assertEqual(self.exposure()["total"], 9000)

    def test_within_the_limit_it_goes_and_counts_in_the_exposure(self):
        """11 delivered: 500.00 more, 9,500.00: it goes; until invoiced, the extra
        brick counts in the order not invoiced: 5,000.00 x 11 / 10 = 5,500.00."""
        self.set_quantities(self.picking, 11)
        self.assertIs(self.picking.with_user(self.stock_user).button_validate(), True)
        self.assertEqual(self.order.order_line.qty_delivered, 11)
        self.assertEqual(self.exposure()["uninvoiced_orders"], 5500)
        self.assertEqual(self.exposure()["total"], 9500)

    def test_partial_delivery_and_partial_invoice_worked_by_hand(self):
        """Goods delivered and not invoiced count in the exposure, as part of the
        order not invoiced. 4 delivered and invoiced (2,000.00): receivable
        4,000.00 + 2,000.00, order left 5,000.00 x (10 - 4) / 10 = 3,000.00,
        total 9,000.00. 3 more delivered, not invoiced: still 3,000.00 (they
        are part of it), total 9,000.00. Then 5 more, 2 beyond the order:
        5,000.00 x (12 - 4) / 10 = 4,000.00, total 10,000.00 (within the limit)."""
        self.set_quantities(self.picking, 4)
        action = self.picking.button_validate()
        Form.from_action(self.env, action).save().process()
        invoice = self.order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.amount_total, 2000)
        exposure = self.exposure()
        self.assertEqual((exposure["receivable"], exposure["uninvoiced_orders"], exposure["total"]), (6000, 3000, 9000))
        backorder = self.order.picking_ids - self.picking
        self.set_quantities(backorder, 3)
        Form.from_action(self.env, backorder.button_validate()).save().process()
        self.assertEqual(self.order.order_line.qty_delivered, 7)
        exposure = self.exposure()
        self.assertEqual((exposure["receivable"], exposure["uninvoiced_orders"], exposure["total"]), (6000, 3000, 9000))
        last = self.order.picking_ids - self.picking - backorder
        self.set_quantities(last, 5)
        self.assertIs(last.button_validate(), True)
        self.assertEqual(self.order.order_line.qty_delivered, 12)
        exposure = self.exposure()
        self.assertEqual(
            (exposure["receivable"], exposure["uninvoiced_orders"], exposure["total"]), (6000, 4000, 10000)
        )
