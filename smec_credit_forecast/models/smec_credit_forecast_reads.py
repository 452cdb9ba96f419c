"""The forecast's reads, as of any date: one statement each, plain Python data out.

The open items are the aging's (``smec.credit.aging._aging_query``: the receivable items open on the date,
payments dated after it added back), so the forecast and the aging always start from the same figures. The
history is the invoices the customers had paid in full by that date, with the day of their last settlement,
read from the same tables the aging reads (``account_move_line``, ``account_partial_reconcile``); promises,
disputes and legal files are taken as they stood on the date (made on or before it, not yet settled or
closed then), so that a forecast made as of a past date sees what was known that day and no more.
"""

from datetime import timedelta
from decimal import Decimal

from odoo import api, models
from odoo.tools import SQL


class SmecCreditForecastReads(models.AbstractModel):
    _name = "smec.credit.forecast.reads"
    _description = "Cash-in Forecast Reads"

    @api.model
    def _open_items(self, company, as_of):
        """The receivable items open on ``as_of`` (debit balance), with their customer's collector: dicts with
        id, move_id, partner_id (the commercial partner), user_id (collector), currency_id, date_maturity,
        late (days past due on ``as_of``), open_amount (company currency), open_amount_currency."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT aging.id, aging.move_id, aging.partner_id, aging.currency_id, aging.date_maturity,
                   aging.days AS late, aging.open_amount::float AS open_amount,
                   aging.open_amount_currency::float AS open_amount_currency,
                   (rp.smec_collector_id ->> %(company)s::text)::int AS user_id
              FROM (%(aging)s) aging
              LEFT JOIN res_partner rp ON rp.id = aging.partner_id
             WHERE aging.open_amount > 0
             ORDER BY aging.partner_id, aging.date_maturity, aging.id
            """,
            company=str(company.id),
            aging=self.env["smec.credit.aging"]._aging_query(company, as_of),
        )
        return self.env.execute_query_dict(query)

    @api.model
    def _paid_history(self, company, as_of, lookback_days):
        """The customer invoices paid in full on or before ``as_of``, their last settlement within the
        ``lookback_days`` before it: (partner_id, days late, days between that settlement and ``as_of``), one
        tuple per receivable item. Days late are the last settlement's date minus the due date (negative:
        paid early)."""
        self.env.flush_all()
        query = SQL(
            """
            WITH settled AS (
                SELECT pr.debit_move_id AS line_id, SUM(pr.amount) AS amount, MAX(pr.max_date) AS paid_on
                  FROM account_partial_reconcile pr
                 WHERE pr.company_id = %(company)s AND pr.max_date <= %(as_of)s
                 GROUP BY pr.debit_move_id
            )
            SELECT rp.commercial_partner_id, s.paid_on - COALESCE(aml.date_maturity, aml.date), %(as_of)s - s.paid_on
              FROM settled s
              JOIN account_move_line aml ON aml.id = s.line_id
              JOIN account_move am ON am.id = aml.move_id AND am.move_type = 'out_invoice'
              JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
              JOIN res_partner rp ON rp.id = aml.partner_id
             WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted' AND aml.balance > 0
               AND s.paid_on > %(since)s AND s.amount >= aml.balance - 0.005
            """,
            company=company.id,
            as_of=as_of,
            since=as_of - timedelta(days=lookback_days),
        )
        return self.env.execute_query(query)

    @api.model
    def _promised(self, company, as_of, items=None):
        """The instalments of the promises open on ``as_of`` (made on or before it, and open then: still open,
        or kept, broken or cancelled after it), per covered item: (item id, promise id, instalment date,
        instalment share of the promise, promise amount, open amount of the promise's items on ``as_of``).
        Open amounts are the aging's as of the date: those of ``items`` (``_open_items``, read again when not
        given), summed as the database sums numbers (exact decimals), so that the aging is not read twice."""
        if items is None:
            items = self._open_items(company, as_of)
        self.env.flush_all()
        query = SQL(
            """
            SELECT p.id, l.id, l.date, (l.amount / p.amount)::float, p.amount::float,
                   array_agg(r.move_id)
              FROM smec_collection_promise p
              JOIN smec_collection_promise_line l ON l.promise_id = p.id
              JOIN smec_collection_promise_invoice_rel r ON r.promise_id = p.id
             WHERE p.company_id = %(company)s AND p.date <= %(as_of)s
               AND (p.state = 'open' OR (p.state IN ('kept', 'broken', 'cancelled') AND p.date_settled > %(as_of)s))
               AND p.amount > 0
             GROUP BY p.id, l.id
            """,
            company=company.id,
            as_of=as_of,
        )
        by_move = {}
        for item in items:
            by_move.setdefault(item["move_id"], []).append(item)
        found = []
        for promise, line, day, share, amount, moves in self.env.execute_query(query):
            covered = [item for move in moves for item in by_move.get(move, ())]
            if not covered:
                continue
            total = float(sum(Decimal(repr(item["open_amount"])) for item in covered))
            found += [(item["id"], promise, day, share, amount, total, line) for item in covered]
        found.sort(key=lambda row: (row[0], row[2], row[6]))
        return [row[:6] for row in found]

    @api.model
    def _kept_rates(self, company, as_of, months=12):
        """Share (0..1) of promises kept among those settled kept or broken in the ``months`` before ``as_of``:
        ({partner_id: rate}, the company's rate or None)."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT partner_id, COUNT(*) FILTER (WHERE state = 'kept')::float / NULLIF(COUNT(*), 0)
              FROM smec_collection_promise
             WHERE company_id = %(company)s AND state IN ('kept', 'broken')
               AND date_settled <= %(as_of)s AND date_settled > %(as_of)s::date - make_interval(months => %(months)s)
             GROUP BY GROUPING SETS ((partner_id), ())
            """,
            company=company.id,
            as_of=as_of,
            months=months,
        )
        rates, company_rate = {}, None
        for partner_id, rate in self.env.execute_query(query):
            if rate is None:  # the company's row of a company without settled promises
                continue
            if partner_id is None:
                company_rate = rate
            else:
                rates[partner_id] = rate
        return rates, company_rate

    @api.model
    def _disputed(self, company, as_of):
        """{invoice id: disputed amount in the invoice's currency} of the disputes open on ``as_of`` (opened on
        or before it, and open then: still open or in negotiation, or closed after it)."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT l.move_id, SUM(l.amount)::float
              FROM smec_collection_dispute_line l
              JOIN smec_collection_dispute d ON d.id = l.dispute_id
             WHERE d.company_id = %(company)s AND d.date <= %(as_of)s
               AND (d.state IN ('open', 'negotiation') OR (d.date_closed IS NOT NULL AND d.date_closed > %(as_of)s))
             GROUP BY l.move_id
            """,
            company=company.id,
            as_of=as_of,
        )
        return dict(self.env.execute_query(query))

    @api.model
    def _claimed(self, company, as_of):
        """The invoices claimed by a legal file open on ``as_of`` (opened on or before it, not closed then)."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT DISTINCT r.move_id
              FROM smec_collection_legal_file_invoice_rel r
              JOIN smec_collection_legal_file f ON f.id = r.file_id
             WHERE f.company_id = %(company)s AND f.create_date::date <= %(as_of)s
               AND (f.state != 'closed' OR f.date_closed > %(as_of)s)
            """,
            company=company.id,
            as_of=as_of,
        )
        return {move_id for (move_id,) in self.env.execute_query(query)}

    @api.model
    def _received(self, company, as_of, weeks):
        """What the items open on ``as_of`` received in each of the ``weeks`` weeks after it, company currency:
        a list of ``weeks`` amounts. Receipts are the reconciliations dated in the week whose other side is
        not a credit note (a credit note settles, it does not bring cash in)."""
        self.env.flush_all()
        query = SQL(
            """
            SELECT (pr.max_date - %(as_of)s - 1) / 7, SUM(pr.amount)::float
              FROM account_partial_reconcile pr
              JOIN (%(aging)s) aging ON aging.id = pr.debit_move_id AND aging.open_amount > 0
              JOIN account_move_line pay ON pay.id = pr.credit_move_id
              JOIN account_move pm ON pm.id = pay.move_id AND pm.move_type != 'out_refund'
             WHERE pr.max_date > %(as_of)s AND pr.max_date <= %(as_of)s + %(days)s
             GROUP BY 1
            """,
            as_of=as_of,
            days=7 * weeks,
            aging=self.env["smec.credit.aging"]._aging_query(company, as_of),
        )
        received = [0.0] * weeks
        for week, amount in self.env.execute_query(query):
            received[week] += amount
        return received
