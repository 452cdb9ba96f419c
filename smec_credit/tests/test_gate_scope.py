from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.sale.models.sale_order import SaleOrder as OdooSaleOrder

from .common import SmecCreditCommon


class GateScopeCommon(SmecCreditCommon):
    """A customer with a 10,000 limit and an open invoice of 4,000 (not due yet)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.sudo().credit_limit = 10000
        cls.make_invoice(cls.customer, 4000, cls.today, cls.today + timedelta(days=30))
        cls.customer.user_id = cls.salesman


@tagged("post_install", "-at_install")
class TestGateAfterARolledBackSavepoint(GateScopeCommon):
    """Another add-on's step in Odoo's confirmation chain, after the gate decided
    and before Odoo writes the state, tries something in a flushing savepoint and
    rolls it back: Odoo clears the transaction's caches, the cursor's with them.
    The gate answers as it would have without it: same decision, same message,
    one check."""

    @contextmanager
    def a_step_that_rolls_back(self):
        cleared = []
        original = OdooSaleOrder._confirmation_error_message

        def step(order):
            order.env.cr.cache["smec_test_probe"] = True
            savepoint = order.env.cr.savepoint()  # flushing, as by default
            order.env["res.partner"].sudo().create({"name": "Undone"})
            order.env.flush_all()
            savepoint.close(rollback=True)
            cleared.append("smec_test_probe" not in order.env.cr.cache)
            return original(order)

        with patch.object(OdooSaleOrder, "_confirmation_error_message", step):
            yield
        # a check of the test itself: the step ran, and the rollback cleared the cursor's cache
        self.assertEqual(cleared, [True])

    def lock_checks(self):
        """How many credit checks took the customer's lock (smec_credit_partner_lock)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COALESCE(SUM(checks), 0) FROM smec_credit_partner_lock WHERE partner_id = %s AND company_id = %s",
            [self.customer.id, self.company.id],
        )
        return self.env.cr.fetchone()[0]

    def test_a_held_order_is_refused_with_the_same_message(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        with self.assertRaises(UserError) as plain:
            order.with_user(self.salesman).action_confirm()
        with self.a_step_that_rolls_back(), self.assertRaises(UserError) as after_rollback:
            order.with_user(self.salesman).action_confirm()
        # 4,000 + 6,500 = 10,500 over the limit of 10,000 by 500; the confirmation's next step, not a direct write's
        self.assertRegex(str(plain.exception), r"(?s)is on credit hold.*10,500\.00.*500\.00.*Request Credit Approval")
        self.assertEqual(str(after_rollback.exception), str(plain.exception))
        self.assertEqual(order.state, "draft")

    def test_an_order_that_goes_ahead_is_checked_and_logged_once(self):
        self.company.smec_hold_mode = "warn"
        order = self.make_order(self.customer, 6500, user=self.salesman)
        checks = self.lock_checks()
        with self.a_step_that_rolls_back():
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        warnings = order.message_ids.filtered(lambda m: "this company only warns" in m.body)
        self.assertEqual(len(warnings), 1)
        self.assertIn("10,500.00", warnings.body)
        self.assertEqual(self.lock_checks(), checks + 1, "one check, which took the customer's lock once")


@tagged("post_install", "-at_install")
class TestContactMoveWithTheSkipKey(GateScopeCommon):
    """The contact move's orders are found in superuser mode; the gate decides in
    the caller's environment, where the skip key a user sends is ignored."""

    def test_the_skip_key_sent_with_a_contact_move_is_ignored(self):
        other = self.env["res.partner"].create({"name": "Dongfang Trading", "is_company": True})
        other.sudo().credit_limit = 1000
        self.make_order(other, 500, confirm=True)
        branch = self.env["res.partner"].create({"name": "Shenzhen branch", "parent_id": self.customer.id})
        order = self.make_order(branch, 900, user=self.salesman)
        order.with_user(self.salesman).action_confirm()
        editor = self._user("smec_contact_editor", "sales_team.group_sale_salesman,base.group_partner_manager")
        # under the other company the order would count there: 500 + 900 = 1,400, over its 1,000 by 400
        with self.assertRaisesRolledBack(UserError, r"(?s)Shenzhen branch cannot move to another company.*1,400\.00"):
            branch.with_user(editor).with_context(smec_credit_skip_gate=True).write({"parent_id": other.id})
        branch.invalidate_recordset()
        self.assertEqual(branch.commercial_partner_id, self.customer)


@tagged("post_install", "-at_install")
class TestGateScopeCannotBeSent(GateScopeCommon, HttpCase):
    """The gate's scope travels in the context, as Python objects only: a
    salesperson who sends the key over JSON-RPC, with whatever value, meets the
    same gate."""

    def call_kw(self, method, args, context):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/sale.order/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": "sale.order", "method": method, "args": args, "kwargs": {"context": context}},
            },
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def test_the_scope_key_sent_with_a_call_decides_nothing(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        fine = self.make_order(self.customer, 6000, user=self.salesman)
        self.authenticate(self.salesman.login, self.salesman.login)
        sent = (
            True,
            [order.id],
            {str(order.id): []},
            {"decided": {str(order.id): []}, "creating": True},
            f"GateScope(decided=[{order.id}], creating=True)",
        )
        for value in sent:
            context = {"smec_credit_gate": value}
            with self.subTest(value=value):
                error = self.call_kw("action_confirm", [[order.id]], context)["error"]["data"]
                self.assertRegex(error["message"], r"(?s)is on credit hold.*10,500\.00.*Request Credit Approval")
                error = self.call_kw("write", [[order.id], {"state": "sale"}], context)["error"]["data"]
                self.assertRegex(error["message"], r"(?s)cannot be set to confirmed this way.*10,500\.00")
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        # a confirmed order within the limit (4,000 + 6,000 = 10,000): a line of 100 more, sent as if the
        # order were being created, is an amendment all the same (10,100)
        self.assertIs(self.call_kw("action_confirm", [[fine.id]], {})["result"], True)
        line = {"order_line": [Command.create({"product_id": self.tile.id, "price_unit": 100})]}
        for value in sent:
            with self.subTest(value=value):
                error = self.call_kw("write", [[fine.id], line], {"smec_credit_gate": value})["error"]["data"]
                self.assertRegex(error["message"], r"(?s)raises confirmed order.*10,100\.00")
        fine.invalidate_recordset()
        self.assertEqual((fine.state, fine.amount_total), ("sale", 6000.0))
