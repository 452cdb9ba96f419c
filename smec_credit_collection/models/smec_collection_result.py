from odoo import fields, models
from odoo.tools import SQL

WINDOW_DAYS = 30


class SmecCollectionResult(models.Model):
    """What each dunning step brought in: one row per partner, stage and day
    that something went out (its email, letter and call together), with what
    was paid on its invoices within 30 days of it. Grouped by stage or by
    collector, its sums and averages are the collection results: amounts
    collected, share of partners who paid, average days to collect.

    Amounts are in the invoices' currency (the contact's), and again in the
    company's currency at each invoice's own rate, so that results of several
    currencies add up (the pivot's measures)."""

    _name = "smec.collection.result"
    _description = "Collection Results"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    stage_id = fields.Many2one("smec.collection.stage", readonly=True)
    user_id = fields.Many2one("res.users", string="Collector", readonly=True)
    date = fields.Date(readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    amount_dunned = fields.Monetary(string="Amount Chased", readonly=True)
    amount_collected = fields.Monetary(string="Collected within 30 Days", readonly=True)
    amount_dunned_company = fields.Monetary(
        string="Amount Chased (Company Currency)", currency_field="company_currency_id", readonly=True
    )
    amount_collected_company = fields.Monetary(
        string="Collected within 30 Days (Company Currency)", currency_field="company_currency_id", readonly=True
    )
    paid_rate = fields.Float(string="Paid (%)", readonly=True, aggregator="avg")
    days_to_collect = fields.Float(string="Days to Collect", readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH events AS (
                SELECT MIN(c.id) AS id, c.company_id, c.partner_id, c.stage_id, c.date, c.currency_id,
                       MIN(c.user_id) AS user_id, ARRAY_AGG(c.id) AS contact_ids
                  FROM smec_collection_contact c
                 WHERE c.state IN ('sent', 'delivered') AND c.channel != 'hold'
                 GROUP BY c.company_id, c.partner_id, c.stage_id, c.date, c.currency_id
            ),
            chased AS (
                -- the open amount in the invoice's currency, and in the company's at the invoice's rate
                SELECT DISTINCT e.id AS event_id, e.date, l.move_line_id, l.amount_residual,
                       CASE WHEN aml.amount_currency != 0
                            THEN l.amount_residual * aml.balance / aml.amount_currency
                            ELSE l.amount_residual END AS amount_residual_company
                  FROM events e
                  JOIN smec_collection_contact_line l ON l.contact_id = ANY(e.contact_ids)
                  JOIN account_move_line aml ON aml.id = l.move_line_id
            ),
            paid AS (
                -- a partial's debit_amount_currency is in the invoice's currency, its amount in the company's
                SELECT ch.event_id, SUM(pr.debit_amount_currency) AS amount, SUM(pr.amount) AS amount_company,
                       SUM(pr.debit_amount_currency * (pr.max_date - ch.date)) AS weighted
                  FROM chased ch
                  JOIN account_partial_reconcile pr ON pr.debit_move_id = ch.move_line_id
                 WHERE pr.max_date >= ch.date AND pr.max_date <= ch.date + %(window)s
                 GROUP BY ch.event_id
            ),
            totals AS (
                SELECT event_id, SUM(amount_residual) AS amount, SUM(amount_residual_company) AS amount_company
                  FROM chased GROUP BY event_id
            )
            SELECT e.id, e.company_id, e.partner_id, e.stage_id, e.user_id, e.date, e.currency_id,
                   COALESCE(t.amount, 0) AS amount_dunned,
                   COALESCE(p.amount, 0) AS amount_collected,
                   ROUND(COALESCE(t.amount_company, 0), 2) AS amount_dunned_company,
                   COALESCE(p.amount_company, 0) AS amount_collected_company,
                   CASE WHEN p.amount > 0 THEN 100.0 ELSE 0.0 END AS paid_rate,
                   CASE WHEN p.amount > 0 THEN p.weighted / p.amount END AS days_to_collect
              FROM events e
              LEFT JOIN totals t ON t.event_id = e.id
              LEFT JOIN paid p ON p.event_id = e.id
            """,
            window=WINDOW_DAYS,
        )
