"""A field the model's code fills once a record exists, sent on creation (#28).

``smec.guard.mixin`` compares a value sent for a code field with what the
record holds once created. An assessment reads its customer's ledger only once
it exists: sending the ledger's own figure is no change and is accepted (an
export of the record imported back), another figure is refused with the
field's name, through the ORM and over JSON-RPC, and nothing is created.
"""

import re
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


# an order of one line, 3 x 80.00 less 10 % at 15 % tax: 72.00 a unit, untaxed 216.00, tax 32.40, total 248.40
ORDER_TRUE = {
    "amount_untaxed": 216.0,
    "amount_tax": 32.4,
    "amount_total": 248.4,
    "invoice_status": "no",
    "currency_rate": 1.0,
    "smec_portal_held": False,
}
LINE_TRUE = {
    "price_subtotal": 216.0,
    "price_tax": 32.4,
    "price_total": 248.4,
    "price_reduce_taxexcl": 72.0,
    "price_reduce_taxinc": 82.8,
    "qty_invoiced": 0.0,
    "qty_to_invoice": 0.0,
    "invoice_status": "no",
    "untaxed_amount_invoiced": 0.0,
    "untaxed_amount_to_invoice": 0.0,
    "qty_delivered_method": "manual",
    "smec_unit_price_delivered": 0.0,
}
# the same order confirmed on creation: all 3 units and 216.00 to invoice
CONFIRMED_ORDER_TRUE = {**ORDER_TRUE, "invoice_status": "to invoice"}
CONFIRMED_LINE_TRUE = {
    **LINE_TRUE,
    "invoice_status": "to invoice",
    "qty_to_invoice": 3.0,
    "untaxed_amount_to_invoice": 216.0,
}


