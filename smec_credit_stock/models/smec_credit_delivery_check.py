"""The credit check at the warehouse door: the lock, then one statement.

``_delivery_check_facts`` reads what the check of some deliveries needs in one
database call, as the order check does (``smec.credit.order.check``): it takes
the per-customer lock row of the order check (a delivery and an order of one
customer checked at the same time are serialised, whichever comes first), and
reads the customer's exposure and policy from the definitions of
``smec.credit.exposure`` that the screens and the order check read too, with
what the delivery itself brings:

* whether it is one the hold applies to: an outgoing transfer to a customer's
  location, not a return, not done or cancelled; receipts, returns and
  internal transfers never are;
* whether a Credit Manager released it (``smec.credit.delivery.release``);
* its value (what its demand is worth at the order's prices, company currency,
  taxes included; at the product's sales price for a move no order line prices);
* what it delivers beyond the order (quantities above the ordered ones of lines
  invoiced on delivery, at the order's prices; products the order does not
  have, added on the transfer by the warehouse, at their sales price with
  taxes): an amendment of the order;
* whether its order is paid in full online, or approved once for its total.

The statement lives in a database function whose generic plan PL/pgSQL keeps
for the connection (planning it costs more than running it), recreated at each
install and update, as the order check's is.
"""

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from odoo.addons.smec_credit.models.res_company_live import credit_live_sql
from odoo.addons.smec_credit.tools.check_function import create_check_function, drop_check_functions


