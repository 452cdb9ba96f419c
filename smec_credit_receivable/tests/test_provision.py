import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestProvision(SmecCreditCommon):
    """Provision as of yesterday (Y) with the default matrix 5/10/30/50/80/100 %:

    Huaxin: 1,000 not yet due -> current 5 % = 50; 2,000 19 days late -> 1-30 10 % = 200;
            400 99 days late -> 91-180 80 % = 320                     => 570
    Bankrupt Ltd: 600, individual rate 100 % (bankrupt)               => 600
    Credit Only Ltd: credit note 300, 1 day past due (-30 at 10 %), never negative => 0
    required 1,170: Dr impairment loss 1,170 / Cr allowance 570 (Huaxin) + 600 (Bankrupt)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Account = cls.env["account.account"]
        cls.allowance = Account.create(
            {"code": "1231", "name": "Allowance for bad debts", "account_type": "asset_current"}
        )
        cls.impairment = Account.create({"code": "6721", "name": "Credit impairment loss", "account_type": "expense"})
        cls.writeoff_expense = Account.create(
            {"code": "5711", "name": "Non-operating expense", "account_type": "expense"}
        )
        cls.recovery_income = Account.create(
            {"code": "5301", "name": "Non-operating income", "account_type": "income_other"}
        )
        cls.company.write(
            {
                "smec_allowance_account_id": cls.allowance.id,
                "smec_impairment_account_id": cls.impairment.id,
                "smec_writeoff_account_id": cls.writeoff_expense.id,
                "smec_recovery_account_id": cls.recovery_income.id,
                "smec_provision_journal_id": cls.company_data["default_journal_misc"].id,
            }
        )
        t = cls.today
        cls.Y = t - timedelta(days=1)
        cls.make_invoice(cls.customer, 1000, t - timedelta(days=30), t + timedelta(days=10))
        cls.inv_2000 = cls.make_invoice(cls.customer, 2000, t - timedelta(days=40), t - timedelta(days=20))
        cls.make_invoice(cls.customer, 400, t - timedelta(days=130), t - timedelta(days=100))
        cls.bankrupt = cls.env["res.partner"].create({"name": "Bankrupt Ltd", "is_company": True})
        cls.inv_bankrupt = cls.make_invoice(cls.bankrupt, 600, t - timedelta(days=70), t - timedelta(days=40))
        cls.env["smec.credit.provision.override"].create(
            {"partner_id": cls.bankrupt.id, "rate": 100, "reason": "Bankruptcy ruling (2026)京01破1號"}
        )
        cls.credit_only = cls.env["res.partner"].create({"name": "Credit Only Ltd", "is_company": True})
        cls.make_invoice(cls.credit_only, 300, t - timedelta(days=2), t - timedelta(days=2), move_type="out_refund")

    def new_run(self, date=None, user=None):
        Run = self.env["smec.credit.provision.run"].with_user(user or self.credit_manager)
        return Run.create({"date": date or self.Y})

    def new_writeoff(self, reason):
        """A draft write-off of Bankrupt Ltd's open invoice, by the credit manager."""
        return (
            self.env["smec.credit.writeoff"]
            .with_user(self.credit_manager)
            .create({"partner_id": self.bankrupt.id, "invoice_ids": [(6, 0, self.inv_bankrupt.ids)], "reason": reason})
        )

    def entry(self, move):
        return sorted(
            (line.account_id.code, line.partner_id.name or "", line.debit, line.credit) for line in move.line_ids
        )

    def allowance_held(self, partner=None):
        domain = [("account_id", "=", self.allowance.id), ("parent_state", "=", "posted")]
        if partner:
            domain.append(("partner_id", "=", partner.id))
        return -sum(self.env["account.move.line"].search(domain).mapped("balance"))

    def test_provision_per_partner_and_bucket(self):
        run = self.new_run()
        run.action_compute()
        by_line = {
            (line.partner_id.name, line.bucket): (line.open_amount, line.rate, line.required_amount)
            for line in run.line_ids
        }
        self.assertEqual(by_line[(self.customer.name, "Current")], (1000.0, 5.0, 50.0))
        self.assertEqual(by_line[(self.customer.name, "1-30")], (2000.0, 10.0, 200.0))
        self.assertEqual(by_line[(self.customer.name, "91-180")], (400.0, 80.0, 320.0))
        self.assertEqual(
            by_line[("Bankrupt Ltd", "Individual: Bankruptcy ruling (2026)京01破1號")], (600.0, 100.0, 600.0)
        )
        self.assertEqual(by_line[("Credit Only Ltd", "1-30")], (-300.0, 10.0, 0.0))
        self.assertEqual((run.required_amount, run.allowance_before, run.difference), (1170.0, 0.0, 1170.0))

        run.action_post()
        self.assertEqual(run.state, "posted")
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("smec_credit_receivable.report_provision_run", run.ids)[0]
            .decode()
        )
        self.assertIn("Bankruptcy ruling", html)
        self.assertIn("1,170.00", html)
        self.assertEqual(
            self.entry(run.move_id),
            [
                ("1231", "Bankrupt Ltd", 0.0, 600.0),
                ("1231", self.customer.name, 0.0, 570.0),
                ("6721", "", 1170.0, 0.0),
            ],
        )
        self.assertEqual(run.move_id.date, self.Y)

        # a second run for the same date is refused
        with self.assertRaisesRolledBack(UserError, "already posted for"):
            self.new_run().action_post()

        # reversal, then a new run for the date is possible again
        run.action_reverse()
        self.assertEqual(run.state, "reversed")
        self.assertEqual(self.allowance_held(), 0.0)
        again = self.new_run()
        again.action_post()
        self.assertEqual(self.allowance_held(), 1170.0)

    def test_next_run_books_only_the_difference(self):
        self.new_run().action_post()
        self.pay(self.inv_2000, 2000, self.today)
        run = self.new_run(date=self.today)
        run.action_compute()
        # Huaxin now needs 50 + 320 = 370 against 570 held: 200 released
        self.assertEqual((run.required_amount, run.allowance_before, run.difference), (970.0, 1170.0, -200.0))
        run.action_post()
        self.assertEqual(self.entry(run.move_id), [("1231", self.customer.name, 200.0, 0.0), ("6721", "", 0.0, 200.0)])
        self.assertEqual(self.allowance_held(self.customer), 370.0)

    def test_writeoff_and_recovery_under_cas22(self):
        self.new_run().action_post()
        writeoff = self.new_writeoff("Bankruptcy estate closed with no distribution")
        self.assertEqual(writeoff.amount, 600.0)
        self.assertEqual(writeoff.display_name, f"Write-off of Bankrupt Ltd, {writeoff.date}")
        writeoff.action_post()
        receivable_code = self.inv_bankrupt.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        ).account_id.code
        # the receivable is credited and the allowance (1231) used up, 600 each
        self.assertEqual(
            self.entry(writeoff.move_id),
            sorted([(receivable_code, "Bankrupt Ltd", 0.0, 600.0), ("1231", "Bankrupt Ltd", 600.0, 0.0)]),
        )
        self.assertEqual(self.inv_bankrupt.amount_residual, 0.0)
        self.assertEqual(self.allowance_held(self.bankrupt), 0.0)
        # the liquidator pays 250 after all: the receivable comes back against the allowance
        recovery = writeoff.with_user(self.credit_manager).action_recover(250.0)
        receivable = recovery.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        self.assertEqual((receivable.debit, receivable.partner_id), (250.0, self.bankrupt))
        self.assertEqual(self.allowance_held(self.bankrupt), 250.0)
        self.assertEqual(writeoff.recovered_amount, 250.0)
        with self.assertRaisesRolledBack(UserError, "at most what was written off"):
            writeoff.with_user(self.credit_manager).action_recover(400.0)

    def test_writeoff_and_recovery_for_small_enterprises(self):
        self.company.smec_accounting_regime = "small"
        with self.assertRaisesRolledBack(UserError, "small-enterprise standard"):
            self.new_run().action_compute()
        writeoff = self.new_writeoff("Bankrupt")
        with self.assertRaisesRolledBack(UserError, "Art. 10"):
            writeoff.action_post()
        self.assertEqual(writeoff.state, "draft")
        evidence = (
            self.env["ir.attachment"]
            .with_user(self.credit_manager)
            .create({"name": "ruling.pdf", "datas": base64.b64encode(b"ruling")})
        )
        writeoff.write({"loss_condition": "bankrupt", "evidence_attachment_ids": [(6, 0, evidence.ids)]})
        writeoff.action_post()
        expense = writeoff.move_id.line_ids.filtered(lambda line: line.account_id == self.writeoff_expense)
        self.assertEqual(expense.debit, 600.0)
        self.assertEqual(self.inv_bankrupt.amount_residual, 0.0)
        # booked from the write-off's button: the wizard offers what is left, 600
        Recover = self.env["smec.credit.writeoff.recover"].with_user(self.credit_manager)
        wizard = Recover.with_context(default_writeoff_id=writeoff.id).create({"amount": 100.0})
        self.assertEqual(Recover.with_context(default_writeoff_id=writeoff.id).default_get(["amount"])["amount"], 600.0)
        recovery = self.env["account.move"].browse(wizard.action_recover()["res_id"])
        income = recovery.line_ids.filtered(lambda line: line.account_id == self.recovery_income)
        self.assertEqual(income.credit, 100.0)

    def test_bad_input_posts_nothing(self):
        # each bucket has its rate: one per bucket, between 0 and 100 %
        last = self.company.smec_aging_bucket_ids.filtered("is_last")
        with self.assertRaisesRolledBack(ValidationError, "between 0 and 100"):
            last.provision_rate = 120
        self.assertEqual(self.company._smec_provision_rates(), [0.05, 0.1, 0.3, 0.5, 0.8, 1.0])
        with self.assertRaises(AccessError):
            self.new_run(user=self.credit_user)
        draft = self.new_run()
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager"):
            draft.with_user(self.credit_user).action_post()
        self.company.smec_impairment_account_id = False
        with self.assertRaisesRolledBack(UserError, "impairment loss account"):
            self.new_run().action_post()
        self.company.smec_impairment_account_id = self.impairment
        with self.assertRaisesRolledBack(UserError, "in the future"):
            self.new_run(date=self.today + timedelta(days=1)).action_compute()
        # a locked period: Odoo refuses the entry, the run stays a draft
        self.company.sudo().fiscalyear_lock_date = self.today
        run = self.new_run()
        with self.assertRaisesRolledBack(UserError, "is locked"):
            run.action_post()
        self.assertEqual(run.state, "draft")
        self.assertFalse(
            self.env["account.move"].search(
                [
                    ("journal_id", "=", self.company.smec_provision_journal_id.id),
                    ("line_ids.account_id", "=", self.allowance.id),
                ]
            )
        )
