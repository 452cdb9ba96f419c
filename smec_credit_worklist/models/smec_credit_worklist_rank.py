"""The worklist written: the ranking statement (``_rank_query``), ``_build`` that runs it, the morning cron, the
menu and the manager's refresh. Who is on the list and what a call is worth:
``smec_credit_worklist.py``'s docstring."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.smec_credit.tools.cron import commit_progress

from .smec_credit_worklist import AGENT, MANAGER

# a broken promise stays a reason to call for this many days, unless the customer promised again since
BROKEN_DAYS = 7
# a statement sent this many days before (its "as of" day) and still not confirmed is a reason to call
STATEMENT_DAYS = 7


class SmecCreditWorklist(models.Model):
    _inherit = "smec.credit.worklist"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # THE RANKING: one statement
    # ------------------------------------------------------------

    @api.model
    def _rank_query(self, company, day):
        """The statement that writes ``company``'s worklist of ``day``: ranks every customer with something at risk
        or a next action, inserts or updates its row (keeping what a collector recorded), and deletes the rows of
        customers no longer on it that nobody called."""
        return SQL(
            """
            WITH aging AS (%(aging)s),
            per_move AS (
                SELECT a.partner_id, a.move_id, SUM(a.open_amount) AS open_amount,
                       SUM(a.open_amount) FILTER (WHERE a.days > 0) AS overdue,
                       SUM(a.open_amount_currency) AS open_currency
                  FROM aging a
                 WHERE a.open_amount > 0 AND a.partner_id IS NOT NULL
                 GROUP BY a.partner_id, a.move_id
            ),
            claimed AS (
                SELECT DISTINCT r.move_id
                  FROM smec_collection_legal_file_invoice_rel r
                  JOIN smec_collection_legal_file f ON f.id = r.file_id
                 WHERE f.company_id = %(company)s AND f.state != 'closed'
            ),
            disputed AS (
                SELECT l.move_id, SUM(l.amount) AS amount
                  FROM smec_collection_dispute_line l
                  JOIN smec_collection_dispute d ON d.id = l.dispute_id
                 WHERE d.company_id = %(company)s AND d.state IN ('open', 'negotiation')
                 GROUP BY l.move_id
            ),
            amounts AS (
                -- a disputed part (in the invoice's currency) is set against what is past due of its invoice
                SELECT m.partner_id, SUM(m.open_amount) AS amount_open, SUM(COALESCE(m.overdue, 0)) AS amount_overdue,
                       SUM(CASE WHEN c.move_id IS NOT NULL THEN 0
                                ELSE GREATEST(COALESCE(m.overdue, 0) - COALESCE(
                                         d.amount * m.open_amount / NULLIF(m.open_currency, 0), 0), 0)
                           END) AS amount_at_risk
                  FROM per_move m
                  LEFT JOIN claimed c ON c.move_id = m.move_id
                  LEFT JOIN disputed d ON d.move_id = m.move_id
                 GROUP BY m.partner_id
            ),
            promise_due AS (
                SELECT DISTINCT p.partner_id
                  FROM smec_collection_promise p
                  JOIN smec_collection_promise_line l ON l.promise_id = p.id
                 WHERE p.company_id = %(company)s AND p.state = 'open' AND l.date = %(day)s
            ),
            promise_broken AS (
                SELECT DISTINCT p.partner_id
                  FROM smec_collection_promise p
                 WHERE p.company_id = %(company)s AND p.state = 'broken'
                   AND p.date_settled > %(day)s::date - %(broken_days)s AND p.date_settled <= %(day)s
                   AND NOT EXISTS (
                       SELECT 1 FROM smec_collection_promise q
                        WHERE q.company_id = p.company_id AND q.partner_id = p.partner_id AND q.id != p.id
                          AND q.date >= p.date_settled AND q.state != 'cancelled')
            ),
            dispute_waiting AS (
                SELECT DISTINCT partner_id FROM smec_collection_dispute
                 WHERE company_id = %(company)s AND state = 'open'
            ),
            statement_unconfirmed AS (
                SELECT DISTINCT partner_id FROM smec_collection_statement
                 WHERE company_id = %(company)s AND state = 'sent'
                   AND date_to <= %(day)s::date - %(statement_days)s
            ),
            calls AS (
                SELECT rp.commercial_partner_id AS partner_id, MIN(c.id) AS contact_id
                  FROM smec_collection_contact c
                  JOIN res_partner rp ON rp.id = c.partner_id
                 WHERE c.company_id = %(company)s AND c.channel = 'call' AND c.date = %(day)s
                   AND c.state IN ('sent', 'delivered') AND c.call_outcome IS NULL
                 GROUP BY rp.commercial_partner_id
            ),
            customers AS (
                SELECT partner_id FROM amounts WHERE amount_at_risk > 0.005
                UNION SELECT rp.commercial_partner_id FROM promise_due x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id FROM promise_broken x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id FROM dispute_waiting x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id
                        FROM statement_unconfirmed x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT partner_id FROM calls
            ),
            forecast AS (
                SELECT id, late_share FROM smec_credit_forecast
                 WHERE company_id = %(company)s AND is_newest
                 LIMIT 1
            ),
            scored AS (
                SELECT cu.partner_id,
                       (rp.smec_collector_id ->> %(company_key)s)::int AS user_id,
                       (SELECT id FROM forecast) AS forecast_id,
                       COALESCE(a.amount_open, 0) AS amount_open,
                       COALESCE(a.amount_overdue, 0) AS amount_overdue,
                       ROUND(COALESCE(a.amount_at_risk, 0), 2) AS amount_at_risk,
                       COALESCE(b.late_share, (SELECT late_share FROM forecast), 100.0)::numeric AS late_share,
                       CASE WHEN b.late_share IS NOT NULL THEN b.source
                            WHEN (SELECT late_share FROM forecast) IS NOT NULL THEN 'company'
                            ELSE 'none' END AS source,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM promise_due x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS promise_due,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM promise_broken x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS promise_broken,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM dispute_waiting x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS dispute_waiting,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM statement_unconfirmed x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS statement_unconfirmed,
                       calls.contact_id
                  FROM customers cu
                  JOIN res_partner rp ON rp.id = cu.partner_id
                  LEFT JOIN amounts a ON a.partner_id = cu.partner_id
                  LEFT JOIN smec_credit_forecast_behaviour b
                         ON b.forecast_id = (SELECT id FROM forecast) AND b.partner_id = cu.partner_id
                  LEFT JOIN calls ON calls.partner_id = cu.partner_id
            ),
            ranked AS (
                SELECT s.*, ROUND(s.amount_at_risk * s.late_share / 100.0, 2) AS score,
                       ROW_NUMBER() OVER (PARTITION BY s.user_id
                                          ORDER BY s.amount_at_risk * s.late_share DESC, s.amount_at_risk DESC,
                                                   s.partner_id) AS rank
                  FROM scored s
            ),
            written AS (
                INSERT INTO smec_credit_worklist
                       (company_id, date, partner_id, user_id, forecast_id, amount_open, amount_overdue, amount_at_risk,
                        late_share, source, score, rank, promise_due, promise_broken, dispute_waiting,
                        statement_unconfirmed, dunning_call, contact_id, done, attempts,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, %(day)s, r.partner_id, r.user_id, r.forecast_id, r.amount_open, r.amount_overdue,
                       r.amount_at_risk, r.late_share, r.source, r.score, r.rank, r.promise_due, r.promise_broken,
                       r.dispute_waiting, r.statement_unconfirmed, r.contact_id IS NOT NULL, r.contact_id, FALSE, 0,
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM ranked r
                ON CONFLICT (company_id, partner_id, date) DO UPDATE
                   SET user_id = EXCLUDED.user_id, forecast_id = EXCLUDED.forecast_id,
                       amount_open = EXCLUDED.amount_open, amount_overdue = EXCLUDED.amount_overdue,
                       amount_at_risk = EXCLUDED.amount_at_risk, late_share = EXCLUDED.late_share,
                       source = EXCLUDED.source, score = EXCLUDED.score, rank = EXCLUDED.rank,
                       promise_due = EXCLUDED.promise_due, promise_broken = EXCLUDED.promise_broken,
                       dispute_waiting = EXCLUDED.dispute_waiting,
                       statement_unconfirmed = EXCLUDED.statement_unconfirmed,
                       dunning_call = EXCLUDED.dunning_call, contact_id = EXCLUDED.contact_id,
                       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                RETURNING partner_id
            )
            DELETE FROM smec_credit_worklist w
             WHERE w.company_id = %(company)s AND w.date = %(day)s AND NOT w.done AND w.attempts = 0
               AND w.partner_id NOT IN (SELECT partner_id FROM ranked)
            """,
            aging=self.env["smec.credit.aging"]._aging_query(company, day),
            company=company.id,
            company_key=str(company.id),
            day=day,
            broken_days=BROKEN_DAYS,
            statement_days=STATEMENT_DAYS,
            uid=self.env.uid,
        )

    @api.model
    def _build(self, company, day=None):
        """Write ``company``'s worklist of ``day`` (today by default): one statement, safe to run again."""
        day = day or fields.Date.context_today(self.with_company(company))
        self.env.flush_all()
        self.env.execute_query(self._rank_query(company, day))
        company.sudo().smec_worklist_date = day
        self.invalidate_model()
        return True

    @api.model
    def _cron_build(self):
        """Each morning, after the dunning run: every company's worklist of the day."""
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        for index, company in enumerate(companies):
            self.sudo()._build(company)
            # each company's list committed as it is written: a run that stops resumes without duplicates
            commit_progress(self.env, 1, len(companies) - index - 1)

    @api.model
    def action_open_worklist(self):
        """The menu: the current company's list of today, written first if the morning's job has not yet."""
        if not self.env.user.has_group(AGENT):
            raise AccessError(_("Only collection users have a worklist."))
        company = self.env.company
        today = fields.Date.context_today(self)
        if company.sudo().smec_worklist_date != today:
            self.sudo()._build(company, today)
        return self.env["ir.actions.act_window"]._for_xml_id("smec_credit_worklist.smec_credit_worklist_action")

    def action_refresh(self):
        """A Collection Manager writes the list of today again (a payment came in, a customer was reassigned)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only a Collection Manager writes the worklist again."))
        self.sudo()._build(self.env.company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
