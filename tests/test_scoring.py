"""The 5C arithmetic on hand-worked numbers, without a database."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.addons.smec_credit.tools import scoring

WEIGHTS = {"character": 30, "capacity": 25, "capital": 20, "collateral": 10, "conditions": 15}


def test_dimension_means_are_weighted_and_skip_missing():
    dims = scoring.dimension_scores(
        [
            ("character", 2.0, 100),
            ("character", 1.0, 40),  # (200 + 40) / 3 = 80
            ("capacity", 1.0, None),  # not applicable: no score at all
            ("capital", 1.0, 75),
        ]
    )
    assert dims == {"character": 80.0, "capacity": None, "capital": 75.0, "collateral": None, "conditions": None}


def test_total_redistributes_the_weight_of_unscored_dimensions():
    # (80*30 + 75*20) / (30 + 20) = 3900 / 50 = 78
    assert scoring.total_score({"character": 80.0, "capital": 75.0}, WEIGHTS) == 78.0


def test_hand_worked_total():
    dims = {"character": 80.0, "capacity": 77.5, "capital": 75.0, "collateral": 40.0, "conditions": 70.0}
    # (2400 + 1937.5 + 1500 + 400 + 1050) / 100 = 72.875
    assert scoring.total_score(dims, WEIGHTS) == 72.88


def test_bands_lower_inclusive_upper_exclusive():
    bands = [(10, None, 100), (5, 10, 80), (None, 5, 25)]
    assert scoring.band_score(10, bands) == 100
    assert scoring.band_score(9.99, bands) == 80
    assert scoring.band_score(5, bands) == 80
    assert scoring.band_score(0, bands) == 25
    assert scoring.band_score(3, [(5, 10, 80)]) is None


def test_grade_bands_and_overlaps():
    grades = [("A", 80, 100), ("B", 65, 80), ("C", 50, 65), ("D", 0, 50)]
    assert scoring.grade_for(80, grades) == "A"
    assert scoring.grade_for(100, grades) == "A"
    assert scoring.grade_for(79.99, grades) == "B"
    assert scoring.grade_for(0, grades) == "D"
    assert scoring.overlapping(grades) == []
    assert scoring.overlapping([("A", 75, 100), ("B", 65, 80)]) == [("B", "A")]


# a busy 2-core CI machine must not fail the property on generation speed
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(scoring.DIMENSIONS), st.floats(0, 100), min_size=1))
def test_total_stays_within_0_100(dims):
    total = scoring.total_score(dims, WEIGHTS)
    assert 0 <= total <= 100
    assert min(dims.values()) - 0.01 <= total <= max(dims.values()) + 0.01


def test_completeness_weighs_known_answers_as_the_score_does():
    quick = {"character": 40, "capacity": 30, "capital": 0, "collateral": 15, "conditions": 15}
    answers = [
        ("character", 2.0, False),  # paid on time: no history yet
        ("character", 1.0, True),
        ("capacity", 1.0, True),
        ("capacity", 1.0, False),  # longest overdue: no history yet
        ("collateral", 1.0, True),
        ("conditions", 1.0, False),  # no industry entered
    ]
    # 40 x 1/3 + 30 x 1/2 + 15 x 1 + 15 x 0 = 43.33 of 100 (capital weighs 0)
    assert scoring.completeness(answers, quick) == 43.33
    assert scoring.completeness([(dim, 1.0, True) for dim in scoring.DIMENSIONS], WEIGHTS) == 100.0
    assert scoring.completeness([], WEIGHTS) == 0.0
