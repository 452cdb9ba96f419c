"""The back-test on a customer who always pays 14 days late, as of O = 91 days ago.

History before O: three invoices paid 14 days late. Open on O: X, 1,000 due O+3, paid O+17 (week 3); Y, 500
due O-7, paid O+7 (week 1). The forecast puts X at O+3+14 = O+17 and Y (7 days late, its sample beyond 7 is
14) at O+7: exactly what came in. The naive forecast puts both in week 1 (X on its due date O+3, Y past due).

Horizon 1: received 500; forecast error 0; naive |1,500 - 500| = 1,000, 200 % of what came in.
Horizon 4 (and 13): received 1,500; weekly naive error 1,000 (week 1) + 1,000 (week 3) = 133.3 %;
cumulative naive error |1,500 - 1,500| = 0: the naive total is right, its weeks are wrong.
"""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestBacktest(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.origin = cls.today - timedelta(days=91)

        def day(offset):
            return cls.origin + timedelta(days=offset)

        for due in (-100, -60, -30):
            invoice = cls.make_invoice(cls.customer, 100, day(due - 30), day(due))
            cls.pay(invoice, 100, day(due + 14))
        x = cls.make_invoice(cls.customer, 1000, day(-27), day(3))
        y = cls.make_invoice(cls.customer, 500, day(-37), day(-7))
        cls.pay(x, 1000, day(17))
        cls.pay(y, 500, day(7))

    def test_the_forecast_beats_the_naive_one_by_horizon(self):
        Forecast = self.env["smec.credit.forecast"]
        self.assertEqual(Forecast._backtest_origins(self.today, count=2, step_weeks=4)[-1], self.origin)
        outcome = Forecast._backtest(self.company, [self.origin])
        [run] = outcome["origins"]
        self.assertEqual(run["received"][:4], [500, 0, 1000, 0])
        self.assertEqual([round(x, 2) for x in run["forecast"][:4]], [500, 0, 1000, 0])
        self.assertEqual(run["naive"][:4], [1500, 0, 0, 0])
        h = outcome["horizons"]
        self.assertEqual((h[1]["received"], h[1]["model"], h[1]["naive"], h[1]["gain"]), (500, 0, 2.0, 1.0))
        self.assertEqual((h[4]["received"], h[4]["model"], round(h[4]["naive"], 4)), (1500, 0, 1.3333))
        self.assertEqual((h[4]["naive_cumulative"], h[4]["gain_cumulative"]), (0, None))
        self.assertEqual(h[13], h[4])
        self.assertIn("| 1 week | 500 | 0.0 % | 200.0 % | 100.0 % |", Forecast._backtest_markdown(outcome))