class SmecCreditDeliveryCheck(models.AbstractModel):
    _name = "smec.credit.delivery.check"
    _description = "Credit Check of Deliveries"

    _DELIVERY_CHECK_COLUMNS = [
        ("company_id", "integer"),
        ("picking_id", "integer"),
        ("partner_id", "integer"),
        ("applies", "boolean"),
        ("released", "boolean"),
        ("value", "numeric"),
        ("over_value", "numeric"),
        ("paid_in_full", "boolean"),
        ("approved", "boolean"),
        ("receivable", "numeric"),
        ("overdue_amount", "numeric"),
        ("max_overdue_days", "integer"),
        ("draft_invoices", "numeric"),
        ("uninvoiced_orders", "numeric"),
        ("credit_limit", "numeric"),
        ("flag_ids", "integer[]"),
        ("temporary_increase", "numeric"),
        ("stop_days", "integer"),
        ("stop_over_limit", "boolean"),
        ("hold_mode", "varchar"),
        ("company_rounding", "numeric"),
        ("live", "boolean"),
    ]

    def init(self):
        self._init_delivery_check()

    @api.model
    def _delivery_check_sql(self, lock):
        """SQL: the rows of ``_delivery_check_facts`` for those of the transfers
        $1 (int[]) of company ``v_company`` (a variable of the function), at
        date $2, taking the customers' lock rows if ``lock``. Without it, the
        statement only reads: a screen reads it in a read-only transaction (a
        replica's, or Odoo's read-only requests), where a data-modifying
        statement is refused even when it would modify nothing."""
        pickings, company, today = SQL("$1"), SQL("v_company"), SQL("$2")
        ids = SQL("ARRAY(SELECT DISTINCT pk.partner_id FROM pk WHERE pk.applies ORDER BY 1)")
        Exposure = self.env["smec.credit.exposure"]
        return SQL(
            """
            WITH pk AS MATERIALIZED (
                SELECT sp.id, rp.commercial_partner_id AS partner_id, so.id AS order_id,
                       (spt.code = 'outgoing' AND sp.return_id IS NULL AND dest.usage = 'customer'
                        AND sp.state NOT IN ('done', 'cancel')) AS applies,
                       EXISTS (SELECT 1 FROM smec_credit_delivery_release r
                                WHERE r.picking_id = sp.id AND r.state = 'released') AS released,
                       -- paid in full online, or approved once for its total: as the order check reads it
                       so.id IS NOT NULL AND so.amount_total > 0 AND so.amount_total <= (
                           SELECT COALESCE(SUM(tx.amount), 0)
                             FROM sale_order_transaction_rel rel
                             JOIN payment_transaction tx ON tx.id = rel.transaction_id
                            WHERE rel.sale_order_id = so.id AND tx.state IN ('authorized', 'done')) AS paid_in_full,
                       so.id IS NOT NULL AND EXISTS (
                           SELECT 1 FROM smec_credit_approval a
                            WHERE a.order_id = so.id AND a.state = 'approved' AND a.decision = 'once'
                              AND a.order_amount >= so.amount_total) AS approved
                  FROM stock_picking sp
                  JOIN stock_picking_type spt ON spt.id = sp.picking_type_id
                  JOIN stock_location dest ON dest.id = sp.location_dest_id
                  -- the transfer's order: its moves' (sale_id), else its references' (a backorder of products
                  -- the order does not have: Odoo adds them to that order at validation)
                  LEFT JOIN sale_order so ON so.state = 'sale' AND so.id = COALESCE(sp.sale_id, (
                      SELECT srs.sale_id FROM stock_move rm
                        JOIN stock_reference_move_rel rmr ON rmr.move_id = rm.id
                        JOIN stock_reference_sale_rel srs ON srs.reference_id = rmr.reference_id
                       WHERE rm.picking_id = sp.id
                       ORDER BY srs.sale_id DESC LIMIT 1))
                  -- the company invoiced bears the risk, as the exposure counts it
                  JOIN res_partner rp ON rp.id = COALESCE(so.partner_invoice_id, sp.partner_id)
                 WHERE sp.id = ANY(%(pickings)s) AND sp.company_id = %(company)s
            ),
            -- the order line each move delivers: its own, or for a move the warehouse added, the order's
            -- first line of the product (Odoo links it there at validation: _action_synch_order)
            mv AS (
                SELECT m.id, m.picking_id, m.product_id, m.product_uom, m.quantity, m.product_uom_qty,
                       m.product_qty, pk.order_id,
                       COALESCE(m.sale_line_id, (
                           SELECT osl.id FROM sale_order_line osl
                            WHERE osl.order_id = pk.order_id AND osl.product_id = m.product_id
                            ORDER BY osl.sequence, osl.id LIMIT 1)) AS line_id
                  FROM stock_move m
                  JOIN pk ON pk.id = m.picking_id AND pk.applies
                 WHERE m.state NOT IN ('done', 'cancel')
            ),
            -- what each order line of the transfers delivers now, in the line's unit
            line AS (
                SELECT mv.picking_id, sol.id AS line_id,
                       SUM(mv.quantity * mu.factor / lu.factor) AS now,
                       SUM(mv.product_uom_qty * mu.factor / lu.factor) AS demand
                  FROM mv
                  JOIN sale_order_line sol ON sol.id = mv.line_id
                  JOIN uom_uom mu ON mu.id = mv.product_uom
                  JOIN uom_uom lu ON lu.id = sol.product_uom_id
                 GROUP BY 1, 2
            ),
            priced AS (
                SELECT line.picking_id,
                       SUM(line.demand * unit.price) AS value,
                       -- beyond what was ordered (and not already delivered beyond it),
                       -- on lines invoiced on delivery: what the order's invoices will add
                       SUM(CASE WHEN pt.invoice_policy = 'delivery'
                                THEN GREATEST(sol.qty_delivered + line.now
                                              - GREATEST(sol.product_uom_qty, sol.qty_delivered), 0) * unit.price
                                ELSE 0 END) AS over_value
                  FROM line
                  JOIN sale_order_line sol ON sol.id = line.line_id
                  JOIN sale_order so ON so.id = sol.order_id AND so.state = 'sale'
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  CROSS JOIN LATERAL (
                      SELECT sol.price_total / NULLIF(sol.product_uom_qty, 0)
                             / COALESCE(NULLIF(so.currency_rate, 0), 1) AS price
                  ) unit
                 GROUP BY 1
            ),
            unpriced AS (
                -- moves no confirmed order line prices: the product's sales price, taxes included (its
                -- percentage sales taxes of the company; the order's pricelist may change it). On a
                -- confirmed order's transfer, a product the order does not have and invoices on delivery
                -- is beyond the order: Odoo adds it to the order at validation, ordered 0, delivered all
                SELECT mv.picking_id, SUM(mv.product_qty * unit.price) AS value,
                       SUM(CASE WHEN mv.order_id IS NOT NULL AND mv.line_id IS NULL
                                     AND pt.invoice_policy = 'delivery'
                                THEN mv.quantity * mu.factor / pu.factor * unit.price ELSE 0 END) AS over_value
                  FROM mv
                  JOIN product_product pp ON pp.id = mv.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN uom_uom mu ON mu.id = mv.product_uom
                  JOIN uom_uom pu ON pu.id = pt.uom_id
                  LEFT JOIN sale_order_line sol ON sol.id = mv.line_id
                  LEFT JOIN sale_order so ON so.id = sol.order_id AND so.state = 'sale'
                  CROSS JOIN LATERAL (
                      SELECT pt.list_price * (1 + COALESCE((
                                 SELECT SUM(tax.amount) / 100 FROM product_taxes_rel ptr
                                   JOIN account_tax tax ON tax.id = ptr.tax_id
                                  WHERE ptr.prod_id = pt.id AND tax.company_id = %(company)s
                                    AND tax.amount_type = 'percent' AND tax.active
                                    AND COALESCE(tax.price_include_override, (
                                            SELECT tc.account_price_include FROM res_company tc
                                             WHERE tc.id = tax.company_id)) = 'tax_excluded'), 0)) AS price
                  ) unit
                 WHERE so.id IS NULL
                 GROUP BY 1
            ),
            lock AS (%(lock)s),
            exposure AS (%(exposure)s),
            policy AS (%(policy)s)
            SELECT c.id, pk.id, pk.partner_id, pk.applies, pk.released,
                   COALESCE(priced.value, 0) + COALESCE(unpriced.value, 0),
                   COALESCE(priced.over_value, 0) + COALESCE(unpriced.over_value, 0),
                   pk.paid_in_full, pk.approved,
                   e.receivable, e.overdue_amount, e.max_overdue_days::integer, e.draft_invoices,
                   e.uninvoiced_orders, p.credit_limit, p.flag_ids, p.temporary_increase,
                   c.smec_stop_shipping_days, COALESCE(c.smec_stop_shipping_over_limit, FALSE),
                   c.smec_hold_mode::varchar, ccur.rounding, %(live)s
              FROM pk
              JOIN res_company c ON c.id = %(company)s
              JOIN res_currency ccur ON ccur.id = c.currency_id
              LEFT JOIN priced ON priced.picking_id = pk.id
              LEFT JOIN unpriced ON unpriced.picking_id = pk.id
              LEFT JOIN exposure e ON e.id = pk.partner_id AND pk.applies
              LEFT JOIN policy p ON p.id = pk.partner_id AND pk.applies
             ORDER BY array_position(%(pickings)s, pk.id)
            """,
            pickings=pickings,
            company=company,
            lock=self.env["smec.credit.order.check"]._lock_sql(ids, company, take=SQL("TRUE"))
            if lock
            else SQL("SELECT 1"),
            exposure=Exposure._exposure_sql(
                ids,
                company,
                today,
                include_drafts=SQL("(SELECT smec_include_draft_invoices FROM res_company WHERE id = %s)", company),
            ),
            policy=Exposure._credit_policy_sql(ids, company, today),
            live=credit_live_sql(SQL("c")),
        )

    # smec_credit_delivery_check(pickings, date) takes the locks; smec_credit_delivery_facts only reads
    _DELIVERY_CHECK_FUNCTIONS = ("smec_credit_delivery_check", "smec_credit_delivery_facts")

    def _init_delivery_check(self):
        drop_check_functions(self.env.cr, self._DELIVERY_CHECK_FUNCTIONS)
        for name, lock in zip(self._DELIVERY_CHECK_FUNCTIONS, (True, False), strict=True):
            create_check_function(
                self.env.cr,
                name,
                "integer[], date",
                self._DELIVERY_CHECK_COLUMNS,
                "SELECT DISTINCT sp.company_id FROM stock_picking sp WHERE sp.id = ANY($1) ORDER BY 1",
                self._delivery_check_sql(lock),
            )

    @api.model
    def _delivery_check_facts(self, pickings, lock=True, today=None):
        """Everything the credit check of ``pickings`` needs, in one call:
        [{...}], one dict per transfer, by company and then in the order of
        ``pickings``, with company_id, picking_id, partner_id (the commercial
        partner invoiced, the delivery's own without an order), applies,
        released, value and over_value (company currency), paid_in_full,
        approved, exposure (``smec.credit.exposure._exposure``, this delivery's
        over-delivery not included), policy (limit, flag_ids,
        temporary_increase), stop_days, stop_over_limit, hold_mode, live.

        With ``lock``, the lock rows of the customers the hold applies to are
        taken first, the order check's own: concurrent checks of one customer
        are serialised until the end of the transaction."""
        if not pickings:
            return []
        self.env.flush_all()  # the function reads the tables: pending ORM writes first
        rows = self.env.execute_query(
            SQL(
                "SELECT * FROM %s(%s::integer[], %s::date)",
                SQL.identifier("smec_credit_delivery_check" if lock else "smec_credit_delivery_facts"),
                pickings.ids,
                today or fields.Date.context_today(self),
            )
        )
        names = [name for name, _kind in self._DELIVERY_CHECK_COLUMNS]
        Exposure = self.env["smec.credit.exposure"]
        facts = []
        for row in rows:
            r = dict(zip(names, row, strict=True))
            rounding = r["company_rounding"]

            def rnd(amount, rounding=rounding):
                return float_round(float(amount or 0), precision_rounding=rounding)

            facts.append(
                {
                    "company_id": r["company_id"],
                    "picking_id": r["picking_id"],
                    "partner_id": r["partner_id"],
                    "applies": r["applies"],
                    "released": r["released"],
                    "value": rnd(r["value"]),
                    "over_value": rnd(r["over_value"]),
                    "paid_in_full": r["paid_in_full"],
                    "approved": r["approved"],
                    "exposure": Exposure._exposure_values(
                        rounding,
                        r["receivable"] or 0,
                        r["overdue_amount"] or 0,
                        r["max_overdue_days"] or 0,
                        r["draft_invoices"] or 0,
                        r["uninvoiced_orders"] or 0,
                    ),
                    "policy": {
                        "limit": float(r["credit_limit"] or 0),
                        "flag_ids": r["flag_ids"] or [],
                        "temporary_increase": float(r["temporary_increase"] or 0),
                    },
                    "stop_days": r["stop_days"],
                    "stop_over_limit": r["stop_over_limit"],
                    "hold_mode": r["hold_mode"],
                    "live": r["live"],
                    "company_rounding": float(rounding),
                }
            )
        return facts
