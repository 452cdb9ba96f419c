from odoo import fields, models
from odoo.tools import SQL

WINDOW_DAYS = 30


class SmecCollectionResult(models.Model):
    """What each dunning stage brought in, per customer: one row per customer,
    stage, currency and collector (the contacts' responsible, else the
    customer's collector), from the stage's first contact; grouped by stage or
    by collector, its sums and averages are the collection results.

    Each invoice the stage chased counts once in its row (at what was open when
    the stage first chased it), however often the stage came back; each payment
    counts once, in the row of the latest contact that chased its invoice within
    30 days before it: a payment is never counted twice, whether the results are
    read per stage or per collector. Paid (%) is the share of what the row
    chased that was paid (its average over rows: the average customer's share);
    days to collect run from the stage's first chase of the invoice. Payments
    are what the customer paid (a credit note is not collected).

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
    date = fields.Date(string="First Contact", readonly=True)
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
            WITH contacts AS (
                -- a row's key: customer, stage, currency and collector (0: none)
                SELECT c.id, c.company_id, c.partner_id, c.stage_id, c.currency_id, c.date,
                       s.days_overdue AS stage_days,
                       COALESCE(c.user_id, (rp.smec_collector_id ->> c.company_id::text)::int, 0) AS ukey
                  FROM smec_collection_contact c
                  JOIN smec_collection_stage s ON s.id = c.stage_id
                  JOIN res_partner rp ON rp.id = c.partner_id
                 WHERE c.state IN ('sent', 'delivered') AND c.channel != 'hold'
            ),
            chased AS (
                -- each invoice once in its row, as open when the row's stage first chased it:
                -- in its currency, and in the company's at the invoice's rate
                SELECT DISTINCT ON (k.company_id, k.partner_id, k.stage_id, k.currency_id, k.ukey, l.move_line_id)
                       k.id AS contact_id, k.company_id, k.partner_id, k.stage_id, k.currency_id, k.ukey,
                       k.date, l.move_line_id, l.amount_residual,
                       CASE WHEN aml.amount_currency != 0
                            THEN l.amount_residual * aml.balance / aml.amount_currency
                            ELSE l.amount_residual END AS amount_residual_company
                  FROM contacts k
                  JOIN smec_collection_contact_line l ON l.contact_id = k.id
                  JOIN account_move_line aml ON aml.id = l.move_line_id
                 ORDER BY k.company_id, k.partner_id, k.stage_id, k.currency_id, k.ukey, l.move_line_id,
                          k.date, k.id
            ),
            payments AS (
                -- each payment once: to the latest contact that chased its invoice within the window before it;
                -- a partial's debit_amount_currency is in the invoice's currency, its amount in the company's
                SELECT DISTINCT ON (pr.id)
                       k.company_id, k.partner_id, k.stage_id, k.currency_id, k.ukey, l.move_line_id,
                       pr.debit_amount_currency AS amount, pr.amount AS amount_company, pr.max_date
                  FROM contacts k
                  JOIN smec_collection_contact_line l ON l.contact_id = k.id
                  JOIN account_partial_reconcile pr ON pr.debit_move_id = l.move_line_id
                  JOIN account_move_line pay ON pay.id = pr.credit_move_id
                  JOIN account_move pm ON pm.id = pay.move_id AND pm.move_type = 'entry'
                 WHERE pr.max_date >= k.date AND pr.max_date <= k.date + %(window)s
                 ORDER BY pr.id, k.date DESC, k.stage_days DESC, k.id DESC
            ),
            paid AS (
                SELECT p.company_id, p.partner_id, p.stage_id, p.currency_id, p.ukey,
                       SUM(p.amount) AS amount, SUM(p.amount_company) AS amount_company,
                       SUM(p.amount * (p.max_date - ch.date)) AS weighted
                  FROM payments p
                  JOIN chased ch ON ch.company_id = p.company_id AND ch.partner_id = p.partner_id
                                AND ch.stage_id = p.stage_id AND ch.currency_id = p.currency_id
                                AND ch.ukey = p.ukey AND ch.move_line_id = p.move_line_id
                 GROUP BY p.company_id, p.partner_id, p.stage_id, p.currency_id, p.ukey
            ),
            rows AS (
                SELECT MIN(contact_id) AS id, company_id, partner_id, stage_id, currency_id, ukey,
                       MIN(date) AS date, SUM(amount_residual) AS amount,
                       SUM(amount_residual_company) AS amount_company
                  FROM chased
                 GROUP BY company_id, partner_id, stage_id, currency_id, ukey
            )
            SELECT r.id, r.company_id, r.partner_id, r.stage_id, NULLIF(r.ukey, 0) AS user_id, r.date,
                   r.currency_id,
                   r.amount AS amount_dunned,
                   COALESCE(p.amount, 0) AS amount_collected,
                   ROUND(r.amount_company, 2) AS amount_dunned_company,
                   COALESCE(p.amount_company, 0) AS amount_collected_company,
                   CASE WHEN r.amount > 0 THEN LEAST(100.0, 100.0 * COALESCE(p.amount, 0) / r.amount)
                        ELSE 0.0 END AS paid_rate,
                   CASE WHEN p.amount > 0 THEN p.weighted / p.amount END AS days_to_collect
              FROM rows r
              LEFT JOIN paid p ON p.company_id = r.company_id AND p.partner_id = r.partner_id
                              AND p.stage_id = r.stage_id AND p.currency_id = r.currency_id AND p.ukey = r.ukey
            """,
            window=WINDOW_DAYS,
        )
