"""The figures of a review, one model per table of the screen: per grade, per criterion, the migration
matrix, the score distributions, and the rows per customer (the outcomes and the what-if). Written by the
review's run only; read by whoever reads the review."""

from odoo import api, fields, models

BIN_KINDS = [
    ("good", "Good outcome"),
    ("bad", "Bad outcome"),
    ("population", "Graded today"),
    ("previous", "Graded at the previous review"),
]


class SmecCreditReviewLineMixin(models.AbstractModel):
    _name = "smec.credit.review.line.mixin"
    _description = "Scorecard Review Figure"

    review_id = fields.Many2one("smec.credit.review", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    currency_id = fields.Many2one(related="review_id.currency_id")


class SmecCreditReviewGrade(models.Model):
    _name = "smec.credit.review.grade"
    _description = "Scorecard Review: Grade"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, sequence, id"

    sequence = fields.Integer(readonly=True)
    grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    min_score = fields.Float(string="From", readonly=True)
    max_score = fields.Float(string="To", readonly=True)
    customer_count = fields.Integer(string="Customers", readonly=True, aggregator="sum")
    bad_count = fields.Integer(string="Bad", readonly=True, aggregator="sum")
    bad_rate = fields.Float(string="Bad rate (%)", readonly=True, digits=(5, 2), aggregator="max")
    ci_low = fields.Float(string="95 % interval from (%)", readonly=True, digits=(5, 2))
    ci_high = fields.Float(string="95 % interval to (%)", readonly=True, digits=(5, 2))
    enough = fields.Boolean(string="Enough customers", readonly=True)
    invoiced_amount = fields.Monetary(string="Invoiced in the horizon", readonly=True)
    bad_amount = fields.Monetary(string="Past due or written off", readonly=True)
    population_count = fields.Integer(string="Graded today", readonly=True)
    proposed_min = fields.Float(string="Proposed from", readonly=True)
    proposed_max = fields.Float(string="Proposed to", readonly=True)
    proposed_count = fields.Integer(string="Customers (proposal)", readonly=True)
    proposed_bad_rate = fields.Float(string="Bad rate (%) (proposal)", readonly=True, digits=(5, 1), aggregator="max")


class SmecCreditReviewCriterion(models.Model):
    _name = "smec.credit.review.criterion"
    _description = "Scorecard Review: Criterion"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, sequence, id"

    sequence = fields.Integer(readonly=True)
    criterion_id = fields.Many2one("smec.credit.criterion", readonly=True, ondelete="cascade")
    dimension = fields.Selection(related="criterion_id.dimension")
    current_weight = fields.Float(string="Weight in the score (%)", readonly=True, digits=(5, 1))
    answer_rate = fields.Float(string="Answered (%)", readonly=True, digits=(5, 1))
    auc = fields.Float(string="AUC alone", readonly=True, digits=(4, 3))
    iv = fields.Float(string="Information value", readonly=True, digits=(5, 3))
    enough = fields.Boolean(string="Enough answers", readonly=True)
    coefficient = fields.Float(
        string="Fitted effect", readonly=True, digits=(6, 3), help="Log-odds of a bad outcome per 100 points."
    )
    proposed_weight = fields.Float(string="Proposed weight in the score (%)", readonly=True, digits=(5, 1))
    proposed_criterion_weight = fields.Float(string="Proposed weight in its C", readonly=True, digits=(6, 2))


class SmecCreditReviewMigration(models.Model):
    _name = "smec.credit.review.migration"
    _description = "Scorecard Review: Grade Migration"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, id"

    from_grade_id = fields.Many2one("smec.credit.grade", string="Grade then", readonly=True)
    to_grade_id = fields.Many2one(
        "smec.credit.grade", string="Grade at the horizon's end", readonly=True, help="Empty: no valid grade then."
    )
    count = fields.Integer(string="Customers", readonly=True, aggregator="sum")


class SmecCreditReviewBin(models.Model):
    _name = "smec.credit.review.bin"
    _description = "Scorecard Review: Score Distribution"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, kind, bin_start"

    kind = fields.Selection(BIN_KINDS, readonly=True)
    bin_start = fields.Integer(readonly=True)
    name = fields.Char(string="Score", compute="_compute_name", store=True)
    count = fields.Integer(string="Customers", readonly=True, aggregator="sum")
    share = fields.Float(string="Share (%)", readonly=True, digits=(5, 1), aggregator="sum")

    @api.depends("bin_start")
    def _compute_name(self):
        for line in self:
            line.name = f"{line.bin_start:02d}-{line.bin_start + 10}"


class SmecCreditReviewOutcome(models.Model):
    _name = "smec.credit.review.outcome"
    _description = "Scorecard Review: Outcome of a Customer"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, bad desc, score"
    # Written 20,000 at a time by the review's run (_store_rows): each foreign key stored is a check per row
    # inserted, so the row keeps only its own; the company is the review's, the customer the assessment's, and
    # the log columns (who and when) are the review's.
    _log_access = False

    company_id = fields.Many2one(related="review_id.company_id", store=False)
    assessment_id = fields.Many2one("smec.credit.assessment", readonly=True, index=True)
    partner_id = fields.Many2one(related="assessment_id.partner_id", string="Customer")
    score = fields.Float(readonly=True, digits=(5, 2))
    grade_id = fields.Many2one("smec.credit.grade", string="Grade then", readonly=True)
    end_grade_id = fields.Many2one("smec.credit.grade", string="Grade at the horizon's end", readonly=True)
    date_start = fields.Date(string="Approved", readonly=True)
    date_stop = fields.Date(string="Horizon's end", readonly=True)
    bad = fields.Boolean(readonly=True)
    invoiced_amount = fields.Monetary(string="Invoiced in the horizon", readonly=True)
    late_amount = fields.Monetary(string="Past due", readonly=True)
    written_off_amount = fields.Monetary(string="Written off", readonly=True)


class SmecCreditReviewChange(models.Model):
    _name = "smec.credit.review.change"
    _description = "Scorecard Review: Customer Changing Grade"
    _inherit = ["smec.credit.review.line.mixin"]
    _order = "review_id, exposure desc, id"
    # Written 20,000 at a time by the review's run (_store_rows): each foreign key stored is a check per row
    # inserted, so the row keeps only its own; the company is the review's, the customer the assessment's, and
    # the log columns (who and when) are the review's.
    _log_access = False

    company_id = fields.Many2one(related="review_id.company_id", store=False)
    assessment_id = fields.Many2one("smec.credit.assessment", readonly=True, index=True)
    partner_id = fields.Many2one(related="assessment_id.partner_id", string="Customer")
    score = fields.Float(readonly=True, digits=(5, 2))
    grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    proposed_score = fields.Float(readonly=True, digits=(5, 2))
    proposed_grade_id = fields.Many2one("smec.credit.grade", string="Proposed grade", readonly=True)
    exposure = fields.Monetary(readonly=True)
