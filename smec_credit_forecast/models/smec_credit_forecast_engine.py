"""The cash-in forecast as of a date: the behaviour model and where each open amount lands.

Each customer's payment behaviour is the distribution of its days late over the invoices it paid in full in
the look-back window before the date, each weighted by exponential decay on the day it was paid (a half-life
in days: recent invoices weigh more). A customer with fewer paid invoices than the minimum history follows
the company's distribution (every customer's paid invoices pooled, with the same weights). An item already
past due follows that distribution beyond the days it is late (tools/forecast_math.py); where nothing of the
customer's lies beyond, the company's; where nothing of either, it lands "later" (past the horizon: doubtful).

Before behaviour, an item gives: its whole open amount to "legal" when a legal file claims its invoice, the
disputed part of its invoice to "disputed" (both apart: not in the weeks), and, for a promise to pay open on
the date, the promised part times the customer's kept rate to "promise" at each instalment's date (the kept
rate of the customer's promises settled in the last 12 months; else the company's; else the default). The
rest of the item follows behaviour: its expected amount per week (the distribution's mass in the week), and
its low and high bands (the whole amount in the week of the distribution's 90th and 10th percentile: every
customer paying as late, or as early, as its slow or quick tenth of invoices).

The naive forecast it is tested against puts every open item on its due date (an item past due in the first
week).
"""

from collections import Counter

import numpy as np

from odoo import api, models

from ..tools import forecast_math as fm

WEEKS = 13
KINDS = ("invoice", "promise", "disputed", "legal")
# an invoice still open more than this many days past due counts in its customer's history as not paid (NEVER
# days late, weighted from the day it crossed the line): paid invoices alone would forget the ones never paid
UNPAID_AFTER = 90
NEVER = 10**5


