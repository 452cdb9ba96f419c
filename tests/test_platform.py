"""When a marketplace platform pays an order: its cycle, worked by hand, without a database."""

from datetime import date

from odoo.addons.smec_credit_platform.tools.platform import expected_settlement


def test_order_by_order():
    assert expected_settlement(date(2026, 11, 2), 7) == date(2026, 11, 9)


def test_weekly_payout_on_the_next_payout_day_that_day_included():
    # Monday 2 + 7 = Monday 9 -> Thursday 12; Thursday 5 + 7 = Thursday 12 stays
    assert expected_settlement(date(2026, 11, 2), 7, "weekly", 3) == date(2026, 11, 12)
    assert expected_settlement(date(2026, 11, 5), 7, "weekly", 3) == date(2026, 11, 12)


def test_monthly_payout_rolls_to_next_month_and_its_last_day():
    assert expected_settlement(date(2026, 11, 1), 7, "monthly", monthday=10) == date(2026, 11, 10)
    assert expected_settlement(date(2026, 11, 5), 7, "monthly", monthday=10) == date(2026, 12, 10)
    # payout on the 31st: February has 28 days in 2027
    assert expected_settlement(date(2027, 1, 31), 1, "monthly", monthday=31) == date(2027, 2, 28)
    # December rolls into January
    assert expected_settlement(date(2026, 12, 20), 0, "monthly", monthday=5) == date(2027, 1, 5)
