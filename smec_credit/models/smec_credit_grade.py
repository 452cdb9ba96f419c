from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import scoring

PARTNER_ROLES = [("customer", "Customer"), ("supplier", "Supplier")]
# the partner's credit fields for each role
PARTNER_FIELDS = {
    "customer": {"grade": "smec_grade_id", "score": "smec_credit_score", "assessment": "smec_assessment_id"},
    "supplier": {
        "grade": "smec_supplier_grade_id",
        "score": "smec_supplier_credit_score",
        "assessment": "smec_supplier_assessment_id",
    },
}


class SmecCreditGrade(models.Model):
    """A credit grade (A/B/C/D) with its score band and the policy it grants."""

    _name = "smec.credit.grade"
    _description = "Credit Grade"
    _order = "company_id, partner_role, min_score desc"
    _check_company_auto = True

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="A, B, C or D.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_role = fields.Selection(PARTNER_ROLES, required=True, default="customer")
    color = fields.Integer()
    min_score = fields.Float(required=True, help="Lowest total score of the band (inclusive).")
    max_score = fields.Float(required=True, help="Upper end of the band (exclusive, but 100 is inclusive).")

    limit_rule = fields.Selection(
        [("fixed", "Fixed amount"), ("sales", "Monthly sales x credit months x grade factor")],
        required=True,
        default="fixed",
        help="Sales-based limits use the average monthly invoiced sales of the last 12 months; "
        "a customer without sales gets the fixed amount as a starting limit.",
    )
    limit_amount = fields.Monetary(
        string="Fixed / Starting Limit",
        currency_field="currency_id",
        help="The limit for a fixed rule, the starting limit for a customer without sales history.",
    )
    credit_months = fields.Float(default=1.0)
    grade_factor = fields.Float(default=1.0)
    payment_term_id = fields.Many2one("account.payment.term", check_company=True)
    settlement_method_ids = fields.Many2many("smec.credit.settlement.method", string="Settlement Methods")
    prepayment_percent = fields.Float(string="Prepayment (%)", help="Share of each order paid before confirmation.")
    confirmation_policy = fields.Selection(
        [("allow", "Allow"), ("approval", "Needs credit approval"), ("block", "Block")],
        required=True,
        default="allow",
        help="What happens when an order of a customer with this grade is confirmed.",
    )
    review_months = fields.Integer(default=12, help="How often a customer of this grade is re-assessed.")
    partner_count = fields.Integer(compute="_compute_partner_count")

    _score_range = models.Constraint(
        "CHECK(min_score >= 0 AND max_score <= 100 AND min_score < max_score)",
        "A grade band lies within 0-100 and its minimum is below its maximum.",
    )
    _prepayment_range = models.Constraint(
        "CHECK(prepayment_percent >= 0 AND prepayment_percent <= 100)",
        "The prepayment share lies between 0 and 100 %.",
    )
    _limit_positive = models.Constraint(
        "CHECK(limit_amount >= 0 AND credit_months >= 0 AND grade_factor >= 0)",
        "Limits, credit months and grade factors cannot be negative.",
    )
    _code_company_unique = models.UniqueIndex(
        "(company_id, partner_role, code)", "Each grade code is used once per company and role."
    )

    # ------------------------------------------------------------
    # COMPUTE / CONSTRAINTS
    # ------------------------------------------------------------

    def _compute_partner_count(self):
        groups = self.env["res.partner"]._read_group(
            [("smec_grade_id", "in", self.ids)], ["smec_grade_id"], ["__count"]
        )
        counts = {grade.id: count for grade, count in groups}
        for grade in self:
            grade.partner_count = counts.get(grade.id, 0)

    @api.constrains("min_score", "max_score", "company_id", "partner_role")
    def _check_bands_do_not_overlap(self):
        for company, role in {(g.company_id, g.partner_role) for g in self}:
            grades = self.search([("company_id", "=", company.id), ("partner_role", "=", role)])
            pairs = scoring.overlapping([(g, g.min_score, g.max_score) for g in grades])
            if pairs:
                first, second = pairs[0]
                raise ValidationError(
                    _(
                        "The score bands of grades %(first)s (%(fmin)s-%(fmax)s) and %(second)s "
                        "(%(smin)s-%(smax)s) overlap: each score must lead to one grade.",
                        first=first.code,
                        fmin=first.min_score,
                        fmax=first.max_score,
                        second=second.code,
                        smin=second.min_score,
                        smax=second.max_score,
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _grade_for_score(self, score, company, role="customer"):
        grades = self.search([("company_id", "=", company.id), ("partner_role", "=", role)])
        key = scoring.grade_for(score, [(g.id, g.min_score, g.max_score) for g in grades])
        return self.browse(key)

    def _compute_limit(self, monthly_sales):
        """The limit this grade grants a customer with ``monthly_sales`` of
        average monthly sales (company currency)."""
        self.ensure_one()
        if self.limit_rule == "sales" and monthly_sales > 0:
            return self.currency_id.round(monthly_sales * self.credit_months * self.grade_factor)
        return self.limit_amount
