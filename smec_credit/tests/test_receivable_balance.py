from odoo import Command
from odoo.tests import tagged

from odoo.addons.smec_credit.hooks import uninstall_hook

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestReceivableBalance(SmecCreditCommon):
    """The open receivables that the credit check reads are kept per partner,
    company and due date by database triggers. Each step below changes the
    ledger the way a user (or Odoo itself) does and checks the kept rows by
    hand, then against a full recomputation from the journal items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Exposure = cls.env["smec.credit.exposure"]
        cls.Balance = cls.env["smec.credit.receivable.balance"]

    def rows(self, partner=None, company=None):
        """{due date: (amount_due, amount_credit)} kept for the partner."""
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT date_maturity, amount_due, amount_credit
              FROM smec_credit_receivable_balance
             WHERE partner_id = %s AND company_id = %s
            """,
            ((partner or self.customer).id, (company or self.company).id),
        )
        return {due: (float(debit), float(credit)) for due, debit, credit in self.env.cr.fetchall()}

    def assertNoDrift(self):
        self.assertEqual(self.Balance._drift(), [])

    def exposure(self, partner=None, company=None):
        partner = partner or self.customer
        return self.Exposure._exposure(partner, company or self.company)[partner.id]

    def test_invoices_payments_refunds_and_drafts(self):
        a = self.make_invoice(self.customer, 1000, self.days(-50), self.days(-20))
        b = self.make_invoice(self.customer, 400, self.today, self.days(10))
        self.assertEqual(self.rows(), {self.days(-20): (1000.0, 0.0), self.days(10): (400.0, 0.0)})
        facts = self.exposure()
        self.assertEqual(
            (facts["receivable"], facts["overdue_amount"], facts["max_overdue_days"]), (1400.0, 1000.0, 20)
        )
        self.assertNoDrift()

        # a partial payment: A keeps 700 open; the payment's own line is fully applied
        self.pay(a, 300, self.today)
        self.assertEqual(self.rows()[self.days(-20)], (700.0, 0.0))
        self.assertEqual(self.exposure()["receivable"], 1100.0)

        # a credit note not yet applied nets the total, on its own due date
        self.make_invoice(self.customer, 150, self.today, move_type="out_refund")
        self.assertEqual(self.rows()[self.today], (0.0, -150.0))
        self.assertEqual(self.exposure()["receivable"], 950.0)  # 700 + 400 - 150
        self.assertNoDrift()

        # B back to draft, then cancelled: it leaves the open receivables
        b.button_draft()
        self.assertNotIn(self.days(10), self.rows())
        self.assertEqual(self.exposure()["receivable"], 550.0)
        b.button_cancel()
        b.unlink()
        self.assertNoDrift()

        # A paid in full: its row is emptied and removed; nothing is overdue
        self.pay(a, 700, self.today)
        self.assertEqual(self.rows(), {self.today: (0.0, -150.0)})
        facts = self.exposure()
        self.assertEqual((facts["receivable"], facts["overdue_amount"], facts["max_overdue_days"]), (-150.0, 0.0, 0))
        self.assertNoDrift()

    def test_contacts_companies_and_raw_sql(self):
        contact = self.env["res.partner"].create({"name": "Li Wei", "parent_id": self.customer.id})
        other = self.env["res.partner"].create({"name": "Other Trading Co.", "is_company": True})
        self.make_invoice(contact, 200, self.today, self.days(5))
        self.make_invoice(self.customer, 300, self.today, self.days(5))
        # an invoice to a contact counts for its company (the commercial partner)
        self.assertEqual(self.exposure()["receivable"], 500.0)

        # another company's invoice is kept apart
        company_b = self.setup_other_company()["company"]
        self.env["account.move"].with_company(company_b).create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": self.today,
                "invoice_line_ids": [Command.create({"name": "Tiles", "price_unit": 900, "tax_ids": []})],
            }
        ).action_post()
        self.assertEqual(self.exposure()["receivable"], 500.0)
        self.assertEqual(self.exposure(company=company_b)["receivable"], 900.0)

        # journal items moved to another partner by plain SQL (as a partner
        # merge does) move their open amount with them
        self.env.flush_all()
        self.env.cr.execute(
            """
            UPDATE account_move_line SET partner_id = %s
             WHERE partner_id = %s AND company_id = %s AND parent_state = 'posted'
            """,
            (other.id, self.customer.id, self.company.id),
        )
        self.env.invalidate_all()
        # (Odoo puts the commercial partner on an invoice's receivable items,
        # so the contact's invoice moves too)
        self.assertEqual(self.exposure()["receivable"], 0.0)
        self.assertEqual(self.exposure(other)["receivable"], 500.0)
        self.assertEqual(self.exposure(company=company_b)["receivable"], 900.0)
        self.assertNoDrift()

    def test_account_becoming_receivable(self):
        account = self.env["account.account"].create(
            {
                "code": "112299",
                "name": "Customer deposits (misclassified)",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": self.today,
                "line_ids": [
                    Command.create(
                        {"account_id": account.id, "partner_id": self.customer.id, "debit": 250, "credit": 0}
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data["default_account_revenue"].id,
                            "debit": 0,
                            "credit": 250,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        self.assertEqual(self.exposure()["receivable"], 0.0)
        # the account is reclassified: its open items now count, and no longer
        # once it is put back
        account.account_type = "asset_receivable"
        self.assertEqual(self.exposure()["receivable"], 250.0)
        self.assertNoDrift()
        account.account_type = "asset_current"
        self.assertEqual(self.exposure()["receivable"], 0.0)
        self.assertNoDrift()

    def test_drift_is_found_and_repaired(self):
        self.make_invoice(self.customer, 800, self.today, self.days(30))
        self.assertEqual(self.Balance._cron_verify(), 0)
        self.env.cr.execute(
            "UPDATE smec_credit_receivable_balance SET amount_due = amount_due + 1 WHERE partner_id = %s",
            self.customer.ids,
        )
        self.assertEqual(
            self.Balance._drift(),
            [(self.customer.id, self.company.id, self.days(30), 801, 800)],
        )
        with self.assertLogs("odoo.addons.smec_credit.models.smec_credit_receivable_balance", "WARNING") as logs:
            self.assertEqual(self.Balance._cron_verify(), 1)
        self.assertIn("1 open-receivable totals differed", logs.output[0])
        self.assertEqual(self.exposure()["receivable"], 800.0)
        self.assertNoDrift()

    def test_uninstall_hook_leaves_journal_items_writable(self):
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT smec_uninstall")
        try:
            uninstall_hook(self.env)
            self.env.cr.execute("SELECT to_regclass('smec_credit_receivable_balance')")
            self.assertIsNone(self.env.cr.fetchone()[0])
            self.env.cr.execute("SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'smec_credit_receivable_balance%'")
            self.assertEqual(self.env.cr.fetchone()[0], 0)
            # smec_credit's own functions (a bridge such as smec_credit_stock drops its own with its hook)
            self.env.cr.execute(
                "SELECT COUNT(*) FROM pg_proc WHERE proname LIKE 'smec_credit_order_check%' "
                "OR proname LIKE 'smec_credit_receivable_balance%'"
            )
            self.assertEqual(self.env.cr.fetchone()[0], 0)
            # posting still works without the table: no trigger was left behind
            invoice = self.make_invoice(self.customer, 100, self.today)
            self.env.flush_all()
            self.assertEqual(invoice.state, "posted")
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT smec_uninstall")
            self.env.invalidate_all()
        self.env.cr.execute("SELECT to_regclass('smec_credit_receivable_balance')")
        self.assertIsNotNone(self.env.cr.fetchone()[0])
