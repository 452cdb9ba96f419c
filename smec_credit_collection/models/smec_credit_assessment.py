from odoo import api, fields, models
from odoo.tools import SQL


class SmecCreditAssessment(models.Model):
    """Disputes and promises feed the Character criteria: how many disputes, for
    how much, and how they ended (a rejected or withdrawn dispute was the
    customer's claim that did not hold; one resolved with a credit note was the
    company's fault), and the share of promises to pay kept."""

    _inherit = "smec.credit.assessment"

    @api.model
    def _dispute_facts(self, partner_ids, company, today):
        """{partner_id: (count, amount, not upheld)} of the last 12 months."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT partner_id, COUNT(*), COALESCE(SUM(amount), 0),
                       COUNT(*) FILTER (WHERE state = 'rejected' OR resolution = 'withdrawn')
                  FROM smec_collection_dispute
                 WHERE company_id = %s AND partner_id = ANY(%s) AND state != 'cancelled'
                   AND date >= %s::date - INTERVAL '12 months'
                 GROUP BY partner_id
                """,
                company.id,
                list(partner_ids),
                today,
            )
        )
        return {pid: (count, amount, rejected) for pid, count, amount, rejected in rows}

    @api.model
    def _dispute_counts(self, partner_ids, company, today):
        counts = super()._dispute_counts(partner_ids, company, today)
        for partner_id, (count, _amount, _rejected) in self._dispute_facts(partner_ids, company, today).items():
            counts[partner_id] = counts.get(partner_id, 0) + count
        return counts

    @api.model
    def _payment_behaviour(self, partners, company, today=None, months=12):
        result = super()._payment_behaviour(partners, company, today=today, months=months)
        day = today or fields.Date.context_today(self)
        facts = self._dispute_facts(list(result), company, day)
        kept = self.env["smec.collection.promise"]._kept_rates(list(result), company, day)
        for partner_id, values in result.items():
            values["promise_kept_share"] = kept.get(partner_id)
            _count, amount, rejected = facts.get(partner_id, (0, 0.0, 0))
            sales = values.get("monthly_sales", 0.0) * months
            values["dispute_amount_share"] = round(100.0 * float(amount) / sales, 2) if sales else 0.0
            values["dispute_rejected_count"] = rejected
        return result

    def _auto_value(self, source, facts):
        if source in ("dispute_amount_share", "dispute_rejected_count"):
            return float(facts.get(source, 0)) if facts.get("invoice_count") else None
        if source == "promise_kept_share":
            # no promise settled: no data, as a new customer has no history
            return facts.get("promise_kept_share")
        return super()._auto_value(source, facts)

    def _auto_not_applicable(self, source, facts):
        # no invoice to dispute, no promise that had to be made: nothing is missing
        return source in (
            "dispute_amount_share",
            "dispute_rejected_count",
            "promise_kept_share",
        ) or super()._auto_not_applicable(source, facts)


class SmecCreditCriterion(models.Model):
    _inherit = "smec.credit.criterion"

    source = fields.Selection(
        selection_add=[
            ("dispute_amount_share", "Disputed amount (% of 12 months' sales)"),
            ("dispute_rejected_count", "Disputes rejected or withdrawn (count)"),
            ("promise_kept_share", "Promises to pay kept (%)"),
        ],
        ondelete={
            "dispute_amount_share": "set default",
            "dispute_rejected_count": "set default",
            "promise_kept_share": "set default",
        },
    )
