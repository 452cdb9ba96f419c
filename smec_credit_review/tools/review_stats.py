"""The statistics of a scorecard's review, kept apart from the ORM so that they can be worked by hand.

Every function takes plain Python data or numpy arrays (scores, outcomes, counts) and returns plain data. The
discrimination measures come from scikit-learn (``roc_auc_score``, ``roc_curve``) and the proposed
weights from its regularised logistic regression; what is left here is arithmetic a credit manager's
textbook gives (Wilson's interval, information value, population stability) and the search for grade
bands whose bad rates are ordered.

Conventions: an outcome is 1 for a bad customer, 0 for a good one; a higher score is a better customer.
The AUC is the probability that a good customer scores above a bad one (ties count half): 0.5 is a coin,
1 a perfect order.
"""

import math
from itertools import combinations, pairwise

import numpy as np

# below these, a figure says nothing and the review says so instead
MIN_CUSTOMERS = 30  # customers with an outcome, for the discrimination (AUC, KS) and a grade's bad rate
MIN_BAD = 5  # bad outcomes, for the discrimination
MIN_GOOD = 5
MIN_GRADE = 10  # customers in a grade for its bad rate to be compared with the others
MIN_FIT_BAD = 20  # bad outcomes to fit a proposal on (about two per criterion of the shipped card)
PSI_SHIFT = 0.25  # population stability index above which the population has shifted (the usual 0.1 / 0.25)
PSI_WATCH = 0.10
SCORE_BINS = tuple(range(0, 100, 10))  # bins [0, 10), ... [90, 100]


def wilson(bad, total, z=1.96):
    """Wilson's score interval (95 % by default) of a bad rate ``bad / total``: (low, high), in [0, 1]."""
    if not total:
        return (0.0, 1.0)
    p = bad / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def auc(scores, bads):
    """Area under the ROC curve of ``scores`` for telling good (0) from bad (1) outcomes; None without both."""
    from sklearn.metrics import roc_auc_score  # noqa: PLC0415 (a heavy import, only when a review runs)

    goods = 1 - np.asarray(bads, dtype=int)
    if not goods.size or goods.min() == goods.max():
        return None
    return float(roc_auc_score(goods, np.asarray(scores, dtype=float)))


def ks(scores, bads):
    """Kolmogorov-Smirnov statistic: the largest gap between the cumulative score distributions of the bad
    and the good customers (0-1); None without both."""
    from sklearn.metrics import roc_curve  # noqa: PLC0415

    goods = 1 - np.asarray(bads, dtype=int)
    if not goods.size or goods.min() == goods.max():
        return None
    fpr, tpr, _thresholds = roc_curve(goods, np.asarray(scores, dtype=float))
    return float(np.max(np.abs(tpr - fpr)))


def information_value(groups):
    """Information value of a grouping: groups is [(good, bad)] counts per group. Groups empty on one side
    get half a customer (the usual correction), so that a clean split does not give infinity."""
    goods = sum(good for good, _bad in groups)
    bads = sum(bad for _good, bad in groups)
    if not goods or not bads:
        return None
    value = 0.0
    for good, bad in groups:
        if not good and not bad:
            continue
        share_good = max(good, 0.5) / goods
        share_bad = max(bad, 0.5) / bads
        value += (share_good - share_bad) * math.log(share_good / share_bad)
    return value


def groups(scores, bads):
    """[(good, bad)] counts of the customers per distinct score (an answer's), for the information value."""
    values, index = np.unique(np.asarray(scores, dtype=float), return_inverse=True)
    bads = np.asarray(bads, dtype=bool)
    bad = np.bincount(index, weights=bads, minlength=values.size)
    total = np.bincount(index, minlength=values.size)
    return [(int(n - b), int(b)) for n, b in zip(total.tolist(), bad.tolist(), strict=True)]


