"""The proposed card: weights fitted to the outcomes, bands that order the bad rates, and its what-if; and
its approval into a new version of the scorecard."""

import numpy as np

from odoo import _, models
from odoo.exceptions import UserError

from odoo.addons.smec_credit.tools import scoring

from ..tools import review_stats as stats


def _round2(values):
    """Python's round(value, 2) of each value (what the scoring stores), not numpy's (which rounds value * 100)."""
    return np.array([round(value, 2) for value in values.tolist()], dtype=float)


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # THE PROPOSAL
    # ------------------------------------------------------------

    def _propose(self, outcomes, population, answers, population_answers, grades, values):
        """Fit the criteria's weights to the outcomes, place the grade bands, and score today's customers with
        the proposal (``answers`` and ``population_answers``: the matrices of their answers, row by row).
        Returns {"review": values of the review, "changes": what-if rows, "statement": text}."""
        self.ensure_one()
        card = self.scorecard_id
        criteria = card.criterion_ids
        bad = values["bad_count"]
        if bad < stats.MIN_FIT_BAD or len(outcomes) - bad < stats.MIN_FIT_BAD:
            return {
                "review": {"proposal_possible": False},
                "statement": _(
                    "No proposal: fitting weights needs at least %(min)s bad and %(min)s good outcomes (%(bad)s bad, "
                    "%(good)s good here).",
                    min=stats.MIN_FIT_BAD,
                    bad=bad,
                    good=len(outcomes) - bad,
                ),
            }
        bads = np.array([row["bad"] for row in outcomes], dtype=bool)
        matrix = self._feature_rows(answers, criteria)
        effective, _intercept, coefficients = stats.fit_weights(matrix, bads.astype(int))
        fitted = stats.card_weights(
            dict(zip(criteria.ids, effective, strict=True)),
            {criterion.id: criterion.dimension for criterion in criteria},
            scoring.DIMENSIONS,
        )
        if not fitted:
            return {
                "review": {"proposal_possible": False},
                "statement": _("No proposal: no criterion of the card lowers the chance of a bad outcome."),
            }
        dim_weights, inner = fitted
        proposed_scores = self._proposed_scores(answers, dim_weights, inner)
        min_size = max(stats.MIN_GRADE, len(outcomes) // 20)
        bands = stats.ordered_bands(proposed_scores.tolist(), bads.astype(int).tolist(), len(grades), min_size)
        ascending = grades.sorted("min_score")
        if bands:
            cuts = bands[0]
        else:
            cuts = [grade.min_score for grade in ascending[1:]]
        proposed_auc = stats.auc(proposed_scores, bads) or 0.0

        # the grade lines get the proposed bands and the bad rates they give
        lines = {line[2]["grade_id"]: line[2] for line in values["grade_line_ids"][1:]}
        edges = [0.0, *cuts, 100.0]
        proposed_index = stats.grades_of(proposed_scores, cuts)
        for index, grade in enumerate(ascending):
            inside = bads[proposed_index == index]
            lines[grade.id].update(
                proposed_min=edges[index],
                proposed_max=edges[index + 1],
                proposed_count=int(inside.size),
                proposed_bad_rate=100.0 * int(inside.sum()) / inside.size if inside.size else 0.0,
            )
        for line in values["criterion_line_ids"][1:]:
            vals = line[2]
            index = criteria.ids.index(vals["criterion_id"])
            criterion = criteria[index]
            dim_total = sum(inner[c.id] for c in criteria if c.dimension == criterion.dimension)
            vals.update(
                proposed_weight=dim_weights[criterion.dimension] * inner[criterion.id] / dim_total if dim_total else 0,
                proposed_criterion_weight=inner[criterion.id],
                coefficient=coefficients[index],
            )

        # what-if: today's customers under the proposed card; only those who change grade are kept
        population_scores = self._proposed_scores(population_answers, dim_weights, inner)
        proposed_grades = np.array(ascending.ids)[stats.grades_of(population_scores, cuts)]
        current_grades = np.array([p["grade"] or 0 for p in population], dtype=int)
        changes = [
            {**population[i], "proposed_score": float(population_scores[i]), "proposed_grade": int(proposed_grades[i])}
            for i in np.flatnonzero(proposed_grades != current_grades).tolist()
        ]
        review_values = {
            "proposal_possible": True,
            "proposal_auc": proposed_auc,
            "change_count": len(changes),
            "change_exposure": sum(change["exposure"] for change in changes),
            **{f"proposed_weight_{dim}": dim_weights[dim] for dim in scoring.DIMENSIONS},
        }
        if bands:
            statement = _(
                "Proposal: weights fitted to the outcomes (AUC %(auc).2f against %(current).2f now) and grade bands "
                "from %(cuts)s whose bad rates rise from grade to grade; %(count)s customers graded today would "
                "change grade.",
                auc=proposed_auc,
                current=values["auc"],
                cuts=", ".join(f"{cut:g}" for cut in cuts),
                count=len(changes),
            )
        else:
            statement = _(
                "Proposal: weights fitted to the outcomes (AUC %(auc).2f against %(current).2f now); no placement of "
                "the bands orders the bad rates with at least %(min)s customers a grade, so the bands stay as they "
                "are. %(count)s customers graded today would change grade.",
                auc=proposed_auc,
                current=values["auc"],
                min=min_size,
                count=len(changes),
            )
            review_values["apply_bands"] = False
        return {"review": review_values, "changes": changes, "statement": statement, "cuts": cuts}

    @staticmethod
    def _feature_rows(answers, criteria):
        """The matrix the weights are fitted on: the answers' scores, where the version did not ask a criterion
        or its answer does not apply, the criterion's average applicable answer (its unknown score when nobody
        answered it)."""
        given = ~np.isnan(answers.scores)
        counts = given.sum(axis=0)
        sums = np.where(given, answers.scores, 0.0).sum(axis=0)
        means = np.array(
            [
                sums[index] / counts[index] if counts[index] else criterion.unknown_score
                for index, criterion in enumerate(criteria)
            ]
        )
        return np.where(given, answers.scores, means)

    def _proposed_scores(self, answers, dim_weights, inner):
        """The total scores the proposed weights give, computed as a new version of the card would
        (smec_credit's ``scoring``: each C the weighted mean of its criteria given, rounded to 2 decimals, the
        total the weighted mean of the Cs that have a score, rounded to 2 decimals), for every row at once."""
        criteria = self.scorecard_id.criterion_ids
        count = answers.scores.shape[0]
        numerator, denominator = np.zeros(count), np.zeros(count)
        for dim in scoring.DIMENSIONS:
            columns = [index for index, criterion in enumerate(criteria) if criterion.dimension == dim]
            if not columns or not dim_weights.get(dim):
                continue
            dim_sum, dim_weight = np.zeros(count), np.zeros(count)
            # criterion by criterion, in the card's order, as the scoring adds them up
            for index in columns:
                column = answers.scores[:, index]
                given = ~np.isnan(column)
                weight = inner[criteria[index].id]
                dim_sum += np.where(given, weight * np.nan_to_num(column), 0.0)
                dim_weight += np.where(given, weight, 0.0)
            scored = dim_weight > 0
            dim_score = _round2(np.divide(dim_sum, dim_weight, out=np.zeros(count), where=scored))
            numerator += np.where(scored, dim_score * dim_weights[dim], 0.0)
            denominator += np.where(scored, dim_weights[dim], 0.0)
        return _round2(np.divide(numerator, denominator, out=np.zeros(count), where=denominator > 0))

    # ------------------------------------------------------------
    # APPROVAL: A NEW VERSION
    # ------------------------------------------------------------

    def _apply_proposal(self):
        """The new version of the card (the approved one archived, its assessments keeping it), and the
        proposed bands when the manager keeps them. Returns the new card."""
        self.ensure_one()
        card = self.scorecard_id.sudo()
        weights = {f"weight_{dim}": self[f"proposed_weight_{dim}"] for dim in scoring.DIMENSIONS}
        new_card = card.copy({"version": card.version + 1, "previous_version_id": card.id, "name": card.name})
        new_card.write(weights)
        inner = {line.criterion_id.id: line.proposed_criterion_weight for line in self.criterion_line_ids}
        for old, new in self._copied_criteria(card, new_card):
            new.write({"weight": inner.get(old.id) or old.weight, "review_origin_id": old._review_origin().id})
        card.active = False
        if self.apply_bands:
            self._apply_bands()
        return new_card

    @staticmethod
    def _copied_criteria(card, new_card):
        """[(criterion of card, its copy on new_card)], paired by what a copy keeps, in creation order."""

        def key(criterion):
            return (criterion.dimension, criterion.sequence, criterion.name, criterion.source, criterion.kind)

        copies = {}
        for new in new_card.criterion_ids.sorted("id"):
            copies.setdefault(key(new), []).append(new)
        return [(old, copies[key(old)].pop(0)) for old in card.criterion_ids.sorted("id")]

    def _apply_bands(self):
        """Move the company's customer grade bands to the proposed ones, one boundary at a time so that no two
        bands overlap on the way (each write is checked by smec_credit's constraint)."""
        lines = self.grade_line_ids.filtered(lambda line: line.grade_id).sorted(lambda line: line.min_score)
        grades = lines.grade_id.sudo()
        targets = [line.proposed_min for line in lines[1:]]
        current = [grade.min_score for grade in grades[1:]]
        company_grades = (
            self.env["smec.credit.grade"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("partner_role", "=", "customer")])
        )
        if grades != company_grades or any(
            abs(grade.min_score - line.min_score) > 1e-6 or abs(grade.max_score - line.max_score) > 1e-6
            for grade, line in zip(grades, lines, strict=True)
        ):
            raise UserError(
                _("The grade bands changed since this review ran: run a new review before applying its bands.")
            )
        pending = set(range(len(targets)))
        while pending:
            moved = False
            for index in sorted(pending):
                lower = current[index - 1] if index > 0 else 0.0
                upper = current[index + 1] if index + 1 < len(current) else 100.0
                target = targets[index]
                if not lower < target < upper:
                    continue
                below, above = grades[index], grades[index + 1]
                # shrink first, then grow
                if target > current[index]:
                    above.min_score = target
                    below.max_score = target
                else:
                    below.max_score = target
                    above.min_score = target
                current[index] = target
                pending.discard(index)
                moved = True
            if not moved:
                raise UserError(_("The proposed grade bands cannot be applied: check them on the review."))
        return True
