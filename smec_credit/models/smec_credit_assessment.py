from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import scoring
from .smec_credit_grade import PARTNER_FIELDS, PARTNER_ROLES

STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("superseded", "Superseded"),
    ("expired", "Expired"),
]


class SmecCreditAssessment(models.Model):
    """A 5C credit assessment of one partner for one company."""

    _name = "smec.credit.assessment"
    _description = "Credit Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.credit.decision.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: scores, grade and ledger facts are computed, never sent;
    # the workflow and its stamps are set by the buttons, as the user who clicks
    # them; an approved assessment is the partner's history
    _smec_code_fields = frozenset(
        {
            "score_character",
            "score_capacity",
            "score_capital",
            "score_collateral",
            "score_conditions",
            "total_score",
            "grade_id",
            "missing_answer_count",
            "completeness",
            "ledger_invoice_count",
            "ledger_on_time_share",
            "ledger_avg_days_late",
            "ledger_max_days_overdue",
            "ledger_dispute_count",
            "ledger_monthly_sales",
            "has_history",
        }
    )
    _smec_action_fields = frozenset({"state", "submitted_by_id", "decided_by_id", "decided_on"})
    _smec_locked_states = frozenset({"approved", "superseded", "expired"})

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(required=True, readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The commercial entity assessed.",
    )
    partner_role = fields.Selection(PARTNER_ROLES, required=True, default="customer")
    scorecard_id = fields.Many2one(
        "smec.credit.scorecard",
        compute="_compute_scorecard_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        check_company=True,
        domain="[('partner_role', '=', partner_role), ('company_id', '=', company_id)]",
    )
    assessor_id = fields.Many2one("res.users", default=lambda self: self.env.user, required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    valid_until = fields.Date(
        compute="_compute_valid_until", store=True, readonly=False, precompute=True, required=True, tracking=True
    )
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True, copy=False)
    answer_ids = fields.One2many("smec.credit.assessment.answer", "assessment_id", string="Answers", copy=True)
    evidence_attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Evidence",
        help="Business registration extract, credit report, trading record...",
    )
    summary = fields.Html(help="The assessor's conclusion, as on the paper form.")

    # ledger facts, read when the assessment is created or refreshed
    ledger_invoice_count = fields.Integer(string="Invoices (12 months)", readonly=True)
    ledger_on_time_share = fields.Float(string="Paid on time (%)", readonly=True)
    ledger_avg_days_late = fields.Float(string="Average days late", readonly=True)
    ledger_max_days_overdue = fields.Integer(string="Longest overdue (days)", readonly=True)
    ledger_dispute_count = fields.Integer(string="Disputes", readonly=True)
    ledger_monthly_sales = fields.Monetary(string="Average monthly sales", readonly=True)
    has_history = fields.Boolean(readonly=True)

    score_character = fields.Float(compute="_compute_scores", store=True)
    score_capacity = fields.Float(compute="_compute_scores", store=True)
    score_capital = fields.Float(compute="_compute_scores", store=True)
    score_collateral = fields.Float(compute="_compute_scores", store=True)
    score_conditions = fields.Float(compute="_compute_scores", store=True)
    total_score = fields.Float(compute="_compute_scores", store=True, tracking=True, aggregator="avg")
    grade_id = fields.Many2one(
        "smec.credit.grade", string="Proposed Grade", compute="_compute_scores", store=True, tracking=True
    )
    missing_answer_count = fields.Integer(
        string="Questions to answer", compute="_compute_scores", store=True, help="Unanswered questionnaire criteria."
    )
    completeness = fields.Float(
        string="Information complete (%)",
        compute="_compute_scores",
        store=True,
        help="Share of the total score resting on known answers; the rest is scored as the conservative answer "
        '(no payment history yet, no industry entered, answers meaning "no information").',
    )

    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decision_note = fields.Text(help="Why the assessment was rejected, or notes on the approval.")
    is_current = fields.Boolean(compute="_compute_is_current", help="Approved and still valid.")
    proposal_ids = fields.One2many("smec.credit.proposal", "assessment_id")

    _valid_after_date = models.Constraint("CHECK(valid_until >= date)", "An assessment cannot expire before its date.")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("partner_role", "company_id", "partner_id")
    def _compute_scorecard_id(self):
        Card = self.env["smec.credit.scorecard"]
        for assessment in self:
            card = assessment.scorecard_id
            partner = assessment.partner_id.commercial_partner_id
            # a draft follows its partner (full 5C or quick check) until the assessor picks another card
            if not card or card.partner_role != assessment.partner_role or assessment.state == "draft":
                wanted = Card._default_for(assessment.company_id, assessment.partner_role, partner)
                if not card or card.partner_role != assessment.partner_role or card.depth != wanted.depth:
                    assessment.scorecard_id = wanted

    @api.depends("date", "company_id")
    def _compute_valid_until(self):
        for assessment in self:
            months = assessment.company_id.smec_assessment_validity_months or 12
            assessment.valid_until = (assessment.date or fields.Date.context_today(self)) + relativedelta(months=months)

    @api.depends(
        "answer_ids.score",
        "answer_ids.applicable",
        "answer_ids.answered",
        "answer_ids.is_known",
        "answer_ids.criterion_id.weight",
        "scorecard_id",
        "partner_role",
    )
    def _compute_scores(self):
        Grade = self.env["smec.credit.grade"]
        for assessment in self:
            applicable = assessment.answer_ids.filtered("applicable")
            # an unknown answer scores its criterion's conservative answer: it is never left out
            dims = scoring.dimension_scores(
                (a.criterion_id.dimension, a.criterion_id.weight, a.score) for a in applicable
            )
            for dim in scoring.DIMENSIONS:
                assessment[f"score_{dim}"] = dims[dim] or 0.0
            card = assessment.scorecard_id
            weights = card._dimension_weights() if card else {}
            assessment.total_score = scoring.total_score(dims, weights) if card else 0.0
            assessment.completeness = scoring.completeness(
                ((a.criterion_id.dimension, a.criterion_id.weight, a.is_known) for a in applicable), weights
            )
            assessment.missing_answer_count = len(
                applicable.filtered(lambda a: a.source == "manual" and not a.answered)
            )
            assessment.grade_id = (
                Grade._grade_for_score(assessment.total_score, assessment.company_id, assessment.partner_role)
                if card and assessment.answer_ids
                else False
            )

    @api.depends("state", "valid_until")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for assessment in self:
            assessment.is_current = assessment.state == "approved" and assessment.valid_until >= today

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("partner_id", "scorecard_id", "partner_role")
    def _check_partner_and_card(self):
        for assessment in self:
            if assessment.partner_id != assessment.partner_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "Assess the company %(company)s itself, not its contact %(contact)s.",
                        company=assessment.partner_id.commercial_partner_id.display_name,
                        contact=assessment.partner_id.display_name,
                    )
                )
            if assessment.scorecard_id.partner_role != assessment.partner_role:
                raise ValidationError(_("The scorecard must be a scorecard for the assessed role."))

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("smec.credit.assessment") or _("New")
        return super().create(vals_list)

    def _smec_fill_code_fields(self):
        # the ledger's facts and the automatic answers, read once the assessment exists (smec.guard.mixin)
        self.filtered(lambda a: not a.answer_ids)._generate_answers()
        return super()._smec_fill_code_fields()

    def _smec_locked_message(self):
        return _("An approved assessment is part of the partner's history: start a new one instead.")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(a.state not in ("draft", "rejected") for a in self):
            raise UserError(_("Only draft or rejected assessments can be deleted; the others are history."))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_refresh_ledger(self):
        """Re-read the payment behaviour and re-fill the automatic answers."""
        if any(a.state != "draft" for a in self):
            raise UserError(_("Only a draft assessment can be refreshed."))
        self._generate_answers()
        return True

    def action_submit(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(_("Only a draft assessment can be submitted."))
            assessment._check_complete()
        self._smec_action_write({"state": "submitted", "submitted_by_id": self.env.uid})
        for assessment in self:
            assessment._smec_ask_deciders(
                _("Approve the credit assessment of %s", assessment.partner_id.display_name),
                exclude_self=True,
                first_only=True,
            )
        return True

    def action_approve(self):
        self._check_manager()
        today = fields.Date.context_today(self)
        for assessment in self:
            if assessment.state != "submitted":
                raise UserError(_("Only a submitted assessment can be approved."))
            if assessment.valid_until < today:
                raise UserError(
                    _(
                        "The assessment %(name)s expired on %(date)s: start a new assessment.",
                        name=assessment.name,
                        date=assessment.valid_until,
                    )
                )
            assessment._check_complete()
            assessment._check_not_own()
        self._smec_decide({"state": "approved"})
        for assessment in self:
            # a grade reviewed more often than the assessment's validity shortens it (C: 6 months, D: 3)
            review = assessment.grade_id.review_months
            if review and assessment.date + relativedelta(months=review) < assessment.valid_until:
                assessment.sudo().valid_until = assessment.date + relativedelta(months=review)
            assessment._apply_to_partner()
        return True

    def action_reject(self):
        self._check_manager()
        for assessment in self:
            if assessment.state != "submitted":
                raise UserError(_("Only a submitted assessment can be rejected."))
            if not assessment.decision_note:
                raise UserError(_("Write in the decision note why the assessment is rejected."))
        self._smec_decide({"state": "rejected"})
        return True

    def action_reset_draft(self):
        if any(a.state not in ("submitted", "rejected") for a in self):
            raise UserError(_("Only submitted or rejected assessments go back to draft."))
        self._smec_action_write(
            {"state": "draft", "submitted_by_id": False, "decided_by_id": False, "decided_on": False}
        )
        return True

    def action_print(self):
        return self.env.ref("smec_credit.action_report_credit_assessment").report_action(self)

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_manager(self):
        self._smec_check_decider(_("Only a Credit Manager can approve or reject a credit assessment."))

    def _check_not_own(self):
        """A Credit Manager does not approve the assessment they prepared or
        submitted, unless the company allows self-approval."""
        self.ensure_one()
        preparers = self.create_uid | self.assessor_id | self.submitted_by_id
        if self.env.user in preparers and not self.company_id.smec_allow_self_approval:
            raise UserError(
                _(
                    "You prepared assessment %(name)s: another Credit Manager must approve it.",
                    name=self.name,
                )
            )

    def _check_complete(self):
        self.ensure_one()
        if not self.answer_ids:
            raise UserError(_("Assessment %s has no answers: choose a scorecard.", self.name))
        if self.missing_answer_count:
            missing = self.answer_ids.filtered(lambda a: a.applicable and a.source == "manual" and not a.answered)
            raise UserError(
                _(
                    "Assessment %(name)s is incomplete; answer: %(criteria)s.",
                    name=self.name,
                    criteria=", ".join(missing.criterion_id.mapped("name")),
                )
            )
        if not self.grade_id:
            raise UserError(
                _(
                    "No grade band holds the score %(score)s: check the grade bands of %(company)s.",
                    score=self.total_score,
                    company=self.company_id.name,
                )
            )

    def _apply_to_partner(self):
        """Make this approved assessment the partner's current one and propose its terms."""
        self.ensure_one()
        older = self.search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("company_id", "=", self.company_id.id),
                ("partner_role", "=", self.partner_role),
                ("state", "=", "approved"),
                ("id", "!=", self.id),
            ]
        )
        older.sudo().write({"state": "superseded"})
        partner = self.partner_id.with_company(self.company_id)
        names = PARTNER_FIELDS[self.partner_role]
        partner.with_context(smec_credit_reason=_("Assessment %s approved", self.name)).sudo().write(
            {names["grade"]: self.grade_id.id, names["score"]: self.total_score, names["assessment"]: self.id}
        )
        if self.partner_role == "customer":
            Proposal = self.env["smec.credit.proposal"]
            Proposal.create(Proposal._prepare_from_assessment_values(self))

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_expire_assessments(self, today=None):
        """Expire lapsed assessments and remind the assessors 30 days ahead."""
        today = today or fields.Date.context_today(self)
        expired = self.search([("state", "=", "approved"), ("valid_until", "<", today)])
        expired.sudo().write({"state": "expired"})
        for assessment in expired:
            partner = assessment.partner_id.with_company(assessment.company_id)
            names = PARTNER_FIELDS[assessment.partner_role]
            if partner[names["assessment"]] == assessment:
                partner.with_context(smec_credit_reason=_("Assessment %s expired", assessment.name)).sudo().write(
                    {names["grade"]: False}
                )
        soon = self.search([("state", "=", "approved"), ("valid_until", "<=", today + relativedelta(days=30))])
        for assessment in soon.filtered(lambda a: not a.activity_ids):
            assessment.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=assessment.valid_until,
                user_id=assessment.assessor_id.id,
                summary=_("Re-assess %s: the credit assessment expires", assessment.partner_id.display_name),
            )
