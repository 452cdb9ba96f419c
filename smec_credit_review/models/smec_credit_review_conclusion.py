"""What a review can and cannot say: its conclusion, in plain statements in the user's language."""

from dateutil.relativedelta import relativedelta
from markupsafe import Markup, escape

from odoo import _, models

from ..tools import review_stats as stats


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

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
