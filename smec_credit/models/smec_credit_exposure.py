import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round

_logger = logging.getLogger(__name__)


class SmecCreditExposure(models.AbstractModel):
    """The set-based reads of SMEC Credit: each method is one SQL query over any
    number of partners and returns plain Python data."""

    _name = "smec.credit.exposure"
    _description = "Credit Exposure Queries"

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
        self._init_receivable_balance()
        self._init_order_check()

    # ------------------------------------------------------------
    # OPEN RECEIVABLES PER PARTNER, KEPT BY THE DATABASE
    # ------------------------------------------------------------
    # The credit check needs a customer's open receivable total, overdue amount
    # and oldest overdue due date. Summing the open items at each check costs
    # time in proportion to the customer's history (about 25 ms for 50,000 open
    # items). Instead, statement-level triggers on account_move_line keep the
    # residual of open posted receivable items per partner, company and due
    # date, whatever writes them (the ORM, reconciliation, partner merges, raw
    # SQL), in the same transaction. The check then reads a few rows per
    # partner: one per due date that still has something open.

    @staticmethod
    def _receivable_contributions(rows, sign=1):
        """SQL: what the journal items of ``rows`` (a table or a trigger's
        transition table) add to the balance table, times ``sign``."""
        return SQL(
            """
            SELECT l.company_id, l.partner_id, COALESCE(l.date_maturity, 'infinity'::date) AS date_maturity,
                   %(sign)s * GREATEST(l.amount_residual, 0) AS amount_due,
                   %(sign)s * LEAST(l.amount_residual, 0) AS amount_credit
              FROM %(rows)s l
              JOIN account_account acc ON acc.id = l.account_id AND acc.account_type = 'asset_receivable'
             WHERE l.parent_state = 'posted'
               AND l.reconciled IS NOT TRUE
               AND l.partner_id IS NOT NULL
               AND l.amount_residual != 0
            """,
            rows=SQL.identifier(rows),
            sign=SQL(str(int(sign))),
        )

    @classmethod
    def _receivable_totals(cls):
        """SQL: the balance table's rows, computed from all journal items."""
        return SQL(
            """
            SELECT partner_id, company_id, date_maturity,
                   SUM(amount_due) AS amount_due, SUM(amount_credit) AS amount_credit
              FROM (%s) contributions
             GROUP BY 1, 2, 3
            HAVING SUM(amount_due) != 0 OR SUM(amount_credit) != 0
            """,
            cls._receivable_contributions("account_move_line"),
        )

    @staticmethod
    def _apply_receivable_delta(contributions):
        """SQL for the trigger: add ``contributions`` to the balance table in
        key order (two statements never wait on each other's rows in opposite
        orders), then drop the rows emptied (found by a partial index)."""
        return SQL(
            """
            INSERT INTO smec_credit_receivable_balance AS b
                        (partner_id, company_id, date_maturity, amount_due, amount_credit)
                 SELECT partner_id, company_id, date_maturity, SUM(amount_due), SUM(amount_credit)
                   FROM (%s) contributions
                  GROUP BY 1, 2, 3
                 HAVING SUM(amount_due) != 0 OR SUM(amount_credit) != 0
                  ORDER BY 1, 2, 3
            ON CONFLICT (partner_id, company_id, date_maturity) DO UPDATE
               SET amount_due = b.amount_due + EXCLUDED.amount_due,
                   amount_credit = b.amount_credit + EXCLUDED.amount_credit;
            DELETE FROM smec_credit_receivable_balance WHERE amount_due = 0 AND amount_credit = 0;
            """,
            contributions,
        )

    def _init_receivable_balance(self):
        cr = self.env.cr
        cr.execute(
            """
            CREATE TABLE IF NOT EXISTS smec_credit_receivable_balance (
                partner_id integer NOT NULL,
                company_id integer NOT NULL,
                date_maturity date NOT NULL,
                amount_due numeric NOT NULL DEFAULT 0,
                amount_credit numeric NOT NULL DEFAULT 0,
                PRIMARY KEY (partner_id, company_id, date_maturity)
            );
            CREATE INDEX IF NOT EXISTS smec_credit_receivable_balance_empty_idx
                ON smec_credit_receivable_balance (partner_id) WHERE amount_due = 0 AND amount_credit = 0;
            """
        )
        new_rows = self._receivable_contributions("new_rows")
        old_rows = self._receivable_contributions("old_rows", -1)
        cr.execute(
            SQL(
                """
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_apply() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    %(insert)s
                ELSIF TG_OP = 'UPDATE' THEN
                    %(update)s
                ELSE
                    %(delete)s
                END IF;
                RETURN NULL;
            END
            $fn$;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_ins ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_upd ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_del ON account_move_line;
            CREATE TRIGGER smec_credit_receivable_balance_ins AFTER INSERT ON account_move_line
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();
            CREATE TRIGGER smec_credit_receivable_balance_upd AFTER UPDATE ON account_move_line
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();
            CREATE TRIGGER smec_credit_receivable_balance_del AFTER DELETE ON account_move_line
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();

            -- the whole table from the journal items; an account that becomes,
            -- or stops being, receivable changes which items count: rare, so
            -- the table is rebuilt then
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_rebuild_all() RETURNS void
            LANGUAGE sql AS $fn$
                DELETE FROM smec_credit_receivable_balance;
                INSERT INTO smec_credit_receivable_balance
                            (partner_id, company_id, date_maturity, amount_due, amount_credit)
                     %(totals)s;
            $fn$;
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_rebuild() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM smec_credit_receivable_balance_rebuild_all();
                RETURN NULL;
            END
            $fn$;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_account ON account_account;
            CREATE TRIGGER smec_credit_receivable_balance_account AFTER UPDATE OF account_type ON account_account
                FOR EACH ROW WHEN (OLD.account_type IS DISTINCT FROM NEW.account_type
                                   AND 'asset_receivable' IN (OLD.account_type, NEW.account_type))
                EXECUTE FUNCTION smec_credit_receivable_balance_rebuild();

            -- the covering index that the exposure query summed before this table
            DROP INDEX IF EXISTS account_move_line_smec_open_receivable_idx;
            """,
                insert=self._apply_receivable_delta(new_rows),
                update=self._apply_receivable_delta(SQL("%s UNION ALL %s", new_rows, old_rows)),
                delete=self._apply_receivable_delta(old_rows),
                totals=self._receivable_totals(),
            )
        )
        # rebuilt at each install and update: a changed definition never
        # leaves stale totals behind
        self._rebuild_receivable_balance()

    @api.model
    def _rebuild_receivable_balance(self):
        """Recompute the whole balance table from the journal items."""
        self.env.flush_all()
        self.env.cr.execute("SELECT smec_credit_receivable_balance_rebuild_all()")

    @api.model
    def _receivable_balance_drift(self):
        """Rows where the balance table differs from the journal items:
        [(partner_id, company_id, date_maturity, kept, actual)]. Empty unless
        something bypassed the triggers (disabled by hand, say)."""
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """
                WITH actual AS (%s)
                SELECT COALESCE(k.partner_id, a.partner_id), COALESCE(k.company_id, a.company_id),
                       COALESCE(k.date_maturity, a.date_maturity),
                       COALESCE(k.amount_due + k.amount_credit, 0), COALESCE(a.amount_due + a.amount_credit, 0)
                  FROM smec_credit_receivable_balance k
                  FULL JOIN actual a USING (partner_id, company_id, date_maturity)
                 WHERE k.amount_due IS DISTINCT FROM a.amount_due
                    OR k.amount_credit IS DISTINCT FROM a.amount_credit
                 ORDER BY 1, 2, 3
                """,
                self._receivable_totals(),
            )
        )

    @api.model
    def _cron_verify_receivable_balance(self):
        """Weekly safety net: compare the kept totals with the journal items and
        rebuild them, with a warning in the log, if anything drifted."""
        drift = self._receivable_balance_drift()
        if drift:
            _logger.warning(
                "SMEC Credit: %s open-receivable totals differed from the journal items "
                "(first: partner %s, company %s, due %s: kept %s, actual %s); rebuilt.",
                len(drift),
                *drift[0],
            )
            self._rebuild_receivable_balance()
        return len(drift)

    # ------------------------------------------------------------
    # DEFINITIONS SHARED WITH THE EXPOSURE LIST (smec.credit.exposure.report)
    # ------------------------------------------------------------

    @staticmethod
    def _applied_limit_sql():
        """SQL: the limit the credit check applies to partner ``rp`` for company
        ``c`` (with ``_applied_limit_joins_sql``), as ``res.partner._smec_credit_limit``:
        the partner's value for the company if set, even 0 (a company-dependent
        field as the ORM reads it), else the company default; when that is 0 and
        the partner has no grade, the new-customer grade's limit; 0: no limit."""
        return SQL(
            """
            CASE WHEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric, 0) > 0
                 THEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric)
                 WHEN rp.smec_grade_id ->> c.id::text IS NULL THEN COALESCE(newgrade.limit_amount, 0)
                 ELSE 0 END
            """
        )

    @staticmethod
    def _applied_limit_joins_sql():
        return SQL(
            """
            LEFT JOIN smec_credit_grade newgrade ON newgrade.id = c.smec_new_customer_grade_id
            LEFT JOIN ir_model_fields limit_field ON limit_field.model = 'res.partner'
                                                  AND limit_field.name = 'credit_limit'
            LEFT JOIN ir_default dflt ON dflt.field_id = limit_field.id AND dflt.company_id = c.id
                                     AND dflt.user_id IS NULL AND dflt.condition IS NULL
            """
        )

    @staticmethod
    def _uninvoiced_sql():
        """SQL: conditions and amount of the lines ``sol`` of confirmed orders
        ``so`` that are not invoiced yet: (where, amount in company currency at
        the order's own rate). A down payment already invoiced is taken off:
        the order's final invoice deducts it, so counting it both as invoiced
        and as still to invoice would count it twice. The ``so`` conditions
        match the partial index sale_order_smec_open_idx."""
        where = SQL(
            """
            so.state = 'sale' AND (so.invoice_status IS NULL OR so.invoice_status != 'invoiced')
            AND sol.display_type IS NULL AND (sol.product_uom_qty > 0 OR COALESCE(sol.is_downpayment, FALSE))
            """
        )
        amount = SQL(
            """
            (CASE WHEN sol.product_uom_qty > 0
                  THEN sol.price_total * GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0) / sol.product_uom_qty
                  ELSE 0 END
             -- a down payment: less what its invoices invoiced and final invoices
             -- did not deduct yet (a line ordered in quantity counts as ordered,
             -- whatever its flag)
             - CASE WHEN sol.is_downpayment
                    THEN (SELECT COALESCE(SUM(CASE WHEN dpm.move_type = 'out_refund'
                                                   THEN -dpl.price_total ELSE dpl.price_total END), 0)
                            FROM sale_order_line_invoice_rel dpr
                            JOIN account_move_line dpl ON dpl.id = dpr.invoice_line_id
                            JOIN account_move dpm ON dpm.id = dpl.move_id
                           WHERE dpr.order_line_id = sol.id AND dpm.state != 'cancel')
                    ELSE 0 END
            ) / COALESCE(NULLIF(so.currency_rate, 0), 1)
            """
        )
        return where, amount

    @staticmethod
    def _draft_invoices_sql():
        """SQL: conditions on ``am`` for draft customer invoices and refunds
        (partial index account_move_smec_draft_customer_idx)."""
        return SQL("am.state = 'draft' AND am.move_type IN ('out_invoice', 'out_refund')")

    @staticmethod
    def _draft_amount_sql():
        """SQL: what the draft customer document ``am`` adds to the exposure: a
        draft invoice its total, a draft credit note nothing. Only a posted
        credit note frees credit: a draft one is a proposal anybody who may
        draft invoices can make."""
        return SQL("GREATEST(am.amount_total_signed, 0)")

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
    def _exposure_sql(self, ids, company_id, today, include_drafts=True, exclude_orders=()):
        """SQL: one row (id, receivable, overdue_amount, max_overdue_days,
        draft_invoices, uninvoiced_orders) per commercial partner of ``ids``
        (an SQL int[] expression), in company currency; see ``_exposure``."""
        uninvoiced_where, uninvoiced = self._uninvoiced_sql()
        return SQL(
            """
            WITH p AS (SELECT DISTINCT unnest(%(ids)s) AS id),
            per_partner AS (
                -- a few rows per partner: the open receivables per due date,
                -- kept by the triggers of _init_receivable_balance
                SELECT b.partner_id,
                       SUM(b.amount_due + b.amount_credit) AS receivable,
                       SUM(b.amount_due) FILTER (
                           WHERE b.amount_due > 0 AND b.date_maturity < %(today)s) AS overdue_amount,
                       MAX(CASE WHEN b.amount_due > 0 AND b.date_maturity < %(today)s
                                THEN %(today)s - b.date_maturity END) AS max_overdue_days
                  FROM smec_credit_receivable_balance b
                 WHERE b.partner_id = ANY(ARRAY(
                           SELECT id FROM res_partner WHERE commercial_partner_id = ANY(%(ids)s)))
                   AND b.company_id = %(company)s
                 GROUP BY b.partner_id
            ),
            ar AS (
                SELECT rp.commercial_partner_id AS pid,
                       SUM(pp.receivable) AS receivable,
                       SUM(pp.overdue_amount) AS overdue_amount,
                       MAX(pp.max_overdue_days) AS max_overdue_days
                  FROM per_partner pp
                  JOIN res_partner rp ON rp.id = pp.partner_id
                 GROUP BY 1
            ),
            drafts AS (
                SELECT am.commercial_partner_id AS pid, SUM(%(draft_amount)s) AS amount
                  FROM account_move am
                 WHERE %(include_drafts)s
                   AND am.company_id = %(company)s
                   AND %(draft_invoices)s
                   AND am.commercial_partner_id = ANY(%(ids)s)
                 GROUP BY 1
            ),
            so AS (
                SELECT rp.commercial_partner_id AS pid, SUM(%(uninvoiced)s) AS amount
                  FROM sale_order so
                  JOIN sale_order_line sol ON sol.order_id = so.id
                  JOIN res_partner rp ON rp.id = so.partner_invoice_id
                 WHERE so.company_id = %(company)s
                   AND %(uninvoiced_where)s
                   AND so.id != ALL(%(exclude)s)
                   AND rp.commercial_partner_id = ANY(%(ids)s)
                 GROUP BY 1
            )
            SELECT p.id,
                   COALESCE(ar.receivable, 0) AS receivable,
                   COALESCE(ar.overdue_amount, 0) AS overdue_amount,
                   COALESCE(ar.max_overdue_days, 0) AS max_overdue_days,
                   COALESCE(drafts.amount, 0) AS draft_invoices,
                   COALESCE(so.amount, 0) AS uninvoiced_orders
              FROM p
              LEFT JOIN ar ON ar.pid = p.id
              LEFT JOIN drafts ON drafts.pid = p.id
              LEFT JOIN so ON so.pid = p.id
            """,
            ids=ids,
            today=today,
            company=company_id,
            include_drafts=include_drafts,
            exclude=exclude_orders if isinstance(exclude_orders, SQL) else (list(exclude_orders) or [0]),
            draft_invoices=self._draft_invoices_sql(),
            draft_amount=self._draft_amount_sql(),
            uninvoiced_where=uninvoiced_where,
            uninvoiced=uninvoiced,
        )

    @api.model
    def _exposure(self, partners, company, today=None, include_drafts=True, exclude_orders=None):
        """Credit exposure of commercial ``partners`` for ``company``, company currency.

        Returns {partner_id: {receivable, overdue_amount, max_overdue_days,
        draft_invoices, uninvoiced_orders, total}}:

        * receivable: posted receivable lines' residual (payments and credit
          notes not yet applied are negative and net the total);
        * draft_invoices: draft customer invoices and refunds (signed);
        * uninvoiced_orders: confirmed orders' total not yet invoiced, per line
          price_total x (ordered - invoiced) / ordered, less the down payments
          invoiced and not yet deducted, converted at the order's own rate (the
          rate of its date);
        * max_overdue_days: oldest overdue open item, in days.
        """
        ids = list(set(partners.ids))
        if not ids:
            return {}
        self.env.flush_all()  # the query reads the tables: pending ORM writes first
        query = self._exposure_sql(
            SQL("%s::int[]", ids),
            company.id,
            today or fields.Date.context_today(self),
            include_drafts=bool(include_drafts),
            exclude_orders=exclude_orders.ids if exclude_orders else (),
        )
        currency = company.currency_id
        return {
            pid: self._exposure_values(currency.rounding, receivable, overdue, max_days, drafts, orders)
            for pid, receivable, overdue, max_days, drafts, orders in self.env.execute_query(query)
        }

    @staticmethod
    def _exposure_values(rounding, receivable, overdue, max_days, drafts, orders):
        def rnd(amount):
            return float_round(float(amount), precision_rounding=rounding)

        return {
            "receivable": rnd(receivable),
            "overdue_amount": rnd(overdue),
            "max_overdue_days": max_days,
            "draft_invoices": rnd(drafts),
            "uninvoiced_orders": rnd(orders),
            "total": rnd(receivable + drafts + orders),
        }

    @api.model
    def _credit_policy_sql(self, ids, company_id, today):
        """SQL: one row (id, credit_limit, grade_id, flag_ids,
        temporary_increase) per partner of ``ids`` (an SQL int[] expression);
        see ``_credit_policy``."""
        return SQL(
            """
            SELECT rp.id,
                   %(limit)s AS credit_limit,
                   COALESCE((rp.smec_grade_id ->> c.id::text)::int, c.smec_new_customer_grade_id) AS grade_id,
                   ARRAY(SELECT f.id FROM smec_credit_risk_flag f
                          WHERE f.partner_id = rp.id AND f.active AND f.blocking
                            AND (f.company_id IS NULL OR f.company_id = c.id)
                            AND f.date <= %(today)s AND (f.date_end IS NULL OR f.date_end > %(today)s)
                          ORDER BY f.date DESC, f.id DESC) AS flag_ids,
                   (SELECT COALESCE(SUM(a.temp_limit_increase), 0) FROM smec_credit_approval a
                     WHERE a.partner_id = rp.id AND a.company_id = c.id AND a.state = 'approved'
                       AND a.decision = 'temporary' AND a.temp_until >= %(today)s) AS temporary_increase
              FROM res_partner rp
              JOIN res_company c ON c.id = %(company)s
              %(limit_joins)s
             WHERE rp.id = ANY(%(ids)s)
            """,
            ids=ids,
            company=company_id,
            today=today,
            limit=self._applied_limit_sql(),
            limit_joins=self._applied_limit_joins_sql(),
        )

    @api.model
    def _credit_policy(self, partners, company, today=None):
        """What the credit check applies to commercial ``partners`` for
        ``company``, in one query: {partner_id: {limit, grade_id, flag_ids,
        temporary_increase}}.

        * limit: the partner's own limit for the company (or its company
          default), else, while the partner has no grade, the new-customer
          grade's limit; 0 means no limit (as ``res.partner._smec_credit_limit``);
        * grade_id: the partner's grade for the company, else the new-customer grade;
        * flag_ids: its active blocking risk flags (the company's and shared ones);
        * temporary_increase: the sum of its approved increases still valid.
        """
        ids = list(set(partners.ids))
        if not ids:
            return {}
        self.env.flush_all()
        query = self._credit_policy_sql(SQL("%s::int[]", ids), company.id, today or fields.Date.context_today(self))
        return {
            pid: {
                "limit": float(limit),
                "grade_id": grade_id,
                "flag_ids": flag_ids,
                "temporary_increase": float(increase),
            }
            for pid, limit, grade_id, flag_ids, increase in self.env.execute_query(query)
        }

    # ------------------------------------------------------------
    # THE CHECK AT ORDER CONFIRMATION
    # ------------------------------------------------------------
    # One statement per company reads everything the check needs. Planning it
    # costs more than running it (about 7 ms against 1 ms on the benchmark
    # ledger), so it lives in a database function, smec_credit_order_check(),
    # whose generic plan PL/pgSQL keeps for the connection. The function is
    # recreated at each install and update from the definitions above, as
    # the exposure list's view is.

    _ORDER_CHECK_COLUMNS = [
        ("company_id", "integer"),
        ("order_id", "integer"),
        ("partner_id", "integer"),
        ("amount", "numeric"),
        ("amount_total", "numeric"),
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
    ]

    @staticmethod
    def _currency_rate_sql(currency, parent_path, date):
        """SQL: the rate of ``currency`` on ``date`` for the company of
        ``parent_path``, as ``res.currency._get_rates`` reads it: the latest
        rate on or before the date, its root company's before a shared one;
        else the earliest such rate; else 1."""
        return SQL(
            """
            COALESCE(
                (SELECT r.rate FROM res_currency_rate r
                  WHERE r.currency_id = %(currency)s AND r.name <= %(date)s
                    AND (r.company_id IS NULL OR r.company_id = split_part(%(path)s, '/', 1)::integer)
                  ORDER BY r.company_id, r.name DESC LIMIT 1),
                (SELECT r.rate FROM res_currency_rate r
                  WHERE r.currency_id = %(currency)s
                    AND (r.company_id IS NULL OR r.company_id = split_part(%(path)s, '/', 1)::integer)
                  ORDER BY r.company_id, r.name LIMIT 1),
                1.0)
            """,
            currency=currency,
            path=parent_path,
            date=date,
        )

    @api.model
    def _order_check_sql(self):
        """SQL: the rows of ``_order_check_facts`` for those of the orders $1
        (int[]) that belong to company ``v_company`` (a variable of the
        function), at date $2, taking the partners' lock rows if $3."""
        orders, company, today, take_lock = SQL("$1"), SQL("v_company"), SQL("$2"), SQL("$3")
        ids = SQL("ARRAY(SELECT DISTINCT o.partner_id FROM o ORDER BY 1)")
        uninvoiced_where, uninvoiced = self._uninvoiced_sql()
        return SQL(
            """
            WITH o AS MATERIALIZED (
                SELECT so.id, rp.commercial_partner_id AS partner_id, so.amount_total, cur.rounding,
                       CASE WHEN so.state = 'sale'
                            THEN (SELECT COALESCE(SUM(%(uninvoiced)s), 0) FROM sale_order_line sol
                                   WHERE sol.order_id = so.id AND %(uninvoiced_where)s)
                            WHEN so.currency_id = comp.currency_id THEN so.amount_total
                            -- a quotation is dated when it is confirmed: today's rate,
                            -- whatever date it carries now
                            ELSE so.amount_total * %(company_rate)s / %(order_rate)s END AS amount,
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
                 WHERE so.id = ANY(%(orders)s) AND so.company_id = %(company)s
            ),
            lock AS (%(lock)s),
            exposure AS (%(exposure)s),
            policy AS (%(policy)s)
            SELECT c.id, o.id, o.partner_id, o.amount, o.amount_total, o.paid, o.approved, o.rounding,
                   e.receivable, e.overdue_amount, e.max_overdue_days::integer, e.draft_invoices,
                   e.uninvoiced_orders, p.credit_limit, p.grade_id, p.flag_ids, p.temporary_increase,
                   g.confirmation_policy::varchar, c.smec_block_overdue_days, ccur.rounding
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
            company_rate=self._currency_rate_sql(SQL("comp.currency_id"), SQL("comp.parent_path"), today),
            order_rate=self._currency_rate_sql(SQL("so.currency_id"), SQL("comp.parent_path"), today),
            uninvoiced=uninvoiced,
            uninvoiced_where=uninvoiced_where,
            lock=self._lock_sql(ids, company, take=take_lock),
            exposure=self._exposure_sql(
                ids,
                company,
                today,
                include_drafts=SQL("(SELECT smec_include_draft_invoices FROM res_company WHERE id = %s)", company),
                exclude_orders=orders,
            ),
            policy=self._credit_policy_sql(ids, company, today),
        )

    def _init_order_check(self):
        query = self._order_check_sql()
        body = self.env.cr.mogrify(query.code, query.params).decode()
        columns = ", ".join(f"{name} {kind}" for name, kind in self._ORDER_CHECK_COLUMNS)
        # the definition is ours alone: no user input reaches it
        self.env.cr.execute(  # pylint: disable=sql-injection
            f"""
            {self._DROP_ORDER_CHECK}
            CREATE FUNCTION smec_credit_order_check(integer[], date, boolean)
            RETURNS TABLE ({columns})
            LANGUAGE plpgsql
            -- planned once per connection; a plan made for some orders' values
            -- is no better (the statement only follows indexes from the orders)
            SET plan_cache_mode = force_generic_plan
            AS $fn$
            #variable_conflict use_column
            DECLARE
                v_company integer;
            BEGIN
                -- company by company, in id order, as the lock rows are taken
                FOR v_company IN SELECT DISTINCT so.company_id FROM sale_order so WHERE so.id = ANY($1) ORDER BY 1
                LOOP
                    RETURN QUERY {body};
                END LOOP;
            END
            $fn$
            """
        )

    # every version of the function, whatever its arguments (uninstall hook too)
    _DROP_ORDER_CHECK = """
        DO $drop$
        DECLARE f regprocedure;
        BEGIN
            FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname = 'smec_credit_order_check' LOOP
                EXECUTE 'DROP FUNCTION ' || f;
            END LOOP;
        END
        $drop$;
    """

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
        * policy: what applies to the partner (``_credit_policy``) and
          grade_policy, its grade's confirmation policy;
        * block_overdue_days: the company's overdue threshold.

        With ``lock``, the partners' lock rows are taken first: concurrent checks
        of one partner are serialised until the end of the transaction.
        """
        if not orders:
            return []
        self.env.flush_all()  # the function reads the tables: pending ORM writes first
        rows = self.env.execute_query(
            SQL(
                "SELECT * FROM smec_credit_order_check(%s::integer[], %s::date, %s)",
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
                    "paid": float(r["paid"]),
                    "approved": None if r["approved"] is None else float(r["approved"]),
                    "rounding": float(r["rounding"]),
                    "exposure": self._exposure_values(
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
                    },
                    "block_overdue_days": r["block_overdue_days"],
                    "company_rounding": float(rounding),
                }
            )
        return facts

    @api.model
    def _payment_behaviour(self, partners, company, today=None, months=12):
        """Payment behaviour of commercial ``partners`` with ``company`` over the
        last ``months`` months of customer invoices.

        Returns {partner_id: {invoice_count, paid_count, on_time_share (%),
        avg_days_late, max_days_overdue, open_overdue_days, monthly_sales,
        dispute_count}}. An invoice is paid when its receivable line is fully
        reconciled; its payment date is the latest reconciliation date.
        """
        today = today or fields.Date.context_today(self)
        ids = list(set(partners.commercial_partner_id.ids))
        if not ids:
            return {}
        date_from = today - relativedelta(months=months)
        self.env.flush_all()
        query = SQL(
            """
            WITH lines AS (
                SELECT am.commercial_partner_id AS pid,
                       aml.date_maturity,
                       aml.reconciled,
                       aml.amount_residual,
                       pay.paid_date
                  FROM account_move_line aml
                  JOIN account_move am ON am.id = aml.move_id
                  JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
                  LEFT JOIN LATERAL (
                        SELECT MAX(pr.max_date) AS paid_date
                          FROM account_partial_reconcile pr
                         WHERE pr.debit_move_id = aml.id
                  ) pay ON TRUE
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND am.move_type = 'out_invoice'
                   AND aml.balance > 0
                   AND am.invoice_date >= %(date_from)s
                   AND am.commercial_partner_id = ANY(%(ids)s)
            ),
            sales AS (
                SELECT am.commercial_partner_id AS pid, SUM(am.amount_untaxed_signed) AS amount
                  FROM account_move am
                 WHERE am.company_id = %(company)s
                   AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.invoice_date >= %(date_from)s
                   AND am.commercial_partner_id = ANY(%(ids)s)
                 GROUP BY 1
            )
            SELECT lines.pid,
                   COUNT(*),
                   COUNT(*) FILTER (WHERE reconciled),
                   COUNT(*) FILTER (WHERE reconciled AND paid_date <= date_maturity),
                   AVG(GREATEST(paid_date - date_maturity, 0)) FILTER (WHERE reconciled),
                   MAX(GREATEST(CASE WHEN reconciled THEN paid_date - date_maturity
                                     WHEN amount_residual > 0 THEN %(today)s - date_maturity END, 0)),
                   MAX(%(today)s - date_maturity) FILTER (
                       WHERE NOT reconciled AND amount_residual > 0 AND date_maturity < %(today)s),
                   COALESCE(MAX(sales.amount), 0)
              FROM lines
              LEFT JOIN sales ON sales.pid = lines.pid
             GROUP BY lines.pid
            """,
            company=company.id,
            ids=ids,
            today=today,
            date_from=date_from,
        )
        disputes = self._dispute_counts(ids, company)
        result = {}
        for pid, count, paid, on_time, avg_late, max_late, open_overdue, sales in self.env.execute_query(query):
            result[pid] = {
                "invoice_count": count,
                "paid_count": paid,
                "on_time_share": round(100.0 * on_time / paid, 2) if paid else None,
                "avg_days_late": round(float(avg_late), 2) if avg_late is not None else None,
                "max_days_overdue": max_late or 0,
                "open_overdue_days": open_overdue or 0,
                "monthly_sales": company.currency_id.round(float(sales) / months),
                "dispute_count": disputes.get(pid, 0),
            }
        return result

    @api.model
    def _dispute_counts(self, partner_ids, company):
        """{partner_id: disputes}; the collection module adds its disputes."""
        return {}

    @api.model
    def _cron_progress(self, done, remaining):
        """Commit a scheduled job's progress, only when running as a cron
        (a crashed run then resumes where it stopped)."""
        if self.env.context.get("ir_cron_progress_id"):
            self.env["ir.cron"]._commit_progress(done, remaining=remaining)
