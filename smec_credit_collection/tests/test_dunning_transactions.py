"""The dunning run in real transactions: two at once, and one that dies.

This test commits: it creates its own customer and invoice in the test
database and deletes them, with what the runs wrote, afterwards. Parallel and
interrupted transactions cannot be shown otherwise, hence the commits below.
"""
# pylint: disable=invalid-commit

import threading
from datetime import timedelta

from odoo import Command, api, fields
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import get_db_name, tagged

from odoo.addons.smec_credit.tests.test_concurrency import ADMIN, ParallelCase


@tagged("post_install", "-at_install")
class TestDunningTransactions(ParallelCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.started = fields.Datetime.now()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            # the company's credit control is live (a run sends nothing before), as it was again after
            company = env.company
            self.company_id, self.live_before = company.id, company.smec_credit_live_date or None
            company.sudo().write({"smec_credit_live_date": "2026-01-01"})
            partner = env["res.partner"].create(
                {"name": "SMEC dunning race customer", "is_company": True, "email": "ap@race.example.com"}
            )
            today = fields.Date.context_today(env["smec.collection.run"].with_context(tz="Asia/Shanghai"))
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": today - timedelta(days=40),
                    "invoice_date_due": today - timedelta(days=10),
                    "invoice_line_ids": [Command.create({"name": "Tiles", "price_unit": 700, "tax_ids": []})],
                }
            )
            invoice.action_post()
            invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable").date_maturity = (
                today - timedelta(days=10)
            )
            self.partner_id, self.invoice_id = partner.id, invoice.id
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM smec_collection_contact WHERE partner_id = %s", [self.partner_id])
            contact_ids = [row[0] for row in cr.fetchall()]
            cr.execute("SELECT id FROM smec_collection_run WHERE create_date >= %s", [self.started])
            run_ids = [row[0] for row in cr.fetchall()]
            for model, ids in (("smec.collection.contact", contact_ids), ("smec.collection.run", run_ids)):
                cr.execute("DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)", [model, ids])
                cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id = ANY(%s)", [model, ids])
                cr.execute("DELETE FROM mail_message WHERE model = %s AND res_id = ANY(%s)", [model, ids])
            cr.execute("DELETE FROM smec_collection_contact WHERE id = ANY(%s)", [contact_ids])
            cr.execute("DELETE FROM smec_collection_run WHERE id = ANY(%s)", [run_ids])
            cr.execute("DELETE FROM account_move WHERE id = %s", [self.invoice_id])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.execute(
                "UPDATE res_company SET smec_credit_live_date = %s WHERE id = %s", [self.live_before, self.company_id]
            )
            cr.commit()

    def _written(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT c.channel, c.state, c.mail_id IS NOT NULL, c.activity_id IS NOT NULL
                  FROM smec_collection_contact c WHERE c.partner_id = %s ORDER BY c.channel
                """,
                [self.partner_id],
            )
            return cr.fetchall()

    def test_two_runs_at_once_send_each_contact_once(self):
        """Two workers run the day's dunning at the same moment: the customer, 10
        days overdue, gets one friendly email and one call task, not two."""
        barrier = threading.Barrier(2, timeout=30)
        errors = []

        def run_dunning():
            threading.current_thread().testing = True
            try:
                with self.registry.cursor() as cr:
                    env = api.Environment(cr, ADMIN, {})
                    env["res.partner"].browse(self.partner_id).read(["name"])
                    barrier.wait()
                    retrying(lambda: env["smec.collection.run"]._cron_run(), env)
                    cr.commit()
            except Exception as error:
                errors.append(repr(error))

        threads = [threading.Thread(target=run_dunning) for _i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertEqual(errors, [])
        self.assertEqual(self._written(), [("call", "sent", False, True), ("email", "sent", True, False)])

    def test_a_run_that_dies_after_selecting_resumes_without_duplicates(self):
        """The process is killed once the contacts are committed and before anything
        is sent: the next start sends them, once, and writes no new contact."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            run = env["smec.collection.run"].sudo().create({"kind": "scheduled", "state": "preview"})
            run._select()
            cr.commit()  # the batch's commit; then the process dies
        self.assertEqual(self._written(), [("call", "draft", False, False), ("email", "draft", False, False)])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            env["smec.collection.run"]._cron_run()
            cr.commit()
        self.assertEqual(self._written(), [("call", "sent", False, True), ("email", "sent", True, False)])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            env["smec.collection.run"]._cron_run()  # and again: nothing more
            cr.commit()
        self.assertEqual(len(self._written()), 2)
