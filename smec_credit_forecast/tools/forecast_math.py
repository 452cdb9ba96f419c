"""The forecast's arithmetic on arrays (numpy), no database.

A payment-behaviour *sample* is a set of days late (payment date minus due date, negative when paid early)
with weights. An open item ``x`` days past due as of the forecast's date (negative: due in ``-x`` days) is
paid on a day after that date, so it follows its sample *conditioned* on days late ``> x``: the points with
``d >= x + 1``, their weights renormalised. Each point lands in a week: week ``k`` (0-based) holds the days
``as_of + 1 + 7k .. as_of + 7 + 7k``, so a point ``d`` lands in week ``(d - x - 1) // 7``; weeks past the
horizon are pooled in the last index (``weeks``, "later").

Percentiles are weighted and without interpolation (days are whole): the ``q`` percentile is the smallest
point whose cumulative share of the weight reaches ``q``.
"""

import numpy as np

# a share reached up to this rounding counts as reached (weights like 0.5 ** k add up inexactly)
TOLERANCE = 1e-9


def decay_weights(ages, half_life):
    """Exponential decay: an invoice paid ``half_life`` days before the forecast's date weighs half of one paid
    on that day."""
    return np.power(0.5, np.asarray(ages, dtype=float) / float(half_life))


def compress(groups, days, weights):
    """The samples as sorted unique points: (group ids, starts, stops, days, weights), each group's points
    ``starts[i]:stops[i]`` sorted by days, equal days of a group added up."""
    groups, days, weights = (np.asarray(a) for a in (groups, days, weights))
    if not len(groups):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, np.zeros(0)
    order = np.lexsort((days, groups))
    groups, days, weights = groups[order], days[order].astype(np.int64), weights[order].astype(float)
    new = np.ones(len(groups), dtype=bool)
    new[1:] = (groups[1:] != groups[:-1]) | (days[1:] != days[:-1])
    index = np.cumsum(new) - 1
    point_groups, point_days = groups[new], days[new]
    point_weights = np.bincount(index, weights=weights)
    first = np.ones(len(point_groups), dtype=bool)
    first[1:] = point_groups[1:] != point_groups[:-1]
    starts = np.flatnonzero(first)
    stops = np.append(starts[1:], len(point_groups))
    return point_groups[starts], starts, stops, point_days, point_weights


def weighted_percentile(days, weights, q):
    """The ``q`` percentile (0..1) of one sample: the smallest day whose cumulative weight share reaches q."""
    days, weights = np.asarray(days), np.asarray(weights, dtype=float)
    order = np.argsort(days, kind="stable")
    days, weights = days[order], weights[order]
    share = np.cumsum(weights) / weights.sum()
    return int(days[np.searchsorted(share, q - TOLERANCE, side="left")])


def item_distributions(late, starts, stops, days, weights, weeks, quantiles=(0.1, 0.5, 0.9)):
    """For each item (its days past due ``late[i]`` and its sample ``starts[i]:stops[i]`` of the points):
    its weekly masses (items x weeks + 1, each row adding up to 1, or 0 where nothing of the sample lies
    beyond ``late``), whether it has any mass, and its conditional percentiles in days late (items x
    len(quantiles), -1 where it has none)."""
    late = np.asarray(late, dtype=np.int64)
    count = len(late)
    masses = np.zeros((count, weeks + 1))
    percentiles = np.full((count, len(quantiles)), -1, dtype=np.int64)
    sizes = np.asarray(stops, dtype=np.int64) - np.asarray(starts, dtype=np.int64)
    if not count or not sizes.sum():
        return masses, np.zeros(count, dtype=bool), percentiles
    # every (item, point of its sample) pair, items in order and points sorted by day within each
    item = np.repeat(np.arange(count), sizes)
    offsets = np.cumsum(sizes) - sizes
    point = np.arange(sizes.sum()) - np.repeat(offsets, sizes) + np.repeat(starts, sizes)
    d = days[point]
    valid = d >= late[item] + 1
    w = np.where(valid, weights[point], 0.0)
    week = np.clip((d - late[item] - 1) // 7, 0, weeks)
    np.add.at(masses, (item[valid], week[valid]), w[valid])
    totals = masses.sum(axis=1)
    has = totals > 0
    masses[has] /= totals[has, None]
    # percentiles: the first pair of an item whose cumulative weight reaches q of the item's total
    cumulative = np.cumsum(w)
    before = np.where(offsets > 0, cumulative[np.maximum(offsets - 1, 0)], 0.0)
    before[offsets == 0] = 0.0
    for column, q in enumerate(quantiles):
        target = before[has] + q * totals[has] - TOLERANCE * np.maximum(totals[has], 1.0)
        found = np.searchsorted(cumulative, target, side="left")
        percentiles[has, column] = d[found]
    return masses, has, percentiles


def week_of(day_offsets, weeks):
    """The week index (0-based, ``weeks`` = later) of days counted from the forecast's date (1 = the next
    day); a day on or before the forecast's date lands in the first week."""
    offsets = np.maximum(np.asarray(day_offsets, dtype=np.int64), 1)
    return np.clip((offsets - 1) // 7, 0, weeks)


def pg_array(values):
    """A PostgreSQL array's text input of ``values`` (ints, floats, dates, plain words; None is NULL): one
    literal, which PostgreSQL parses in one pass, where a list sent as a parameter becomes an ARRAY[...] of as
    many SQL expressions to parse and plan. Floats keep every digit (Python's repr, as a parameter would)."""
    values = list(values)
    if None in values:
        values = ["NULL" if value is None else value for value in values]
    return "{" + ",".join(map(str, values)) + "}"
