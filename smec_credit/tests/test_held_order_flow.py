"""A held order's flow as the salesperson meets it over JSON-RPC (#29): the
request dialog starts from the order's total, confirming while the request
waits says what it waits for, a request is not left waiting once its order
went ahead, the Breakdown is the exposure's lines, and a quotation written
while its customer was new is confirmed on the terms its assessment gave."""

from odoo import fields
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestHeldOrderFlow(SmecCreditCommon, RpcCase):
    def _held_order(self):
        # limit 1,000; open invoice 400 due in 25 days; quotation 700: 1,100 with the order, 100 over the limit
        self.customer.sudo().credit_limit = 1000
        invoice = self.make_invoice(self.customer, 400, self.days(-5), due_date=self.days(25))
        order = self.make_order(self.customer, 700, user=self.salesman)
        self.assertTrue(order.smec_credit_held)
        return order, invoice

    def test_request_waits_then_lapses_when_the_order_goes_ahead(self):
        order, invoice = self._held_order()
        Approval = "smec.credit.approval"
        # the dialog's default values: the total to approve is the order's, not 0.00
        defaults = self.call_ok(
            self.salesman,
            Approval,
            "onchange",
            [],
            {},
            [],
            {"order_id": {}, "requested_total": {}},
            context={"default_order_id": order.id},
        )
        self.assertEqual(defaults["value"]["requested_total"], 700.0)
        approval_id = self.call_ok(
            self.salesman, Approval, "create", {"order_id": order.id, "request_note": "Paid on time for three years"}
        )
        self.call_ok(self.salesman, Approval, "action_request", [approval_id])
        approval = self.env[Approval].browse(approval_id)
        self.assertEqual((approval.state, approval.order_amount, approval.requested_total), ("requested", 700, 700))

        # Confirm while the request waits: refused, with what it waits for, not "request one"
        message = self.call_refused(
            self.salesman,
            "UserError",
            "waits for a Credit Manager's decision",
            "sale.order",
            "action_confirm",
            [order.id],
        )
        self.assertIn(approval.name, message)
        self.assertIn("1,100.00", message)
        self.assertNotIn('click "Request Credit Approval"', message)

        # the customer pays the 400: exposure 700 of 1,000, nothing holds the order; the salesperson confirms
        self.pay(invoice, 400, self.today)
        self.call_ok(self.salesman, "sale.order", "action_confirm", [order.id])
        self.assertEqual(order.state, "sale")
        # the request no Credit Manager decided is not left waiting, nor their activity
        approval.invalidate_recordset()
        self.assertEqual(approval.state, "lapsed")
        self.assertFalse(approval.activity_ids)
        self.assertIn("was confirmed on", " ".join(approval.message_ids.mapped("body")))

    def test_rejected_request_is_said_when_confirming(self):
        order, _invoice = self._held_order()
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "Big project"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).decision_note = "Pay the March invoice first"
        approval.with_user(self.credit_manager).action_reject()
        message = self.call_refused(
            self.salesman, "UserError", "was rejected by", "sale.order", "action_confirm", [order.id]
        )
        self.assertIn("Pay the March invoice first", message)

    def test_breakdown_opens_the_exposure_lines(self):
        order, _invoice = self._held_order()
        action = self.call_ok(self.salesman, "sale.order", "action_smec_open_exposure", [order.id])
        view = self.env.ref("smec_credit.res_partner_view_form_exposure")
        self.assertEqual((action["res_id"], action["views"]), (self.customer.id, [[view.id, "form"]]))
        arch = self.call_ok(self.salesman, "res.partner", "get_views", [[view.id, "form"]])["views"]["form"]["arch"]
        # the lines and their links, not the customer's form with its Contacts tab
        for name in ("smec_exposure_receivable", "smec_exposure_drafts", "smec_exposure_orders", "smec_exposure"):
            self.assertIn(f'name="{name}"', arch)
        self.assertNotIn("child_ids", arch)
        self.assertNotIn("o_notebook", arch)
        values = self.call_ok(
            self.salesman,
            "res.partner",
            "read",
            [self.customer.id],
            ["smec_exposure_receivable", "smec_exposure_orders", "smec_exposure", "smec_credit_available"],
        )[0]
        # 400 open, the quotation is no confirmed order yet: 400 of 1,000, 600 left
        self.assertEqual(
            (
                values["smec_exposure_receivable"],
                values["smec_exposure_orders"],
                values["smec_exposure"],
                values["smec_credit_available"],
            ),
            (400, 0, 400, 600),
        )

    def test_quotation_of_a_new_customer_takes_the_terms_of_its_assessment(self):
        # a company without a policy for new customers: until assessed, a customer has the terms it was given
        self.company.smec_new_customer_grade_id = False
        order_id = self.call_ok(
            self.salesman,
            "sale.order",
            "create",
            {"partner_id": self.customer.id, "order_line": [(0, 0, {"product_id": self.tile.id, "price_unit": 100})]},
        )
        order = self.env["sale.order"].browse(order_id)
        self.assertFalse(order.payment_term_id)
        # a salesperson's own choice is kept
        chosen = self.make_order(self.customer, 100, user=self.salesman)
        thirty = self.env.ref("account.account_payment_term_30days")
        chosen.payment_term_id = thirty

        # assessed by the credit user, approved by the Credit Manager: grade C, whose terms are 15 days
        assessment = self.new_assessment(user=self.credit_user)
        self.fill_new_customer(assessment)
        assessment.action_submit()
        assessment.with_user(self.credit_manager).action_approve()
        fifteen = self.env.ref("account.account_payment_term_15days")
        self.assertEqual(self.grade["C"].payment_term_id, fifteen)
        self.assertEqual((order.payment_term_id, chosen.payment_term_id), (fifteen, thirty))
        self.assertIn("customer's credit terms changed", order.message_ids[:1].body)

        # confirmed on them: invoiced today, due in 15 days
        self.call_ok(self.salesman, "sale.order", "action_confirm", [order.id])
        self.assertEqual((order.state, order.payment_term_id), ("sale", fifteen))
        invoice = order.sudo()._create_invoices()
        invoice.invoice_date = self.today
        invoice.action_post()
        self.assertEqual(invoice.invoice_date_due, fields.Date.add(self.today, days=15))
        # a new quotation starts on them
        later = self.make_order(self.customer, 100, user=self.salesman)
        self.assertEqual(later.payment_term_id, fifteen)
