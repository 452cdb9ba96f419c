"""Two real transactions confirm orders of one customer at the same time.

This test commits: it creates its own customer and orders in the test
database, and deletes them afterwards. Parallel transactions cannot be shown
otherwise, hence the commits below.
"""
# pylint: disable=invalid-commit

import threading
from unittest.mock import patch

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.modules.registry import DummyRLock, Registry
from odoo.service.model import retrying
from odoo.tests import BaseCase, get_db_name, tagged

from odoo.addons.smec_credit.models.smec_credit_order_check import SmecCreditOrderCheck

ADMIN = 2  # base.user_admin: an internal user at the screen, so a hold raises


class ParallelCase(BaseCase):
    """Real transactions in threads, as two users' requests run in a server.

    Under Odoo's own test runner (``odoo-bin --test-enable``) the main thread
    holds the registry's lock while the tests run, and each thread's first
    ``Environment`` asks for it: the threads would wait for the test that waits
    for them. The registry is loaded and no thread builds one, so the lock is
    lifted for the test, as Odoo's own test mode does for HTTP tests.
    """

    def setUp(self):
        super().setUp()
        patcher = patch.object(Registry, "_lock", DummyRLock())
        patcher.start()
        self.addCleanup(patcher.stop)


@tagged("post_install", "-at_install")
class TestConcurrentConfirmation(ParallelCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            product = env["product.product"].create({"name": "SMEC race tile", "taxes_id": [Command.clear()]})
            partner = env["res.partner"].create({"name": "SMEC race customer", "is_company": True})
            grade_b = env["smec.credit.grade"].search(
                [("company_id", "=", env.company.id), ("partner_role", "=", "customer"), ("code", "=", "B")]
            )
            self.assertEqual(grade_b.confirmation_policy, "allow")
            partner.sudo().write({"credit_limit": 10000, "smec_grade_id": grade_b.id})
            # the company's credit control is live for the test (and as it was again after)
            company = env.company
            self.company_id, self.live_before = (
                company.id,
                (company.smec_credit_live_date or None, company.account_use_credit_limit),
            )
            company.sudo().write({"smec_credit_live_date": "2026-01-01", "account_use_credit_limit": True})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [Command.create({"product_id": product.id, "price_unit": 6000})],
                    }
                    for _i in range(2)
                ]
            )
            self.partner_id, self.product_id, self.order_ids = partner.id, product.id, orders.ids
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE res_company SET smec_credit_live_date = %s, account_use_credit_limit = %s WHERE id = %s",
                [*self.live_before, self.company_id],
            )
            cr.execute("SELECT to_regclass('stock_move') IS NOT NULL AND to_regclass('stock_picking') IS NOT NULL")
            if cr.fetchone()[0]:  # with sale_stock, the confirmed orders made deliveries
                cr.execute("DELETE FROM stock_move_line WHERE product_id = %s", [self.product_id])
                cr.execute("DELETE FROM stock_move WHERE product_id = %s", [self.product_id])
                cr.execute("DELETE FROM stock_picking WHERE partner_id = %s", [self.partner_id])
            cr.execute("DELETE FROM sale_order WHERE id = ANY(%s)", [self.order_ids])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.execute(
                "DELETE FROM product_template WHERE id IN (SELECT product_tmpl_id FROM product_product WHERE id = %s)",
                [self.product_id],
            )
            cr.commit()

    def _confirm_in_parallel(self):
        """Each thread reads its order (its snapshot starts), waits for the other,
        then confirms, retrying on serialisation failures as Odoo's RPC layer does."""
        barrier = threading.Barrier(2, timeout=30)
        outcome = {}

        def confirm(order_id):
            threading.current_thread().testing = True
            with self.registry.cursor() as cr:
                env = api.Environment(cr, ADMIN, {})
                order = env["sale.order"].browse(order_id)
                order.read(["state", "amount_total"])
                barrier.wait()

                def attempt():
                    env.invalidate_all()
                    return env["sale.order"].browse(order_id).action_confirm()

                try:
                    retrying(attempt, env)
                    cr.commit()
                    outcome[order_id] = "confirmed"
                except UserError as exc:
                    cr.rollback()
                    outcome[order_id] = str(exc)

        threads = [threading.Thread(target=confirm, args=(order_id,)) for order_id in self.order_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        with self.registry.cursor() as cr:
            cr.execute("SELECT id, state FROM sale_order WHERE id = ANY(%s) ORDER BY id", [self.order_ids])
            states = dict(cr.fetchall())
        return outcome, states

    def test_two_confirmations_never_pass_the_limit_together(self):
        outcome, states = self._confirm_in_parallel()
        self.assertEqual(sorted(states.values()), ["draft", "sale"], outcome)
        held = [message for message in outcome.values() if message != "confirmed"]
        self.assertEqual(len(held), 1)
        # the second one saw the first: 6,000 confirmed + 6,000 = 12,000 over 10,000
        self.assertIn("12,000.00", held[0])

    def test_without_the_lock_both_would_pass(self):
        """The race is real: with the lock removed, both confirm (so the test above can fail)."""
        check = SmecCreditOrderCheck._order_check_facts

        def check_without_lock(self, orders, lock=True, today=None):
            return check(self, orders, lock=False, today=today)

        with patch.object(SmecCreditOrderCheck, "_order_check_facts", check_without_lock):
            outcome, states = self._confirm_in_parallel()
        self.assertEqual(sorted(states.values()), ["sale", "sale"], outcome)


@tagged("post_install", "-at_install")
class TestConcurrentPosting(ParallelCase):
    """Two real transactions post invoices of one customer, due the same day, at
    the same time: the kept open-receivable total counts both (no lost update),
    the second transaction being retried as Odoo's RPC layer does."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            self.partner_id = env["res.partner"].create({"name": "SMEC posting race", "is_company": True}).id
            self.company_id = env.company.id
            cr.commit()
        self.move_ids = []
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM account_move WHERE id = ANY(%s)", [self.move_ids])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.commit()

    def test_parallel_postings_both_count(self):
        barrier = threading.Barrier(2, timeout=30)
        due = "2031-06-30"
        errors = []
        attempts = []

        def post(amount):
            threading.current_thread().testing = True
            with self.registry.cursor() as cr:
                env = api.Environment(cr, ADMIN, {})
                move = env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": self.partner_id,
                        "invoice_date": "2031-05-31",
                        "invoice_date_due": due,
                        "invoice_line_ids": [
                            Command.create({"name": "Tiles", "price_unit": amount, "tax_ids": [Command.clear()]})
                        ],
                    }
                )
                move.invoice_date_due = due
                cr.commit()
                self.move_ids.append(move.id)
                # both snapshots start before either posts: the transactions overlap
                cr.execute("SELECT 1")
                barrier.wait()

                def attempt():
                    attempts.append(amount)
                    env.invalidate_all()
                    env["account.move"].browse(move.id).action_post()
                    env.flush_all()

                try:
                    retrying(attempt, env)
                    cr.commit()
                except Exception as exc:  # reported by the assertion below
                    errors.append(repr(exc))

        threads = [threading.Thread(target=post, args=(amount,)) for amount in (1000, 500)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        self.assertEqual(errors, [])
        # the transactions overlapped: the one that committed second conflicted
        # (on the journal's sequence or the customer's total) and was retried
        # once, with a fresh snapshot
        self.assertEqual(len(attempts), 3, attempts)
        with self.registry.cursor() as cr:
            cr.execute("SELECT state FROM account_move WHERE id = ANY(%s)", [self.move_ids])
            self.assertEqual([state for (state,) in cr.fetchall()], ["posted", "posted"])
            cr.execute(
                """
                SELECT amount_due, amount_credit FROM smec_credit_receivable_balance
                 WHERE partner_id = %s AND company_id = %s AND date_maturity = %s
                """,
                [self.partner_id, self.company_id, due],
            )
            self.assertEqual(cr.fetchall(), [(1500, 0)])
