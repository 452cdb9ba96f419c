"""The credit check at order confirmation: the lock, then one statement.

``_order_check_facts`` reads everything the check of some orders needs in one
database call, whatever the customers' history: it takes each customer's
lock row (concurrent checks of one customer are serialised until the end of
the transaction), and reads the order amounts, the customers' exposure
without these orders and the policy that applies to them, from the
definitions of ``smec.credit.exposure`` that the screens read too.
"""

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from ..tools.check_function import create_check_function, drop_check_functions
from .res_company_live import credit_live_sql


class SmecCreditOrderCheck(models.AbstractModel):
    _name = "smec.credit.order.check"
    _description = "Credit Check of Orders"

    def init(self):
        # One row per commercial partner and company, written by every credit
        # check: the row lock serialises concurrent checks of one partner, and
        # under REPEATABLE READ the second checker gets a serialisation failure,
        # which Odoo retries with a fresh snapshot that sees the first order.
        self.env.cr.execute(
            """
            CREATE TABLE IF NOT EXISTS smec_credit_partner_lock (
                partner_id integer NOT NULL REFERENCES res_partner(id) ON DELETE CASCADE,
                company_id integer NOT NULL REFERENCES res_company(id) ON DELETE CASCADE,
                checks bigint NOT NULL DEFAULT 0,
                PRIMARY KEY (partner_id, company_id)
            )
            """
        )
        self._init_order_check()

    # One statement per company reads everything the check needs. Planning it
    # costs more than running it (about 7 ms against 1 ms on the benchmark
    # ledger), so it lives in a database function, smec_credit_order_check(),
    # whose generic plan PL/pgSQL keeps for the connection. The function is
    # recreated at each install and update from ``_order_check_sql`` below
    # (and by smec_credit_collection, whose disputes it reads).

    _ORDER_CHECK_COLUMNS = [
        ("company_id", "integer"),
        ("order_id", "integer"),
        ("partner_id", "integer"),
        ("amount", "numeric"),
        ("amount_total", "numeric"),
        ("to_company", "numeric"),
        ("paid", "numeric"),
        ("approved", "numeric"),
        ("rounding", "numeric"),
        ("receivable", "numeric"),
        ("overdue_amount", "numeric"),
        ("max_overdue_days", "integer"),
        ("draft_invoices", "numeric"),
        ("uninvoiced_orders", "numeric"),
        ("credit_limit", "numeric"),
        ("grade_id", "integer"),
        ("flag_ids", "integer[]"),
        ("temporary_increase", "numeric"),
        ("grade_policy", "varchar"),
        ("block_overdue_days", "integer"),
        ("company_rounding", "numeric"),
        ("related_type", "varchar"),
        ("live", "boolean"),
    ]

    @staticmethod
    def _lock_sql(ids, company_id, take):
        """SQL (a data-modifying CTE of the check): take the per-partner lock
        row of each commercial partner of ``ids`` (an SQL int[] expression)
        for the company, in id order (no deadlock), if ``take`` (an SQL
        boolean)."""
        return SQL(
            """
            INSERT INTO smec_credit_partner_lock (partner_id, company_id, checks)
                 SELECT pid, %(company)s, 1 FROM unnest(%(ids)s) AS pid WHERE %(take)s ORDER BY pid
            ON CONFLICT (partner_id, company_id)
              DO UPDATE SET checks = smec_credit_partner_lock.checks + 1
            """,
            company=company_id,
            ids=ids,
            take=take,
        )

    @api.model
    def _order_check_sql(self, locking=True):
        """SQL: the rows of ``_order_check_facts`` for those of the orders $1
        (int[]) that belong to company ``v_company`` (a variable of the
        function), at date $2, taking the partners' lock rows if $3. Without
        ``locking`` the statement writes nothing, whatever $3: the screens read
        orders in read-only transactions, where PostgreSQL refuses a statement
        that holds an INSERT even when it would insert no row."""
        orders, company, today, take_lock = SQL("$1"), SQL("v_company"), SQL("$2"), SQL("$3")
        ids = SQL("ARRAY(SELECT DISTINCT o.partner_id FROM o ORDER BY 1)")
        Exposure = self.env["smec.credit.exposure"]
        uninvoiced_where, uninvoiced = Exposure._uninvoiced_sql()
        return SQL(
            """
            WITH o AS MATERIALIZED (
                SELECT so.id, rp.commercial_partner_id AS partner_id, so.amount_total, cur.rounding, f.to_company,
                       CASE WHEN so.state = 'sale'
                            THEN (SELECT COALESCE(SUM(%(uninvoiced)s), 0) FROM sale_order_line sol
                                   WHERE sol.order_id = so.id AND %(uninvoiced_where)s)
                            ELSE so.amount_total * f.to_company END AS amount,
                       (SELECT COALESCE(SUM(tx.amount), 0)
                          FROM sale_order_transaction_rel rel
                          JOIN payment_transaction tx ON tx.id = rel.transaction_id
                         WHERE rel.sale_order_id = so.id AND tx.state IN ('authorized', 'done')) AS paid,
                       (SELECT MAX(a.order_amount) FROM smec_credit_approval a
                         WHERE a.order_id = so.id AND a.state = 'approved' AND a.decision = 'once') AS approved
                  FROM sale_order so
                  -- the company invoiced bears the risk, as the exposure counts it
                  JOIN res_partner rp ON rp.id = COALESCE(so.partner_invoice_id, so.partner_id)
                  JOIN res_currency cur ON cur.id = so.currency_id
                  JOIN res_company comp ON comp.id = so.company_id
                  -- order currency to company currency: a confirmed order at its own
                  -- rate; a quotation, dated when it is confirmed, at today's,
                  -- whatever date it carries now
                  CROSS JOIN LATERAL (
                      SELECT CASE WHEN so.state = 'sale' THEN 1 / COALESCE(NULLIF(so.currency_rate, 0), 1)
                                  WHEN so.currency_id = comp.currency_id THEN 1
                                  ELSE %(company_rate)s / %(order_rate)s END AS to_company
                  ) f
                 WHERE so.id = ANY(%(orders)s) AND so.company_id = %(company)s
            ),
            lock AS (%(lock)s),
            exposure AS (%(exposure)s),
            policy AS (%(policy)s)
            SELECT c.id, o.id, o.partner_id, o.amount, o.amount_total, o.to_company, o.paid, o.approved, o.rounding,
                   e.receivable, e.overdue_amount, e.max_overdue_days::integer, e.draft_invoices,
                   e.uninvoiced_orders, p.credit_limit, p.grade_id, p.flag_ids, p.temporary_increase,
                   g.confirmation_policy::varchar, c.smec_block_overdue_days, ccur.rounding,
                   p.related_type::varchar, %(live)s
              FROM o
              JOIN exposure e ON e.id = o.partner_id
              JOIN policy p ON p.id = o.partner_id
              JOIN res_company c ON c.id = %(company)s
              JOIN res_currency ccur ON ccur.id = c.currency_id
              LEFT JOIN smec_credit_grade g ON g.id = p.grade_id
             ORDER BY array_position(%(orders)s, o.id)
            """,
            orders=orders,
            company=company,
            company_rate=Exposure._currency_rate_sql(SQL("comp.currency_id"), SQL("comp.parent_path"), today),
            order_rate=Exposure._currency_rate_sql(SQL("so.currency_id"), SQL("comp.parent_path"), today),
            uninvoiced=uninvoiced,
            uninvoiced_where=uninvoiced_where,
            lock=self._lock_sql(ids, company, take=take_lock) if locking else SQL("SELECT 1"),
            exposure=Exposure._exposure_sql(
                ids,
                company,
                today,
                include_drafts=SQL("(SELECT smec_include_draft_invoices FROM res_company WHERE id = %s)", company),
                exclude_orders=orders,
            ),
            policy=Exposure._credit_policy_sql(ids, company, today),
            live=credit_live_sql(SQL("c")),
        )

    _ORDER_CHECK_FUNCTIONS = ("smec_credit_order_check", "smec_credit_order_check_read")

    def _init_order_check(self):
        drop_check_functions(self.env.cr, self._ORDER_CHECK_FUNCTIONS)
        # the check that locks (confirmations), and the one the screens read
        for function, locking in zip(self._ORDER_CHECK_FUNCTIONS, (True, False), strict=True):
            create_check_function(
                self.env.cr,
                function,
                "integer[], date, boolean",
                self._ORDER_CHECK_COLUMNS,
                "SELECT DISTINCT so.company_id FROM sale_order so WHERE so.id = ANY($1) ORDER BY 1",
                self._order_check_sql(locking=locking),
            )

    @api.model
    def _order_check_facts(self, orders, lock=True, today=None):
        """Everything the credit check of ``orders`` needs, in one call whatever
        the customers' history and without reading the orders through the
        ORM: [{...}], one dict per order, by company and then in the order of
        ``orders``, with

        * company_id, order_id, partner_id (commercial), amount (what the
          order adds to the exposure, in company currency: while a quotation,
          its total at the rate of ``today``, the date confirming gives it;
          once confirmed, what is left to invoice at the order's own rate),
          amount_total, paid (its authorised or done online
          payments) and approved (the highest one-off approval, or None), in
          order currency, with that currency's rounding;
        * exposure: the partner's exposure without these orders (``_exposure``);
        * policy: what applies to the partner (``_credit_policy``, its
          related-party mark included) and grade_policy, its grade's
          confirmation policy;
        * block_overdue_days: the company's overdue threshold;
        * live: whether the company's credit control is live (``res.company._smec_credit_live``).

        With ``lock``, the partners' lock rows are taken first: concurrent checks
        of one partner are serialised until the end of the transaction.
        """
        if not orders:
            return []
        self.env.flush_all()  # the function reads the tables: pending ORM writes first
        rows = self.env.execute_query(
            SQL(
                "SELECT * FROM %s(%s::integer[], %s::date, %s)",
                SQL.identifier("smec_credit_order_check" if lock else "smec_credit_order_check_read"),
                orders.ids,
                today or fields.Date.context_today(self),
                bool(lock),
            )
        )
        names = [name for name, _kind in self._ORDER_CHECK_COLUMNS]
        facts = []
        for row in rows:
            r = dict(zip(names, row, strict=True))
            rounding = r["company_rounding"]
            facts.append(
                {
                    "company_id": r["company_id"],
                    "order_id": r["order_id"],
                    "partner_id": r["partner_id"],
                    "amount": float_round(float(r["amount"]), precision_rounding=rounding),
                    "amount_total": float(r["amount_total"]),
                    "to_company": float(r["to_company"]),
                    "paid": float(r["paid"]),
                    "approved": None if r["approved"] is None else float(r["approved"]),
                    "rounding": float(r["rounding"]),
                    "exposure": self.env["smec.credit.exposure"]._exposure_values(
                        rounding,
                        r["receivable"],
                        r["overdue_amount"],
                        r["max_overdue_days"],
                        r["draft_invoices"],
                        r["uninvoiced_orders"],
                    ),
                    "policy": {
                        "limit": float(r["credit_limit"]),
                        "grade_id": r["grade_id"],
                        "flag_ids": r["flag_ids"],
                        "temporary_increase": float(r["temporary_increase"]),
                        "grade_policy": r["grade_policy"],
                        "related_type": r["related_type"],
                    },
                    "block_overdue_days": r["block_overdue_days"],
                    "live": r["live"],
                    "company_rounding": float(rounding),
                }
            )
        return facts
