"""Credit exposure: the definitions, as SQL pieces, and their readers.

Each definition (the applied limit, what a confirmed order has left to
invoice, what a draft adds, the currency rate) is written once here and read
by the partner's screen (``_exposure``, ``_credit_policy``), the exposure list
(``smec.credit.exposure.report``) and the order check
(``smec.credit.order.check``) alike. Each reader is one SQL query over any
number of partners that returns plain Python data.
"""

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from .res_company_live import credit_live_sql


class SmecCreditExposure(models.AbstractModel):
    _name = "smec.credit.exposure"
    _description = "Credit Exposure Queries"

    # ------------------------------------------------------------
    # DEFINITIONS SHARED WITH THE EXPOSURE LIST (smec.credit.exposure.report)
    # ------------------------------------------------------------

    @staticmethod
    def _applied_limit_sql():
        """SQL: the limit the credit check applies to partner ``rp`` for company
        ``c`` (with ``_applied_limit_joins_sql``), the one definition the
        partner's screen, the exposure list and the check read: none once the
        company is live with Odoo's credit-limit setting (``account_use_credit_limit``)
        turned off (going live turns it on; before, the screens show the limits
        going live will apply); else the partner's value for the company if
        set, even 0 (a company-dependent field as the ORM reads it), else the
        company default; when that is 0 and the partner has no grade, the
        new-customer grade's limit; 0: no limit."""
        return SQL(
            """
            CASE WHEN %(live)s AND NOT COALESCE(c.account_use_credit_limit, FALSE) THEN 0
                 WHEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric, 0) > 0
                 THEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric)
                 WHEN rp.smec_grade_id ->> c.id::text IS NULL THEN COALESCE(newgrade.limit_amount, 0)
                 ELSE 0 END
            """,
            live=credit_live_sql(SQL("c")),
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
        and as still to invoice would count it twice. A line invoiced on
        delivery and delivered beyond what was ordered counts as delivered:
        its invoices will; so does a line the order never had, which Odoo adds
        (ordered 0) for a product the warehouse delivered on the order's
        transfer, at its unit price with taxes (``smec_unit_price_delivered``).
        The ``so`` conditions match the partial index
        sale_order_smec_open_idx."""
        where = SQL(
            """
            so.state = 'sale' AND (so.invoice_status IS NULL OR so.invoice_status != 'invoiced')
            AND sol.display_type IS NULL
            AND (sol.product_uom_qty > 0 OR sol.qty_delivered > 0 OR COALESCE(sol.is_downpayment, FALSE))
            """
        )
        amount = SQL(
            """
            (CASE WHEN sol.product_uom_qty > 0
                  -- a line invoiced on delivery and delivered beyond its order is invoiced as delivered
                  THEN sol.price_total * GREATEST(
                           CASE WHEN sol.qty_delivered > sol.product_uom_qty
                                     AND (SELECT pt.invoice_policy FROM product_product pp
                                            JOIN product_template pt ON pt.id = pp.product_tmpl_id
                                           WHERE pp.id = sol.product_id) = 'delivery'
                                THEN sol.qty_delivered ELSE sol.product_uom_qty END
                           - sol.qty_invoiced, 0) / sol.product_uom_qty
                  -- a line the order did not have, added by Odoo for a product delivered on its transfer:
                  -- invoiced as delivered when the product is invoiced on delivery
                  WHEN sol.qty_delivered > 0
                       AND (SELECT pt.invoice_policy FROM product_product pp
                              JOIN product_template pt ON pt.id = pp.product_tmpl_id
                             WHERE pp.id = sol.product_id) = 'delivery'
                  THEN COALESCE(sol.smec_unit_price_delivered, 0) * GREATEST(sol.qty_delivered - sol.qty_invoiced, 0)
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
    def _overdue_excused_sql(self, ids, company_id):
        """SQL rows (partner_id, date_maturity, amount): open receivables, in
        company currency, that the overdue check leaves out although they are
        past due. None here; collection adds the disputed parts of invoices.
        ``ids``: the commercial partners (an SQL int[] expression)."""
        return SQL("SELECT NULL::integer AS partner_id, NULL::date AS date_maturity, 0::numeric AS amount WHERE FALSE")

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
                -- less what is excused from the overdue check (disputed, in collection)
                SELECT b.partner_id,
                       SUM(b.amount_due + b.amount_credit) AS receivable,
                       SUM(b.amount_due - COALESCE(x.amount, 0)) FILTER (
                           WHERE b.amount_due - COALESCE(x.amount, 0) > 0 AND b.date_maturity < %(today)s)
                           AS overdue_amount,
                       MAX(CASE WHEN b.amount_due - COALESCE(x.amount, 0) > 0 AND b.date_maturity < %(today)s
                                THEN %(today)s - b.date_maturity END) AS max_overdue_days
                  FROM smec_credit_receivable_balance b
                  LEFT JOIN (%(excused)s) x ON x.partner_id = b.partner_id AND x.date_maturity = b.date_maturity
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
            excused=self._overdue_excused_sql(ids, company_id),
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

    @staticmethod
    def _policy_grade_sql():
        """SQL: the grade whose policy applies to partner ``rp`` for company ``c``:
        its own, else the new-customer grade."""
        return SQL("COALESCE((rp.smec_grade_id ->> c.id::text)::int, c.smec_new_customer_grade_id)")

    @staticmethod
    def _blocking_flag_sql(today):
        """SQL: conditions on the risk flag ``f`` that holds the credit orders of
        its partner for company ``c`` on ``today``: active, blocking, the
        company's or shared, raised and not lifted."""
        # (the line breaks are those of the order check's statement, which reads it)
        return SQL(
            "f.active AND f.blocking\n"
            "                            AND (f.company_id IS NULL OR f.company_id = c.id)\n"
            "                            AND f.date <= %(today)s AND (f.date_end IS NULL OR f.date_end > %(today)s)",
            today=today,
        )

    @staticmethod
    def _temporary_increase_sql(today):
        """SQL: conditions on the credit approval ``a`` whose temporary limit
        increase applies on ``today`` (to its partner and company)."""
        return SQL(
            "a.state = 'approved'\n                       AND a.decision = 'temporary' AND a.temp_until >= %(today)s",
            today=today,
        )

    @api.model
    def _credit_policy_sql(self, ids, company_id, today):
        """SQL: one row (id, credit_limit, grade_id, flag_ids,
        temporary_increase, related_type) per partner of ``ids`` (an SQL int[]
        expression); see ``_credit_policy``. Made for a few partners (the
        checks' customers): the flags and increases are read partner by
        partner; a list of all customers reads ``_credit_policies_sql``."""
        return SQL(
            """
            SELECT rp.id,
                   %(limit)s AS credit_limit,
                   %(grade)s AS grade_id,
                   ARRAY(SELECT f.id FROM smec_credit_risk_flag f
                          WHERE f.partner_id = rp.id AND %(flag)s
                          ORDER BY f.date DESC, f.id DESC) AS flag_ids,
                   (SELECT COALESCE(SUM(a.temp_limit_increase), 0) FROM smec_credit_approval a
                     WHERE a.partner_id = rp.id AND a.company_id = c.id AND %(increase)s) AS temporary_increase,
                   rp.smec_related_type AS related_type
              FROM res_partner rp
              JOIN res_company c ON c.id = %(company)s
              %(limit_joins)s
             WHERE rp.id = ANY(%(ids)s)
            """,
            ids=ids,
            company=company_id,
            limit=self._applied_limit_sql(),
            grade=self._policy_grade_sql(),
            flag=self._blocking_flag_sql(today),
            increase=self._temporary_increase_sql(today),
            limit_joins=self._applied_limit_joins_sql(),
        )

    @api.model
    def _credit_policies_sql(self, keys, today):
        """SQL: the policy of ``_credit_policy_sql`` for every row (pid,
        company_id) of ``keys`` (an SQL relation, a CTE's name), for lists of
        thousands of customers: rows (id, company_id, credit_limit, grade_id,
        flagged, temporary_increase, related_type). The blocking flags and the
        temporary increases in force are grouped once for all partners and
        joined by partner and company, on the same conditions: read partner by
        partner, as the checks read them for their few customers, they cost
        the list of 20,002 customers of bench/run.py 304,000 buffer reads
        instead of 3,200, and a nested loop the planner then keeps for the
        whole query."""
        return SQL(
            """
            WITH flagged AS (
                SELECT DISTINCT f.partner_id AS pid, c.id AS company_id
                  FROM smec_credit_risk_flag f
                  JOIN res_company c ON %(flag)s
            ),
            increases AS (
                SELECT a.partner_id AS pid, a.company_id, SUM(a.temp_limit_increase) AS amount
                  FROM smec_credit_approval a
                 WHERE %(increase)s
                 GROUP BY 1, 2
            )
            SELECT k.pid AS id, k.company_id,
                   %(limit)s AS credit_limit,
                   %(grade)s AS grade_id,
                   flagged.pid IS NOT NULL AS flagged,
                   COALESCE(increases.amount, 0) AS temporary_increase,
                   rp.smec_related_type AS related_type
              FROM %(keys)s k
              JOIN res_partner rp ON rp.id = k.pid
              JOIN res_company c ON c.id = k.company_id
              %(limit_joins)s
              LEFT JOIN flagged ON flagged.pid = k.pid AND flagged.company_id = k.company_id
              LEFT JOIN increases ON increases.pid = k.pid AND increases.company_id = k.company_id
            """,
            keys=keys,
            limit=self._applied_limit_sql(),
            grade=self._policy_grade_sql(),
            flag=self._blocking_flag_sql(today),
            increase=self._temporary_increase_sql(today),
            limit_joins=self._applied_limit_joins_sql(),
        )

    @api.model
    def _credit_policy(self, partners, company, today=None):
        """What the credit check applies to commercial ``partners`` for
        ``company``, in one query: {partner_id: {limit, grade_id, flag_ids,
        temporary_increase}}.

        * limit: the partner's own limit for the company (or its company
          default), else, while the partner has no grade, the new-customer
          grade's limit; 0 means no limit (``_applied_limit_sql``);
        * grade_id: the partner's grade for the company, else the new-customer grade;
        * flag_ids: its active blocking risk flags (the company's and shared ones);
        * temporary_increase: the sum of its approved increases still valid;
        * related_type: how it is related to the owners, if it is a related party.
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
                "related_type": related_type,
            }
            for pid, limit, grade_id, flag_ids, increase, related_type in self.env.execute_query(query)
        }
