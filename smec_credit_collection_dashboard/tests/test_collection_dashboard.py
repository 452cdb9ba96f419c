"""The Collection dashboard in Odoo's Dashboards app: a day of dunning worked by hand (the collection results'
own example), the dashboard's tables read as the spreadsheet reads them and compared with the Collection Results
and Promises screens; collection users see it, a salesperson does not; its words are translated into Chinese."""

import json
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.smec_credit_collection.tests.test_dunning import DUE, DunningCommon
from odoo.addons.smec_credit_dashboard.tests.common import DashboardCase

DASHBOARD = "smec_credit_collection_dashboard.spreadsheet_dashboard_collection"


@tagged("post_install", "-at_install")
class TestCollectionDashboard(DunningCommon, DashboardCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A and B are reminded on day 7 (1,000 each). A pays 400 on day 10 and 600 on day 27: 1,000 collected
        # within 30 days, at (400 x 3 + 600 x 20) / 1,000 = 13.2 days. B pays nothing. The friendly stage:
        # 2,000 chased, 1,000 collected, 50 % paid on average per customer, 13.2 days.
        cls.slow = cls.customer.copy({"name": "Slow Ltd", "email": "ap@slow.example.com"})
        cls.collector = cls._user("smec_dashboard_collector", "smec_credit_collection.group_collection_agent")
        cls.customer.smec_collector_id = cls.collector
        invoice = cls.make_invoice(cls.customer, 1000, DUE - timedelta(days=30), DUE)
        cls.slow_invoice = cls.make_invoice(cls.slow, 1000, DUE - timedelta(days=30), DUE)
        cls.run_day(cls, DUE + timedelta(days=7))
        cls.pay(invoice, 400, DUE + timedelta(days=10))
        cls.pay(invoice, 600, DUE + timedelta(days=27))
        # the collector's promises: two kept, one broken -> 66.67 % kept; an open one is not settled yet
        Promise = cls.env["smec.collection.promise"].sudo()
        for state in ("kept", "kept", "broken", "open"):
            promise = Promise.create(
                {
                    "partner_id": cls.slow.id,
                    "user_id": cls.collector.id,
                    "invoice_ids": [Command.set(cls.slow_invoice.ids)],
                    "line_ids": [Command.create({"date": cls.today + timedelta(days=20), "amount": 100})],
                }
            )
            promise.write({"state": state})
        cls.env.flush_all()
        cls.data = json.loads(cls.env.ref(DASHBOARD).spreadsheet_data)
        cls.pivot = {p["name"]: pid for pid, p in cls.data["pivots"].items()}

    def test_results_by_stage_and_collector_equal_the_results_screen(self):
        measures = ("amount_dunned_company", "amount_collected_company", "paid_rate", "days_to_collect")
        by_stage = self.pivot_groups(self.collector, self.data, self.pivot["Results by Stage"])
        self.assertEqual(
            [(stage, *(v[m] for m in measures)) for stage, v in by_stage],
            [(self.stage[7].display_name, 2000.0, 1000.0, 50.0, 13.2)],
        )
        by_collector = dict(self.pivot_groups(self.collector, self.data, self.pivot["Results by Collector"]))
        self.assertEqual(tuple(by_collector[self.collector.name][m] for m in measures), (1000.0, 1000.0, 100.0, 13.2))
        self.assertEqual(sum(v["amount_dunned_company"] for v in by_collector.values()), 2000.0)
        # the screen: Collection > Collection Results, its pivot (by stage by default, or by collector)
        aggregates = self.aggregates("smec.collection.result", self.data["pivots"][self.pivot["Results by Stage"]])
        domain = self.action_domain("smec_credit_collection.smec_collection_result_action")
        for groupby, dashboard in (("stage_id", by_stage), ("user_id", list(by_collector.items()))):
            screen = self.screen_groups(self.collector, "smec.collection.result", domain, [groupby], aggregates)
            self.assertEqual(sorted(screen, key=str), sorted(dashboard, key=str), groupby)

    def test_promises_kept_equal_the_promises_screen(self):
        promises = self.pivot_groups(self.collector, self.data, self.pivot["Promises Kept"])
        self.assertEqual(
            sorted((key, v["__count"]) for key, v in promises),
            [((self.collector.name, "broken"), 1), ((self.collector.name, "kept"), 2)],
        )
        # the screen: Collection > Promises to Pay grouped by status (the open ones are not settled: left out)
        screen = self.screen_groups(
            self.collector, "smec.collection.promise", [("partner_id", "=", self.slow.id)], ["state"], ["__count"]
        )
        self.assertEqual({state: v["__count"] for state, v in screen}, {"kept": 2, "broken": 1, "open": 1})

    def test_collection_users_see_it_others_do_not(self):
        dashboard = self.env.ref(DASHBOARD)
        self.assertEqual(
            self.call_ok(self.collector, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)]),
            dashboard.ids,
        )
        self.authenticate(self.collector.login, self.collector.login)
        response = self.url_open(f"/spreadsheet/dashboard/data/{dashboard.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["translation_namespace"], "smec_credit_collection_dashboard")
        # the collector is no credit manager: the Credit dashboard stays hidden from them
        credit = self.env.ref("smec_credit_dashboard.spreadsheet_dashboard_credit")
        self.assertFalse(self.call_ok(self.collector, "spreadsheet.dashboard", "search", [("id", "=", credit.id)]))
        for user in (self.salesman, self.credit_user):
            self.assertFalse(self.call_ok(user, "spreadsheet.dashboard", "search", [("id", "=", dashboard.id)]))
            self.authenticate(user.login, user.login)
            self.assertEqual(self.url_open(f"/spreadsheet/dashboard/data/{dashboard.id}").status_code, 403)
        self.call_refused(
            self.salesman,
            "AccessError",
            "Collection Results",
            "smec.collection.result",
            "formatted_read_grouping_sets",
            [],
            [["stage_id"]],
            ["amount_collected_company:sum"],
        )

    def test_every_source_exists_and_every_word_is_translated(self):
        self.assertGreaterEqual(self.check_sources(self.data), 5)
        terms = self.check_translated(
            "smec_credit_collection_dashboard", "smec_credit_collection_dashboard/data/files/collection_dashboard.json"
        )
        self.assertIn("Promises to Pay Kept", terms)
        self.env["res.lang"]._activate_lang("zh_CN")
        module = self.env["ir.module.module"].search([("name", "=", "smec_credit_collection_dashboard")])
        module._update_translations(["zh_CN"])
        self.assertEqual(self.env.ref(DASHBOARD).with_context(lang="zh_CN").name, "催收")
        translations = self.env["ir.http"]._get_translations_for_webclient(
            ["smec_credit_collection_dashboard"], "zh_CN"
        )[0]
        messages = {m["id"]: m["string"] for m in translations["smec_credit_collection_dashboard"]["messages"]}
        self.assertEqual(messages["Promises to Pay Kept"], "付款承诺的兑现")

    def test_the_web_client_shows_the_hand_worked_figures(self):
        """The dashboard as the collector's browser evaluates it: no cell in error, and the figures above."""
        self.assert_dashboard_shows(
            DASHBOARD,
            self.collector.login,
            {
                "Collection!A9": self.stage[7].with_context(lang=self.collector.lang).display_name,
                "Collection!B9": 2000,
                "Collection!C9": 1000,
                "Collection!D9": 50,
                "Collection!E9": 13.2,
                "Collection!B19": 2000,
                # the promises settled: two kept, one broken
                "Collection!A37": self.collector.name,
                "Collection!B37": 2,
                "Collection!C37": 1,
                "Collection!D37": 200 / 3,
                "Data!B4": 200 / 3,
            },
        )
