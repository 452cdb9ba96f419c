"""The review's outcomes and figures: one statement over the journal items, then arithmetic.

``_review_outcomes`` is the one heavy read: for each customer, its latest assessment of the card (or of
an earlier version of it) approved within the approval window before the observation date, and what the
customer did in the horizon after that approval, read in one pass over its receivable journal items.
Everything after it works on plain Python rows.
"""

import logging

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import Command, _, fields, models
from odoo.tools import SQL

from odoo.addons.smec_credit.tools import scoring

from ..tools import review_stats as stats

_logger = logging.getLogger(__name__)


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # THE HEAVY READS
    # ------------------------------------------------------------

    def _review_outcomes(self, cards, observed):
        """One row per customer reviewed: its assessment, score and grade, the start and end of its horizon,
        what it was invoiced in the horizon, what went more than N days past due in it (the amount still open
        on the day it became N+1 days past due), what was written off in it, and its grade at the end (the
        grade of the assessment valid then, None without one).

        An invoice is bad when the day it is more than N days past due falls in the horizon (after the
        approval, on or before the horizon's end) and some of it was still open that day: payments, credit
        notes and write-offs reconciled before that day settle it, later ones do not.
        """
        self.ensure_one()
        query = SQL(
            """
            WITH sample AS (
                SELECT DISTINCT ON (a.partner_id)
                       a.id AS assessment_id, a.partner_id, a.total_score AS score, a.grade_id,
                       COALESCE(a.decided_on::date, a.date) AS start
                  FROM smec_credit_assessment a
                 WHERE a.company_id = %(company)s
                   AND a.scorecard_id = ANY(%(cards)s)
                   AND a.partner_role = 'customer'
                   AND a.state IN ('approved', 'superseded', 'expired')
                   AND COALESCE(a.decided_on::date, a.date) <= %(observed)s
                   AND COALESCE(a.decided_on::date, a.date) > %(sample_from)s
                 ORDER BY a.partner_id, COALESCE(a.decided_on::date, a.date) DESC, a.id DESC
            ),
            windows AS (
                SELECT s.*, (s.start + make_interval(months => %(horizon)s))::date AS stop FROM sample s
            ),
            items AS (
                SELECT w.assessment_id, w.start, w.stop, l.id, l.date, l.balance,
                       COALESCE(l.date_maturity, l.date) + %(days)s + 1 AS late_on,
                       l.balance - COALESCE(SUM(p.amount), 0) AS open_when_late
                  FROM windows w
                  JOIN account_move_line l ON l.partner_id = w.partner_id AND l.company_id = %(company)s
                  JOIN account_account acc ON acc.id = l.account_id AND acc.account_type = 'asset_receivable'
                  LEFT JOIN account_partial_reconcile p
                         ON p.debit_move_id = l.id AND p.max_date < COALESCE(l.date_maturity, l.date) + %(days)s + 1
                 WHERE l.parent_state = 'posted' AND l.balance > 0 AND l.date <= w.stop
                 GROUP BY w.assessment_id, w.start, w.stop, l.id
            ),
            behaviour AS (
                -- the window travels with each item: no second join to the windows (whose count the planner
                -- cannot estimate)
                SELECT i.assessment_id,
                       SUM(i.balance) FILTER (WHERE i.date > i.start) AS invoiced,
                       SUM(i.open_when_late) FILTER (
                           WHERE i.late_on > i.start AND i.late_on <= i.stop AND i.open_when_late > 0.005
                       ) AS late_amount
                  FROM items i
                 GROUP BY i.assessment_id
            ),
            written_off AS (
                SELECT w.assessment_id, SUM(o.amount) AS amount
                  FROM windows w
                  JOIN smec_credit_writeoff o
                    ON o.partner_id = w.partner_id AND o.company_id = %(company)s AND o.state = 'posted'
                   AND o.date > w.start AND o.date <= w.stop
                 GROUP BY w.assessment_id
            )
            SELECT w.assessment_id, w.partner_id, w.score, w.grade_id, w.start, w.stop,
                   COALESCE(b.invoiced, 0), COALESCE(b.late_amount, 0), COALESCE(o.amount, 0),
                   (SELECT e.grade_id
                      FROM smec_credit_assessment e
                     WHERE e.partner_id = w.partner_id AND e.company_id = %(company)s
                       AND e.partner_role = 'customer'
                       AND e.state IN ('approved', 'superseded', 'expired')
                       AND COALESCE(e.decided_on::date, e.date) <= w.stop AND e.valid_until >= w.stop
                     ORDER BY COALESCE(e.decided_on::date, e.date) DESC, e.id DESC
                     LIMIT 1)
              FROM windows w
              LEFT JOIN behaviour b ON b.assessment_id = w.assessment_id
              LEFT JOIN written_off o ON o.assessment_id = w.assessment_id
             ORDER BY w.partner_id
            """,
            company=self.company_id.id,
            cards=cards.ids,
            observed=observed,
            sample_from=observed - relativedelta(months=self.sample_months),
            horizon=self.horizon_months,
            days=int(self.days_past_due),
        )
        keys = ("assessment", "partner", "score", "grade", "start", "stop", "invoiced", "late", "written_off", "end")
        rows = [dict(zip(keys, row, strict=True)) for row in self.env.execute_query(query)]
        for row in rows:
            row["bad"] = row["late"] > 0 or row["written_off"] > 0
        return rows

    def _review_population(self, cards):
        """The customers graded with the card on the review's date (their current approved assessment) and
        their exposure today (open receivables, from smec_credit's kept totals)."""
        self.ensure_one()
        query = SQL(
            """
            SELECT DISTINCT ON (a.partner_id) a.id, a.partner_id, a.total_score, a.grade_id,
                   (SELECT COALESCE(SUM(b.amount_due), 0) FROM smec_credit_receivable_balance b
                     WHERE b.partner_id = a.partner_id AND b.company_id = a.company_id)
              FROM smec_credit_assessment a
             WHERE a.company_id = %(company)s AND a.scorecard_id = ANY(%(cards)s) AND a.partner_role = 'customer'
               AND a.state = 'approved' AND a.valid_until >= %(date)s
               AND COALESCE(a.decided_on::date, a.date) <= %(date)s
             ORDER BY a.partner_id, COALESCE(a.decided_on::date, a.date) DESC, a.id DESC
            """,
            company=self.company_id.id,
            cards=cards.ids,
            date=self.date,
        )
        keys = ("assessment", "partner", "score", "grade", "exposure")
        return [dict(zip(keys, row, strict=True)) for row in self.env.execute_query(query)]

    def _review_answers(self, assessment_ids):
        """{assessment: [(criterion, score, applicable, known)]} of the assessments."""
        rows = self.env.execute_query(
            SQL(
                """SELECT assessment_id, criterion_id, score, applicable, is_known
                     FROM smec_credit_assessment_answer WHERE assessment_id = ANY(%s)""",
                list(assessment_ids),
            )
        )
        answers = {}
        for assessment, criterion, score, applicable, known in rows:
            answers.setdefault(assessment, []).append((criterion, score or 0.0, applicable, known))
        return answers

    # ------------------------------------------------------------
    # THE REVIEW
    # ------------------------------------------------------------

    def _lineage(self):
        """The card and its earlier versions (archived)."""
        self.ensure_one()
        cards = card = self.scorecard_id.with_context(active_test=False)
        while card.previous_version_id and card.previous_version_id not in cards:
            card = card.previous_version_id
            cards |= card
        return cards

    def _criterion_keys(self, cards):
        """{criterion id: the criterion of the card reviewed it stands for} over the versions."""
        current = {criterion._review_origin(): criterion for criterion in self.scorecard_id.criterion_ids}
        keys = {}
        for criterion in cards.with_context(active_test=False).criterion_ids:
            match = current.get(criterion._review_origin())
            if match:
                keys[criterion.id] = match.id
        return keys

    def _run(self):
        """Compute the review (as the system: the user who runs it has checked the right to)."""
        self.ensure_one()
        # the statements below read the tables: what the ORM still holds goes there first
        self.env.flush_all()
        review = self.sudo()
        cards = review._lineage()
        observed = review._observation_date()
        outcomes = review._review_outcomes(cards, observed)
        population = review._review_population(cards)
        grades = (
            self.env["smec.credit.grade"]
            .sudo()
            .search(
                [("company_id", "=", review.company_id.id), ("partner_role", "=", "customer")], order="min_score desc"
            )
        )
        keys = review._criterion_keys(cards)
        answers = review._review_answers(
            {row["assessment"] for row in outcomes} | {p["assessment"] for p in population}
        )
        previous = self.search(
            [
                ("scorecard_id", "in", cards.ids),
                ("state", "!=", "draft"),
                "|",
                ("date", "<", review.date),
                "&",
                ("date", "=", review.date),
                ("id", "<", review.id),
            ],
            order="date desc, id desc",
            limit=1,
        )
        values = review._figures(outcomes, population, grades, previous)
        values["observation_date"] = observed
        values["previous_review_id"] = previous.id
        values["criterion_line_ids"] = [Command.clear()] + [
            Command.create(vals) for vals in review._criterion_figures(outcomes, answers, keys)
        ]
        proposal = review._propose(outcomes, population, answers, keys, grades, values)
        values.update(proposal.pop("review", {}))
        values["conclusion"] = review._conclusion(values, previous, proposal)
        review.write({**values, "state": "done"})
        review._store_rows(outcomes, proposal.get("changes", []))
        return True

    def _figures(self, outcomes, population, grades, previous):
        """Counts, bad rates per grade with their intervals, discrimination, migration and stability."""
        bads = [row["bad"] for row in outcomes]
        scores = [row["score"] for row in outcomes]
        n, bad = len(outcomes), sum(bads)
        enough = n >= stats.MIN_CUSTOMERS and bad >= stats.MIN_BAD and n - bad >= stats.MIN_GOOD
        values = {
            "customer_count": n,
            "bad_count": bad,
            "bad_rate": 100.0 * bad / n if n else 0.0,
            "invoiced_amount": sum(row["invoiced"] for row in outcomes),
            "bad_amount": sum(row["late"] for row in outcomes),
            "written_off_amount": sum(row["written_off"] for row in outcomes),
            "enough_data": enough,
            "population_count": len(population),
        }
        # computed whenever there are good and bad outcomes; below the thresholds the review says they mean nothing
        auc = stats.auc(scores, bads)
        ks = stats.ks(scores, bads)
        values.update(auc=auc or 0.0, gini=(2 * auc - 1) if auc else 0.0, ks=ks or 0.0)

        lines, rates = [], []
        for sequence, grade in enumerate(grades):
            rows = [row for row in outcomes if row["grade"] == grade.id]
            count, grade_bad = len(rows), sum(row["bad"] for row in rows)
            low, high = stats.wilson(grade_bad, count)
            big_enough = count >= stats.MIN_GRADE
            if big_enough:
                rates.append(grade_bad / count)
            lines.append(
                {
                    "sequence": sequence,
                    "grade_id": grade.id,
                    "min_score": grade.min_score,
                    "max_score": grade.max_score,
                    "customer_count": count,
                    "bad_count": grade_bad,
                    "bad_rate": 100.0 * grade_bad / count if count else 0.0,
                    "ci_low": 100.0 * low if count else 0.0,
                    "ci_high": 100.0 * high if count else 0.0,
                    "enough": big_enough,
                    "invoiced_amount": sum(row["invoiced"] for row in rows),
                    "bad_amount": sum(row["late"] + row["written_off"] for row in rows),
                    "population_count": sum(1 for p in population if p["grade"] == grade.id),
                }
            )
        values["grades_ordered"] = enough and len(rates) >= 2 and stats.ordered(rates)
        values["grade_line_ids"] = [Command.clear()] + [Command.create(line) for line in lines]

        matrix = {}
        for row in outcomes:
            key = (row["grade"] or False, row["end"] or False)
            matrix[key] = matrix.get(key, 0) + 1
        values["migration_ids"] = [Command.clear()] + [
            Command.create({"from_grade_id": start, "to_grade_id": end, "count": count})
            for (start, end), count in sorted(matrix.items(), key=lambda item: (str(item[0][0]), str(item[0][1])))
        ]

        good_hist = stats.histogram(row["score"] for row in outcomes if not row["bad"])
        bad_hist = stats.histogram(row["score"] for row in outcomes if row["bad"])
        population_hist = stats.histogram(p["score"] for p in population)
        previous_hist = previous._population_histogram() if previous else None
        psi = stats.psi(previous_hist, population_hist) if previous_hist else None
        values["psi"] = psi or 0.0
        values["population_shifted"] = psi is not None and psi >= stats.PSI_SHIFT
        bins = []
        for kind, counts in (
            ("good", good_hist),
            ("bad", bad_hist),
            ("population", population_hist),
            ("previous", previous_hist),
        ):
            if counts is None:
                continue
            total = sum(counts)
            for index, count in enumerate(counts):
                bins.append(
                    {
                        "kind": kind,
                        "bin_start": stats.SCORE_BINS[index],
                        "count": count,
                        "share": 100.0 * count / total if total else 0.0,
                    }
                )
        values["bin_ids"] = [Command.clear()] + [Command.create(vals) for vals in bins]
        return values

    def _population_histogram(self):
        """Counts of the customers graded on this review's date per score bin (what the next review compares)."""
        self.ensure_one()
        counts = [0] * len(stats.SCORE_BINS)
        for line in self.bin_ids.filtered(lambda b: b.kind == "population"):
            counts[stats.SCORE_BINS.index(line.bin_start)] = line.count
        return counts if any(counts) else None

    def _criterion_figures(self, outcomes, answers, keys):
        """Per criterion of the card: how often it was answered, and how well its answer alone separates the
        good customers from the bad (a univariate AUC, and the information value of its answers)."""
        card = self.scorecard_id
        weights = card._dimension_weights()
        dim_weights = {
            dim: sum(c.weight for c in card.criterion_ids if c.dimension == dim) for dim in scoring.DIMENSIONS
        }
        lines = []
        by_criterion = {criterion.id: [] for criterion in card.criterion_ids}
        for row in outcomes:
            for criterion, score, applicable, known in answers.get(row["assessment"], []):
                key = keys.get(criterion)
                if key and applicable:
                    by_criterion[key].append((score, known, row["bad"]))
        n = len(outcomes)
        for sequence, criterion in enumerate(card.criterion_ids):
            given = by_criterion[criterion.id]
            scores = [score for score, _known, _bad in given]
            bads = [bad for _score, _known, bad in given]
            groups = {}
            for score, _known, bad in given:
                good_bad = groups.setdefault(score, [0, 0])
                good_bad[1 if bad else 0] += 1
            enough = len(given) >= stats.MIN_CUSTOMERS and sum(bads) >= stats.MIN_BAD
            auc = stats.auc(scores, bads)
            iv = stats.information_value([tuple(pair) for pair in groups.values()])
            dim_total = dim_weights[criterion.dimension]
            lines.append(
                {
                    "sequence": sequence,
                    "criterion_id": criterion.id,
                    "current_weight": weights[criterion.dimension] * criterion.weight / dim_total if dim_total else 0.0,
                    "answer_rate": 100.0 * sum(1 for _s, known, _b in given if known) / n if n else 0.0,
                    "auc": auc or 0.0,
                    "iv": iv or 0.0,
                    "enough": enough,
                }
            )
        return lines

    def _store_rows(self, outcomes, changes):
        """The outcome and what-if rows, written in two statements (20,000 customers each at the bench's size)."""
        self.ensure_one()
        self.env.flush_all()
        self.env.execute_query(SQL("DELETE FROM smec_credit_review_outcome WHERE review_id = %s", self.id))
        self.env.execute_query(SQL("DELETE FROM smec_credit_review_change WHERE review_id = %s", self.id))
        now, uid = fields.Datetime.now(), self.env.uid
        if outcomes:
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO smec_credit_review_outcome
                           (review_id, company_id, assessment_id, partner_id, score, grade_id, end_grade_id, date_start,
                            date_stop, bad, invoiced_amount, late_amount, written_off_amount,
                            create_uid, create_date, write_uid, write_date)
                    SELECT %(review)s, %(company)s, o.assessment, o.partner, o.score, o.grade, o.end_grade, o.start,
                           o.stop, o.bad, o.invoiced, o.late, o.written_off, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(assessment)s::int[], %(partner)s::int[], %(score)s::float8[], %(grade)s::int[],
                                  %(end_grade)s::int[], %(start)s::date[], %(stop)s::date[], %(bad)s::bool[],
                                  %(invoiced)s::numeric[], %(late)s::numeric[], %(written_off)s::numeric[])
                           AS o(assessment, partner, score, grade, end_grade, start, stop, bad, invoiced, late,
                                written_off)
                    """,
                    review=self.id,
                    company=self.company_id.id,
                    uid=uid,
                    now=now,
                    assessment=[row["assessment"] for row in outcomes],
                    partner=[row["partner"] for row in outcomes],
                    score=[row["score"] for row in outcomes],
                    grade=[row["grade"] for row in outcomes],
                    end_grade=[row["end"] for row in outcomes],
                    start=[row["start"] for row in outcomes],
                    stop=[row["stop"] for row in outcomes],
                    bad=[row["bad"] for row in outcomes],
                    invoiced=[row["invoiced"] for row in outcomes],
                    late=[row["late"] for row in outcomes],
                    written_off=[row["written_off"] for row in outcomes],
                )
            )
        if changes:
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO smec_credit_review_change
                           (review_id, company_id, assessment_id, partner_id, score, grade_id, proposed_score,
                            proposed_grade_id, exposure, create_uid, create_date, write_uid, write_date)
                    SELECT %(review)s, %(company)s, c.assessment, c.partner, c.score, c.grade, c.proposed_score,
                           c.proposed_grade, c.exposure, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(assessment)s::int[], %(partner)s::int[], %(score)s::float8[], %(grade)s::int[],
                                  %(proposed_score)s::float8[], %(proposed_grade)s::int[], %(exposure)s::numeric[])
                           AS c(assessment, partner, score, grade, proposed_score, proposed_grade, exposure)
                    """,
                    review=self.id,
                    company=self.company_id.id,
                    uid=uid,
                    now=now,
                    assessment=[row["assessment"] for row in changes],
                    partner=[row["partner"] for row in changes],
                    score=[row["score"] for row in changes],
                    grade=[row["grade"] for row in changes],
                    proposed_score=[row["proposed_score"] for row in changes],
                    proposed_grade=[row["proposed_grade"] for row in changes],
                    exposure=[row["exposure"] for row in changes],
                )
            )
        self.env["smec.credit.review.outcome"].invalidate_model()
        self.env["smec.credit.review.change"].invalidate_model()
        self.invalidate_recordset(["outcome_ids", "change_ids"])

    # ------------------------------------------------------------
    # WHAT IT CAN AND CANNOT SAY
    # ------------------------------------------------------------

    def _conclusion(self, values, previous, proposal):
        """Plain statements, in the user's language: what the review can conclude and what it cannot."""
        lines = []
        n, bad = values["customer_count"], values["bad_count"]
        horizon, days = self.horizon_months, self.days_past_due
        if not n:
            lines.append(
                _(
                    "No assessment of this scorecard was approved between %(start)s and %(end)s: no customer has "
                    "a whole horizon of %(months)s months behind its grade yet, so nothing can be said of how well "
                    "the grades predict payment.",
                    start=values["observation_date"] - relativedelta(months=self.sample_months),
                    end=values["observation_date"],
                    months=horizon,
                )
            )
        elif not values["enough_data"]:
            lines.append(
                _(
                    "Too little data: %(n)s customers with %(bad)s bad outcomes (an invoice more than %(days)s days "
                    "past due or a write-off within %(months)s months). At least %(min_n)s customers and %(min_bad)s "
                    "bad and %(min_good)s good outcomes are needed before the bad rates, the AUC or the KS mean "
                    "anything; the figures below are counts, not conclusions.",
                    n=n,
                    bad=bad,
                    days=days,
                    months=horizon,
                    min_n=stats.MIN_CUSTOMERS,
                    min_bad=stats.MIN_BAD,
                    min_good=stats.MIN_GOOD,
                )
            )
        else:
            lines.append(
                _(
                    "%(n)s customers reviewed, %(bad)s bad (%(rate).1f %%): an invoice more than %(days)s days past "
                    "due or a write-off within %(months)s months of the approval.",
                    n=n,
                    bad=bad,
                    rate=values["bad_rate"],
                    days=days,
                    months=horizon,
                )
            )
            lines.append(
                _(
                    "The score tells good customers from bad with an AUC of %(auc).2f (Gini %(gini).2f, KS %(ks).2f): "
                    "%(verdict)s.",
                    auc=values["auc"],
                    gini=values["gini"],
                    ks=values["ks"],
                    verdict=self._auc_verdict(values["auc"]),
                )
            )
            if values["grades_ordered"]:
                lines.append(_("The bad rates rise from grade to grade, as the grades promise."))
            else:
                lines.append(
                    _(
                        "The bad rates do NOT rise from the best grade to the worst: the grades no longer order the "
                        "customers by risk. Look at the proposal."
                    )
                )
        small = [line for line in values["grade_line_ids"][1:] if line[2]["customer_count"] < stats.MIN_GRADE]
        if n and small:
            codes = ", ".join(self.env["smec.credit.grade"].browse(line[2]["grade_id"]).code for line in small)
            lines.append(
                _(
                    "Grades %(codes)s hold fewer than %(min)s customers: their bad rates are shown with their "
                    "interval but not compared.",
                    codes=codes,
                    min=stats.MIN_GRADE,
                )
            )
        if not previous:
            lines.append(
                _(
                    "This is the card's first review: the scores of the %(count)s customers graded today are the "
                    "baseline the next review measures the population's stability against.",
                    count=values["population_count"],
                )
            )
        elif values["population_shifted"]:
            lines.append(
                _(
                    "The customers graded today score differently from those of the review of %(date)s (PSI "
                    "%(psi).2f, 0.25 or more is a shift): the card is being applied to another population.",
                    date=previous.date,
                    psi=values["psi"],
                )
            )
        else:
            lines.append(
                _(
                    "The scores of the customers graded today are stable against the review of %(date)s "
                    "(PSI %(psi).2f).",
                    date=previous.date,
                    psi=values["psi"],
                )
            )
        lines.append(proposal.get("statement") or "")
        return Markup("").join(Markup("<p>%s</p>") % escape(line) for line in lines if line)

    def _auc_verdict(self, auc):
        if auc >= 0.8:
            return _("strong")
        if auc >= 0.7:
            return _("good")
        if auc >= 0.6:
            return _("weak")
        return _("hardly better than chance")
