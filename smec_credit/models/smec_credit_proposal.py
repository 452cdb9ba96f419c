from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..tools.cron import commit_progress


class SmecCreditProposal(models.Model):
    """Proposed credit terms for a partner: accepted or rejected by a Credit Manager,
    never applied silently."""

    _name = "smec.credit.proposal"
    _description = "Credit Terms Proposal"
    _inherit = ["mail.thread", "smec.credit.decision.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: decided by the buttons, as the Credit Manager who clicks them
    _smec_action_fields = frozenset({"state", "decided_by_id", "decided_on"})
    _smec_locked_states = frozenset({"accepted", "rejected", "cancelled"})

    partner_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    origin = fields.Selection(
        [("assessment", "Assessment"), ("review", "Monthly review"), ("manual", "Manual")],
        required=True,
        readonly=True,
    )
    assessment_id = fields.Many2one("smec.credit.assessment", readonly=True, index="btree_not_null")
    grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    review_period = fields.Char(readonly=True, help="YYYY-MM of the monthly review that made it.")
    current_limit = fields.Monetary(readonly=True)
    proposed_limit = fields.Monetary(tracking=True)
    current_payment_term_id = fields.Many2one("account.payment.term", readonly=True)
    proposed_payment_term_id = fields.Many2one("account.payment.term", tracking=True)
    reason = fields.Text(readonly=True, help="Why the terms are proposed.")
    state = fields.Selection(
        [("pending", "Pending"), ("accepted", "Accepted"), ("rejected", "Rejected"), ("cancelled", "Superseded")],
        default="pending",
        required=True,
        tracking=True,
        index=True,
    )

    _limit_positive = models.Constraint("CHECK(proposed_limit >= 0)", "A credit limit cannot be negative.")
    # one monthly-review proposal per partner, company and month: a crashed review resumes without duplicates
    _review_unique = models.UniqueIndex(
        "(partner_id, company_id, review_period) WHERE origin = 'review'",
        "The monthly review already proposed terms for this partner this month.",
    )

    @api.depends("partner_id", "origin", "review_period", "create_date")
    def _compute_display_name(self):
        # a title in the reader's words, never "smec.credit.proposal,31"
        origins = dict(self._fields["origin"]._description_selection(self.env))
        for proposal in self:
            when = proposal.review_period or (proposal.create_date and fields.Date.to_string(proposal.create_date))
            proposal.display_name = self.env._(
                "Terms for %(partner)s: %(origin)s %(when)s",
                partner=proposal.partner_id.name or "",
                origin=origins.get(proposal.origin, ""),
                when=when or "",
            ).strip()

    @api.model_create_multi
    def create(self, vals_list):
        proposals = super().create(vals_list)
        # a newer pending proposal supersedes the older pending ones of the same partner
        for proposal in proposals:
            older = self.search(
                [
                    ("partner_id", "=", proposal.partner_id.id),
                    ("company_id", "=", proposal.company_id.id),
                    ("state", "=", "pending"),
                    ("id", "!=", proposal.id),
                ]
            )
            older.sudo().write({"state": "cancelled"})
        return proposals

    @api.model
    def _prepare_from_assessment_values(self, assessment):
        """The terms an approved customer assessment proposes: its grade's."""
        partner = assessment.partner_id.with_company(assessment.company_id)
        return {
            "partner_id": partner.id,
            "company_id": assessment.company_id.id,
            "origin": "assessment",
            "assessment_id": assessment.id,
            "grade_id": assessment.grade_id.id,
            "current_limit": partner.credit_limit,
            "proposed_limit": assessment.grade_id._compute_limit(assessment.ledger_monthly_sales),
            "current_payment_term_id": partner.property_payment_term_id.id,
            "proposed_payment_term_id": assessment.grade_id.payment_term_id.id or partner.property_payment_term_id.id,
            "reason": _(
                "Grade %(grade)s (score %(score)s) from assessment %(name)s.",
                grade=assessment.grade_id.code,
                score=assessment.total_score,
                name=assessment.name,
            ),
        }

    def _check_manager(self):
        self._smec_check_decider(_("Only a Credit Manager can accept or reject proposed credit terms."))

    def action_accept(self):
        self._check_manager()
        for proposal in self:
            if proposal.state != "pending":
                raise UserError(_("Only a pending proposal can be accepted."))
            reason = proposal.decision_note or proposal.reason or _("Proposal accepted")
            partner = proposal.partner_id.with_company(proposal.company_id)
            vals = {"credit_limit": proposal.proposed_limit}
            if proposal.proposed_payment_term_id:
                vals["property_payment_term_id"] = proposal.proposed_payment_term_id.id
            # the manager's right was checked above; the partner write needs no contact-editing right
            partner.sudo().with_context(smec_credit_reason=reason).write(vals)
        self._smec_decide({"state": "accepted"})
        return True

    def action_reject(self):
        self._check_manager()
        if any(p.state != "pending" for p in self):
            raise UserError(_("Only a pending proposal can be rejected."))
        if any(not p.decision_note for p in self):
            raise UserError(_("Write in the decision note why the proposal is rejected."))
        self._smec_decide({"state": "rejected"})
        return True

    # ------------------------------------------------------------
    # MONTHLY REVIEW
    # ------------------------------------------------------------

    @api.model
    def _cron_monthly_review(self, batch_size=500):
        # a handful of companies, each reviewed in its own batches once its credit control is live
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            if company._smec_credit_live():
                self.with_company(company)._review_company(company, batch_size=batch_size)

    def _review_company(self, company, today=None, batch_size=500):
        """Propose new limits from the last 12 months of payment behaviour.

        On-time payers (>= the company's raise threshold, nothing overdue) get a
        raise, unless their exposure is over their limit or a blocking flag
        holds them; late payers (average lateness over the cut threshold or
        anything overdue past the block threshold) get a cut. Each proposal says
        why, with the figures, in the company's language. One proposal per
        partner and month: re-running (or resuming after a crash) skips
        partners already done.
        """
        today = today or fields.Date.context_today(self)
        period = today.strftime("%Y-%m")
        # the reasons are read by the company's credit managers, not by the scheduler's user
        Proposal = self.with_context(lang=company.partner_id.lang or self.env.lang)
        Partner = self.env["res.partner"].with_company(company)
        partners = Partner.search([("credit_limit", ">", 0), ("is_company", "=", True)])
        done = set(
            self.search(
                [("company_id", "=", company.id), ("review_period", "=", period), ("origin", "=", "review")]
            ).partner_id.ids
        )
        todo = partners.filtered(lambda p: p.id not in done)
        behaviour = self.env["smec.credit.assessment"]._payment_behaviour(todo, company, today=today)
        Exposure = self.env["smec.credit.exposure"]
        exposures = Exposure._exposure(todo, company, today=today, include_drafts=company.smec_include_draft_invoices)
        policies = Exposure._credit_policy(todo, company, today=today)
        alerts = self._alerted_industries(company, today)
        created = self.browse()
        for start in range(0, len(todo), batch_size):
            batch = todo[start : start + batch_size]
            vals_list = []
            for partner in batch:
                vals = Proposal._prepare_review_values(
                    partner,
                    company,
                    behaviour.get(partner.id, {}),
                    period,
                    alerts.get(partner.industry_id.id),
                    exposure=exposures.get(partner.id, {}).get("total", 0.0),
                    blocked=bool(policies.get(partner.id, {}).get("flag_ids")),
                )
                if vals:
                    vals_list.append(vals)
            created |= Proposal.create(vals_list)
            commit_progress(self.env, len(batch), len(todo) - start - len(batch))
        return created

    @api.model
    def _alerted_industries(self, company, today):
        """{industry id: why it alerts} of the industries whose terms the review tightens as of ``today``: none
        here. ``smec_credit_receivable`` answers from its industry reference figures."""
        return {}

    def _prepare_review_values(self, partner, company, facts, period, industry_alert=None, exposure=0.0, blocked=False):
        """The proposal of the monthly review for ``partner``, or None. ``industry_alert``: why the partner's
        industry alerts (a published bad-debt rate too high or rising fast): its terms are tightened, never
        raised. ``exposure``: what the partner owes and has ordered (company currency): a partner over its
        limit is never proposed a raise, nor one a blocking flag holds (``blocked``)."""
        limit = partner.credit_limit
        currency = company.currency_id
        used = _(
            "Exposure %(exposure)s, %(share)s %% of the limit %(limit)s.",
            exposure=formatLang(self.env, exposure, currency_obj=currency),
            share=round(100 * exposure / limit) if limit else 0,
            limit=formatLang(self.env, limit, currency_obj=currency),
        )
        cut = company.smec_review_cut_percent
        if industry_alert:
            why = _("Tighten by %(cut)s %%: industry alert (%(alert)s).", cut=f"{cut:g}", alert=industry_alert)
            return self._review_values(partner, company, period, 1 - cut / 100, f"{why} {used}")
        if not facts.get("paid_count") and not facts.get("max_days_overdue"):
            return None  # no behaviour to judge
        on_time, late = facts.get("on_time_share") or 0.0, facts.get("avg_days_late") or 0.0
        overdue = facts.get("open_overdue_days") or 0
        if overdue > company.smec_block_overdue_days or late > company.smec_review_cut_days:
            why = _(
                "Cut by %(cut)s %%: paid %(late)s days late on average in the last 12 months (a cut from "
                "%(cut_days)s days), oldest invoice %(overdue)s days overdue (orders held from %(block_days)s days).",
                cut=f"{cut:g}",
                late=f"{round(late, 1):g}",
                cut_days=f"{company.smec_review_cut_days:g}",
                overdue=overdue,
                block_days=company.smec_block_overdue_days,
            )
            return self._review_values(partner, company, period, 1 - cut / 100, f"{why} {used}")
        if on_time < company.smec_review_raise_on_time or overdue or blocked or exposure > limit:
            return None  # no raise: paid late now and then, something overdue, held, or over its limit
        why = _(
            "Raise by %(raise)s %%: %(share)s %% of the %(count)s invoices paid in the last 12 months were paid on "
            "time (a raise needs %(threshold)s %%), nothing is overdue.",
            share=f"{round(on_time, 1):g}",
            count=facts.get("paid_count"),
            threshold=f"{company.smec_review_raise_on_time:g}",
            **{"raise": f"{company.smec_review_raise_percent:g}"},
        )
        return self._review_values(
            partner, company, period, 1 + company.smec_review_raise_percent / 100, f"{why} {used}"
        )

    def _review_values(self, partner, company, period, factor, why):
        """A monthly review's proposal: the partner's limit times ``factor``, its terms unchanged."""
        limit = partner.credit_limit
        return {
            "partner_id": partner.id,
            "company_id": company.id,
            "origin": "review",
            "review_period": period,
            "grade_id": partner.smec_grade_id.id,
            "current_limit": limit,
            "proposed_limit": company.currency_id.round(limit * factor),
            "current_payment_term_id": partner.property_payment_term_id.id,
            "proposed_payment_term_id": partner.property_payment_term_id.id,
            "reason": why,
        }
