"""A field the model's code fills once a record exists, sent on creation (#28).

``smec.guard.mixin`` compares a value sent for a code field with what the
record holds once created. An assessment reads its customer's ledger only once
it exists: sending the ledger's own figure is no change and is accepted (an
export of the record imported back), another figure is refused with the
field's name, through the ORM and over JSON-RPC, and nothing is created.
"""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon

REFUSED = r"Invoices \(12 months\) of a Credit Assessment cannot be set.*ledger_invoice_count=5"


@tagged("post_install", "-at_install")
class TestCodeFieldsOnCreation(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two invoices in the last twelve months: the ledger counts 2
        cls.make_invoice(cls.customer, 300, cls.today - timedelta(days=30))
        cls.make_invoice(cls.customer, 900, cls.today - timedelta(days=10))

    def assessments(self):
        return self.env["smec.credit.assessment"].search_count([("partner_id", "=", self.customer.id)])

    def test_the_ledgers_figure_is_accepted_another_refused(self):
        Assessment = self.env["smec.credit.assessment"].with_user(self.credit_user)
        assessment = Assessment.create({"partner_id": self.customer.id, "ledger_invoice_count": 2})
        self.assertEqual((assessment.ledger_invoice_count, assessment.has_history), (2, True))
        with self.assertRaisesRegex(UserError, REFUSED):
            Assessment.create({"partner_id": self.customer.id, "ledger_invoice_count": 5})
        self.assertEqual(self.assessments(), 1)

    def test_over_json_rpc(self):
        values = {"partner_id": self.customer.id, "ledger_invoice_count": 2}
        assessment_id = self.call_ok(self.credit_user, "smec.credit.assessment", "create", values)
        assessment = self.env["smec.credit.assessment"].browse(assessment_id)
        self.assertEqual(assessment.ledger_invoice_count, 2)
        self.call_refused(
            self.credit_user,
            "UserError",
            REFUSED,
            "smec.credit.assessment",
            "create",
            {**values, "ledger_invoice_count": 5},
        )
        self.assertEqual(self.assessments(), 1)


@tagged("post_install", "-at_install")
class TestTotalsAndReasonsOnCreation(SmecCreditCommon, RpcCase):
    """What the code sets once a record exists, sent by the users who create it
    (#28): an accountant's invoice with the total its taxes give (Odoo adds the
    tax lines after the guard's create), a salesperson's approval request with
    the order's total and the reasons of its hold (read once the request
    exists). The true values are accepted, others refused with the field's
    name and nothing created."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._user("smec_c_accountant", "account.group_account_invoice")
        cls.tax = cls.company_data["default_tax_sale"]
        # limit 1,000, nothing open: an order of 1,500 is held by 500
        cls.customer.sudo().write({"credit_limit": 1000, "user_id": cls.salesman.id})
        cls.order = cls.make_order(cls.customer, 1500, user=cls.salesman)

    def invoice_values(self, **sent):
        # 2 x 100.00 at 15 %: untaxed 200.00, tax 30.00, total 230.00
        return {
            "move_type": "out_invoice",
            "partner_id": self.customer.id,
            "invoice_date": str(self.today),
            "invoice_line_ids": [
                Command.create(
                    {"name": "Tiles", "quantity": 2, "price_unit": 100, "tax_ids": [Command.set(self.tax.ids)]}
                )
            ],
            **sent,
        }

    def invoices(self):
        return self.env["account.move"].search_count([("partner_id", "=", self.customer.id)])

    def test_an_invoice_sent_with_its_true_totals_is_accepted_another_refused(self):
        self.assertEqual(self.tax.amount, 15.0)
        Move = self.env["account.move"].with_user(self.accountant)
        invoice = Move.create(self.invoice_values(amount_untaxed=200, amount_tax=30, amount_total=230))
        self.assertEqual((invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total), (200, 30, 230))
        # the total without its tax, as the guard saw it before Odoo added the tax line: refused
        with self.assertRaisesRegex(UserError, r"Total of a Journal Entry cannot be set.*amount_total=200"):
            Move.create(self.invoice_values(amount_total=200))
        self.assertEqual(self.invoices(), 1)
        # over JSON-RPC, as the accountant: the same
        invoice_id = self.call_ok(self.accountant, "account.move", "create", self.invoice_values(amount_total=230))
        self.assertEqual(self.env["account.move"].browse(invoice_id).amount_total, 230)
        self.call_refused(
            self.accountant,
            "UserError",
            r"Tax of a Journal Entry cannot be set.*amount_tax=1",
            "account.move",
            "create",
            self.invoice_values(amount_tax=1),
        )
        self.assertEqual(self.invoices(), 2)

    def test_an_approval_request_sent_with_the_orders_total_and_reasons_is_accepted(self):
        reasons = "\n".join(r["message"] for r in self.order._smec_credit_gate(lock=False)[self.order])
        self.assertIn("over the limit of $\xa01,000.00 by $\xa0500.00", reasons)
        Approval = self.env["smec.credit.approval"].with_user(self.salesman)
        values = {"order_id": self.order.id, "request_note": "Paid on time for years"}
        approval = Approval.create({**values, "order_amount": 1500, "reasons": reasons})
        self.assertEqual((approval.order_amount, approval.reasons, approval.state), (1500, reasons, "draft"))
        with self.assertRaisesRegex(
            UserError, r"Approved Order Total of a Credit Approval Request cannot be set.*order_amount=1000000"
        ):
            Approval.create({**values, "order_amount": 1000000})
        with self.assertRaisesRegex(UserError, r"Why the order is held of a Credit Approval Request cannot be set"):
            Approval.create({**values, "reasons": "none"})
        self.assertEqual(self.order.smec_approval_ids, approval)
        # over JSON-RPC, as the salesperson
        approval_id = self.call_ok(
            self.salesman, "smec.credit.approval", "create", {**values, "order_amount": 1500, "reasons": reasons}
        )
        self.assertEqual(self.env["smec.credit.approval"].browse(approval_id).order_amount, 1500)
        self.call_refused(
            self.salesman,
            "UserError",
            r"Approved Order Total of a Credit Approval Request cannot be set.*order_amount=1",
            "smec.credit.approval",
            "create",
            {**values, "order_amount": 1},
        )
        # the workflow is still the buttons'
        self.call_refused(
            self.salesman,
            "AccessError",
            "with its buttons only",
            "smec.credit.approval",
            "create",
            {**values, "order_amount": 1500, "state": "approved"},
        )
        self.order.invalidate_recordset()
        self.assertEqual(len(self.order.smec_approval_ids), 2)
