from odoo.tests import HttpCase, tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestHoldTour(SmecCreditCommon, HttpCase):
    """A held order in the web client, in a real browser: the salesperson sees why
    and asks for an approval, a Credit Manager approves it, the salesperson confirms."""

    def test_held_order_is_requested_approved_and_confirmed_in_the_browser(self):
        # limit 1,000; open invoice 400 (not yet due); quotation 700:
        # exposure with the order 400 + 700 = 1,100, 100 over the limit
        self.customer.sudo().credit_limit = 1000
        self.make_invoice(self.customer, 400, self.days(-5), due_date=self.days(25))
        order = self.make_order(self.customer, 700, user=self.salesman)
        self.assertTrue(order.smec_credit_held)

        self.start_tour(f"/odoo/sales/{order.id}", "smec_credit_hold_request_tour", login=self.salesman.login)
        approval = order.smec_approval_ids
        self.assertRecordValues(
            approval,
            [
                {
                    "state": "requested",
                    "requested_by_id": self.salesman.id,
                    "order_amount": 700.0,
                    "request_note": "The customer has paid within terms for three years",
                }
            ],
        )
        self.assertIn("1,100.00", approval.reasons)
        self.assertIn("100.00.", approval.reasons)  # over the limit by
        self.assertEqual(order.state, "draft", "the refused confirmation changed nothing")
        activity_type = self.env.ref("smec_credit.mail_activity_credit_approval")
        self.assertIn(
            self.credit_manager, approval.activity_ids.filtered(lambda a: a.activity_type_id == activity_type).user_id
        )

        self.start_tour(
            f"/odoo/credit-approvals/{approval.id}", "smec_credit_hold_decide_tour", login=self.credit_manager.login
        )
        self.assertRecordValues(
            approval,
            [
                {
                    "state": "approved",
                    "decision": "once",
                    "decided_by_id": self.credit_manager.id,
                    "decision_note": "Guaranteed by the director; approved for this order only",
                }
            ],
        )
        self.assertEqual(order.state, "draft", "approving does not confirm an order the salesperson holds")

        self.start_tour(f"/odoo/sales/{order.id}", "smec_credit_hold_confirm_tour", login=self.salesman.login)
        self.assertEqual(order.state, "sale")

    def test_amendment_of_a_confirmed_order_is_approved_in_advance_in_the_browser(self):
        # limit 1,000; open invoice 400; confirmed order 500: exposure 900.
        # Raising the order to 700 would make it 1,100, 100 over the limit.
        self.customer.sudo().credit_limit = 1000
        self.make_invoice(self.customer, 400, self.days(-5), due_date=self.days(25))
        order = self.make_order(self.customer, 500, user=self.salesman)
        order.with_user(self.salesman).action_confirm()

        self.start_tour(f"/odoo/sales/{order.id}", "smec_credit_amendment_request_tour", login=self.salesman.login)
        self.assertEqual(order.amount_total, 500.0, "the refused amendment changed nothing")
        approval = order.smec_approval_ids
        self.assertRecordValues(
            approval,
            [{"state": "requested", "order_amount": 700.0, "request_note": "Two more pallets for the same site"}],
        )
        self.assertIn("1,100.00", approval.reasons)

        approval.with_user(self.credit_manager).decision_note = "Same site, paid on time"
        approval.with_user(self.credit_manager).action_approve()
        self.start_tour(
            f"/odoo/sales/{order.id}", "smec_credit_amendment_after_approval_tour", login=self.salesman.login
        )
        self.assertEqual((order.state, order.amount_total), ("sale", 700.0))

    def test_warn_only_company_shows_a_warning_and_confirms(self):
        # limit 1,000; open invoice 400; quotation 700: 1,100, over by 100, but the company only warns
        self.company.smec_hold_mode = "warn"
        self.customer.sudo().credit_limit = 1000
        self.make_invoice(self.customer, 400, self.days(-5), due_date=self.days(25))
        order = self.make_order(self.customer, 700, user=self.salesman)
        self.start_tour(f"/odoo/sales/{order.id}", "smec_credit_warn_only_tour", login=self.salesman.login)
        self.assertEqual(order.state, "sale")
        self.assertTrue(any("this company only warns" in body for body in order.message_ids.mapped("body")))
