from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestKpi(SmecCreditCommon):
    """Period of 30 days [F, F+29], one customer (industry 'Tiles'):

    200 invoiced at F-200, due F-170, never paid      -> opening and closing, over 90 days
    1,000 invoiced at F-20, due F-5, paid at F+10     -> opening only
    500 invoiced at F+1, due F+10, unpaid             -> sales; closing, 19 days overdue
    3,000 invoiced at F+5, due F+35                   -> sales; closing, not yet due
    opening 1,200; sales 3,500; closing 3,700 (current 3,000, overdue 700, over 90 200)
    turnover 3,500 / ((1,200 + 3,700) / 2) = 1.4286; DSO 30 / 1.4286 = 21.0
    overdue 700 / 3,700 = 18.92 %; over 90: 200 / 3,700 = 5.41 %
    CEI (1,200 + 3,500 - 3,700) / (1,200 + 3,500 - 3,000) = 1,000 / 1,700 = 58.82 %
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.F = F = cls.today - timedelta(days=60)

        def day(n):
            return F + timedelta(days=n)

        cls.make_invoice(cls.customer, 200, day(-200), day(-170))
        paid = cls.make_invoice(cls.customer, 1000, day(-20), day(-5))
        cls.pay(paid, 1000, day(10))
        cls.make_invoice(cls.customer, 500, day(1), day(10))
        cls.make_invoice(cls.customer, 3000, day(5), day(35))
        cls.end = day(29)

    def test_kpis_of_a_period(self):
        values = self.env["smec.credit.kpi.snapshot"]._kpi_values(self.company, self.F, self.end, "partner")
        self.assertEqual(
            values[self.customer.id],
            {
                "opening_ar": 1200.0,
                "closing_ar": 3700.0,
                "closing_current": 3000.0,
                "closing_overdue": 700.0,
                "closing_over_90": 200.0,
                "credit_sales": 3500.0,
                "written_off": 0.0,
                "turnover": 1.4286,
                "dso": 21.0,
                "overdue_ratio": 18.92,
                "over_90_share": 5.41,
                "bad_debt_rate": 0.0,
                "cei": 58.82,
                "closing_related": 0.0,
                "related_share": 0.0,
                # the 1,000 paid at F+10, on the company's bank journal
                "collected": 1000.0,
                "collected_private": 0.0,
                "private_share": 0.0,
            },
        )

    def test_snapshot_history_and_industry_alert(self):
        Snapshot = self.env["smec.credit.kpi.snapshot"]
        created = Snapshot._snapshot(self.company, self.F, self.end)
        scopes = {s.scope for s in created}
        self.assertEqual(scopes, {"company", "partner", "user", "industry"})
        industry = created.filtered(lambda s: s.industry_id == self.industry)
        self.assertEqual((industry.overdue_ratio, industry.cei), (18.92, 58.82))
        # a second run (or a resumed one) creates nothing twice
        self.assertFalse(Snapshot._snapshot(self.company, self.F, self.end))
        # 18.92 % overdue is above the 5 % alert: the credit managers are told
        alert = self.env["mail.message"].search([("subject", "=", "Industry credit alert: Tiles")])
        self.assertEqual(len(alert), 1)
        self.assertIn(self.credit_manager.partner_id, alert.partner_ids)
        self.assertIn("18.92", alert.body)
        # credit users read the dashboard, salespeople do not
        self.assertTrue(Snapshot.with_user(self.credit_user).search_count([("scope", "=", "company")]))

    def test_the_industry_alert_on_the_bad_debt_rate(self):
        """The 200 (over 90 days) and the 500 (19 days late) are written off at F+20:
        written off 700 of sales 3,500 = 20 % bad debt; closing 3,000, all not yet due,
        so nothing is overdue. With the alert at 15 %, the bad-debt rate alone alerts."""
        Account = self.env["account.account"]
        self.company.write(
            {
                "smec_allowance_account_id": Account.create(
                    {"code": "1231", "name": "Allowance for bad debts", "account_type": "asset_current"}
                ).id,
                "smec_provision_journal_id": self.company_data["default_journal_misc"].id,
                "smec_industry_alert_percent": 15,
            }
        )
        lost = self.env["account.move"].search(
            [
                ("partner_id", "=", self.customer.id),
                ("amount_total", "in", (200, 500)),
                ("move_type", "=", "out_invoice"),
            ]
        )
        writeoff = self.env["smec.credit.writeoff"].create(
            {
                "partner_id": self.customer.id,
                "invoice_ids": [(6, 0, lost.ids)],
                "date": self.F + timedelta(days=20),
                "reason": "Customer closed its shop and left",
            }
        )
        writeoff.with_user(self.credit_manager).action_post()
        created = self.env["smec.credit.kpi.snapshot"]._snapshot(self.company, self.F, self.end)
        industry = created.filtered(lambda s: s.industry_id == self.industry)
        self.assertEqual(
            (industry.written_off, industry.bad_debt_rate, industry.closing_overdue, industry.overdue_ratio),
            (700.0, 20.0, 0.0, 0.0),
        )
        alert = self.env["mail.message"].search([("subject", "=", "Industry credit alert: Tiles")])
        self.assertEqual(len(alert), 1)
        self.assertIn("bad-debt rate 20.0 %", alert.body)