def other_value(value):
    """A value other than ``value``: an empty one (0, nothing) where the true value is not empty, which is what a
    field without a default holds before the code computes it; else one the code does not set."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return False
    return 0.0 if value else 1.0


@tagged("post_install", "-at_install")
class TestSaleOrderCodeFieldsOnCreation(SmecCreditCommon, RpcCase):
    """An order and its lines created by a salesperson with the values Odoo computes for the fields the guard
    holds (#28): Odoo's sale.order and sale.order.line code computes them once the records exist, after the
    guard's create; the true values are accepted, any other value (0 or nothing included, which a field without
    a default used to let through unsaid) is refused with the field's name, and nothing is created."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._user("smec_so_seller", "sales_team.group_sale_salesman")
        cls.customer.sudo().write({"credit_limit": 100000, "user_id": cls.seller.id})
        tax = cls.company_data["default_tax_sale"]
        cls.product = cls.env["product.product"].create(
            {
                "name": "Installation",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 80,
                "taxes_id": [Command.set(tax.ids)],
            }
        )

    def order_values(self, confirmed=False, order=None, line=None):
        return {
            "partner_id": self.customer.id,
            **({"state": "sale"} if confirmed else {}),
            **(order or {}),
            "order_line": [
                Command.create(
                    {
                        "product_id": self.product.id,
                        "product_uom_qty": 3,
                        "price_unit": 80,
                        "discount": 10,
                        **(line or {}),
                    }
                )
            ],
        }

    def orders(self):
        return self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)])

    def refused(self, model, name, value):
        label = self.env[model]._fields[name]._description_string(self.env)
        described = re.escape(self.env[model]._description)
        return rf"{re.escape(label)} of a {described} cannot be set.*{name}={re.escape(repr(value))}"

    def test_the_true_values_are_accepted_through_the_orm(self):
        self.assertEqual(
            (set(ORDER_TRUE), set(LINE_TRUE)),
            (self.env["sale.order"]._smec_all_code_fields(), self.env["sale.order.line"]._smec_all_code_fields()),
            "every field the guard holds on an order and its lines is tried",
        )
        self.assertEqual(self.company_data["default_tax_sale"].amount, 15.0)
        Order = self.env["sale.order"].with_user(self.seller)
        for confirmed, order_true, line_true in (
            (False, ORDER_TRUE, LINE_TRUE),
            (True, CONFIRMED_ORDER_TRUE, CONFIRMED_LINE_TRUE),
        ):
            with self.subTest(confirmed=confirmed):
                order = Order.create(self.order_values(confirmed, order_true, line_true))
                self.assertEqual(order.state, "sale" if confirmed else "draft")
                self.assertEqual({name: order[name] for name in order_true}, order_true)
                self.assertEqual(
                    {name: order.order_line[name] for name in line_true},
                    {**line_true, "price_tax": order.order_line.price_tax},
                )
                self.assertAlmostEqual(order.order_line.price_tax, 32.4)
        self.assertEqual(self.orders(), 2)

    def test_every_other_value_is_refused_with_the_fields_name_through_the_orm(self):
        Order = self.env["sale.order"].with_user(self.seller)
        for confirmed, order_true, line_true in (
            (False, ORDER_TRUE, LINE_TRUE),
            (True, CONFIRMED_ORDER_TRUE, CONFIRMED_LINE_TRUE),
        ):
            cases = [
                ("sale.order", name, other_value(value), {name: other_value(value)}, None)
                for name, value in order_true.items()
            ]
            cases += [
                ("sale.order.line", name, other_value(value), None, {name: other_value(value)})
                for name, value in line_true.items()
            ]
            for model, name, value, order_sent, line_sent in cases:
                with self.subTest(confirmed=confirmed, model=model, field=name, value=value):
                    with self.assertRaisesRolledBack(UserError, self.refused(model, name, value)):
                        Order.create(self.order_values(confirmed, order_sent, line_sent))
        self.assertEqual(self.orders(), 0)

    def test_over_json_rpc_as_the_salesperson(self):
        # the values a client reads back from an order, sent again on creation: accepted
        order_id = self.call_ok(
            self.seller, "sale.order", "create", self.order_values(order=ORDER_TRUE, line=LINE_TRUE)
        )
        order = self.env["sale.order"].browse(order_id)
        self.assertEqual((order.amount_total, order.order_line.price_total), (248.4, 248.4))
        # every other value refused with the field's name; nothing created
        for name, value in ORDER_TRUE.items():
            with self.subTest(model="sale.order", field=name):
                sent = other_value(value)
                self.call_refused(
                    self.seller,
                    "UserError",
                    self.refused("sale.order", name, sent),
                    "sale.order",
                    "create",
                    self.order_values(order={name: sent}),
                )
        for name, value in LINE_TRUE.items():
            with self.subTest(model="sale.order.line", field=name):
                sent = other_value(value)
                self.call_refused(
                    self.seller,
                    "UserError",
                    self.refused("sale.order.line", name, sent),
                    "sale.order",
                    "create",
                    self.order_values(line={name: sent}),
                )
        self.assertEqual(self.orders(), 1)

    def test_the_refusal_is_in_the_salespersons_language(self):
        """A JSON-RPC call sent without a context: the refusal, the field and the model in the salesperson's
        Chinese (Odoo's ``_()`` falls back on the user's language; the labels follow it)."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "in", ("smec_base", "sale"))])._update_translations(["zh_CN"])
        self.env.registry.clear_all_caches()
        self.seller.lang = "zh_CN"
        self.call_refused(
            self.seller,
            "UserError",
            r"^销售订单的总计不能直接设置：系统根据其依据计算。发送的值（amount_total=0）已被拒绝，未保存任何内容",  # noqa: RUF001
            "sale.order",
            "create",
            self.order_values(order={"amount_total": 0}),
        )
        self.call_refused(
            self.seller,
            "UserError",
            r"^销售订单明细的总税额不能直接设置.*price_tax=30",
            "sale.order",
            "create",
            self.order_values(line={"price_tax": 30}),
        )
        self.assertEqual(self.orders(), 0)
