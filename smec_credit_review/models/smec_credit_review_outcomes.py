"""The review's heavy reads and writes: one statement over the journal items, one over the answers, and the
outcome and what-if rows written back in two.

``_review_outcomes`` is the one read of the journal items: for each customer, its latest assessment of the
card (or of an earlier version of it) approved within the approval window before the observation date, and
what the customer did in the horizon after that approval, read in one pass over its receivable journal items.
``_review_answers`` gives the answers as matrices (numpy): everything after them is arithmetic on arrays.
"""

from typing import NamedTuple

import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import models
from odoo.tools import SQL


class Answers(NamedTuple):
    """Answers of assessments: ``scores`` (assessments x criteria, NaN where not given) and ``known``."""

    scores: np.ndarray
    known: np.ndarray

    def rows(self, start, stop=None):
        return Answers(self.scores[start:stop], self.known[start:stop])


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

    def init(self):
        result = super().init()
        # The sample is read by the day an assessment was approved, COALESCE(decided_on::date, date): without
        # statistics on that expression the planner guesses 100 assessments where the bench has 20,000, and
        # reads the journal items customer by customer. ANALYZE (autovacuum's, or the bulk loaders') fills them.
        self.env.cr.execute(
            """CREATE STATISTICS IF NOT EXISTS smec_credit_assessment_approved_day
                   ON (COALESCE(decided_on::date, date)) FROM smec_credit_assessment"""
        )
        return result

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
                                           AND l.account_id = ANY(%(receivable)s)
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
            # the receivable accounts by id, not by a join on their type: the planner then knows from the items'
            # statistics how many it reads (a third of them at the bench), and hashes them instead of probing the
            # reconciliations item by item
            receivable=self.env["account.account"]
            .sudo()
            .with_context(active_test=False)
            .search([("account_type", "=", "asset_receivable")])
            .ids,
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

    def _review_answers(self, assessment_ids, keys, criteria):
        """The answers of ``assessment_ids`` as two matrices, one row per assessment in that order, one column per
        criterion of ``criteria`` (the card reviewed; ``keys`` maps the earlier versions' criteria to them): the
        scores, NaN where the version did not ask the criterion or the answer does not apply, and whether the
        answer was known. One statement; its rows go into the matrices without a Python loop."""
        columns = {criterion.id: index for index, criterion in enumerate(criteria)}
        pairs = [(old, columns[new]) for old, new in keys.items() if new in columns]
        [(rows, cols, scores, known)] = self.env.execute_query(
            SQL(
                """
                SELECT COALESCE(array_agg(a.ord - 1), '{}'), COALESCE(array_agg(k.col), '{}'),
                       COALESCE(array_agg(COALESCE(ans.score, 0)), '{}'),
                       COALESCE(array_agg(COALESCE(ans.is_known, FALSE)), '{}')
                  FROM unnest(%(assessments)s::int[]) WITH ORDINALITY AS a(id, ord)
                  JOIN smec_credit_assessment_answer ans ON ans.assessment_id = a.id AND ans.applicable
                  JOIN unnest(%(criteria)s::int[], %(columns)s::int[]) AS k(criterion_id, col)
                    ON k.criterion_id = ans.criterion_id
                """,
                assessments=list(assessment_ids),
                criteria=[old for old, _col in pairs],
                columns=[col for _old, col in pairs],
            )
        )
        shape = (len(assessment_ids), len(criteria))
        matrix, given_known = np.full(shape, np.nan), np.zeros(shape, dtype=bool)
        rows, cols = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
        matrix[rows, cols] = np.asarray(scores, dtype=float)
        given_known[rows, cols] = np.asarray(known, dtype=bool)
        return Answers(matrix, given_known)

    # ------------------------------------------------------------
    # THE ROWS KEPT
    # ------------------------------------------------------------

    def _store_rows(self, outcomes, changes):
        """The outcome and what-if rows, written in two statements (20,000 customers each at the bench's size).
        The rows carry no company, customer or log columns (see the models): their foreign keys are checked row
        by row, and those checks were most of the time these statements took."""
        self.ensure_one()
        self.env.flush_all()
        self.env.execute_query(SQL("DELETE FROM smec_credit_review_outcome WHERE review_id = %s", self.id))
        self.env.execute_query(SQL("DELETE FROM smec_credit_review_change WHERE review_id = %s", self.id))
        if outcomes:
            self.env.execute_query(
                SQL(
                    """
                    INSERT INTO smec_credit_review_outcome
                           (review_id, assessment_id, score, grade_id, end_grade_id, date_start, date_stop, bad,
                            invoiced_amount, late_amount, written_off_amount)
                    SELECT %(review)s, o.assessment, o.score, o.grade, o.end_grade, o.start, o.stop, o.bad,
                           o.invoiced, o.late, o.written_off
                      FROM unnest(%(assessment)s::int[], %(score)s::float8[], %(grade)s::int[], %(end_grade)s::int[],
                                  %(start)s::date[], %(stop)s::date[], %(bad)s::bool[], %(invoiced)s::numeric[],
                                  %(late)s::numeric[], %(written_off)s::numeric[])
                           AS o(assessment, score, grade, end_grade, start, stop, bad, invoiced, late, written_off)
                    """,
                    review=self.id,
                    assessment=[row["assessment"] for row in outcomes],
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
                           (review_id, assessment_id, score, grade_id, proposed_score, proposed_grade_id, exposure)
                    SELECT %(review)s, c.assessment, c.score, c.grade, c.proposed_score, c.proposed_grade, c.exposure
                      FROM unnest(%(assessment)s::int[], %(score)s::float8[], %(grade)s::int[],
                                  %(proposed_score)s::float8[], %(proposed_grade)s::int[], %(exposure)s::numeric[])
                           AS c(assessment, score, grade, proposed_score, proposed_grade, exposure)
                    """,
                    review=self.id,
                    assessment=[row["assessment"] for row in changes],
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
