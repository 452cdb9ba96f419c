"""The Cash-in Forecast dashboard on the ten-invoice forecast worked by hand (smec_credit_forecast's
test_forecast.py: EXPECTED, LOW, HIGH by week): each table read as the spreadsheet reads it equals the screen it
opens (Credit > Receivables > Newest Cash-in Forecast) and the hand-worked figures; it follows the newest forecast
when another is computed; the Credit Manager sees it, a salesperson does not; its words are in Chinese."""

import json

from odoo.tests import tagged

from odoo.addons.smec_credit_dashboard.tests.common import DashboardCase
from odoo.addons.smec_credit_forecast.tests.common import ForecastCommon
from odoo.addons.smec_credit_forecast.tests.test_forecast import EXPECTED, HIGH, LOW

DASHBOARD = "smec_credit_forecast_dashboard.spreadsheet_dashboard_forecast"
JSON = "smec_credit_forecast_dashboard/data/files/forecast_dashboard.json"


@tagged("post_install", "-at_install")
class TestForecastDashboard(ForecastCommon, DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forecast = cls.new_forecast(cls)
        cls.forecast.action_compute()
        cls.env.flush_all()
        cls.data = json.loads(cls.env.ref(DASHBOARD).spreadsheet_data)
        cls.pivot = {p["name"]: pid for pid, p in cls.data["pivots"].items()}

    def weeks(self, user):
        groups = self.pivot_groups(user, self.data, self.pivot["Forecast by Week"])
        return {week: {k: round(v, 2) for k, v in values.items() if k.startswith("amount")} for week, values in groups}

    def test_the_weeks_and_their_band_equal_the_screen_and_the_hand_worked_forecast(self):
        weeks = self.weeks(self.credit_manager)
        self.assertEqual(
            {w: v["amount"] for w, v in weeks.items() if v["amount"]}, {k: round(v, 2) for k, v in EXPECTED.items()}
        )
        self.assertEqual({w: v["amount_low"] for w, v in weeks.items() if v["amount_low"]}, LOW)
        self.assertEqual({w: v["amount_high"] for w, v in weeks.items() if v["amount_high"]}, HIGH)
        # the screen: Credit > Receivables > Newest Cash-in Forecast, by week
        screen = self.screen_groups(
            self.credit_manager,
            "smec.credit.forecast.line",
            self.action_domain("smec_credit_forecast.smec_credit_forecast_line_action_newest"),
            ["week"],
            ["amount:sum", "amount_low:sum", "amount_high:sum"],
        )
        self.assertEqual(
            {week: {k: round(v, 2) for k, v in values.items() if k.startswith("amount")} for week, values in screen},
            weeks,
        )
        # the 13 weeks' totals are the forecast's own
        total = self.pivot_groups(self.credit_manager, self.data, self.pivot["13 Weeks"])
        ((_key, values),) = total
        self.assertEqual(
            (round(values["amount"], 2), values["amount_low"], values["amount_high"]),
            (round(self.forecast.amount_expected, 2), self.forecast.amount_low, self.forecast.amount_high),
        )
        self.assertEqual((self.forecast.amount_low, self.forecast.amount_high), (9000, 9000))

    def test_it_follows_the_newest_forecast(self):
        # a forecast of an earlier day computed later is not the newest; another of today is
        older = self.new_forecast(date=self.day(-1))
        older.action_compute()
        self.assertEqual(self.weeks(self.credit_manager)["03"]["amount"], round(EXPECTED["03"], 2))
        self.pay(self.open[1], 2000, self.D)  # A's 2,000 expected in week 3 came in
        newer = self.new_forecast()
        newer.action_compute()
        self.assertEqual(
            (self.forecast.is_newest, older.is_newest, newer.is_newest), (False, False, True), "one newest a company"
        )
        # the dashboard reads the newer forecast's lines: A's 2,000 paid is no longer expected in week 3
        week_3 = sum(newer.line_ids.filtered(lambda line: line.week == "03").mapped("amount"))
        self.assertEqual(self.weeks(self.credit_manager)["03"]["amount"], round(week_3, 2))
        self.assertLess(week_3, EXPECTED["03"] - 1000)

    def test_the_credit_manager_sees_it_a_salesperson_does_not(self):
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(
            self.call_ok(self.credit_manager, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)]),
            dashboard.ids,
        )
        self.assertFalse(self.call_ok(self.salesman, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)]))
        self.authenticate(self.salesman.login, self.salesman.login)
        self.assertEqual(self.url_open(f"/spreadsheet/dashboard/data/{dashboard.id}").status_code, 403)
        self.call_refused(
            self.salesman,
            "AccessError",
            ".+",
            "smec.credit.forecast.line",
            "formatted_read_grouping_sets",
            [],
            [["week"]],
            ["amount:sum"],
        )

    def test_every_source_exists_and_every_word_is_translated(self):
        self.assertGreaterEqual(self.check_sources(self.data), 4)
        terms = self.check_translated("smec_credit_forecast_dashboard", JSON)
        self.assertIn("Cash-in Forecast by Week", terms)
        self.check_translated("smec_credit_forecast_dashboard", JSON, lang="zh_TW")
        self.env["res.lang"]._activate_lang("zh_CN")
        module = self.env["ir.module.module"].search([("name", "=", "smec_credit_forecast_dashboard")])
        module._update_translations(["zh_CN"])
        self.assertEqual(self.env.ref(DASHBOARD).with_context(lang="zh_CN").name, "现金回款预测")

    def test_the_web_client_shows_the_hand_worked_figures(self):
        """The dashboard as the Credit Manager's browser evaluates it: no cell in error, the weeks as worked."""
        self.assert_dashboard_shows(
            DASHBOARD,
            self.credit_manager.login,
            {
                # week 1, 2, 3 (rows 9, 10, 11): expected, low, high
                "Forecast!B9": round(EXPECTED["01"], 2),
                "Forecast!C9": 500,
                "Forecast!D9": 2500,
                "Forecast!B10": round(EXPECTED["02"], 2),
                "Forecast!D10": 2300,
                "Forecast!B11": round(EXPECTED["03"], 2),
                "Forecast!C11": 2000,
                # the 13 weeks, and the open receivables of the forecast
                "Data!B2": 9000,
                "Data!B3": 9000,
                "Data!B4": 11400,
            },
        )
