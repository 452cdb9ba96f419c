"""Late-payment interest of customer invoices, as of a date.

The rate of an invoice is, in this order: the rate agreed on its sale order,
the rate agreed with the customer, else the rate the law gives:

* a large enterprise or a public body paying an SME (the company is flagged
  one) owes 0.05 % a day under the payment regulation (保障中小企业款项支付
  条例) for the days from its revision's entry into force, 2025-06-01; an
  agreed rate cannot be lower than the one-year LPR of the day the invoice was
  issued (the same regulation);
* anyone else owes the one-year LPR of each day, raised by the company's
  markup (the sale-contract interpretation of the Supreme People's Court
  allows 30-50 %; 0 by default).

Interest runs on what is open each day after the due date until the as-of
date; a payment stops it on its own date. Annual rates count 365 days. The
LPR history is data (``smec.collection.lpr``) a manager extends.
"""

from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

REGULATION_FROM = date(2025, 6, 1)
REGULATION_DAILY = 0.0005
ONE_DAY = timedelta(days=1)


class SmecCollectionLpr(models.Model):
    _name = "smec.collection.lpr"
    _description = "Loan Prime Rate (LPR)"
    _order = "date desc"
    _rec_name = "date"

    date = fields.Date(string="Effective From", required=True)
    rate_1y = fields.Float(string="One-Year LPR (%)", required=True, digits=(5, 2))
    rate_5y = fields.Float(string="Five-Year LPR (%)", digits=(5, 2))

    _date_unique = models.Constraint("UNIQUE(date)", "One LPR per day.")

    @api.constrains("rate_1y", "rate_5y")
    def _check_rates(self):
        if any(not 0 < r.rate_1y < 100 or not 0 <= r.rate_5y < 100 for r in self):
            raise ValidationError(_("An LPR is a yearly percentage between 0 and 100."))

    @api.model
    def _history(self):
        """[(effective from, one-year rate %)] in date order."""
        return [(r.date, r.rate_1y) for r in self.sudo().search([], order="date")]

    @api.model
    def _rate_on(self, history, day):
        rate = None
        for start, value in history:
            if start > day:
                break
            rate = value
        if rate is None:
            raise UserError(
                _(
                    "No one-year LPR is known for %(date)s: a manager enters it under Collection > Configuration.",
                    date=day,
                )
            )
        return rate


class SmecCollectionInterest(models.AbstractModel):
    _name = "smec.collection.interest"
    _description = "Late-Payment Interest"

    @api.model
    def _basis(self, invoice, history):
        """(kind, value, label): 'daily' (a daily fraction) or 'yearly' (a %, or
        None for the LPR of each day, with the markup)."""
        company, partner = invoice.company_id, invoice.commercial_partner_id.with_company(invoice.company_id)
        orders = invoice.invoice_line_ids.sale_line_ids.order_id.filtered("smec_late_interest_rate")
        agreed = orders[:1].smec_late_interest_rate or partner.smec_late_interest_rate
        protected = company.smec_is_sme and partner.smec_debtor_size in ("large", "public")
        if agreed:
            if protected:
                floor = self.env["smec.collection.lpr"]._rate_on(history, invoice.invoice_date or invoice.date)
                if agreed < floor:
                    return (
                        "yearly",
                        floor,
                        _("Agreed %(rate)s %%, raised to the one-year LPR %(lpr)s %%", rate=agreed, lpr=floor),
                    )
            return "yearly", agreed, _("Agreed rate %(rate)s %% a year", rate=agreed)
        if protected:
            return "regulation", None, _("0.05 % a day (SME payment regulation, from 2025-06-01)")
        markup = company.smec_interest_lpr_markup
        if markup:
            return "lpr", None, _("One-year LPR plus %(markup)s %%", markup=markup)
        return "lpr", None, _("One-year LPR")

    @api.model
    def _interest(self, invoices, as_of):
        """{invoice id: {"amount", "days", "basis", "rate_label"}} as of ``as_of``,
        in company currency, for the overdue customer invoices of ``invoices``
        (from the day after the due date, or after interest already invoiced)."""
        invoices = invoices.filtered(lambda m: m.move_type == "out_invoice" and m.state == "posted")
        if not invoices:
            return {}
        self.env.flush_all()
        payments = {}
        for move_id, day, amount in self.env.execute_query(
            SQL(
                """
                SELECT inv.move_id, pay.date, SUM(pr.amount)
                  FROM account_move_line inv
                  JOIN account_account acc ON acc.id = inv.account_id AND acc.account_type = 'asset_receivable'
                  JOIN account_partial_reconcile pr ON pr.debit_move_id = inv.id
                  JOIN account_move_line pay ON pay.id = pr.credit_move_id
                 WHERE inv.move_id = ANY(%s) AND pay.date <= %s
                 GROUP BY inv.move_id, pay.date
                """,
                invoices.ids,
                as_of,
            )
        ):
            payments.setdefault(move_id, []).append((day, float(amount)))
        history = self.env["smec.collection.lpr"]._history()
        Lpr = self.env["smec.collection.lpr"]
        result = {}
        for invoice in invoices:
            start = max(invoice.invoice_date_due, invoice.smec_interest_invoiced_until or invoice.invoice_date_due)
            if start >= as_of:
                continue
            kind, value, label = self._basis(invoice, history)
            markup = 1 + invoice.company_id.smec_interest_lpr_markup / 100.0
            paid = sorted(payments.get(invoice.id, []))
            open_amount = invoice.amount_total_signed
            total, days, day = 0.0, 0, start + ONE_DAY
            paid_index = 0
            # what was paid by the first day counted
            while paid_index < len(paid) and paid[paid_index][0] <= start:
                open_amount -= paid[paid_index][1]
                paid_index += 1
            while day <= as_of:
                while paid_index < len(paid) and paid[paid_index][0] <= day:
                    open_amount -= paid[paid_index][1]
                    paid_index += 1
                if open_amount <= 0:
                    break
                if kind == "yearly":
                    daily = value / 100.0 / 365
                elif kind == "regulation" and day >= REGULATION_FROM:
                    daily = REGULATION_DAILY
                else:
                    daily = Lpr._rate_on(history, day) * markup / 100.0 / 365
                total += open_amount * daily
                days += 1
                day += ONE_DAY
            currency = invoice.company_id.currency_id
            result[invoice.id] = {
                "amount": currency.round(total),
                "days": days,
                "basis": kind,
                "rate_label": label,
                "from": start + ONE_DAY,
            }
        return result
