"""Odoo's own fields the credit control reads, as users send them (#28).

Every field of Odoo's models that ``smec.guard.mixin`` guards is either applied
as Odoo applies it (the currency of an order, the quantities typed on a line)
or refused with a message naming it, through write, create, the ``default_``
keys of a context, import and duplication; never dropped in silence. Sending
back what a field holds already is no change (a form saving what it read).
"""

import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from ..models.account_move import AccountMove, AccountMoveLine
from ..models.account_payment import AccountPayment
from ..models.res_partner import ResPartner
from ..models.sale_order import SaleOrder
from ..models.sale_order_line import SaleOrderLine
from .common import SmecCreditCommon

# the classes by which this add-on guards fields of Odoo's models
GUARDED = (SaleOrder, SaleOrderLine, AccountMove, AccountMoveLine, ResPartner, AccountPayment)


@tagged("post_install", "-at_install")
class TestGuardedOdooFields(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._user("smec_g_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.accountant = cls._user("smec_g_accountant", "account.group_account_invoice,base.group_partner_manager")
        cls.customer.sudo().credit_limit = 1000
        cls.eur = cls.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        cls.other = cls.env["res.partner"].create({"name": "Dongfang Trading", "is_company": True})
        # a confirmed order of 900, an invoice of 500 of which 200 is paid
        cls.order = cls.make_order(cls.customer, 900, confirm=True, user=cls.seller)
        cls.invoice = cls.make_invoice(cls.customer, 500, cls.today)
        cls.payment = cls.pay(cls.invoice, 200, cls.today)

    def refused_message(self, record, name):
        label = record._fields[name]._description_string(self.env)
        return f"{re.escape(label)} of a .* cannot be set.*{name}="

    def guarded_cases(self):
        """(record, user who edits it, {field: a value other than the one it holds}) for every field of Odoo's
        models the guard holds."""
        line = self.order.order_line
        receivable = self.invoice.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable")
        assessment = self.new_assessment()
        return [
            (
                self.order,
                self.seller,
                {
                    "amount_untaxed": 1,
                    "amount_tax": 1,
                    "amount_total": 1,
                    "invoice_status": "invoiced",
                    "currency_rate": 1000.0,
                    "smec_portal_held": True,
                },
            ),
            (
                line,
                self.seller,
                {
                    "price_subtotal": 1,
                    "price_tax": 1,
                    "price_total": 1,
                    "price_reduce_taxexcl": 1,
                    "price_reduce_taxinc": 1,
                    "qty_invoiced": 1,
                    "qty_to_invoice": 5,
                    "invoice_status": "invoiced",
                    "untaxed_amount_invoiced": 1,
                    "untaxed_amount_to_invoice": 1,
                    "qty_delivered_method": "analytic",
                    # a line ordered 0 only: on this ordered line it is 0, and 1 would count in the exposure
                    "smec_unit_price_delivered": 1,
                },
            ),
            (
                self.invoice,
                self.accountant,
                {
                    "amount_untaxed": 1,
                    "amount_tax": 1,
                    "amount_total": 1,
                    "amount_residual": 1,
                    "amount_untaxed_signed": 1,
                    "amount_tax_signed": 1,
                    "amount_total_signed": 1,
                    "amount_residual_signed": 1,
                    "commercial_partner_id": self.other.id,
                    "smec_overdue_warned": True,
                },
            ),
            (
                receivable,
                self.accountant,
                {
                    "amount_residual": 1,
                    "amount_residual_currency": 1,
                    "reconciled": True,
                    "parent_state": "draft",
                },
            ),
            (
                self.customer,
                self.seller,
                {
                    "smec_credit_score": 90,
                    "smec_assessment_id": assessment.id,
                    "smec_supplier_credit_score": 90,
                    "smec_supplier_assessment_id": assessment.id,
                    "smec_related_by_id": self.seller.id,
                    "smec_related_date": self.today,
                },
            ),
            (
                self.payment,
                self.accountant,
                {"smec_foreign_payer": True, "smec_review_state": "accepted", "smec_review_required": True},
            ),
        ]

    def test_each_guarded_field_is_refused_with_its_name_or_left_as_it_is(self):
        cases = self.guarded_cases()
        self.assertEqual(
            {(record._name, name) for record, _user, values in cases for name in values},
            {(cls._name, name) for cls in GUARDED for name in cls._smec_code_fields},
            "every field of Odoo's models this add-on guards is tried",
        )
        exposure = self.customer.smec_exposure
        for record, user, values in cases:
            for name, value in values.items():
                with self.subTest(model=record._name, field=name):
                    before = record[name]
                    with self.assertRaisesRolledBack(UserError, self.refused_message(record, name)):
                        record.with_user(user).write({name: value})
                    record.invalidate_recordset()
                    self.assertEqual(record[name], before)
                    # what it holds already, sent back as a form saving what it read: no change, no refusal
                    same = record._fields[name].convert_to_write(record[name], record)
                    self.assertIs(record.with_user(user).write({name: same}), True)
                    record.invalidate_recordset()
                    self.assertEqual(record[name], before)
        # 900 to invoice on the order + 300 left to pay on the invoice
        self.customer.invalidate_recordset()
        self.assertEqual((exposure, self.customer.smec_exposure), (1200.0, 1200.0))

    # ------------------------------------------------------------
    # over JSON-RPC, as the user who edits the record
    # ------------------------------------------------------------

    def test_a_sent_total_is_refused_on_every_interface(self):
        quotation = self.make_order(self.customer, 50, user=self.seller)
        total = r"Total of a Sales Order cannot be set.*amount_total=1"
        self.call_refused(self.seller, "UserError", total, "sale.order", "write", [quotation.id], {"amount_total": 1})
        # what a form sends back unchanged is saved as is
        self.call_ok(self.seller, "sale.order", "write", [quotation.id], {"amount_total": 50.0, "note": "Urgent"})
        quotation.invalidate_recordset()
        self.assertEqual((quotation.amount_total, str(quotation.note)), (50.0, "<p>Urgent</p>"))
        values = {
            "partner_id": self.customer.id,
            "order_line": [Command.create({"product_id": self.tile.id, "price_unit": 80})],
        }
        self.call_refused(self.seller, "UserError", total, "sale.order", "create", {**values, "amount_total": 1})
        self.call_refused(
            self.seller, "UserError", total, "sale.order", "create", values, context={"default_amount_total": 1}
        )
        self.call_refused(
            self.seller, "UserError", total, "sale.order", "copy", [quotation.id], default={"amount_total": 1}
        )
        self.call_refused(
            self.seller,
            "UserError",
            r"Total of a Sales Order Line cannot be set.*price_total=1",
            "sale.order",
            "write",
            [quotation.id],
            {"order_line": [Command.update(quotation.order_line.id, {"price_total": 1, "price_unit": 60})]},
        )
        answer = self.call_ok(
            self.seller,
            "sale.order",
            "load",
            ["partner_id/.id", "amount_total"],
            [[str(self.customer.id), "1"]],
        )
        self.assertFalse(answer["ids"])
        self.assertRegex(answer["messages"][0]["message"], total)
        # nothing of it was saved: the quotation is as it was, no order was made
        quotation.invalidate_recordset()
        self.assertEqual((quotation.amount_total, quotation.order_line.price_unit), (50.0, 50.0))
        self.assertEqual(self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)]), 2)
        # a duplicate's total is its lines', as in Odoo
        copy_id = self.call_ok(self.seller, "sale.order", "copy", [self.order.id])[0]
        self.assertEqual(self.env["sale.order"].browse(copy_id).amount_total, 900.0)

    def test_an_accountants_residual_is_refused_and_the_exposure_stays(self):
        self.call_refused(
            self.accountant,
            "UserError",
            r"Amount Due of a Journal Entry cannot be set.*amount_residual=0",
            "account.move",
            "write",
            [self.invoice.id],
            {"amount_residual": 0},
        )
        receivable = self.invoice.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable")
        self.call_refused(
            self.accountant,
            "UserError",
            r"Reconciled of a Journal Item cannot be set.*reconciled=True",
            "account.move.line",
            "write",
            receivable.ids,
            {"reconciled": True},
        )
        self.invoice.invalidate_recordset()
        self.customer.invalidate_recordset()
        self.assertEqual((self.invoice.amount_residual, self.customer.smec_exposure), (300.0, 1200.0))

    # ------------------------------------------------------------
    # what Odoo lets users send is applied
    # ------------------------------------------------------------

    def test_an_orders_currency_is_applied_and_its_weight_follows(self):
        # a quotation moved to euros: its currency is the one sent, its rate the euro's
        quotation = self.make_order(self.customer, 80, user=self.seller)
        self.call_ok(self.seller, "sale.order", "write", quotation.ids, {"currency_id": self.eur.id})
        quotation.invalidate_recordset()
        self.assertEqual((quotation.currency_id, quotation.currency_rate, quotation.amount_total), (self.eur, 2.0, 80))
        # the confirmed order of 900 moved to euros weighs 900 / 2 = 450: exposure 450 + 300 = 750
        self.call_ok(self.seller, "sale.order", "write", self.order.ids, {"currency_id": self.eur.id})
        self.order.invalidate_recordset()
        self.customer.invalidate_recordset()
        self.assertEqual((self.order.currency_id, self.order.currency_rate), (self.eur, 2.0))
        self.assertEqual(self.customer.smec_exposure, 750.0)
        # moved back it would weigh 900 again: 900 + 300 = 1,200 over the limit of 1,000, refused with the reason
        message = self.call_refused(
            self.seller,
            "UserError",
            "cannot change customer, company or currency this way",
            "sale.order",
            "write",
            self.order.ids,
            {"currency_id": self.currency.id},
        )
        self.assertIn("over the limit of $\xa01,000.00 by $\xa0200.00", message)
        self.order.invalidate_recordset()
        self.assertEqual(self.order.currency_id, self.eur)

    def test_a_delivered_quantity_typed_on_the_line_is_applied(self):
        """Odoo's TestSalePrices.test_discount_and_untaxed_subtotal, as a salesperson of a company without
        Inventory records a delivery: 38 x 541.26 less 2 % = 20,156.5224, to invoice 20,156.52."""
        self.customer.sudo().credit_limit = 100000
        product = self.env["product.product"].create(
            {"name": "Cement", "type": "service", "invoice_policy": "delivery", "taxes_id": [Command.clear()]}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.seller.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": 38, "price_unit": 541.26, "discount": 2.0}
                    )
                ],
            }
        )
        order.action_confirm()
        line = order.order_line
        self.assertEqual((line.qty_delivered_method, line.untaxed_amount_to_invoice), ("manual", 0.0))
        self.call_ok(self.seller, "sale.order.line", "write", line.ids, {"qty_delivered": 38})
        line.invalidate_recordset()
        self.assertEqual(
            (line.qty_delivered, line.price_subtotal, line.untaxed_amount_to_invoice), (38, 20156.52, 20156.52)
        )
