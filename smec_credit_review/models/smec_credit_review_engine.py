"""The review: its outcomes (``smec_credit_review_outcomes.py``), then the figures, worked on arrays.

Counts and bad rates per grade with their intervals, the discrimination of the score and of each criterion,
the grade migration and the population's stability; the proposal is ``smec_credit_review_proposal.py``'s,
the plain statements ``smec_credit_review_conclusion.py``'s.
"""

import numpy as np

from odoo import Command, models

from odoo.addons.smec_credit.tools import scoring

from ..tools import review_stats as stats


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

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
        criteria = review.scorecard_id.criterion_ids
        # one read of the answers of both: the outcomes' rows first, then the population's
        answers = review._review_answers(
            [row["assessment"] for row in outcomes] + [p["assessment"] for p in population], keys, criteria
        )
        population_answers, answers = answers.rows(len(outcomes)), answers.rows(0, len(outcomes))
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
            Command.create(vals) for vals in review._criterion_figures(outcomes, answers)
        ]
        proposal = review._propose(outcomes, population, answers, population_answers, grades, values)
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

    def _criterion_figures(self, outcomes, answers):
        """Per criterion of the card: how often it was answered, and how well its answer alone separates the
        good customers from the bad (a univariate AUC, and the information value of its answers), computed on
        the columns of the answers' matrix."""
        card = self.scorecard_id
        weights = card._dimension_weights()
        dim_weights = {
            dim: sum(c.weight for c in card.criterion_ids if c.dimension == dim) for dim in scoring.DIMENSIONS
        }
        bads = np.array([row["bad"] for row in outcomes], dtype=bool)
        n = len(outcomes)
        lines = []
        for sequence, criterion in enumerate(card.criterion_ids):
            column = answers.scores[:, sequence]
            given = ~np.isnan(column)
            scores, bad = column[given], bads[given]
            enough = int(given.sum()) >= stats.MIN_CUSTOMERS and int(bad.sum()) >= stats.MIN_BAD
            auc = stats.auc(scores, bad)
            iv = stats.information_value(stats.groups(scores, bad))
            dim_total = dim_weights[criterion.dimension]
            lines.append(
                {
                    "sequence": sequence,
                    "criterion_id": criterion.id,
                    "current_weight": weights[criterion.dimension] * criterion.weight / dim_total if dim_total else 0.0,
                    "answer_rate": 100.0 * int(answers.known[:, sequence].sum()) / n if n else 0.0,
                    "auc": auc or 0.0,
                    "iv": iv or 0.0,
                    "enough": enough,
                }
            )
        return lines
