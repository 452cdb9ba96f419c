from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestDeliveryRelease(SmecCreditStockCommon):
    """A Credit Manager releases one held delivery, with a note, for that delivery only."""

    def setUp(self):
        super().setUp()
        _order, self.picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)

    def request(self, user, note="The customer promised to pay on Friday"):
        release = self.env["smec.credit.delivery.release"].with_user(user).create({"picking_id": self.picking.id})
        release.request_note = note
        release.action_request()
        return release

    def test_the_warehouse_asks_a_credit_manager_releases_the_delivery_goes(self):
        release = self.request(self.stock_user)
        self.assertEqual(release.state, "requested")
        self.assertEqual(release.requested_by_id, self.stock_user)
        self.assertEqual(release.partner_id, self.customer)
        self.assertEqual(release.amount, 1000)  # 10 x 100.00 at the order's price
        self.assertIn("100 days past due", release.reasons)
        # each Credit Manager gets an activity to decide
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        self.assertEqual(release.activity_ids.user_id, managers)
        release = release.with_user(self.credit_manager)
        with self.assertRaisesRolledBack(UserError, "Give the reason for your decision"):
            release.action_release()
        release.decision_note = "Paid on Friday for ten years"
        release.action_release()
        self.assertEqual(release.state, "released")
        self.assertEqual(release.decided_by_id, self.credit_manager)
        self.assertTrue(release.decided_on)
        self.assertFalse(release.activity_ids)
        self.picking.invalidate_recordset()
        self.assertFalse(self.picking.smec_credit_held)
        self.assertTrue(self.picking.smec_credit_released)
        # for that delivery only: 4 go, the backorder of 6 is held again
        self.set_quantities(self.picking, 4)
        action = self.picking.with_user(self.stock_user).button_validate()
        Form.from_action(self.env(user=self.stock_user), action).save().process()
        self.assertEqual(self.picking.state, "done")
        backorder = self.env["stock.picking"].search([("backorder_id", "=", self.picking.id)])
        self.assertTrue(backorder.smec_credit_held)
        with self.assertRaisesRolledBack(UserError, "is on credit hold"):
            backorder.with_user(self.stock_user).button_validate()

    def test_who_may_release(self):
        release = self.request(self.stock_user)
        for user in (self.stock_user, self.salesman, self.credit_user):
            with self.subTest(user=user.login):
                with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager"):
                    release.with_user(user).write({"decision_note": "ok"})
                with self.assertRaisesRolledBack(AccessError, "set with its buttons only"):
                    release.with_user(user).write({"state": "released"})
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager releases"):
            release.with_user(self.stock_user).action_release()
        # nobody sends the stamps or the state with a creation
        with self.assertRaisesRolledBack(AccessError, "set with its buttons only"):
            self.env["smec.credit.delivery.release"].with_user(self.credit_manager).create(
                {"picking_id": self.picking.id, "state": "released"}
            )
        self.assertTrue(self.picking.smec_credit_held)

    def test_four_eyes_when_the_company_asks(self):
        """The company does not let Credit Managers approve their own requests:
        the one who asked does not release; another does."""
        self.assertFalse(self.company.smec_allow_self_approval)
        release = self.request(self.credit_manager).with_user(self.credit_manager)
        # the asker gets no activity: the other Credit Managers do
        self.assertNotIn(self.credit_manager, release.activity_ids.user_id)
        release.decision_note = "I know them"
        with self.assertRaisesRolledBack(UserError, "another Credit Manager must decide"):
            release.action_release()
        release.with_user(self.credit_manager_2).action_release()
        self.assertEqual(release.state, "released")
        self.assertEqual(release.decided_by_id, self.credit_manager_2)
        # a company that allows it: a Credit Manager releases directly
        self.company.smec_allow_self_approval = True
        _order, picking2 = self.sell(self.customer, 5)
        direct = (
            self.env["smec.credit.delivery.release"]
            .with_user(self.credit_manager)
            .create({"picking_id": picking2.id, "decision_note": "Urgent site delivery"})
        )
        direct.action_release()
        self.assertEqual(direct.state, "released")
        picking2.with_user(self.stock_user).button_validate()
        self.assertEqual(picking2.state, "done")

    def test_refused_stays_held_and_a_decision_is_history(self):
        release = self.request(self.stock_user).with_user(self.credit_manager)
        release.decision_note = "Not before the overdue invoice is paid"
        release.action_refuse()
        self.assertEqual(release.state, "refused")
        self.assertTrue(self.picking.smec_credit_held)
        with self.assertRaisesRolledBack(AccessError, "decided"):
            release.write({"decision_note": "changed my mind"})
        with self.assertRaisesRolledBack(UserError, "decided already"):
            release.action_release()

    def test_no_release_for_a_delivery_not_held(self):
        other = self.env["res.partner"].create({"name": "Good Payer", "is_company": True})
        _order, picking = self.sell(other, 5)
        with self.assertRaisesRolledBack(UserError, "is not on credit hold"):
            self.env["smec.credit.delivery.release"].with_user(self.stock_user).create({"picking_id": picking.id})

    def test_a_release_stays_with_its_delivery_and_its_company(self):
        release = self.request(self.stock_user)
        other_customer = self.env["res.partner"].create({"name": "Also Late", "is_company": True})
        _order, other_picking = self.sell(other_customer, 2)
        with self.assertRaisesRolledBack(UserError, "stays with the delivery"):
            release.with_user(self.stock_user).write({"picking_id": other_picking.id})
        # another company's users do not see it
        other_company = self.env["res.company"].create({"name": "Other Branch"})
        outsider = self._user("smec_outsider", "stock.group_stock_user")
        outsider.write({"company_ids": [(6, 0, other_company.ids)], "company_id": other_company.id})
        self.assertFalse(self.env["smec.credit.delivery.release"].with_user(outsider).search([]))
        self.assertEqual(self.env["smec.credit.delivery.release"].with_user(self.stock_user).search([]), release)
