"""The review's statistics on hand-worked numbers, without a database."""

import math

import pytest

from odoo.addons.smec_credit_review.tools import review_stats as stats


def test_wilson_interval():
    # 1 bad of 2: centre 0.5, half-width 1.96 * sqrt(0.125 + 0.2401) / 2.9208 = 0.4055
    low, high = stats.wilson(1, 2)
    assert low == pytest.approx(0.0945, abs=1e-4)
    assert high == pytest.approx(0.9055, abs=1e-4)
    # 0 of 10: the interval still admits bad customers, up to 27.75 %
    assert stats.wilson(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert stats.wilson(0, 0) == (0.0, 1.0)


def test_auc_and_ks_of_ten_customers():
    scores = [67.98, 65.73, 63.98, 61.73, 59.73, 56.73, 55.73, 52.73, 49.73, 46.73]
    bads = [0, 1, 0, 0, 0, 1, 0, 1, 1, 1]
    # goods above bads in 5 + 4 + 4 + 4 + 3 = 20 of 25 pairs
    assert stats.auc(scores, bads) == pytest.approx(0.8)
    assert stats.ks(scores, bads) == pytest.approx(0.6)
    assert stats.auc(scores, [0] * 10) is None


def test_information_value():
    # goods 80/20, bads 5/15: (0.8 - 0.25) ln(3.2) + (0.2 - 0.75) ln(0.2667)
    value = stats.information_value([(80, 5), (20, 15)])
    assert value == pytest.approx(0.55 * math.log(3.2) + (-0.55) * math.log(0.2 / 0.75))
    assert stats.information_value([(10, 0), (0, 0)]) is None


def test_population_stability():
    assert stats.psi([10, 10], [10, 10]) == 0
    # 50/50 -> 80/20: 0.3 ln 1.6 + (-0.3) ln 0.4 = 0.4159
    assert stats.psi([50, 50], [80, 20]) == pytest.approx(0.3 * math.log(1.6) - 0.3 * math.log(0.4))
    assert stats.psi([0, 0], [1, 1]) is None


def test_ordered_bands_order_the_bad_rates():
    # scores 0..99, the bad ones below 30 one in two, above it one in ten
    scores = list(range(100))
    bads = [int(s < 30 and s % 2 == 0) or int(s >= 30 and s % 10 == 0) for s in scores]
    cuts, rates = stats.ordered_bands(scores, bads, 2, 10)
    assert rates[0] > rates[1]
    assert cuts == [30]
    # bad rates that fall as the score rises cannot be ordered the other way
    assert stats.ordered_bands(scores, [int(s >= 50) for s in scores], 2, 10) is None


def test_card_weights_add_up_to_100():
    dims = ("character", "capacity", "capital", "collateral", "conditions")
    dimension_of = {1: "character", 2: "character", 3: "capacity", 4: "conditions"}
    percent, inner = stats.card_weights({1: 3.0, 2: 1.0, 3: 2.0, 4: 0.0}, dimension_of, dims)
    # 4/6 -> 66.67, 2/6 -> 33.33: 67 + 33
    assert percent == {"character": 67, "capacity": 33, "capital": 0, "collateral": 0, "conditions": 0}
    assert inner == {1: 7.5, 2: 2.5, 3: 10.0, 4: 1.0}
    assert stats.card_weights({1: 0.0}, dimension_of, dims) is None
