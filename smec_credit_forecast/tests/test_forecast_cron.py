"""The weekly job and the lines' table: each live company's forecast of the day, once; the lines go with their
forecast (their table has no foreign key)."""

from odoo.tests import tagged

from ..tools import forecast_math as fm
from .common import ForecastCommon


@tagged("post_install", "-at_install")
class TestWeeklyForecast(ForecastCommon):
    def forecasts(self, company):
        return self.env["smec.credit.forecast"].search([("company_id", "=", company.id)])

    def weeks(self, forecast):
        totals = {}
        for line in forecast.line_ids:
            totals[line.week] = round(totals.get(line.week, 0.0) + line.amount, 2)
        return totals

    def test_each_live_company_once_a_day_as_a_manager_would(self):
        other = self.env["res.company"].create({"name": "Not live yet"})
        self.env["smec.credit.forecast"]._cron_weekly()
        made = self.forecasts(self.company)
        today = self.env["smec.collection.run"]._today(self.company)
        self.assertEqual((len(made), made.state, made.date), (1, "done", today))
        self.assertEqual(made.amount_open, 11400)
        by_hand = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": today})
        by_hand.action_compute()
        self.assertEqual(self.weeks(made), self.weeks(by_hand))
        self.assertEqual(len(made.line_ids), len(by_hand.line_ids))
        self.assertFalse(self.forecasts(other), "a company not live gets no forecast")
        # run again the same day (a retry after a crash): nothing made twice
        self.env["smec.credit.forecast"]._cron_weekly()
        self.assertEqual(self.forecasts(self.company), made | by_hand)

    def test_a_run_that_crashed_halfway_resumes_with_the_companies_left(self):
        second = self.env["res.company"].create({"name": "Second live company"})
        second._smec_go_live({})
        # the crashed run had committed the first company's forecast of the day, not the second's
        today = self.env["smec.collection.run"]._today(self.company)
        done = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": today})
        done.action_compute()
        self.env["smec.credit.forecast"]._cron_weekly()
        self.assertEqual(self.forecasts(self.company), done)
        made = self.forecasts(second)
        self.assertEqual((len(made), made.state, made.amount_open), (1, "done", 0))

    def test_the_lines_go_with_their_forecast(self):
        forecast = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": self.D})
        forecast.action_compute()
        kept = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": self.D})
        kept.action_compute()
        count = "SELECT COUNT(*) FROM smec_credit_forecast_line WHERE forecast_id = %s"
        self.env.cr.execute(count, [forecast.id])
        self.assertEqual(self.env.cr.fetchone()[0], len(kept.line_ids))
        forecast.unlink()
        self.env.cr.execute(count, [forecast.id])
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        self.assertEqual(self.weeks(kept)["later"], 1500)

    def test_arrays_travel_as_one_literal_each(self):
        self.assertEqual(fm.pg_array([1, None, 2.5, 1e-05, 142.857143]), "{1,NULL,2.5,1e-05,142.857143}")
        # read back as the database keeps it: the decimal written, not a float near it
        self.env.cr.execute(
            "SELECT %s::numeric[]::text, %s::varchar[]", [fm.pg_array([0.1, 142.857143, None]), fm.pg_array(["t", "f"])]
        )
        self.assertEqual(self.env.cr.fetchone(), ("{0.1,142.857143,NULL}", ["t", "f"]))
