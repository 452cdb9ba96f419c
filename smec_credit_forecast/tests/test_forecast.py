"""The ten-invoice forecast of common.py, worked by hand. Weeks: week 1 holds D+1..D+7, week 2 D+8..D+14...
An item d days late lands on its due date + d; an item already x days past due follows its sample beyond x.

  1 A 1,000 due D+5: own sample, all of it: D+5 (1/7, week 1), D+15 (4/7, week 3), D+35 (2/7, week 5):
      142.86, 571.43, 285.71; high (p10, 0 days) week 1, low (p90, 30 days) week 5; expected D+15.
  2 A 2,000 15 days late: beyond 15 only 30 days: D+15, week 3, all bands.
  3 A 500 40 days late: nothing beyond 40 in A's sample nor the company's: later.
  4 A 800 due D+10, 300 disputed (apart); 500: D+10 (1/7, week 2), D+20 (4/7, week 3), D+40 (2/7, week 6):
      71.43, 285.71, 142.86; high week 2, low week 6.
  5 B 1,100 due D+1, company sample: D+1 (1/11, week 1), D+11 (4/11, week 2), D+21 (4/11, week 3),
      D+31 (2/11, week 5): 100, 400, 400, 200; high (p10 10 days) week 2, low (p90 30) week 5.
  6 B 1,500 5 days late, a promise of 1,000 on D+7 at B's kept rate 50 %: 500 in week 1; the other 1,000
      beyond 5 days: 10 (1), 20 (1), 30 (0.5) of 2.5: D+5 (0.4, week 1), D+15 (0.4, week 3), D+25 (0.2,
      week 4): 400, 400, 200; high week 1, low week 4.
  7 B 600: legal claim, apart.
  8 C 2,200 due D+20: D+20 (week 3), D+30 (week 5), D+40 (week 6), D+50 (week 8): 200, 800, 800, 400;
      high (10 days) week 5, low (30 days) week 8.
  9 C 700 (350 EUR) due D+3: D+3 (week 1), D+13 (week 2), D+23 (week 4), D+33 (week 5): 63.64, 254.55,
      254.55, 127.27 (EUR 31.82, 127.27, 127.27, 63.64); high week 2, low week 5.
  10 C 1,000 60 days late: later.

Expected per week: 1: 142.86 + 100 + 500 + 400 + 63.64 = 1,206.49; 2: 71.43 + 400 + 254.55 = 725.97;
3: 571.43 + 2,000 + 285.71 + 400 + 400 + 200 = 3,857.14; 4: 200 + 254.55 = 454.55; 5: 285.71 + 200 + 800 +
127.27 = 1,412.99; 6: 142.86 + 800 = 942.86; 8: 400; later 1,500; apart 300 disputed, 600 legal.
Low: 1: 500; 3: 2,000; 4: 1,000; 5: 1,000 + 1,100 + 700 = 2,800; 6: 500; 8: 2,200; later 1,500.
High: 1: 1,000 + 500 + 1,000 = 2,500; 2: 500 + 1,100 + 700 = 2,300; 3: 2,000; 5: 2,200; later 1,500.
Naive (on the due date, past due in week 1): 1: 2,000 + 500 + 1,500 + 600 + 1,000 + 1,000 + 1,100 + 700 =
8,400; 2: 800; 3: 2,200.
"""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

from ..tools import forecast_math as fm
from .common import ForecastCommon

EXPECTED = {
    "01": 1000 / 7 + 100 + 500 + 400 + 700 / 11,
    "02": 500 / 7 + 400 + 2800 / 11,
    "03": 4000 / 7 + 2000 + 2000 / 7 + 400 + 400 + 200,
    "04": 200 + 2800 / 11,
    "05": 2000 / 7 + 200 + 800 + 1400 / 11,
    "06": 1000 / 7 + 800,
    "08": 400,
    "later": 1500,
    "apart": 900,
}
LOW = {"01": 500, "03": 2000, "04": 1000, "05": 2800, "06": 500, "08": 2200, "later": 1500, "apart": 900}
HIGH = {"01": 2500, "02": 2300, "03": 2000, "05": 2200, "later": 1500, "apart": 900}