class SmecCreditForecastEngine(models.AbstractModel):
    _name = "smec.credit.forecast.engine"
    _description = "Cash-in Forecast Engine"

    @api.model
    def _samples(self, history, half_life, min_history):
        """The behaviour samples: the company's (group 0) and each customer's with at least ``min_history``
        paid invoices. Returns ({partner_id: group}, invoice counts per partner, compressed samples)."""
        counts = Counter(partner for partner, _late, _age in history)
        own = sorted(p for p, n in counts.items() if n >= min_history)
        group_of = {partner: index + 1 for index, partner in enumerate(own)}
        partners = np.array([row[0] for row in history], dtype=np.int64)
        days = np.array([row[1] for row in history], dtype=np.int64)
        weights = fm.decay_weights([row[2] for row in history], half_life)
        groups = np.array([group_of.get(p, 0) for p in partners], dtype=np.int64)
        mine = groups > 0
        samples = fm.compress(
            np.concatenate([np.zeros(len(days), dtype=np.int64), groups[mine]]),
            np.concatenate([days, days[mine]]),
            np.concatenate([weights, weights[mine]]),
        )
        return group_of, counts, samples

    @api.model
    def _spans(self, samples, group_ids):
        """Each group's (start, stop) in the compressed samples; (0, 0) for a group without points."""
        gids, starts, stops, _days, _weights = samples
        where = {int(g): (int(a), int(b)) for g, a, b in zip(gids, starts, stops, strict=True)}
        spans = np.array([where.get(int(g), (0, 0)) for g in group_ids], dtype=np.int64).reshape(-1, 2)
        return spans[:, 0], spans[:, 1]

    @api.model
    def _distributions(self, samples, groups, late):
        """Weekly masses and percentiles of items of ``groups`` (their own sample, then the company's where
        their own has nothing beyond their days late); the source of each: 1 own, 0 company, -1 none. Items of
        one group as late as each other have the same: each distinct (group, days late) is computed once (a
        customer's many invoices of the same day, every customer without history following the company's)."""
        if not len(groups):
            return self._distributions_of(samples, groups, late)
        pairs, inverse = np.unique(np.stack([groups, late], axis=1), axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        masses, source, pct = self._distributions_of(samples, pairs[:, 0], pairs[:, 1])
        return masses[inverse], source[inverse], pct[inverse]

    @api.model
    def _distributions_of(self, samples, groups, late):
        _gids, _starts, _stops, days, weights = samples
        starts, stops = self._spans(samples, groups)
        masses, has, pct = fm.item_distributions(late, starts, stops, days, weights, WEEKS)
        source = np.where(has, np.where(groups > 0, 1, 0), -1)
        retry = ~has & (groups > 0)
        if retry.any():
            starts0, stops0 = self._spans(samples, np.zeros(int(retry.sum()), dtype=np.int64))
            m0, h0, p0 = fm.item_distributions(late[retry], starts0, stops0, days, weights, WEEKS)
            masses[retry], pct[retry] = m0, p0
            source[np.flatnonzero(retry)[h0]] = 0
        return masses, source, pct

    @api.model
    def _forecast(self, company, as_of, half_life=90, lookback=365, min_history=3, default_kept=0.5):
        """The forecast of ``company`` as of ``as_of``: a dict with ``items`` (the open items, dicts, with
        their percentiles), ``rows`` (arrays: item index, kind, week 0..13 with 13 = later and -1 = apart,
        amount, low, high; company currency), ``weekly`` (expected, low, high: arrays of WEEKS + 1 with the
        later amount last), ``naive`` (the same for the naive forecast), ``behaviour`` (per customer) and
        ``apart`` ({kind: amount})."""
        reads = self.env["smec.credit.forecast.reads"]
        items = reads._open_items(company, as_of)
        history = reads._paid_history(company, as_of, lookback)
        history += [
            (i["partner_id"], NEVER, i["late"] - UNPAID_AFTER)
            for i in items
            if UNPAID_AFTER < i["late"] <= lookback and i["partner_id"]
        ]
        group_of, counts, samples = self._samples(history, half_life, min_history)
        kept, company_kept = reads._kept_rates(company, as_of)
        kept_default = company_kept if company_kept is not None else default_kept
        n = len(items)
        open_amount = np.array([i["open_amount"] for i in items], dtype=float)
        late = np.array([i["late"] for i in items], dtype=np.int64)
        rows = {"item": [], "kind": [], "week": [], "amount": [], "low": [], "high": []}

        def add(index, kind, week, amount, low=None, high=None):
            rows["item"].append(index)
            rows["kind"].append(kind)
            rows["week"].append(week)
            rows["amount"].append(amount)
            rows["low"].append(amount if low is None else low)
            rows["high"].append(amount if high is None else high)

        rest = open_amount.copy()
        # legal claims and disputes apart: the disputed part set against the invoice's earliest items first
        claimed, disputed = reads._claimed(company, as_of), reads._disputed(company, as_of)
        for index, item in enumerate(items):
            if item["move_id"] in claimed:
                add(index, "legal", -1, rest[index])
                rest[index] = 0.0
            elif disputed.get(item["move_id"], 0.0) > 0:
                part = min(disputed[item["move_id"]], item["open_amount_currency"])
                disputed[item["move_id"]] -= part
                amount = part * item["open_amount"] / item["open_amount_currency"]
                add(index, "disputed", -1, amount)
                rest[index] -= amount
        # promises: the promised part of each item, times the kept rate, at each instalment's date
        position = {item["id"]: index for index, item in enumerate(items)}
        promised = np.zeros(n)
        for item_id, _promise, day, share, amount, covered in reads._promised(company, as_of, items):
            index = position[item_id]
            part = open_amount[index] * min(1.0, amount / covered) * share
            part = min(part, rest[index] - promised[index])
            if part <= 0:
                continue
            rate = kept.get(items[index]["partner_id"], kept_default)
            week = int(fm.week_of([(day - as_of).days], WEEKS)[0])
            add(index, "promise", week, part * rate)
            promised[index] += part * rate
        rest -= promised
        # behaviour for the rest
        groups = np.array([group_of.get(i["partner_id"], 0) for i in items], dtype=np.int64)
        masses, source, pct = self._distributions(samples, groups, late)
        masses[source < 0, WEEKS] = 1.0
        low_week = np.where(source >= 0, fm.week_of(pct[:, 2] - late, WEEKS), WEEKS)
        high_week = np.where(source >= 0, fm.week_of(pct[:, 0] - late, WEEKS), WEEKS)
        cells = masses > 0
        cells[np.arange(n), low_week] = True
        cells[np.arange(n), high_week] = True
        cells &= (rest > 0.005)[:, None]
        # the behaviour rows, item by item and week by week (np.nonzero's order), after the rows above
        index, week = np.nonzero(cells)
        amount = rest[index]
        kinds = np.array([*rows["kind"], *(["invoice"] * len(index))])
        rows = {
            "item": np.concatenate([np.asarray(rows["item"], dtype=np.int64), index]),
            "kind": kinds,
            "week": np.concatenate([np.asarray(rows["week"], dtype=np.int64), week]),
            "amount": np.concatenate([np.asarray(rows["amount"], dtype=float), amount * masses[index, week]]),
            "low": np.concatenate(
                [np.asarray(rows["low"], dtype=float), np.where(week == low_week[index], amount, 0.0)]
            ),
            "high": np.concatenate(
                [np.asarray(rows["high"], dtype=float), np.where(week == high_week[index], amount, 0.0)]
            ),
        }
        for index, item in enumerate(items):
            item["source"] = ("none", "company", "own")[source[index] + 1]
            item["p10"], item["p50"], item["p90"] = (
                int(v) if source[index] >= 0 and v < NEVER else None for v in pct[index]
            )
            item["promised"] = float(promised[index])
            item["kept_rate"] = kept.get(item["partner_id"], kept_default)
        arrays = rows
        return {
            "as_of": as_of,
            "items": items,
            "rows": arrays,
            "weekly": self._weekly(arrays),
            "naive": self._naive(open_amount, late),
            "apart": {k: float(arrays["amount"][arrays["kind"] == k].sum()) if n else 0.0 for k in KINDS[2:]},
            "behaviour": self._behaviour(samples, group_of, counts, kept, kept_default, items),
            "company_shares": self._shares(samples, np.zeros(1, dtype=np.int64))[0],
        }

    @api.model
    def _weekly(self, rows):
        """(expected, low, high): arrays of WEEKS + 1 (the later amount last), apart rows left out."""
        if not len(rows["week"]):
            return tuple(np.zeros(WEEKS + 1) for _key in range(3))
        weeks = rows["week"]
        inside = weeks >= 0
        return tuple(
            np.bincount(weeks[inside], weights=rows[key][inside], minlength=WEEKS + 1)
            for key in ("amount", "low", "high")
        )

    @api.model
    def _naive(self, open_amount, late):
        """Every open item paid on its due date: one already past due in the first week."""
        if not len(late):
            return np.zeros(WEEKS + 1)
        return np.bincount(fm.week_of(-late, WEEKS), weights=open_amount, minlength=WEEKS + 1)

    @api.model
    def _behaviour(self, samples, group_of, counts, kept, kept_default, items):
        """Per customer with open items or paid history: {partner_id: dict(source, invoice_count, p10, p50,
        p90 days late (None where it falls on an invoice not paid), late_share (0..1, weighted share of invoices
        paid after their due date or not paid), unpaid_share (0..1, not paid), kept_rate, kept_own)}: what the
        worklist and the dashboards read."""
        partners = sorted(set(counts) | {i["partner_id"] for i in items if i["partner_id"]})
        if not partners:
            return {}
        groups = np.array([group_of.get(p, 0) for p in partners], dtype=np.int64)
        _gids, _starts, _stops, days, weights = samples
        starts, stops = self._spans(samples, groups)
        _masses, has, pct = fm.item_distributions(np.full(len(partners), -(10**6)), starts, stops, days, weights, WEEKS)
        shares = self._shares(samples, groups)
        result = {}
        for index, partner in enumerate(partners):
            late_share, unpaid_share = shares[index]
            result[partner] = {
                "source": ("own" if groups[index] else "company") if has[index] else "none",
                "invoice_count": counts.get(partner, 0),
                "p10": int(pct[index, 0]) if has[index] and pct[index, 0] < NEVER else None,
                "p50": int(pct[index, 1]) if has[index] and pct[index, 1] < NEVER else None,
                "p90": int(pct[index, 2]) if has[index] and pct[index, 2] < NEVER else None,
                "late_share": late_share,
                "unpaid_share": unpaid_share,
                "kept_rate": kept.get(partner, kept_default),
                "kept_own": partner in kept,
            }
        return result

    @api.model
    def _shares(self, samples, groups):
        """For each of ``groups`` (0: the company's sample): (late_share, unpaid_share), the weighted shares (0..1)
        of its invoices paid after their due date or not paid, and not paid; (None, None) without a sample. The
        company's is what the worklist ranks a customer the forecast did not see by."""
        _gids, _starts, _stops, days, weights = samples
        starts, stops = self._spans(samples, groups)
        late_weight = np.cumsum(np.where(days > 0, weights, 0.0))
        unpaid_weight = np.cumsum(np.where(days >= NEVER, weights, 0.0))
        all_weight = np.cumsum(weights)

        def span_sum(cumulative, a, b):
            return (cumulative[b - 1] if b > 0 else 0.0) - (cumulative[a - 1] if a > 0 else 0.0)

        shares = []
        for a, b in zip(starts.tolist(), stops.tolist(), strict=True):
            total = span_sum(all_weight, a, b) if b > a else 0.0
            if not total:
                shares.append((None, None))
                continue
            shares.append((float(span_sum(late_weight, a, b) / total), float(span_sum(unpaid_weight, a, b) / total)))
        return shares
