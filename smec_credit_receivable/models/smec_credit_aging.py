from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class SmecCreditAging(models.AbstractModel):
    """Receivable and payable aging as of any date, in one SQL query."""

    _name = "smec.credit.aging"
    _description = "Aging Engine"

    @api.model
    def _aging_query(
        self,
        company,
        as_of,
        basis="due",
        account_type="asset_receivable",
        partner_ids=None,
        user_ids=None,
        grade_ids=None,
    ):
        """SQL of the open items of ``company`` as of ``as_of``, one row per journal item.

        Open amount as of D = the item's balance minus the partial reconciliations
        dated on or before D (as debit) plus those as credit: payments and partial
        payments made after D are added back. Candidates are the items open today
        and those reconciled by something dated after D; items dated after D are
        left out. Payables are signed so that what we owe is positive.
        """
        limits = company._smec_aging_limits()
        sign = -1 if account_type == "liability_payable" else 1
        basis_date = self._aging_basis_date(basis)
        cases = [SQL("WHEN %s - %s <= 0 THEN 0", as_of, basis_date)]
        cases += [
            SQL("WHEN %s - %s <= %s THEN %s", as_of, basis_date, high, index + 1) for index, high in enumerate(limits)
        ]
        bucket = SQL("CASE %s ELSE %s END", SQL(" ").join(cases), len(limits) + 1)
        filters = [SQL("TRUE")]
        if partner_ids:
            filters.append(SQL("l.partner_id = ANY(%s)", list(partner_ids)))
        if user_ids:
            filters.append(SQL("l.user_id = ANY(%s)", list(user_ids)))
        if grade_ids:
            filters.append(SQL("l.grade_id = ANY(%s)", list(grade_ids)))
        return SQL(
            """
            WITH candidates AS (
                SELECT aml.id
                  FROM account_move_line aml
                  JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = %(account_type)s
                 WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
                   AND NOT aml.reconciled
                UNION
                SELECT unnest(ARRAY[pr.debit_move_id, pr.credit_move_id])
                  FROM account_partial_reconcile pr
                 WHERE pr.company_id = %(company)s AND pr.max_date > %(as_of)s
            ),
            applied AS (
                SELECT line_id, SUM(amount) AS amount, SUM(amount_currency) AS amount_currency
                  FROM (
                        SELECT pr.debit_move_id AS line_id, pr.amount, pr.debit_amount_currency AS amount_currency
                          FROM account_partial_reconcile pr
                         WHERE pr.max_date <= %(as_of)s AND pr.debit_move_id IN (SELECT id FROM candidates)
                        UNION ALL
                        SELECT pr.credit_move_id, -pr.amount, -pr.credit_amount_currency
                          FROM account_partial_reconcile pr
                         WHERE pr.max_date <= %(as_of)s AND pr.credit_move_id IN (SELECT id FROM candidates)
                  ) parts
                 GROUP BY line_id
            ),
            l AS (
                SELECT aml.id,
                       aml.move_id,
                       am.name AS move_name,
                       rp.commercial_partner_id AS partner_id,
                       am.invoice_user_id AS user_id,
                       (crp.smec_grade_id ->> aml.company_id::text)::int AS grade_id,
                       crp.smec_related_type AS related_type,
                       aml.company_id,
                       aml.company_currency_id,
                       aml.currency_id,
                       aml.account_id,
                       aml.date,
                       COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       COALESCE(am.invoice_date, aml.date) AS invoice_date,
                       %(sign)s * aml.balance AS original_amount,
                       %(sign)s * aml.amount_currency AS original_amount_currency,
                       %(sign)s * (aml.balance - COALESCE(applied.amount, 0)) AS open_amount,
                       %(sign)s * (aml.amount_currency - COALESCE(applied.amount_currency, 0)) AS open_amount_currency
                  FROM candidates c
                  JOIN account_move_line aml ON aml.id = c.id
                  JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = %(account_type)s
                  JOIN account_move am ON am.id = aml.move_id
                  LEFT JOIN res_partner rp ON rp.id = aml.partner_id
                  LEFT JOIN res_partner crp ON crp.id = rp.commercial_partner_id
                  LEFT JOIN applied ON applied.line_id = aml.id
                 WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted' AND aml.date <= %(as_of)s
            )
            SELECT l.*, %(as_of)s - %(basis_date)s AS days, %(bucket)s AS bucket
              FROM l
             WHERE ROUND(l.open_amount, 2) != 0 AND %(filters)s
            """,
            account_type=account_type,
            company=company.id,
            as_of=as_of,
            sign=sign,
            basis_date=basis_date,
            bucket=bucket,
            filters=SQL(" AND ").join(filters),
        )

    @api.model
    def _aging_basis_date(self, basis):
        """SQL of the day an open item ages from by ``basis`` (a value of the
        aging wizard's ``basis``), over the row ``l`` of ``_aging_query``, whose
        journal entry is ``l.move_id``. Another module adds a basis by extending
        this and the wizard's selection (``smec_credit_fapiao``: the fapiao's date)."""
        return SQL("l.invoice_date") if basis == "invoice" else SQL("l.date_maturity")

    @api.model
    def _aging_by_partner(self, company, as_of, **filters):
        """{partner_id or None: [amount per bucket] + [total]}, company currency."""
        self.env.flush_all()
        size = len(company._smec_aging_limits()) + 2
        query = SQL(
            "SELECT partner_id, bucket, SUM(open_amount) FROM (%s) aging GROUP BY partner_id, bucket",
            self._aging_query(company, as_of, **filters),
        )
        result = {}
        for partner_id, bucket, amount in self.env.execute_query(query):
            row = result.setdefault(partner_id, [0.0] * (size + 1))
            row[bucket] += float(amount)
            row[size] += float(amount)
        return result

    @api.model
    def _aging_lines(self, company, as_of, **filters):
        """The open items with their bucket, as dicts, partner then due date."""
        self.env.flush_all()
        query = SQL(
            "SELECT * FROM (%s) aging ORDER BY partner_id NULLS FIRST, date_maturity, id",
            self._aging_query(company, as_of, **filters),
        )
        return self.env.execute_query_dict(query)

    @api.model
    def _aging_export_rows(self, company, as_of, **filters):
        """The open items as the detail sheet writes them, one tuple each, partner
        then due date: (partner_id, number, date, due date, days, bucket,
        original, open, open in currency, currency_id, open unrounded, then the
        text of each of ``_aging_detail_columns``). Dates are spreadsheet serial
        numbers (days since 1899-12-30) and amounts are rounded to the currency,
        in the query: the export then only writes. The unrounded open amount adds
        up to the per-partner figures as ``_aging_by_partner`` does."""
        self.env.flush_all()
        digits = company.currency_id.decimal_places
        extra = [SQL("COALESCE((%s)::varchar, '')", column) for _label, column in self._aging_detail_columns(company)]
        query = SQL(
            """
            SELECT partner_id, COALESCE(move_name, ''), date - DATE '1899-12-30', date_maturity - DATE '1899-12-30',
                   days, bucket, ROUND(original_amount, %(digits)s)::float, ROUND(open_amount, %(digits)s)::float,
                   open_amount_currency::float, currency_id, open_amount::float %(extra)s
              FROM (%(aging)s) aging
             ORDER BY partner_id NULLS FIRST, date_maturity, id
            """,
            aging=self._aging_query(company, as_of, **filters),
            digits=digits,
            extra=SQL("").join(SQL(", %s", column) for column in extra),
        )
        return self.env.execute_query(query)

    @api.model
    def _aging_detail_columns(self, company):
        """The text columns the detail of ``company``'s aging (the workbook's
        Detail sheet, the PDF's detail pages) shows after each item's number:
        [(label, SQL of the text over the row ``aging`` of ``_aging_query``)].
        None here: another module adds its own (``smec_credit_fapiao``: the
        fapiao number, for a company in China)."""
        return []

    @api.model
    def _check_as_of(self, as_of):
        if as_of > fields.Date.context_today(self):
            raise UserError(_("The aging date %s is in the future: choose today or a past date.", as_of))