@tagged("post_install", "-at_install")
class TestTenInvoiceForecast(ForecastCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.forecast = cls.env["smec.credit.forecast"].create({"company_id": cls.company.id, "date": cls.D})
        cls.forecast.action_compute()

    def by(self, field, **domain):
        lines = self.forecast.line_ids
        for key, value in domain.items():
            lines = lines.filtered(lambda line, key=key, value=value: line[key] == value)
        totals = {}
        for line in lines:
            totals[line.week] = totals.get(line.week, 0.0) + line[field]
        return {week: round(amount, 2) for week, amount in totals.items() if round(amount, 2)}

    def test_weights_and_percentiles(self):
        weights = fm.decay_weights([0, 90, 180], 90)
        self.assertEqual(list(weights), [1.0, 0.5, 0.25])
        self.assertEqual([fm.weighted_percentile([10, 30, 0], weights, q) for q in (0.1, 0.5, 0.9)], [0, 10, 30])
        company = ([10, 30, 0, 20], [1, 0.5, 0.25, 1])
        self.assertEqual([fm.weighted_percentile(*company, q) for q in (0.1, 0.5, 0.9)], [10, 20, 30])
        behaviour = {b.partner_id: b for b in self.forecast.behaviour_ids}
        a, b, c = behaviour[self.a], behaviour[self.b], behaviour[self.c]
        self.assertEqual((a.source, a.invoice_count, a.days_p10, a.days_p50, a.days_p90), ("own", 3, 0, 10, 30))
        self.assertEqual((b.source, b.invoice_count, b.days_p10, b.days_p50, b.days_p90), ("company", 1, 10, 20, 30))
        self.assertEqual((c.source, c.invoice_count, c.days_p50), ("company", 0, 20))
        self.assertAlmostEqual(a.late_share, 100 * 1.5 / 1.75)
        self.assertAlmostEqual(b.late_share, 100 * 2.5 / 2.75)
        self.assertEqual(
            [(round(x.kept_rate, 2), x.kept_own) for x in (a, b, c)], [(66.67, False), (50, True), (100, True)]
        )

    def test_each_amount_lands_in_its_week(self):
        self.assertEqual(self.by("amount"), {k: round(v, 2) for k, v in EXPECTED.items()})
        self.assertEqual(self.by("amount_low"), LOW)
        self.assertEqual(self.by("amount_high"), HIGH)
        first = self.forecast.line_ids.filtered(lambda line: line.move_id == self.open[0])
        self.assertEqual(
            {line.week: round(line.amount, 2) for line in first}, {"01": 142.86, "03": 571.43, "05": 285.71}
        )
        self.assertEqual(
            set(first.mapped("date_expected")) | set(first.mapped("date_early")) | set(first.mapped("date_late")),
            {self.day(15), self.day(5), self.day(35)},
        )
        f = self.forecast
        self.assertEqual(
            [round(x, 2) for x in (f.amount_open, f.amount_expected, f.amount_later)],
            [11400, round(sum(v for k, v in EXPECTED.items() if k not in ("later", "apart")), 2), 1500],
        )
        self.assertEqual((f.amount_disputed, f.amount_legal, f.amount_low, f.amount_high), (300, 600, 9000, 9000))
        self.assertEqual(f.amount_naive, 11400)

    def test_promise_weighted_by_the_kept_rate_and_the_rest_by_behaviour(self):
        sixth = self.forecast.line_ids.filtered(lambda line: line.move_id == self.open[5])
        promise = sixth.filtered(lambda line: line.kind == "promise")
        self.assertEqual((promise.week, promise.amount, promise.kept_rate), ("01", 500, 50))
        rest = sixth - promise
        self.assertEqual({line.week: round(line.amount, 2) for line in rest}, {"01": 400, "03": 400, "04": 200})

    def test_disputed_and_legal_apart(self):
        apart = self.forecast.line_ids.filtered(lambda line: line.week == "apart")
        self.assertEqual(
            sorted((line.kind, line.move_id.id, line.amount) for line in apart),
            [("disputed", self.open[3].id, 300), ("legal", self.open[6].id, 600)],
        )

    def test_invoice_currency_beside_the_company_currency(self):
        euro = self.forecast.line_ids.filtered(lambda line: line.move_id == self.open[8])
        self.assertEqual(euro.currency_id, self.eur)
        self.assertEqual(
            {line.week: (round(line.amount, 2), round(line.amount_currency, 2)) for line in euro},
            {"01": (63.64, 31.82), "02": (254.55, 127.27), "04": (254.55, 127.27), "05": (127.27, 63.64)},
        )
        self.assertEqual(self.by("amount_currency_low", currency_id=self.eur), {"05": 350})

    def test_naive_forecast(self):
        engine = self.env["smec.credit.forecast.engine"]
        result = engine._forecast(self.company, self.D)
        self.assertEqual([round(x, 2) for x in result["naive"][:3]], [8400, 800, 2200])
        self.assertEqual(round(result["naive"].sum(), 2), 11400)

    def test_the_weeks_and_kinds_read_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "smec_credit_forecast")])._update_translations(["zh_CN"])
        Line = self.env["smec.credit.forecast.line"].with_context(lang="zh_CN")
        weeks = dict(Line._fields["week"]._description_selection(Line.env))
        kinds = dict(Line._fields["kind"]._description_selection(Line.env))
        self.assertEqual((weeks["01"], weeks["later"], kinds["promise"]), ("第 1 周", "更晚或存疑", "付款承诺"))
        self.assertEqual(
            self.forecast.with_context(lang="zh_CN")._fields["amount_expected"].get_description(Line.env)["string"],
            "13周内预计回款",
        )


