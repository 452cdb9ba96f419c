"""Industry reference figures: the bad-debt and overdue rates an industry
association, a credit bureau or the statistics bureau publishes, imported by a
credit manager. A figure above the company's alert threshold, or risen by more
than its margin since the previous figure of the same industry and source,
alerts the credit managers with the customers in that industry, and the next
monthly review proposes tighter terms for them."""

from odoo import _, api, fields, models


class SmecCreditIndustryFigure(models.Model):
    _name = "smec.credit.industry.figure"
    _description = "Industry Reference Figure"
    _inherit = ["mail.thread", "smec.guard.mixin"]
    _order = "date desc, industry_id"
    _rec_name = "industry_id"

    # smec.guard.mixin: computed from the figures, a value sent has no effect
    _smec_code_fields = frozenset({"previous_id", "alert", "alert_reason"})

    industry_id = fields.Many2one("res.partner.industry", required=True, index=True, ondelete="cascade")
    date = fields.Date(string="Period End", required=True, help="The last day of the period the figure covers.")
    period = fields.Char(required=True, help="As the source names it, e.g. 2025 or 2026 Q1.")
    bad_debt_rate = fields.Float(string="Bad-Debt Rate (%)", digits=(16, 2))
    overdue_rate = fields.Float(string="Overdue Rate (%)", digits=(16, 2))
    source = fields.Char(required=True, help="Who published it, e.g. an industry association's yearly report.")
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True, help="Empty: shared by every company."
    )
    previous_id = fields.Many2one(
        "smec.credit.industry.figure", string="Previous Figure", compute="_compute_alert", store=True
    )
    alert = fields.Boolean(compute="_compute_alert", store=True)
    alert_reason = fields.Char(compute="_compute_alert", store=True)
    partner_count = fields.Integer(string="Customers", compute="_compute_partner_count")

    _figure_unique = models.Constraint(
        "UNIQUE(industry_id, date, source)", "An industry has one figure per period end and source."
    )
    _rates_range = models.Constraint(
        "CHECK(bad_debt_rate BETWEEN 0 AND 100 AND overdue_rate BETWEEN 0 AND 100)",
        "Rates are percentages between 0 and 100.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        figures = super().create(vals_list)
        # a figure imported late is the previous one of a later figure: compute those again
        later = self.search([("industry_id", "in", figures.industry_id.ids), ("id", "not in", figures.ids)]).filtered(
            lambda f: any(f.industry_id == g.industry_id and f.date > g.date for g in figures)
        )
        if later:
            for fname in ("previous_id", "alert", "alert_reason"):
                self.env.add_to_compute(self._fields[fname], later)
            later._recompute_recordset(("previous_id", "alert", "alert_reason"))
        return figures

    @api.depends("industry_id", "date", "source", "bad_debt_rate", "company_id")
    def _compute_alert(self):
        # the figures of these industries, newest first, read once: each figure's previous is among them
        known = self.search([("industry_id", "in", self.industry_id.ids)], order="date desc, id desc")
        for figure in self:
            company = figure.company_id or self.env.company
            previous = next(
                (
                    other
                    for other in known
                    if figure.date
                    and other.industry_id == figure.industry_id
                    and other.source == figure.source
                    and other.date < figure.date
                ),
                self.browse(),
            )
            figure.previous_id = previous
            threshold, margin = company.smec_industry_alert_percent, company.smec_industry_rise_points
            reasons = []
            if figure.bad_debt_rate > threshold:
                reasons.append(
                    _(
                        "bad-debt rate %(rate)s %% above %(threshold)s %%",
                        rate=figure.bad_debt_rate,
                        threshold=threshold,
                    )
                )
            if previous and figure.bad_debt_rate - previous.bad_debt_rate > margin:
                reasons.append(
                    _(
                        "up %(rise)s points since %(period)s",
                        rise=round(figure.bad_debt_rate - previous.bad_debt_rate, 2),
                        period=previous.period,
                    )
                )
            figure.alert = bool(reasons)
            figure.alert_reason = "; ".join(reasons) or False

    def _partners(self):
        """The company's customers in the figure's industry."""
        self.ensure_one()
        return self.env["res.partner"].search(
            [("industry_id", "=", self.industry_id.id), ("is_company", "=", True), ("customer_rank", ">", 0)]
        )

    @api.depends("industry_id")
    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("industry_id", "in", self.industry_id.ids), ("is_company", "=", True), ("customer_rank", ">", 0)],
                ["industry_id"],
                ["__count"],
            )
        )
        for figure in self:
            figure.partner_count = counts.get(figure.industry_id, 0)

    def action_open_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Customers in %s", self.industry_id.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self._partners().ids)],
        }

    def _notify_alerts(self):
        """Tell the credit managers of each alerting figure, with the customers in its industry."""
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        for figure in self.filtered("alert"):
            partners = figure._partners()
            names = ", ".join(partners[:20].mapped("name")) + (" ..." if len(partners) > 20 else "")
            body = _(
                "%(industry)s, %(period)s (%(source)s): %(reason)s. %(count)s customers in this industry: "
                "%(names)s. The next monthly review proposes tighter terms for them.",
                industry=figure.industry_id.display_name,
                period=figure.period,
                source=figure.source,
                reason=figure.alert_reason,
                count=len(partners),
                names=names or "-",
            )
            figure.message_notify(
                partner_ids=managers.partner_id.ids,
                subject=_("Industry credit alert: %s", figure.industry_id.display_name),
                body=body,
            )

    @api.model
    def _alerted_industries(self, company, today):
        """{industry id: reason} of the industries with an alerting figure published in the last 12 months."""
        figures = self.search(
            [
                ("alert", "=", True),
                ("date", ">", fields.Date.subtract(today, years=1)),
                ("company_id", "in", [company.id, False]),
            ],
            order="date desc",
        )
        result = {}
        for figure in figures:
            result.setdefault(
                figure.industry_id.id, f"{figure.industry_id.display_name} {figure.period}: {figure.alert_reason}"
            )
        return result
