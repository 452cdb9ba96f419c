"""Industry reference figures imported by a credit manager: each row reported,
bad rows refused, alerts on a published bad-debt rate too high or rising fast,
told to the credit managers with the customers in the industry, and tighter
terms proposed for them at the next monthly review."""

import base64
from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestIndustryFigures(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.steel = cls.env["res.partner.industry"].create({"name": "Steel"})
        # Huaxin (Tiles) is a customer with a limit of 10,000
        cls.make_invoice(cls.customer, 100, cls.today)
        cls.customer.sudo().credit_limit = 10000
        # this year's period ends a month ago, last year's a year before
        cls.end = cls.today - timedelta(days=30)
        cls.last = cls.end - timedelta(days=365)

    def run_import(self, lines, user=None):
        text = "industry,period,period_end,bad_debt_rate,overdue_rate,source\n" + "\n".join(lines) + "\n"
        wizard = (
            self.env["smec.credit.industry.figure.import"]
            .with_user(user or self.credit_manager)
            .create({"file": base64.b64encode(text.encode()), "filename": "figures.csv"})
        )
        wizard.action_import()
        return wizard

    def test_import_report_and_alerts(self):
        end, last = self.end, self.last
        wizard = self.run_import(
            [
                f"Tiles,last year,{last},3.1,12,CBMA yearly report",
                f"Tiles,this year,{end},4.5,15.5,CBMA yearly report",  # up 1.4 points (> 1.0)
                f"steel,this year,{end},6.2%,20,CISA",  # above 5 %; the name in any case
                f"Glass,this year,{end},1,2,CGIA",  # unknown industry
                f"Tiles,this year,{end},4.5,15.5,CBMA yearly report",  # twice
                f"Steel,last year,{last},-1,3,CISA",  # negative
                f"Steel,older,{last - timedelta(days=365)},abc,3,CISA",  # not a number
                "Steel,undated,,1,1,CISA",
                f"Steel,no source,{end},1,1,",
            ]
        )
        self.assertEqual((wizard.created_count, wizard.rejected_count, wizard.alert_count), (3, 6, 2))
        messages = {line.row: (line.status, line.message) for line in wizard.line_ids}
        self.assertEqual(messages[2], ("created", "Figure created."))
        self.assertEqual(messages[3], ("created", "Alert: up 1.4 points since last year"))
        self.assertEqual(messages[4], ("created", "Alert: bad-debt rate 6.2 % above 5.0 %"))
        self.assertRegex(messages[5][1], "Unknown industry Glass")
        self.assertRegex(messages[6][1], "Already imported")
        self.assertRegex(messages[7][1], "bad_debt_rate -1.0 is not a percentage")
        self.assertRegex(messages[8][1], "Unreadable bad_debt_rate abc")
        self.assertRegex(messages[9][1], "Unreadable period end")
        self.assertRegex(messages[10][1], "where the figure comes from")
        tiles = wizard.line_ids.filtered(lambda line: line.row == 3).figure_id
        self.assertEqual((tiles.partner_count, tiles._partners()), (1, self.customer))
        alert = self.env["mail.message"].search(
            [("subject", "=", "Industry credit alert: Tiles"), ("model", "=", "smec.credit.industry.figure")]
        )
        self.assertEqual(len(alert), 1)
        self.assertIn(self.credit_manager.partner_id, alert.partner_ids)
        self.assertIn("1 customers in this industry: Huaxin Tiles Co., Ltd.", alert.body)

        # a figure imported late becomes the previous one: last year's (3.1) rose 2.1 points from it (1.0)
        self.run_import([f"Tiles,two years ago,{last - timedelta(days=365)},1.0,5,CBMA yearly report"])
        last_year = tiles.previous_id
        self.assertEqual((last_year.alert, last_year.alert_reason), (True, "up 2.1 points since two years ago"))

        # the next monthly review tightens Huaxin's terms: 30 % less
        proposal = self.env["smec.credit.proposal"]._review_company(self.company)
        self.assertEqual((proposal.partner_id, proposal.proposed_limit), (self.customer, 7000.0))
        self.assertEqual(
            proposal.reason,
            "Tighten by 30 %: industry alert (Tiles this year: up 1.4 points since last year). "
            "Exposure $\xa0100.00, 1 % of the limit $\xa010,000.00.",
        )

    def test_only_a_credit_manager_imports(self):
        with self.assertRaises(AccessError):
            self.run_import([f"Tiles,this year,{self.end},4.5,15.5,CBMA"], user=self.credit_user)
        with self.assertRaises(AccessError):
            self.env["smec.credit.industry.figure"].with_user(self.credit_user).create(
                {"industry_id": self.industry.id, "date": self.end, "period": "x", "source": "me"}
            )
        with self.assertRaisesRolledBack(UserError, "missing: period_end, source"):
            self.env["smec.credit.industry.figure.import"].create(
                {"file": base64.b64encode(b"industry,bad_debt_rate\nTiles,3\n"), "filename": "f.csv"}
            ).action_import()
