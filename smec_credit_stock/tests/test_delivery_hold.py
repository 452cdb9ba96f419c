from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestDeliveryHold(SmecCreditStockCommon):
    """The warehouse validates deliveries as the credit rules stand that day."""

    def assertNothingMoved(self, picking, state="assigned"):
        picking.invalidate_recordset()
        self.assertEqual(picking.state, state)
        self.assertEqual(set(picking.move_ids.mapped("state")), {state})
        self.assertEqual(self.on_hand(), 100)
        self.assertFalse(self.env["stock.picking"].search([("backorder_id", "=", picking.id)]))

    def test_overdue_beyond_the_stop_shipping_days_holds_the_delivery(self):
        """An invoice 100 days past due (the company stops at 90): the delivery
        says so before anyone tries, is refused with the figures, and nothing
        moves; a customer 80 days late is still served."""
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        picking = picking.with_user(self.stock_user)
        self.assertTrue(picking.smec_credit_held)
        self.assertIn("100 days past due; shipping stops after 90 days", picking.smec_credit_hold_reasons)
        held = self.env["stock.picking"].with_user(self.stock_user).search([("smec_credit_held", "=", True)])
        self.assertEqual(held, picking)
        with self.assertRaisesRolledBack(UserError, "is on credit hold") as refusal:
            picking.button_validate()
        message = str(refusal.exception)
        self.assertIn(f"Delivery {picking.name} to Huaxin Tiles Co., Ltd.", message)
        self.assertIn(f"{self.currency.format(1500)} is overdue in all", message)
        self.assertIn("the customer pays the overdue invoices", message)
        self.assertNothingMoved(picking)
        # the same delivery to a customer 80 days late goes
        other = self.env["res.partner"].create({"name": "Late But Not Too Late", "is_company": True})
        _order, picking2 = self.sell(other, 10)
        self.overdue(other, 1500, 80)
        self.assertFalse(picking2.smec_credit_held)
        picking2.with_user(self.stock_user).button_validate()
        self.assertEqual(picking2.state, "done")
        self.assertEqual(self.on_hand(), 90)

    def test_the_company_sets_the_stop_shipping_days(self):
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        self.company.smec_stop_shipping_days = 120
        self.assertFalse(picking.smec_credit_held)
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")

    def test_a_blocking_flag_holds_the_delivery(self):
        """A dishonest judgment debtor (a blocking flag, as the legal hold of collection is)."""
        _order, picking = self.sell(self.customer, 10)
        flag = self.env["smec.credit.risk.flag"].create(
            {"partner_id": self.customer.id, "flag_type": "dishonest_debtor", "date": self.days(-1)}
        )
        self.assertTrue(flag.blocking)
        with self.assertRaisesRolledBack(UserError, "Risk flag: ") as refusal:
            picking.with_user(self.stock_user).button_validate()
        self.assertIn("a Credit Manager decides", str(refusal.exception))
        self.assertNothingMoved(picking)

    def test_over_the_limit_holds_only_when_the_company_says_so(self):
        """A limit of 3,000.00; an order of 10 x 100.00 = 1,000.00 confirmed
        when the customer owed nothing, then invoices of 2,500.00 (not due):
        exposure 2,500.00 + 1,000.00 = 3,500.00, over by 500.00. Held once the
        company stops shipping over the limit. An order of 5,000.00 the Credit
        Manager approved once over the limit goes whatever the limit."""
        self.customer.credit_limit = 3000
        _order, picking = self.sell(self.customer, 10)
        self.make_invoice(self.customer, 2500, self.today, due_date=self.days(30))
        self.assertFalse(picking.smec_credit_held)
        self.company.smec_stop_shipping_over_limit = True
        picking.invalidate_recordset()
        self.assertTrue(picking.smec_credit_held)
        fmt = self.currency.format
        self.assertIn(
            f"the exposure is {fmt(3500)} (open receivables {fmt(2500)} + draft invoices {fmt(0)} + confirmed "
            f"orders not invoiced {fmt(1000)}), over the limit of {fmt(3000)} by {fmt(500)}",
            picking.smec_credit_hold_reasons,
        )
        with self.assertRaisesRolledBack(UserError, "Credit limit exceeded"):
            picking.with_user(self.stock_user).button_validate()
        # approved once: an order of 5,000.00 over the limit goes out
        order2 = self.make_order(self.customer, 1)
        order2.order_line.write({"product_id": self.brick.id, "product_uom_qty": 50, "price_unit": 100})
        approval = self.env["smec.credit.approval"].create({"order_id": order2.id, "request_note": "Big project"})
        approval.sudo().write({"state": "approved", "decision": "once"})
        order2.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        self.assertFalse(order2.picking_ids.smec_credit_held)
        self.assertTrue(picking.smec_credit_held)

    def test_a_payment_that_clears_the_reason_lifts_the_hold(self):
        _order, picking = self.sell(self.customer, 10)
        invoice = self.overdue(self.customer, 1500, 100)
        self.assertTrue(picking.smec_credit_held)
        self.pay(invoice, 1500, self.today)
        picking.invalidate_recordset()
        self.assertFalse(picking.smec_credit_held)
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.on_hand(), 90)

    def test_unapplied_payments_that_cover_everything_let_it_go(self):
        """Overdue 1,500.00 but 8,000.00 paid and not matched: nothing at risk
        (exposure 1,500.00 + 1,000.00 order - 8,000.00 < 0), as the order check says."""
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        payment = self.env["account.payment"].create(
            {"partner_id": self.customer.id, "payment_type": "inbound", "partner_type": "customer", "amount": 8000}
        )
        payment.action_post()
        self.assertFalse(picking.smec_credit_held)

    def test_partial_deliveries_and_backorders_are_held_alike(self):
        """4 of 10 go while the customer pays; the backorder of 6 is held once an
        invoice is 100 days late; its partial validation is refused too, without
        a new backorder."""
        _order, picking = self.sell(self.customer, 10)
        self.set_quantities(picking, 4)
        action = picking.with_user(self.stock_user).button_validate()
        self.assertEqual(action["res_model"], "stock.backorder.confirmation")
        Form.from_action(self.env(user=self.stock_user), action).save().process()
        backorder = self.env["stock.picking"].search([("backorder_id", "=", picking.id)])
        self.assertEqual(backorder.move_ids.product_uom_qty, 6)
        self.assertEqual(self.on_hand(), 96)
        self.overdue(self.customer, 1500, 100)
        self.assertTrue(backorder.smec_credit_held)
        self.set_quantities(backorder, 2)
        with self.assertRaisesRolledBack(UserError, "is on credit hold"):
            backorder.with_user(self.stock_user).button_validate()
        # the backorder wizard's own validation is refused as well
        with self.assertRaisesRolledBack(UserError, "is on credit hold"):
            backorder.with_user(self.stock_user).with_context(
                skip_backorder=True, picking_ids_not_to_backorder=backorder.ids
            ).button_validate()
        self.assertEqual(self.on_hand(), 96)
        self.assertFalse(self.env["stock.picking"].search([("backorder_id", "=", backorder.id)]))
        self.assertEqual(backorder.state, "assigned")

    def test_a_draft_transfer_validated_at_once_is_held(self):
        """A delivery typed in the warehouse, not from an order, validated
        straight from draft (what a barcode scanner does): refused, left a draft.
        Its value is the products' sales price: 5 x 100.00."""
        self.overdue(self.customer, 1500, 100)
        picking = (
            self.env["stock.picking"]
            .with_user(self.stock_user)
            .create(
                {
                    "picking_type_id": self.warehouse.out_type_id.id,
                    "partner_id": self.customer.id,
                    "move_ids": [Command.create({"product_id": self.brick.id, "product_uom_qty": 5})],
                }
            )
        )
        self.assertEqual(picking.state, "draft")
        facts = self.env["smec.credit.delivery.check"]._delivery_check_facts(picking, lock=False)
        self.assertEqual(facts[0]["value"], 500)
        with self.assertRaisesRolledBack(UserError, "is on credit hold"):
            picking.button_validate()
        self.assertNothingMoved(picking, state="draft")

    def test_returns_and_receipts_are_never_held(self):
        _order, picking = self.sell(self.customer, 10)
        picking.button_validate()
        self.env["smec.credit.risk.flag"].create(
            {"partner_id": self.customer.id, "flag_type": "dishonest_debtor", "date": self.days(-1)}
        )
        # the customer sends 3 back
        wizard = (
            self.env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves.quantity = 3
        return_picking = self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        self.assertFalse(return_picking.smec_credit_held)
        return_picking.move_ids.quantity = 3
        return_picking.move_ids.picked = True
        return_picking.with_user(self.stock_user).button_validate()
        self.assertEqual(return_picking.state, "done")
        # goods received from that customer (a receipt)
        receipt = self.env["stock.picking"].create(
            {
                "picking_type_id": self.warehouse.in_type_id.id,
                "partner_id": self.customer.id,
                "move_ids": [Command.create({"product_id": self.brick.id, "product_uom_qty": 2})],
            }
        )
        receipt.action_confirm()
        receipt.move_ids.quantity = 2
        receipt.with_user(self.stock_user).button_validate()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self.on_hand(), 95)

    def test_a_company_that_only_warns_lets_it_go_with_the_reasons_kept(self):
        self.company.smec_hold_mode = "warn"
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        self.assertFalse(picking.smec_credit_held)
        self.assertTrue(picking.smec_credit_would_hold)
        picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "done")
        self.assertTrue(any("this company only warns" in str(body) for body in picking.message_ids.mapped("body")))

    def test_the_check_of_a_delivery_that_passes_is_one_statement(self):
        """The hold's cost at validation (#34: one query): a customer with open invoices within its limit, its
        delivery checked with the lock, as at validation. The user (its time zone) is read by any request
        already; what the caller wrote is flushed first (its own writes, not the check's)."""
        self.customer.credit_limit = 10000
        self.make_invoice(self.customer, 4000, self.today, due_date=self.days(30))
        _order, picking = self.sell(self.customer, 10)
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertTrue(self.env.user.lang)  # the user, loaded by every request
        with self.assertQueryCount(1):
            reasons = self.env["smec.credit.delivery.reasons"]._hold_reasons(picking)
        self.assertEqual(reasons, {picking: []})


@tagged("post_install", "-at_install")
class TestDeliveryHoldBeforeGoLive(SmecCreditStockCommon):
    """Installing changes nothing until the company goes live."""

    credit_live = False

    def test_nothing_is_held_before_go_live_and_the_switch_holds_it(self):
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        self.assertFalse(picking.smec_credit_held)
        self.assertTrue(picking.smec_credit_would_hold)
        self.assertIn("100 days past due", picking.smec_credit_hold_reasons)
        self.assertFalse(self.env["stock.picking"].search([("smec_credit_held", "=", True)]))
        _order2, picking2 = self.sell(self.customer, 5)
        picking2.with_user(self.stock_user).button_validate()
        self.assertEqual(picking2.state, "done")
        self.company._smec_go_live()
        picking.invalidate_recordset()
        self.assertTrue(picking.smec_credit_held)
        with self.assertRaisesRolledBack(UserError, "is on credit hold"):
            picking.with_user(self.stock_user).button_validate()
        self.assertEqual(picking.state, "assigned")
