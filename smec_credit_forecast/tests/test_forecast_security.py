"""Who may see and compute a forecast, and a company's forecast sees its company only."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestForecastSecurity(ForecastCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collection_manager = cls._user("smec_fc_cmanager", "smec_credit_collection.group_collection_manager")
        cls.agent = cls._user("smec_fc_agent", "smec_credit_collection.group_collection_agent")
        # the other company: its own invoice of Anshan Steel, 9,999, due D+5
        cls.other = cls.env["res.company"].create({"name": "Other Wholesale", "currency_id": cls.currency.id})
        cls.env["account.chart.template"].try_loading("generic_coa", company=cls.other, install_demo=False)
        cls.other_manager = new_test_user(
            cls.env,
            "smec_fc_other",
            groups="smec_credit.group_credit_manager",
            company_id=cls.other.id,
            company_ids=[(6, 0, cls.other.ids)],
        )
        move = (
            cls.env["account.move"]
            .with_company(cls.other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.a.id,
                    "company_id": cls.other.id,
                    "invoice_date": cls.day(-30),
                    "invoice_date_due": cls.day(5),
                    "invoice_line_ids": [(0, 0, {"name": "Steel", "quantity": 1, "price_unit": 9999, "tax_ids": []})],
                }
            )
        )
        move.action_post()

    def test_each_company_forecasts_its_own_receivables(self):
        mine = self.new_forecast(self.credit_manager)
        mine.action_compute()
        self.assertEqual(round(mine.amount_open, 2), 11400)
        theirs = self.env["smec.credit.forecast"].with_user(self.other_manager).create({"date": self.D})
        theirs.action_compute()
        self.assertEqual(theirs.company_id, self.other)
        self.assertEqual((theirs.amount_open, theirs.line_ids.partner_id), (9999, self.a))
        # A's behaviour in the other company has no history there: the company's, which has none either
        self.assertEqual(theirs.behaviour_ids.source, "none")
        self.assertEqual(theirs.amount_later, 9999)
        Forecast = self.env["smec.credit.forecast"].with_user(self.other_manager)
        self.assertEqual(Forecast.search([]), theirs)
        self.assertFalse(
            self.env["smec.credit.forecast.line"]
            .with_user(self.other_manager)
            .search_count([("forecast_id", "=", mine.id)])
        )
        with self.assertRaises(AccessError):
            mine.with_user(self.other_manager).read(["amount_expected"])

    def test_managers_compute_agents_read_others_are_refused(self):
        forecast = self.new_forecast(self.collection_manager)
        forecast.action_compute()
        lines = self.env["smec.credit.forecast.line"].with_user(self.agent).search([("forecast_id", "=", forecast.id)])
        self.assertEqual(round(sum(lines.mapped("amount")), 2), 11400)
        with self.assertRaises(AccessError):
            self.new_forecast(self.agent)
        with self.assertRaisesRegex(AccessError, "Only a Credit Manager or a Collection Manager"):
            forecast.with_user(self.agent).action_compute()
        for user in (self.salesman, self.credit_user):
            with self.assertRaises(AccessError):
                self.env["smec.credit.forecast.line"].with_user(user).search([])
            with self.assertRaises(AccessError):
                forecast.with_user(user).read(["amount_expected"])

    def test_a_computed_figure_is_refused_with_its_name(self):
        with self.assertRaisesRegex(UserError, "Expected in 13 Weeks"):
            self.new_forecast(self.credit_manager, amount_expected=1)
        forecast = self.new_forecast(self.credit_manager)
        forecast.action_compute()
        with self.assertRaisesRegex(UserError, "computed"):
            forecast.with_user(self.credit_manager).write({"date": self.day(-1)})

    def test_over_json_rpc(self):
        forecast_id = self.call_ok(
            self.collection_manager, "smec.credit.forecast", "create", {"company_id": self.company.id}
        )
        self.call_ok(self.collection_manager, "smec.credit.forecast", "action_compute", [forecast_id])
        lines = self.call_ok(
            self.agent, "smec.credit.forecast.line", "search_read", [("forecast_id", "=", forecast_id)], ["amount"]
        )
        self.assertEqual(round(sum(line["amount"] for line in lines), 2), 11400)
        self.call_refused(
            self.agent, "AccessError", "Only a Credit Manager", "smec.credit.forecast", "action_compute", [forecast_id]
        )
        self.call_refused(self.credit_user, "AccessError", ".", "smec.credit.forecast.line", "search_read", [])
        self.call_refused(
            self.collection_manager,
            "UserError",
            "Expected in 13 Weeks",
            "smec.credit.forecast",
            "create",
            {"company_id": self.company.id, "amount_expected": 5},
        )
