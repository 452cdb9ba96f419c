from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

from odoo.addons.smec_credit.tools.cron import commit_progress

SCOPES = [("company", "Company"), ("partner", "Customer"), ("user", "Salesperson"), ("industry", "Industry")]


class SmecCreditKpiSnapshot(models.Model):
    """Credit KPIs of a period, per company, customer, salesperson and industry.

    turnover = credit sales / average receivables ((opening + closing) / 2)
    DSO = days in the period / turnover
    overdue ratio and share over 90 days: of the closing receivables
    bad-debt rate = written off in the period / credit sales
    related share = closing receivables of related parties / closing receivables
    private share = collected on the owner's private accounts / collected from customers
    CEI = (opening + credit sales - closing) / (opening + credit sales - closing current) x 100
    """

    _name = "smec.credit.kpi.snapshot"
    _description = "Credit KPI Snapshot"
    _order = "date_to desc, scope, id"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, readonly=True)
    date_to = fields.Date(string="Period End", required=True, index=True, readonly=True)
    scope = fields.Selection(SCOPES, required=True, readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True, index="btree_not_null")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    industry_id = fields.Many2one("res.partner.industry", readonly=True)
    opening_ar = fields.Monetary(string="Opening Receivables", readonly=True)
    closing_ar = fields.Monetary(string="Closing Receivables", readonly=True)
    closing_current = fields.Monetary(string="Closing Not Yet Due", readonly=True)
    closing_overdue = fields.Monetary(readonly=True)
    closing_over_90 = fields.Monetary(string="Closing Over 90 Days", readonly=True)
    closing_related = fields.Monetary(string="Closing, Related Parties", readonly=True)
    collected = fields.Monetary(readonly=True)
    collected_private = fields.Monetary(string="Collected on Private Accounts", readonly=True)
    credit_sales = fields.Monetary(readonly=True)
    written_off = fields.Monetary(readonly=True)
    turnover = fields.Float(string="AR Turnover", readonly=True, aggregator="avg")
    dso = fields.Float(string="DSO (days)", readonly=True, aggregator="avg")
    overdue_ratio = fields.Float(string="Overdue (%)", readonly=True, aggregator="avg")
    over_90_share = fields.Float(string="Over 90 Days (%)", readonly=True, aggregator="avg")
    bad_debt_rate = fields.Float(string="Bad-Debt Rate (%)", readonly=True, aggregator="avg")
    related_share = fields.Float(string="Related Parties (%)", readonly=True, aggregator="avg")
    private_share = fields.Float(string="Collected Privately (%)", readonly=True, aggregator="avg")
    cei = fields.Float(string="CEI (%)", readonly=True, aggregator="avg")

    _one_per_period = models.UniqueIndex(
        "(company_id, date_to, scope, COALESCE(partner_id, 0), COALESCE(user_id, 0), COALESCE(industry_id, 0))",
        "A snapshot of this period already exists.",
    )

    # ------------------------------------------------------------
    # COMPUTATION
    # ------------------------------------------------------------

    @api.depends("scope", "date_to", "partner_id", "user_id", "industry_id", "company_id")
    def _compute_display_name(self):
        for snapshot in self:
            subject = snapshot.partner_id or snapshot.user_id or snapshot.industry_id or snapshot.company_id
            snapshot.display_name = _(
                "KPIs of %(subject)s to %(date)s", subject=subject.display_name or "", date=snapshot.date_to or ""
            )

    @api.model
    def _kpi_values(self, company, date_from, date_to, scope):
        """{key: values} of ``scope`` ('company', 'partner', 'user', 'industry') for the period."""
        Aging = self.env["smec.credit.aging"]
        self.env.flush_all()
        key = {
            "company": SQL("0"),
            "partner": SQL("partner_id"),
            "user": SQL("COALESCE(user_id, 0)"),
            "industry": SQL("COALESCE(industry_id, 0)"),
        }[scope]

        def aged(as_of):
            query = SQL(
                """
                SELECT %(key)s AS key,
                       SUM(open_amount),
                       SUM(open_amount) FILTER (WHERE days <= 0),
                       SUM(open_amount) FILTER (WHERE days > 0),
                       SUM(open_amount) FILTER (WHERE days > 90),
                       SUM(open_amount) FILTER (WHERE related_type IS NOT NULL)
                  FROM (SELECT aging.*, p.industry_id
                          FROM (%(aging)s) aging
                          LEFT JOIN res_partner p ON p.id = aging.partner_id) a
                 GROUP BY 1
                """,
                key=key,
                aging=Aging._aging_query(company, as_of),
            )
            return {row[0]: [float(v or 0) for v in row[1:]] for row in self.env.execute_query(query)}

        opening, closing = aged(date_from - timedelta(days=1)), aged(date_to)

        def summed(rows):
            """{key: amount} of ``rows`` (partner_id, user_id, industry_id, amount)."""
            query = SQL("SELECT %s, SUM(amount) FROM (%s) s GROUP BY 1", key, rows)
            return dict(self.env.execute_query(query))

        sales = summed(
            SQL(
                """
                SELECT am.commercial_partner_id AS partner_id, am.invoice_user_id AS user_id, p.industry_id,
                       am.amount_total_signed AS amount
                  FROM account_move am
                  LEFT JOIN res_partner p ON p.id = am.commercial_partner_id
                 WHERE am.company_id = %(company)s AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                """,
                company=company.id,
                date_from=date_from,
                date_to=date_to,
            )
        )
        written = summed(
            SQL(
                """
                SELECT w.partner_id, p.user_id, p.industry_id, w.amount
                  FROM smec_credit_writeoff w
                  LEFT JOIN res_partner p ON p.id = w.partner_id
                 WHERE w.company_id = %(company)s AND w.state = 'posted'
                   AND w.date BETWEEN %(date_from)s AND %(date_to)s
                """,
                company=company.id,
                date_from=date_from,
                date_to=date_to,
            )
        )

        def collected(private_only):
            """Customer payments of the period (on the owner's private accounts only)."""
            return summed(
                SQL(
                    """
                    SELECT rp.commercial_partner_id AS partner_id, crp.user_id, crp.industry_id,
                           pay.amount_company_currency_signed AS amount
                      FROM account_payment pay
                      JOIN account_journal j ON j.id = pay.journal_id
                      JOIN res_partner rp ON rp.id = pay.partner_id
                      JOIN res_partner crp ON crp.id = rp.commercial_partner_id
                     WHERE pay.company_id = %(company)s AND pay.payment_type = 'inbound'
                       AND pay.partner_type = 'customer' AND pay.state IN ('in_process', 'paid')
                       AND pay.date BETWEEN %(date_from)s AND %(date_to)s AND %(private)s
                    """,
                    company=company.id,
                    date_from=date_from,
                    date_to=date_to,
                    private=SQL("COALESCE(j.smec_private_account, FALSE)") if private_only else SQL("TRUE"),
                )
            )

        received, received_private = collected(False), collected(True)
        days = (date_to - date_from).days + 1
        result = {}
        for k in set(opening) | set(closing) | set(sales) | set(written) | set(received):
            open_ar = opening.get(k, [0.0] * 5)[0]
            close_ar, close_current, close_overdue, close_90, close_related = closing.get(k, [0.0] * 5)
            sold, lost = float(sales.get(k) or 0.0), float(written.get(k) or 0.0)
            got, got_private = float(received.get(k) or 0.0), float(received_private.get(k) or 0.0)
            average = (open_ar + close_ar) / 2
            turnover = sold / average if average > 0 else 0.0
            cei_base = open_ar + sold - close_current
            result[k] = {
                "opening_ar": open_ar,
                "closing_ar": close_ar,
                "closing_current": close_current,
                "closing_overdue": close_overdue,
                "closing_over_90": close_90,
                "closing_related": close_related,
                "credit_sales": sold,
                "written_off": lost,
                "turnover": round(turnover, 4),
                "dso": round(days / turnover, 2) if turnover > 0 else 0.0,
                "overdue_ratio": round(100 * close_overdue / close_ar, 2) if close_ar > 0 else 0.0,
                "over_90_share": round(100 * close_90 / close_ar, 2) if close_ar > 0 else 0.0,
                "bad_debt_rate": round(100 * lost / sold, 2) if sold > 0 else 0.0,
                "related_share": round(100 * close_related / close_ar, 2) if close_ar > 0 else 0.0,
                "collected": got,
                "collected_private": got_private,
                "private_share": round(100 * got_private / got, 2) if got > 0 else 0.0,
                "cei": round(100 * (open_ar + sold - close_ar) / cei_base, 2) if cei_base > 0 else 0.0,
            }
        return result

    @api.model
    def _snapshot(self, company, date_from, date_to):
        """Create the period's snapshots that do not exist yet (a crashed run resumes)."""
        existing = {
            (s.scope, s.partner_id.id, s.user_id.id, s.industry_id.id)
            for s in self.search([("company_id", "=", company.id), ("date_to", "=", date_to)])
        }
        field = {"company": None, "partner": "partner_id", "user": "user_id", "industry": "industry_id"}
        vals_list = []
        for scope, _label in SCOPES:
            for key, values in self._kpi_values(company, date_from, date_to, scope).items():
                ref = {field[scope]: key or False} if field[scope] else {}
                ident = (
                    scope,
                    ref.get("partner_id") or False,
                    ref.get("user_id") or False,
                    ref.get("industry_id") or False,
                )
                if ident in existing:
                    continue
                vals_list.append(
                    {
                        "company_id": company.id,
                        "date_from": date_from,
                        "date_to": date_to,
                        "scope": scope,
                        **ref,
                        **values,
                    }
                )
        created = self.sudo().create(vals_list)  # history written by the system, read by credit users
        created.filtered(lambda s: s.scope == "industry")._alert_industries()
        return created

    def _alert_industries(self):
        """Tell the credit managers when an industry's overdue ratio or bad-debt
        rate on our own ledger crosses the company's threshold."""
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        # nobody is told before the company's credit control is live
        for snapshot in self.filtered(lambda s: s.industry_id and s.company_id._smec_credit_live()):
            threshold = snapshot.company_id.smec_industry_alert_percent
            if snapshot.overdue_ratio <= threshold and snapshot.bad_debt_rate <= threshold:
                continue
            body = _(
                "Industry %(industry)s, %(start)s to %(end)s: %(overdue)s %% of receivables overdue, bad-debt rate "
                "%(bad)s %% (alert above %(threshold)s %%). Review the credit policy of its customers.",
                industry=snapshot.industry_id.display_name,
                start=snapshot.date_from,
                end=snapshot.date_to,
                overdue=snapshot.overdue_ratio,
                bad=snapshot.bad_debt_rate,
                threshold=threshold,
            )
            snapshot.company_id.partner_id.sudo().message_notify(
                partner_ids=managers.partner_id.ids,
                subject=_("Industry credit alert: %s", snapshot.industry_id.display_name),
                body=body,
            )

    @api.model
    def _cron_monthly_snapshot(self, today=None):
        """Snapshots of last month for every company."""
        today = today or fields.Date.context_today(self)
        date_to = today.replace(day=1) - timedelta(days=1)
        date_from = date_to.replace(day=1)
        for company in self.env["res.company"].search([]):  # pylint: disable=no-search-all
            self.with_company(company)._snapshot(company, date_from, date_to)
            commit_progress(self.env, 1, 0)
