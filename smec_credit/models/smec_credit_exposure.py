"""Credit exposure: the definitions, as SQL pieces, and their readers.

Each definition of what a customer owes or has committed (the open
receivables, what a confirmed order has left to invoice, what a draft adds,
the currency rate) is written once here and read by the partner's screen
(``_exposure``), the exposure list (``smec.credit.exposure.report``) and the
order check (``smec.credit.order.check``) alike. Each reader is one SQL query
over any number of partners that returns plain Python data. What the check
applies to that exposure (the limit, grade, blocking flags and temporary
increases) is the policy, in ``smec_credit_exposure_policy.py``.
"""

from odoo import api, fields, models
from odoo.tools import SQL, float_round


class SmecCreditExposure(models.AbstractModel):
    _name = "smec.credit.exposure"
    _description = "Credit Exposure Queries"

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
