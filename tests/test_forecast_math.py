"""The forecast's arithmetic without a database (smec_credit_forecast/tools/forecast_math.py): weights,
weighted percentiles, conditional weekly masses, worked by hand."""

import numpy as np
import pytest

from odoo.addons.smec_credit_forecast.tools import forecast_math as fm


def test_decay_weights_halve_every_half_life():
    assert list(fm.decay_weights([0, 45, 90, 180], 90)) == pytest.approx([1, 2**-0.5, 0.5, 0.25])


def test_weighted_percentile_is_the_first_day_reaching_the_share():
    # shares 0.25 / 1.75 = 1/7, 5/7, 1
    days, weights = [30, 0, 10], [0.5, 0.25, 1]
    assert [fm.weighted_percentile(days, weights, q) for q in (0.1, 1 / 7, 0.15, 0.5, 5 / 7, 0.9)] == [
        0,
        0,
        10,
        10,
        10,
        30,
    ]


def test_compress_sorts_and_adds_equal_days_per_group():
    groups, starts, stops, days, weights = fm.compress([5, 5, 5, 0, 0], [10, 2, 10, 0, 3], [1, 1, 0.5, 1, 1])
    assert (list(groups), list(starts), list(stops)) == ([0, 5], [0, 2], [2, 4])
    assert (list(days), list(weights)) == ([0, 3, 2, 10], [1, 1, 1, 1.5])


def test_an_item_follows_its_sample_beyond_its_days_late():
    # one sample: 2 days late (weight 1) and 10 days late (1.5)
    days, weights = np.array([2, 10]), np.array([1.0, 1.5])
    late = np.array([0, 5, 20, -30])  # due today, 5 days late, 20 days late, due in 30 days
    masses, has, pct = fm.item_distributions(late, np.zeros(4, int), np.full(4, 2), days, weights, 13)
    # due today: day 2 (week 1, 0.4) and day 10 (week 2, 0.6); p10 2, median and p90 10
    assert list(masses[0, :2]) == pytest.approx([0.4, 0.6])
    assert list(pct[0]) == [2, 10, 10]
    # 5 days late: only 10 is beyond: in 5 days, week 1
    assert masses[1, 0] == 1 and list(pct[1]) == [10, 10, 10]
    # 20 days late: nothing beyond
    assert not has[2] and masses[2].sum() == 0 and list(pct[2]) == [-1, -1, -1]
    # due in 30 days: days 32 and 40, weeks 5 and 6
    assert list(masses[3, 4:6]) == pytest.approx([0.4, 0.6])


def test_past_the_horizon_is_later():
    masses, _has, _pct = fm.item_distributions(
        np.array([-100]), np.array([0]), np.array([1]), np.array([0]), np.array([1.0]), 13
    )
    assert masses[0, 13] == 1


def test_week_of_puts_a_past_day_in_the_first_week():
    assert list(fm.week_of([-5, 0, 1, 7, 8, 91, 92], 13)) == [0, 0, 0, 0, 1, 12, 13]
