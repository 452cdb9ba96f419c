from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import scoring

DIMENSION_SELECTION = [
    ("character", "Character"),
    ("capacity", "Capacity"),
    ("capital", "Capital"),
    ("collateral", "Collateral"),
    ("conditions", "Conditions"),
]

# Values read from the ledger or the partner; None means "no data": the answer
# is unknown and scores the criterion's conservative answer (a new customer has
# no history yet, a partner no industry entered).
AUTO_SOURCES = [
    ("on_time_share", "Share of invoices paid on time (%)"),
    ("avg_days_late", "Average days paid late"),
    ("max_days_overdue", "Longest overdue (days)"),
    ("dispute_count", "Disputes (count)"),
    ("industry_risk", "Industry risk level (1 low - 4 very high)"),
]


class SmecCreditCriterion(models.Model):
    _name = "smec.credit.criterion"
    _description = "Credit Scorecard Criterion"
    _order = "scorecard_id, dimension, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    scorecard_id = fields.Many2one("smec.credit.scorecard", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True)
    dimension = fields.Selection(DIMENSION_SELECTION, required=True)
    weight = fields.Float(default=1.0, help="Weight of this criterion inside its C.")
    kind = fields.Selection(
        [("choice", "Choice"), ("number", "Number in bands")],
        required=True,
        default="choice",
    )
    source = fields.Selection(
        [("manual", "Questionnaire"), *AUTO_SOURCES],
        required=True,
        default="manual",
        help="Questionnaire criteria are answered by the assessor; the others are read from the ledger.",
    )
    unit = fields.Char(translate=True, help="Unit of a numeric answer, e.g. years or CNY 10k.")
    option_ids = fields.One2many("smec.credit.criterion.option", "criterion_id", string="Answers / Bands", copy=True)
    help_text = fields.Text(translate=True)
    unknown_score = fields.Float(
        string="Score when unknown",
        help="What the criterion scores while its answer is unknown (no payment history yet, no industry entered): "
        "a conservative answer, so that what is not known weighs as a poor answer instead of being left out of the "
        "score. The shipped scorecards use the second-lowest answer.",
    )

    _weight_positive = models.Constraint("CHECK(weight > 0)", "A criterion weight must be positive.")
    _unknown_score_range = models.Constraint(
        "CHECK(unknown_score >= 0 AND unknown_score <= 100)", "A score when unknown is between 0 and 100."
    )

    @api.constrains("source", "kind")
    def _check_auto_is_numeric(self):
        for criterion in self:
            if criterion.source != "manual" and criterion.kind != "number":
                raise ValidationError(
                    _(
                        "Criterion %(name)s is read from the ledger: it must be scored in numeric bands.",
                        name=criterion.name,
                    )
                )

    def _score_value(self, value):
        """Score of a numeric answer in this criterion's bands (None: no band)."""
        self.ensure_one()
        bands = [
            (o.value_min if o.has_min else None, o.value_max if o.has_max else None, o.score) for o in self.option_ids
        ]
        return scoring.band_score(value, bands)


class SmecCreditCriterionOption(models.Model):
    _name = "smec.credit.criterion.option"
    _description = "Credit Criterion Answer or Band"
    _order = "criterion_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    criterion_id = fields.Many2one("smec.credit.criterion", required=True, ondelete="cascade", index=True)
    score = fields.Float(required=True, help="0-100")
    is_unknown = fields.Boolean(
        string="No information",
        help='This answer says the information is missing ("Unknown", "No information"): it scores as set '
        "here, and counts against the assessment's completeness.",
    )
    has_min = fields.Boolean(string="Has lower bound")
    value_min = fields.Float(string="From (inclusive)")
    has_max = fields.Boolean(string="Has upper bound")
    value_max = fields.Float(string="To (exclusive)")

    _score_range = models.Constraint("CHECK(score >= 0 AND score <= 100)", "An answer scores between 0 and 100.")
    _band_order = models.Constraint(
        "CHECK(NOT has_min OR NOT has_max OR value_min < value_max)",
        "A band's lower bound must be below its upper bound.",
    )
