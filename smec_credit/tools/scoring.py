"""5C scoring arithmetic, kept apart from the ORM so it can be unit-tested.

A scorecard gives each C (dimension) a weight; the weights sum to 100. Each
criterion of a dimension is scored 0-100 and has a relative weight inside its
dimension. A dimension's score is the weighted mean of its applicable criteria.
The total is the weighted mean of the dimensions that have a score.

Knowing less never scores better: a criterion whose answer is unknown (no
payment history yet, no industry entered) is scored with its conservative
answer, never left out. Only a criterion that does not apply (promises kept by
a customer who never had to promise) leaves the others to carry its dimension,
and a dimension with no applicable criterion hands its weight to the others.
How much of the score rests on known answers is the assessment's completeness.
"""

from itertools import pairwise

DIMENSIONS = ("character", "capacity", "capital", "collateral", "conditions")


def band_score(value, bands):
    """Score of ``value`` in ``bands`` [(lower, upper, score)], lower inclusive,
    upper exclusive (None = unbounded). None when no band matches."""
    for lower, upper, score in bands:
        if (lower is None or value >= lower) and (upper is None or value < upper):
            return score
    return None


def dimension_scores(answers):
    """answers: iterable of (dimension, criterion_weight, score or None).

    Returns {dimension: score or None}, rounded to 2 decimals.
    """
    sums = {dim: [0.0, 0.0] for dim in DIMENSIONS}
    for dimension, weight, score in answers:
        if score is None or not weight:
            continue
        sums[dimension][0] += weight * score
        sums[dimension][1] += weight
    return {dim: (round(total / weight, 2) if weight else None) for dim, (total, weight) in sums.items()}


def total_score(dim_scores, dim_weights):
    """Weighted mean of the dimensions that have a score, 0-100, 2 decimals."""
    num = den = 0.0
    for dim in DIMENSIONS:
        score, weight = dim_scores.get(dim), dim_weights.get(dim, 0)
        if score is None or not weight:
            continue
        num += score * weight
        den += weight
    return round(num / den, 2) if den else 0.0


def completeness(answers, dim_weights):
    """Share (0-100, 2 decimals) of the total score that rests on known answers.

    answers: iterable of (dimension, criterion_weight, known). Each dimension
    counts with its weight, split among its criteria by their weights, as in
    the score; dimensions without a criterion or weight do not count.
    """
    sums = {dim: [0.0, 0.0] for dim in DIMENSIONS}
    for dimension, weight, known in answers:
        if not weight:
            continue
        sums[dimension][1] += weight
        if known:
            sums[dimension][0] += weight
    num = den = 0.0
    for dim, (known_weight, weight) in sums.items():
        dim_weight = dim_weights.get(dim, 0)
        if weight and dim_weight:
            num += dim_weight * known_weight / weight
            den += dim_weight
    return round(100.0 * num / den, 2) if den else 0.0


def grade_for(score, grades):
    """The grade whose band [min, max) holds ``score``; max 100 is inclusive.

    grades: iterable of (key, min_score, max_score).
    """
    for key, lower, upper in grades:
        if lower <= score < upper or (upper >= 100 and score == upper):
            return key
    return None


def overlapping(bands):
    """Pairs of keys whose [min, max) bands overlap; bands: [(key, min, max)]."""
    ordered = sorted(bands, key=lambda band: band[1])
    return [(a[0], b[0]) for a, b in pairwise(ordered) if b[1] < a[2]]
