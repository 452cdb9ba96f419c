"""What the ledger says of a partner, for its assessment.

The payment-behaviour criteria of an assessment (share paid on time,
average days late, longest overdue, disputes, monthly sales) are read from
the journal items in one query over any number of partners; the monthly
review of limits reads the same facts.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL


class SmecCreditAssessment(models.Model):
    _inherit = "smec.credit.assessment"

    def _generate_answers(self):
        """One answer per criterion; automatic ones filled from the ledger."""
        Answer = self.env["smec.credit.assessment.answer"]
        behaviour = self._payment_behaviour(self.partner_id, self.company_id)
        for assessment in self:
            facts = behaviour.get(assessment.partner_id.id, {})
            assessment.sudo().write(assessment._prepare_ledger_values(facts))
            existing = {a.criterion_id: a for a in assessment.answer_ids}
            for criterion in assessment.scorecard_id.criterion_ids:
                answer = existing.get(criterion)
                if criterion.source == "manual":
                    if not answer:
                        Answer.create({"assessment_id": assessment.id, "criterion_id": criterion.id})
                    continue
                value = assessment._auto_value(criterion.source, facts)
                # no data: unknown (scored as the conservative answer), unless the criterion does not apply
                applicable = value is not None or not assessment._auto_not_applicable(criterion.source, facts)
                vals = {"value": value or 0.0, "applicable": applicable, "answered": value is not None}
                # automatic answers come from the ledger only (smec.credit.assessment.answer)
                if answer:
                    answer.sudo().write(vals)
                else:
                    Answer.sudo().create({"assessment_id": assessment.id, "criterion_id": criterion.id, **vals})

    def _prepare_ledger_values(self, facts):
        return {
            "has_history": bool(facts.get("invoice_count")),
            "ledger_invoice_count": facts.get("invoice_count", 0),
            "ledger_on_time_share": facts.get("on_time_share") or 0.0,
            "ledger_avg_days_late": facts.get("avg_days_late") or 0.0,
            "ledger_max_days_overdue": facts.get("max_days_overdue") or 0,
            "ledger_dispute_count": facts.get("dispute_count", 0),
            "ledger_monthly_sales": facts.get("monthly_sales", 0.0),
        }

    def _auto_value(self, source, facts):
        """The value of an automatic criterion, None when there is no data."""
        if source == "industry_risk":
            level = self.partner_id.industry_id.smec_risk_level
            return float(level) if level else None
        if source == "dispute_count":
            return float(facts.get("dispute_count", 0)) if facts.get("invoice_count") else None
        if not facts.get("paid_count") and source in ("on_time_share", "avg_days_late"):
            return None
        if not facts.get("invoice_count"):
            return None
        return float(facts.get(source) or 0.0)

    def _auto_not_applicable(self, source, facts):
        """Whether an automatic criterion without data does not apply, rather than being unknown: disputes
        are counted over the partner's invoices, and a partner without invoices has none to dispute (its
        missing payment history is already scored as unknown by the payment criteria)."""
        return source == "dispute_count"

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
        disputes = self._dispute_counts(ids, company, today)
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
    def _dispute_counts(self, partner_ids, company, today):
        """{partner_id: disputes}; the collection module adds its disputes."""
        return {}
