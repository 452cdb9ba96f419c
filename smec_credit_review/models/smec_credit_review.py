from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.smec_credit.tools.cron import commit_progress

DAYS_PAST_DUE = [("60", "60 days"), ("90", "90 days"), ("180", "180 days")]
STATES = [
    ("draft", "Draft"),
    ("done", "Reviewed"),
    ("approved", "Proposal approved"),
    ("rejected", "Proposal rejected"),
]
# what the review computes (smec.guard.mixin: nobody sends them)
RESULT_FIELDS = frozenset(
    {
        "observation_date",
        "previous_review_id",
        "customer_count",
        "bad_count",
        "bad_rate",
        "invoiced_amount",
        "bad_amount",
        "written_off_amount",
        "auc",
        "gini",
        "ks",
        "psi",
        "population_count",
        "grades_ordered",
        "enough_data",
        "population_shifted",
        "conclusion",
        "proposal_possible",
        "proposal_auc",
        "proposed_weight_character",
        "proposed_weight_capacity",
        "proposed_weight_capital",
        "proposed_weight_collateral",
        "proposed_weight_conditions",
        "change_count",
        "change_exposure",
        "new_scorecard_id",
    }
)


class SmecCreditReview(models.Model):
    """The credit manager's review of a scorecard: how the customers it graded then behaved.

    A review is run once, for one scorecard on one date, and kept as history; the next review compares its
    population with this one's. The outcomes, the figures and the proposal are computed by
    ``smec_credit_review_engine.py`` and ``smec_credit_review_proposal.py``.
    """

    _name = "smec.credit.review"
    _description = "Scorecard Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.credit.decision.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _smec_code_fields = RESULT_FIELDS
    _smec_action_fields = frozenset({"state", "decided_by_id", "decided_on"})
    _smec_locked_states = frozenset({"done", "approved", "rejected"})
    # the proposal's decision is the manager's to write while the review waits for it
    _smec_locked_writable = frozenset({"decision_note", "apply_bands"})

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    name = fields.Char(compute="_compute_name", store=True)
    scorecard_id = fields.Many2one(
        "smec.credit.scorecard",
        required=True,
        index=True,
        check_company=True,
        domain="[('partner_role', '=', 'customer')]",
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, help="The day the review looks back from.")
    horizon_months = fields.Integer(
        string="Horizon (months)",
        required=True,
        default=12,
        help="How long after its approval a customer's behaviour is watched: the assessments reviewed were "
        "approved at least this long ago.",
    )
    days_past_due = fields.Selection(
        DAYS_PAST_DUE,
        string="Bad after",
        required=True,
        default="90",
        help="A customer is bad when an invoice went more than this many days past due within the horizon, or "
        "when a debt of it was written off.",
    )
    sample_months = fields.Integer(
        string="Approved within (months)",
        required=True,
        default=12,
        help="The assessments reviewed were approved within this many months before the start of the horizon; "
        "each customer counts once, with its latest.",
    )
    state = fields.Selection(STATES, required=True, default="draft", tracking=True, copy=False)
    observation_date = fields.Date(
        readonly=True, copy=False, help="Assessments approved on or before this date have a whole horizon behind them."
    )
    previous_review_id = fields.Many2one("smec.credit.review", readonly=True, copy=False)

    # outcomes
    customer_count = fields.Integer(string="Customers reviewed", readonly=True, copy=False)
    bad_count = fields.Integer(string="Bad outcomes", readonly=True, copy=False)
    bad_rate = fields.Float(string="Bad rate (%)", readonly=True, copy=False, digits=(5, 1))
    invoiced_amount = fields.Monetary(string="Invoiced in the horizon", readonly=True, copy=False)
    bad_amount = fields.Monetary(string="Amount past due", readonly=True, copy=False)
    written_off_amount = fields.Monetary(string="Amount written off", readonly=True, copy=False)

    # discrimination and stability
    auc = fields.Float(string="AUC", readonly=True, copy=False, digits=(4, 3))
    gini = fields.Float(readonly=True, copy=False, digits=(4, 3))
    ks = fields.Float(string="KS", readonly=True, copy=False, digits=(4, 3))
    psi = fields.Float(string="Population stability (PSI)", readonly=True, copy=False, digits=(5, 3))
    population_count = fields.Integer(string="Customers graded today", readonly=True, copy=False)
    enough_data = fields.Boolean(readonly=True, copy=False)
    grades_ordered = fields.Boolean(string="Grades ordered", readonly=True, copy=False)
    population_shifted = fields.Boolean(readonly=True, copy=False)
    conclusion = fields.Html(readonly=True, copy=False, sanitize=True)

    grade_line_ids = fields.One2many("smec.credit.review.grade", "review_id", readonly=True)
    criterion_line_ids = fields.One2many("smec.credit.review.criterion", "review_id", readonly=True)
    migration_ids = fields.One2many("smec.credit.review.migration", "review_id", readonly=True)
    bin_ids = fields.One2many("smec.credit.review.bin", "review_id", readonly=True)
    outcome_ids = fields.One2many("smec.credit.review.outcome", "review_id", readonly=True)
    change_ids = fields.One2many("smec.credit.review.change", "review_id", readonly=True)

    # the proposed card
    proposal_possible = fields.Boolean(readonly=True, copy=False)
    proposal_auc = fields.Float(string="AUC of the proposal", readonly=True, copy=False, digits=(4, 3))
    proposed_weight_character = fields.Integer(string="Character (%) proposed", readonly=True, copy=False)
    proposed_weight_capacity = fields.Integer(string="Capacity (%) proposed", readonly=True, copy=False)
    proposed_weight_capital = fields.Integer(string="Capital (%) proposed", readonly=True, copy=False)
    proposed_weight_collateral = fields.Integer(string="Collateral (%) proposed", readonly=True, copy=False)
    proposed_weight_conditions = fields.Integer(string="Conditions (%) proposed", readonly=True, copy=False)
    apply_bands = fields.Boolean(
        string="Apply the proposed grade bands",
        default=True,
        help="The grade bands are the company's, shared by every customer scorecard: approving them moves the "
        "bands for the next assessments of every card. Assessments already made keep their grades.",
    )
    change_count = fields.Integer(string="Customers changing grade", readonly=True, copy=False)
    change_exposure = fields.Monetary(string="Their exposure", readonly=True, copy=False)
    new_scorecard_id = fields.Many2one("smec.credit.scorecard", string="New version", readonly=True, copy=False)

    _horizon_positive = models.Constraint(
        "CHECK(horizon_months > 0 AND sample_months > 0)", "The horizon and the approval window are at least a month."
    )

    # ------------------------------------------------------------
    # COMPUTE / CONSTRAINTS
    # ------------------------------------------------------------

    @api.depends("scorecard_id", "date")
    def _compute_name(self):
        for review in self:
            review.name = _(
                "Review of %(card)s on %(date)s", card=review.scorecard_id.display_name or "", date=review.date or ""
            )

    @api.constrains("scorecard_id", "company_id")
    def _check_scorecard(self):
        for review in self:
            if review.scorecard_id.partner_role != "customer":
                raise ValidationError(
                    _(
                        "Scorecard %(card)s grades suppliers: a review compares grades with how customers paid.",
                        card=review.scorecard_id.display_name,
                    )
                )
            if review.scorecard_id.company_id != review.company_id:
                raise ValidationError(_("The review and its scorecard belong to the same company."))

    @api.onchange("scorecard_id")
    def _onchange_scorecard_id(self):
        if self.scorecard_id:
            self.company_id = self.scorecard_id.company_id

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # a review belongs to its scorecard's company, whichever company the user works in
            if vals.get("scorecard_id"):
                vals["company_id"] = self.env["smec.credit.scorecard"].browse(vals["scorecard_id"]).company_id.id
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        if any(review.state != "draft" for review in self):
            raise UserError(_("A review that ran is history: it cannot be deleted."))

    def _smec_locked_message(self):
        return _("A review that ran is history: run a new review instead.")

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_run(self):
        """Compute the outcomes, the figures and the proposal of draft reviews."""
        self._check_reviewer()
        for review in self:
            if review.state != "draft":
                raise UserError(_("Review %s already ran: run a new review instead.", review.name))
            review._run()
        return True

    def action_approve_proposal(self):
        """Approve the proposed card: a new version of the scorecard with the proposed weights (and bands)."""
        self._smec_check_decider(_("Only a Credit Manager can approve a proposed scorecard."))
        for review in self:
            if review.state != "done" or not review.proposal_possible:
                raise UserError(_("Review %s has no proposal waiting for a decision.", review.name))
            if not review.scorecard_id.active:
                raise UserError(
                    _(
                        "Scorecard %(card)s was replaced by a newer version since this review: review the new "
                        "version instead.",
                        card=review.scorecard_id.display_name,
                    )
                )
        for review in self:
            new_card = review._apply_proposal()
            review.sudo().new_scorecard_id = new_card
        self._smec_decide({"state": "approved"})
        return True

    def action_reject_proposal(self):
        self._smec_check_decider(_("Only a Credit Manager can reject a proposed scorecard."))
        if any(review.state != "done" or not review.proposal_possible for review in self):
            raise UserError(_("Only a review with a proposal waiting for a decision can be rejected."))
        self._smec_decide({"state": "rejected"}, note_required=True)
        return True

    def action_export_xlsx(self):
        self.ensure_one()
        if self.state == "draft":
            raise UserError(_("Run the review before exporting it."))
        return {"type": "ir.actions.act_url", "url": f"/smec_credit_review/{self.id}/xlsx", "target": "self"}

    def _action_lines(self, model, name, views, context=None):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": ",".join(views),
            "domain": [("review_id", "=", self.id)],
            "context": context or {},
        }

    def action_open_grade_chart(self):
        return self._action_lines("smec.credit.review.grade", _("Bad rate by grade"), ["graph", "list"])

    def action_open_score_chart(self):
        """The scores of the good and the bad customers; on a history too short for outcomes, the scores of the
        customers graded today (the baseline the next review's stability is measured against)."""
        self.ensure_one()
        if self.customer_count:
            return self._action_lines(
                "smec.credit.review.bin",
                _("Scores of the good and the bad customers"),
                ["graph", "list"],
                {"search_default_outcomes": 1},
            )
        return self._action_lines(
            "smec.credit.review.bin",
            _("Scores of the customers graded today"),
            ["graph", "list"],
            {"search_default_population": 1},
        )

    def action_open_migration(self):
        return self._action_lines("smec.credit.review.migration", _("Grade migration"), ["pivot", "list"])

    def action_open_outcomes(self):
        return self._action_lines("smec.credit.review.outcome", _("Outcomes"), ["list"])

    def action_open_changes(self):
        return self._action_lines("smec.credit.review.change", _("Customers changing grade"), ["list"])

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    def _check_reviewer(self):
        """Reviews are the Credit Managers' (Credit Users read them)."""
        self._smec_check_decider(_("Only a Credit Manager can run a scorecard review."))

    def _observation_date(self):
        self.ensure_one()
        return self.date - relativedelta(months=self.horizon_months)

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_quarterly_review(self, today=None):
        """A review of every active customer scorecard of the live companies, once a day per card (a run that
        stopped halfway does the cards it had not done); a to-do for the Credit Managers when the grades are
        no longer ordered or the population shifted."""
        today = today or fields.Date.context_today(self)
        cards = self.env["smec.credit.scorecard"].search([("partner_role", "=", "customer")])
        cards = cards.filtered(lambda card: card.company_id._smec_credit_live())
        done = self.search([("scorecard_id", "in", cards.ids), ("date", "=", today), ("state", "!=", "draft")])
        todo = cards - done.scorecard_id
        for index, card in enumerate(todo):
            review = self.search([("scorecard_id", "=", card.id), ("date", "=", today), ("state", "=", "draft")])
            review = review[:1] or self.create({"scorecard_id": card.id, "date": today})
            review._run()
            review._ask_managers_when_needed()
            commit_progress(self.env, 1, len(todo) - index - 1)

    def _ask_managers_when_needed(self):
        for review in self:
            reasons = []
            if review.enough_data and not review.grades_ordered:
                reasons.append(_("the grades' bad rates are no longer ordered"))
            if review.population_shifted:
                reasons.append(_("the population of scores shifted (PSI %.2f)", review.psi))
            if reasons:
                review._smec_ask_deciders(
                    _(
                        "Scorecard review of %(card)s: %(reasons)s",
                        card=review.scorecard_id.display_name,
                        reasons="; ".join(reasons),
                    )
                )