@tagged("post_install", "-at_install")
class TestNeverPaid(SmecCreditCommon):
    """An invoice open more than 90 days past due counts in its customer's history as not paid, weighted from
    the day it crossed 90 days. Three invoices paid 10 days late today (weight 1 each) and one 400 open 180 days
    past due (crossed 90 days 90 days ago: weight 0.5): the sample is {10: 3, never: 0.5}. A new invoice of
    1,000 due in 5 days: 3 / 3.5 of it in 15 days (week 3, 857.14), 0.5 / 3.5 later (142.86); its low band
    (p90: never) later. The 400 itself: beyond 180 days only "never": later."""

    def test_an_old_open_invoice_weighs_as_not_paid(self):
        today = self.today
        for _n in range(3):
            invoice = self.make_invoice(self.customer, 100, today - timedelta(days=40), today - timedelta(days=10))
            self.pay(invoice, 100, today)
        self.make_invoice(self.customer, 400, today - timedelta(days=210), today - timedelta(days=180))
        new = self.make_invoice(self.customer, 1000, today - timedelta(days=25), today + timedelta(days=5))
        forecast = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": today})
        forecast.action_compute()
        lines = forecast.line_ids.filtered(lambda line: line.move_id == new)
        self.assertEqual(
            {line.week: (round(line.amount, 2), line.amount_low, line.amount_high) for line in lines},
            {"03": (857.14, 0, 1000), "later": (142.86, 1000, 0)},
        )
        self.assertEqual((round(forecast.amount_later, 2), forecast.amount_expected), (542.86, 857.14))
        behaviour = forecast.behaviour_ids
        self.assertEqual((behaviour.invoice_count, behaviour.days_p50, behaviour.days_p90), (4, 10, 0))
        self.assertEqual((behaviour.late_share, round(behaviour.unpaid_share, 2)), (100, round(100 * 0.5 / 3.5, 2)))
