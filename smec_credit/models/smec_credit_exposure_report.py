from odoo import _, fields, models
from odoo.tools import SQL

HOLD_REASONS = [
    ("flag", "Blocking risk flag"),
    ("grade_block", "Grade: orders blocked"),
    ("grade_approval", "Grade: orders need an approval"),
    ("overdue", "Overdue too long"),
    ("limit", "Over the limit"),
    ("related", "Related party"),
]


class SmecCreditExposureReport(models.Model):
    """Exposure, limit and utilisation of every customer, per company: one query
    that the database filters and sorts, for lists of thousands of customers.

    Same definitions as ``smec.credit.exposure._exposure`` and the order check,
    at the user's today as they are (a query, not a view dated by the server).
    """

    _name = "smec.credit.exposure.report"
    _description = "Credit Exposure Report"
    _auto = False
    _order = "utilisation desc, exposure desc"
    _rec_name = "partner_id"
    # a search flushes these first: the query reads them from the database
    _depends = {"res.partner": ["smec_related_type"]}

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    related_type = fields.Selection(
        lambda self: self.env["res.partner"]._fields["smec_related_type"]._description_selection(self.env),
        string="Related Party",
        readonly=True,
    )
    credit_limit = fields.Monetary(string="Applied Limit", readonly=True)
    receivable = fields.Monetary(string="Open Receivables", readonly=True)
    draft_invoices = fields.Monetary(readonly=True)
    uninvoiced_orders = fields.Monetary(string="Orders Not Invoiced", readonly=True)
    exposure = fields.Monetary(readonly=True)
    available = fields.Monetary(readonly=True)
    utilisation = fields.Float(string="Utilisation (%)", readonly=True, aggregator="avg")
    max_overdue_days = fields.Integer(string="Oldest Overdue (days)", readonly=True, aggregator="max")
    # why the customer's credit orders are held now (the first of the order check's reasons that applies)
    hold_reason = fields.Selection(HOLD_REASONS, string="Held", readonly=True)
    hold_detail = fields.Char(string="Held Because", compute="_compute_hold_detail")
    flagged = fields.Boolean(string="Blocking Flag", readonly=True)
    policy_grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    grade_policy = fields.Selection(
        lambda self: self.env["smec.credit.grade"]._fields["confirmation_policy"]._description_selection(self.env),
        readonly=True,
    )
    temporary_increase = fields.Monetary(readonly=True)
    block_overdue_days = fields.Integer(readonly=True)

    @property
    def _table_query(self):
        # the same definitions as the credit check's queries
        Exposure = self.env["smec.credit.exposure"]
        uninvoiced_where, uninvoiced = Exposure._uninvoiced_sql()
        return SQL(
            """
            WITH ar AS (
                -- the open receivables kept per partner and due date by the
                -- triggers of smec.credit.receivable.balance
                SELECT rp.commercial_partner_id AS pid, b.company_id,
                       SUM(b.amount_due + b.amount_credit) AS receivable,
                       MAX(CASE WHEN b.amount_due > 0 AND b.date_maturity < %(today)s
                                THEN %(today)s - b.date_maturity END) AS max_overdue
                  FROM smec_credit_receivable_balance b
                  JOIN res_partner rp ON rp.id = b.partner_id
                 GROUP BY 1, 2
            ),
            drafts AS (
                SELECT am.commercial_partner_id AS pid, am.company_id, SUM(%(draft_amount)s) AS amount
                  FROM account_move am
                  JOIN res_company c ON c.id = am.company_id AND c.smec_include_draft_invoices
                 WHERE %(draft_invoices)s
                 GROUP BY 1, 2
            ),
            so AS (
                SELECT rp.commercial_partner_id AS pid, so.company_id, SUM(%(uninvoiced)s) AS amount
                  FROM sale_order so
                  JOIN sale_order_line sol ON sol.order_id = so.id
                  JOIN res_partner rp ON rp.id = so.partner_invoice_id
                 WHERE %(uninvoiced_where)s
                 GROUP BY 1, 2
            ),
            keys AS (
                SELECT pid, company_id FROM ar
                UNION SELECT pid, company_id FROM drafts
                UNION SELECT pid, company_id FROM so
                UNION SELECT rp.id, c.id
                        FROM res_partner rp CROSS JOIN res_company c
                       WHERE (rp.credit_limit ->> c.id::text)::numeric > 0
            ),
            -- the limit, grade, blocking flags and increases the order check applies, for all the
            -- customers at once (the flags and increases grouped once, not looked up row by row)
            policy AS (%(policy)s),
            base AS (
                SELECT p.id AS pid, p.company_id, c.currency_id, rp.user_id,
                       (rp.smec_grade_id ->> p.company_id::text)::int AS grade_id,
                       p.related_type,
                       p.credit_limit, p.temporary_increase, p.grade_id AS policy_grade_id,
                       p.flagged, g.confirmation_policy AS grade_policy,
                       c.smec_block_overdue_days AS block_overdue_days,
                       COALESCE(ar.receivable, 0) AS receivable,
                       COALESCE(drafts.amount, 0) AS draft_invoices,
                       COALESCE(so.amount, 0) AS uninvoiced_orders,
                       COALESCE(ar.max_overdue, 0) AS max_overdue_days
                  FROM policy p
                  JOIN res_partner rp ON rp.id = p.id
                  JOIN res_company c ON c.id = p.company_id
                  LEFT JOIN smec_credit_grade g ON g.id = p.grade_id
                  LEFT JOIN ar ON ar.pid = p.id AND ar.company_id = p.company_id
                  LEFT JOIN drafts ON drafts.pid = p.id AND drafts.company_id = p.company_id
                  LEFT JOIN so ON so.pid = p.id AND so.company_id = p.company_id
            )
            SELECT base.pid::bigint * 10000 + base.company_id AS id,
                   base.pid AS partner_id, base.company_id, base.currency_id, base.user_id, base.grade_id,
                   base.related_type,
                   base.credit_limit, base.receivable, base.draft_invoices, base.uninvoiced_orders,
                   base.receivable + base.draft_invoices + base.uninvoiced_orders AS exposure,
                   -- against the limit the order check applies: a temporary increase included
                   CASE WHEN base.credit_limit > 0
                        THEN base.credit_limit + base.temporary_increase
                             - (base.receivable + base.draft_invoices + base.uninvoiced_orders)
                        ELSE 0 END AS available,
                   CASE WHEN base.credit_limit > 0
                        THEN ROUND(100 * (base.receivable + base.draft_invoices + base.uninvoiced_orders)
                                   / (base.credit_limit + base.temporary_increase), 2)
                        ELSE 0 END AS utilisation,
                   base.max_overdue_days,
                   base.flagged, base.policy_grade_id, base.grade_policy, base.temporary_increase,
                   base.block_overdue_days,
                   -- the order check's reasons, in its order: a blocking flag is reason enough
                   CASE WHEN base.flagged THEN 'flag'
                        WHEN base.grade_policy = 'block' THEN 'grade_block'
                        WHEN base.grade_policy = 'approval' THEN 'grade_approval'
                        WHEN base.max_overdue_days > base.block_overdue_days THEN 'overdue'
                        WHEN base.credit_limit > 0
                             AND base.receivable + base.draft_invoices + base.uninvoiced_orders
                                 > base.credit_limit + base.temporary_increase THEN 'limit'
                        WHEN base.related_type IS NOT NULL THEN 'related'
                   END AS hold_reason
              FROM base
            """,
            today=fields.Date.context_today(self),
            draft_invoices=Exposure._draft_invoices_sql(),
            draft_amount=Exposure._draft_amount_sql(),
            uninvoiced_where=uninvoiced_where,
            uninvoiced=uninvoiced,
            policy=Exposure._credit_policies_sql(SQL("keys"), fields.Date.context_today(self)),
        )

    def _compute_hold_detail(self):
        """Every reason that holds the customer's credit orders, with its numbers, as the order check words
        them in short."""
        Flag = self.env["smec.credit.risk.flag"].sudo()
        flags = Flag.search(
            [("partner_id", "in", self.partner_id.ids), ("blocking", "=", True), ("is_active_flag", "=", True)]
        )
        related = dict(self._fields["related_type"]._description_selection(self.env))
        for row in self:
            fmt = row.currency_id.format
            reasons = []
            if row.flagged:
                own = flags.filtered(
                    lambda f, r=row: f.partner_id == r.partner_id and (not f.company_id or f.company_id == r.company_id)
                )
                reasons.append(_("Risk flag: %s", ", ".join(own.mapped("display_name"))))
            elif row.grade_policy in ("block", "approval"):
                reasons.append(
                    _("Grade %(grade)s: orders blocked", grade=row.policy_grade_id.display_name)
                    if row.grade_policy == "block"
                    else _("Grade %(grade)s: orders need an approval", grade=row.policy_grade_id.display_name)
                )
            if row.max_overdue_days > row.block_overdue_days:
                reasons.append(
                    _(
                        "%(days)s days overdue (held after %(max)s)",
                        days=row.max_overdue_days,
                        max=row.block_overdue_days,
                    )
                )
            limit = row.credit_limit + row.temporary_increase
            if row.credit_limit > 0 and row.currency_id.compare_amounts(row.exposure, limit) > 0:
                reasons.append(
                    _("Exposure %(exposure)s over the limit %(limit)s", exposure=fmt(row.exposure), limit=fmt(limit))
                )
            if row.related_type:
                reasons.append(_("Related party (%s)", related.get(row.related_type)))
            row.hold_detail = "; ".join(reasons)