def score_bin(score):
    """Index of the 10-point bin of a 0-100 score (100 falls in the last)."""
    return min(int(max(score, 0.0) // 10), len(SCORE_BINS) - 1)


def histogram(scores):
    """Counts of ``scores`` per 10-point bin."""
    counts = [0] * len(SCORE_BINS)
    for score in scores:
        counts[score_bin(score)] += 1
    return counts


def psi(expected, actual):
    """Population stability index of the counts ``actual`` against ``expected`` (same bins); None when one
    side is empty. Each share is floored at 0.0001 so that an empty bin does not give infinity."""
    total_e, total_a = sum(expected), sum(actual)
    if not total_e or not total_a:
        return None
    value = 0.0
    for e, a in zip(expected, actual, strict=True):
        share_e = max(e / total_e, 0.0001)
        share_a = max(a / total_a, 0.0001)
        value += (share_a - share_e) * math.log(share_a / share_e)
    return value


def ordered(rates):
    """Whether bad rates, listed from the best grade to the worst, rise (each at least the one before)."""
    return all(better <= worse for better, worse in pairwise(rates))


def grade_of(score, cuts):
    """Index of the grade, 0 the worst, of ``score`` for ascending cut points (a cut starts its grade)."""
    index = 0
    for cut in cuts:
        if score >= cut:
            index += 1
    return index


def grades_of(scores, cuts):
    """``grade_of`` of each of ``scores`` (an array), at once."""
    return np.searchsorted(np.asarray(cuts, dtype=float), np.asarray(scores, dtype=float), side="right")


def ordered_bands(scores, bads, grades, min_size, step=0.05):
    """Cut points for ``grades`` grades so that their bad rates fall strictly from the worst grade to the best
    and are as far apart as the data allows (the largest information value of the grouping), each grade
    holding at least ``min_size`` customers. Candidates are the scores' quantiles every ``step``.

    Returns (cuts, bad rates from the worst grade up), or None when no placement orders the bad rates.
    """
    pairs = sorted(zip(scores, bads, strict=True))
    n = len(pairs)
    if n < grades * min_size or grades < 2:
        return None
    # a cut at a candidate score c puts every score >= c in the better grade
    candidates = sorted(
        {round(pairs[int(n * q)][0], 2) for q in _steps(step) if 0 < int(n * q) < n} - {round(pairs[0][0], 2)}
    )
    # cumulative counts below each candidate, from the sorted scores
    below = []
    index = bad_below = 0
    for cut in candidates:
        while index < n and round(pairs[index][0], 2) < cut:
            bad_below += pairs[index][1]
            index += 1
        below.append((index, bad_below))
    total_bad = sum(bad for _score, bad in pairs)
    best = None
    for chosen in combinations(range(len(candidates)), grades - 1):
        edges = [(0, 0), *(below[i] for i in chosen), (n, total_bad)]
        groups = [(hi_n - lo_n, hi_b - lo_b) for (lo_n, lo_b), (hi_n, hi_b) in pairwise(edges)]
        if any(size < min_size for size, _bad in groups):
            continue
        rates = [bad / size for size, bad in groups]
        if not all(worse > better for worse, better in pairwise(rates)):
            continue
        value = information_value([(size - bad, bad) for size, bad in groups]) or 0.0
        if best is None or value > best[0]:
            best = (value, [candidates[i] for i in chosen], rates)
    return (best[1], best[2]) if best else None


def _steps(step):
    count = round(1 / step)
    return [i / count for i in range(1, count)]


def card_weights(effective, dimension_of, dimensions):
    """A scorecard's weights from effective weights per criterion (any scale, >= 0).

    ``dimension_of`` maps each criterion to its C. Returns ({dimension: integer % summing to 100},
    {criterion: weight inside its C, > 0}). A C whose criteria all weigh 0 gets 0 % (its criteria keep 1 each,
    weighing nothing). The percentages are rounded by largest remainder so that they add up to 100.
    """
    total = sum(max(value, 0.0) for value in effective.values())
    if not total:
        return None
    by_dim = dict.fromkeys(dimensions, 0.0)
    for criterion, value in effective.items():
        by_dim[dimension_of[criterion]] += max(value, 0.0)
    raw = {dim: 100.0 * value / total for dim, value in by_dim.items()}
    percent = {dim: math.floor(value) for dim, value in raw.items()}
    short = 100 - sum(percent.values())
    for dim in sorted(raw, key=lambda d: raw[d] - percent[d], reverse=True)[:short]:
        percent[dim] += 1
    inner = {}
    for criterion, value in effective.items():
        dim_total = by_dim[dimension_of[criterion]]
        inner[criterion] = round(max(value, 0.0) / dim_total * 10, 2) if dim_total else 1.0
        # a criterion's weight is positive: one the fit found useless keeps the smallest weight
        inner[criterion] = max(inner[criterion], 0.01)
    return percent, inner


def fit_weights(rows, outcomes, strength=1.0):
    """Effective weights of the criteria fitted to the outcomes by an L2-regularised logistic regression.

    rows: one list of criterion scores (0-100) per customer, in the same criterion order; outcomes: 1 bad,
    0 good. The scores are scaled to 0-1, so the coefficients compare; a criterion that lowers the odds of a
    bad outcome gets its (positive) effect as weight, one that does not gets 0. Returns (weights, the
    intercept and the coefficients as fitted).
    """
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    model = LogisticRegression(C=strength, max_iter=1000)
    model.fit(np.asarray(rows, dtype=float) / 100.0, np.asarray(outcomes, dtype=int))
    coefficients = [float(value) for value in model.coef_[0]]
    return [max(-value, 0.0) for value in coefficients], float(model.intercept_[0]), coefficients
