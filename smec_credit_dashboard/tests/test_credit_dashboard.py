"""The Credit dashboard in Odoo's Dashboards app: three customers worked by hand, each table of the dashboard read
as the spreadsheet reads it and compared with the screen it opens; the Credit Manager sees it, a salesperson does
not (neither the dashboard nor its figures), and its words are translated into Chinese."""

import json
from datetime import date, timedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

from .common import DashboardCase

DASHBOARD = "smec_credit_dashboard.spreadsheet_dashboard_credit"


@tagged("post_install", "-at_install")
class TestCreditDashboard(SmecCreditCommon, DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        day = cls.today
        # Alpha, grade A, limit 10,000: 4,000 not yet due                   -> exposure 4,000, 40 %
        # Beta, grade B, limit 5,000: 3,000 20 days late, 1,000 100 days late -> exposure 4,000, 80 %
        # Gamma, grade B, limit 2,000: 3,000 45 days late                   -> exposure 3,000, 150 %
        cls.alpha = Partner.create({"name": "Alpha Tiles", "is_company": True, "industry_id": cls.industry.id})
        cls.beta = Partner.create({"name": "Beta Stone", "is_company": True, "industry_id": cls.industry.id})
        cls.gamma = Partner.create({"name": "Gamma Glass", "is_company": True})
        for partner, grade, limit in ((cls.alpha, "A", 10000), (cls.beta, "B", 5000), (cls.gamma, "B", 2000)):
            partner.sudo().write({"smec_grade_id": cls.grade[grade].id, "credit_limit": limit})
        cls.make_invoice(cls.alpha, 4000, day - timedelta(days=20), day + timedelta(days=10))
        cls.make_invoice(cls.beta, 3000, day - timedelta(days=50), day - timedelta(days=20))
        cls.make_invoice(cls.beta, 1000, day - timedelta(days=130), day - timedelta(days=100))
        cls.make_invoice(cls.gamma, 3000, day - timedelta(days=75), day - timedelta(days=45))
        # two month-ends of the company's KPIs, and of the Tiles industry, as the monthly job writes them
        Snapshot = cls.env["smec.credit.kpi.snapshot"].sudo()
        for month_end, dso, cei, current, overdue, over_90, ratio in (
            (date(2026, 10, 31), 41.5, 78.0, 6000, 2000, 500, 25.0),
            (date(2026, 11, 30), 44.25, 72.5, 5000, 3000, 1000, 37.5),
        ):
            common = {"company_id": cls.company.id, "date_from": month_end.replace(day=1), "date_to": month_end}
            Snapshot.create(
                {
                    **common,
                    "scope": "company",
                    "dso": dso,
                    "cei": cei,
                    "closing_current": current,
                    "closing_overdue": overdue,
                    "closing_over_90": over_90,
                    "closing_ar": current + overdue,
                    "overdue_ratio": ratio,
                }
            )
            Snapshot.create({**common, "scope": "industry", "industry_id": cls.industry.id, "overdue_ratio": ratio})
        # the industry's published overdue rate: the newest figure is the one compared
        Figure = cls.env["smec.credit.industry.figure"]
        Figure.create(
            {
                "industry_id": cls.industry.id,
                "date": date(2025, 12, 31),
                "period": "2025",
                "overdue_rate": 20.0,
                "bad_debt_rate": 1.0,
                "source": "Tiles Association",
            }
        )
        Figure.create(
            {
                "industry_id": cls.industry.id,
                "date": date(2026, 9, 30),
                "period": "2026 Q3",
                "overdue_rate": 22.0,
                "bad_debt_rate": 1.5,
                "source": "Tiles Association",
            }
        )
        cls.env.flush_all()
        cls.data = json.loads(cls.env.ref(DASHBOARD).spreadsheet_data)
        cls.pivot = {p["name"]: pid for pid, p in cls.data["pivots"].items()}

    def test_exposure_by_grade_equals_the_exposure_screen(self):
        groups = dict(self.pivot_groups(self.credit_manager, self.data, self.pivot["Exposure by Grade"]))
        grade_a, grade_b = self.grade["A"].display_name, self.grade["B"].display_name
        self.assertEqual(
            {grade: (v["exposure"], v["credit_limit"], v["utilisation"], v["__count"]) for grade, v in groups.items()},
            {grade_a: (4000.0, 10000.0, 40.0, 1), grade_b: (7000.0, 7000.0, 115.0, 2)},
        )
        # the screen: Credit > Customers > Credit Exposure, its pivot (grades, exposure and limit)
        screen = dict(
            self.screen_groups(
                self.credit_manager,
                "smec.credit.exposure.report",
                self.action_domain("smec_credit.smec_credit_exposure_report_action"),
                ["grade_id"],
                ["exposure:sum", "credit_limit:sum", "utilisation:avg", "__count"],
            )
        )
        self.assertEqual(screen, groups)

    def test_aging_and_top_overdue_equal_the_aging_screen(self):
        buckets = dict(self.pivot_groups(self.credit_manager, self.data, self.pivot["Aging"]))
        self.assertEqual(
            {bucket: v["open_amount"] for bucket, v in buckets.items()},
            {"0": 4000.0, "1": 3000.0, "2": 3000.0, "4": 1000.0},  # current, 1-30, 31-60, 91-180
        )
        overdue = self.pivot_groups(self.credit_manager, self.data, self.pivot["Top Overdue Customers"])
        self.assertEqual(
            [(name, v["open_amount"], v["days_overdue"]) for name, v in overdue],
            [("Beta Stone", 4000.0, 100), ("Gamma Glass", 3000.0, 45)],
        )
        # the screen: the aging wizard's "Open", as of today, and its "Overdue" filter
        wizard = self.call_ok(self.credit_manager, "smec.credit.aging.wizard", "create", {})
        action = self.call_ok(self.credit_manager, "smec.credit.aging.wizard", "action_open", [wizard])
        context = {k: v for k, v in action["context"].items() if k != "group_by"}
        screen = dict(
            self.screen_groups(
                self.credit_manager, "smec.credit.aging.line", [], ["bucket"], ["open_amount:sum"], context
            )
        )
        self.assertEqual(screen, buckets)
        screen_overdue = self.screen_groups(
            self.credit_manager,
            "smec.credit.aging.line",
            self.filter_domain("smec.credit.aging.line", ["overdue"]),
            ["partner_id"],
            ["open_amount:sum", "days_overdue:max"],
            context,
        )
        self.assertEqual(sorted(screen_overdue, key=lambda g: -g[1]["open_amount"]), overdue)

    def test_month_end_trend_equals_the_kpi_screen(self):
        months = self.pivot_groups(self.credit_manager, self.data, self.pivot["Monthly KPIs"])
        self.assertEqual(
            [(v["dso"], v["cei"], v["closing_overdue"], v["overdue_ratio"]) for _month, v in months],
            [(44.25, 72.5, 3000.0, 37.5), (41.5, 78.0, 2000.0, 25.0)],
            "newest first: the scorecards read the first row",
        )
        # the screen: Credit > Receivables > Credit KPIs (the company's scope by default), by month
        screen = self.screen_groups(
            self.credit_manager,
            "smec.credit.kpi.snapshot",
            self.action_domain("smec_credit_receivable.smec_credit_kpi_snapshot_action"),
            ["date_to:month"],
            self.aggregates("smec.credit.kpi.snapshot", self.data["pivots"][self.pivot["Monthly KPIs"]]),
        )
        self.assertEqual(screen[::-1], months, "the screen's months run oldest first")

    def test_industry_ratio_against_the_newest_published_figure(self):
        industries = self.pivot_groups(self.credit_manager, self.data, self.pivot["Overdue by Industry"])
        self.assertEqual(
            [(industry, v["overdue_ratio"]) for (industry, _month), v in industries],
            [("Tiles", 37.5), ("Tiles", 25.0)],
            "November, then October",
        )
        spec = self.data["lists"]["1"]
        rows = self.call_ok(
            self.credit_manager,
            spec["model"],
            "search_read",
            spec["domain"],
            spec["columns"],
            order=", ".join(f"{o['name']} {'asc' if o['asc'] else 'desc'}" for o in spec["orderBy"]),
        )
        # the dashboard looks the industry up in this list: the first row of the industry is its newest figure
        first = next(r for r in rows if r["industry_id"][1] == "Tiles")
        self.assertEqual((first["period"], first["overdue_rate"]), ("2026 Q3", 22.0))

    def test_the_credit_manager_sees_it_a_salesperson_does_not(self):
        dashboard = self.env.ref(DASHBOARD)
        visible = self.call_ok(self.credit_manager, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)])
        self.assertEqual(visible, dashboard.ids)
        self.authenticate(self.credit_manager.login, self.credit_manager.login)
        response = self.url_open(f"/spreadsheet/dashboard/data/{dashboard.id}")
        self.assertEqual(response.status_code, 200)
        loaded = response.json()
        self.assertEqual(loaded["translation_namespace"], "smec_credit_dashboard")
        self.assertEqual([s["name"] for s in loaded["snapshot"]["sheets"]], ["Credit", "Data"])

        self.assertFalse(self.call_ok(self.salesman, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)]))
        self.authenticate(self.salesman.login, self.salesman.login)
        self.assertEqual(self.url_open(f"/spreadsheet/dashboard/data/{dashboard.id}").status_code, 403)
        # and the figures themselves, asked for directly, as the spreadsheet would
        self.call_refused(
            self.salesman,
            "AccessError",
            "Credit Exposure Report",
            "smec.credit.exposure.report",
            "formatted_read_grouping_sets",
            [],
            [["grade_id"]],
            ["exposure:sum"],
        )

    def test_another_company_s_customers_stay_out(self):
        other = self.env["res.company"].create({"name": "Other Wholesaler"})
        stranger = self.env["res.partner"].create({"name": "Stranger", "is_company": True})
        stranger.with_company(other).sudo().write({"credit_limit": 99000})
        manager = new_test_user(
            self.env,
            "smec_dashboard_two",
            groups="smec_credit.group_credit_manager",
            company_id=other.id,
            company_ids=[Command.set((self.company | other).ids)],
        )
        self.env.flush_all()
        # the companies the user selected in the web client, which it sends with the spreadsheet's calls
        groups = dict(self.pivot_groups(manager, self.data, self.pivot["Exposure by Grade"], companies=other))
        self.assertEqual(sum(v["__count"] for v in groups.values()), 1, "the stranger of the other company only")
        both = dict(
            self.pivot_groups(manager, self.data, self.pivot["Exposure by Grade"], companies=self.company | other)
        )
        self.assertEqual(sum(v["__count"] for v in both.values()), 4)
        groups = dict(self.pivot_groups(self.credit_manager, self.data, self.pivot["Exposure by Grade"]))
        self.assertEqual(sum(v["__count"] for v in groups.values()), 3, "a user of one company: never the other")

    def test_every_source_exists_and_every_word_is_translated(self):
        self.assertGreaterEqual(self.check_sources(self.data), 8)
        terms = self.check_translated("smec_credit_dashboard", "smec_credit_dashboard/data/files/credit_dashboard.json")
        self.assertIn("Exposure by Grade", terms)
        self.env["res.lang"]._activate_lang("zh_CN")
        module = self.env["ir.module.module"].search([("name", "=", "smec_credit_dashboard")])
        module._update_translations(["zh_CN"])
        dashboard = self.env.ref(DASHBOARD).with_context(lang="zh_CN")
        self.assertEqual((dashboard.name, dashboard.dashboard_group_id.name), ("信用", "信用管理"))
        # what the web client loads for the dashboard's namespace
        translations = self.env["ir.http"]._get_translations_for_webclient(["smec_credit_dashboard"], "zh_CN")[0]
        messages = {m["id"]: m["string"] for m in translations["smec_credit_dashboard"]["messages"]}
        self.assertEqual(messages["Exposure by Grade"], "按信用等级的信用敞口")

    def test_the_web_client_shows_the_hand_worked_figures(self):
        """The dashboard as the Credit Manager's browser evaluates it: no cell in error, and the figures above."""
        lang = self.credit_manager.lang
        self.assert_dashboard_shows(
            DASHBOARD,
            self.credit_manager.login,
            {
                # exposure by grade: A, B, the total (utilisation: the average customer's)
                "Credit!A9": self.grade["A"].with_context(lang=lang).display_name,
                "Credit!B9": 4000,
                "Credit!D9": 40,
                "Credit!B10": 7000,
                "Credit!C10": 7000,
                "Credit!D10": 115,
                "Credit!B17": 11000,
                "Credit!C17": 17000,
                "Credit!D17": 90,
                # the aging: current 4,000 of 11,000, then 1-30, 31-60 and 91-180
                "Credit!E9": self.company.with_context(lang=lang)._smec_aging_labels()[0],
                "Credit!F9": 4000,
                "Credit!G9": 36.36,
                "Credit!E12": "91-180",
                "Credit!F12": 1000,
                "Credit!F17": 11000,
                # top overdue customers
                "Credit!A21": "Beta Stone",
                "Credit!B21": 4000,
                "Credit!C21": 100,
                "Credit!A22": "Gamma Glass",
                "Credit!C22": 45,
                # the industry last month against its newest published figure
                "Credit!E21": "Tiles",
                "Credit!F21": 37.5,
                "Credit!G21": 22,
                "Credit!H21": "2026 Q3",
                # the month-end trend, newest first, and the scorecards' figures
                "Credit!B34": 5000,
                "Credit!C34": 3000,
                "Credit!E34": 44.25,
                "Credit!F35": 78,
                "Data!B4": 44.25,
                "Data!B5": 72.5,
                "Data!B6": 37.5,
            },
        )
