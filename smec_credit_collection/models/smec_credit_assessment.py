from odoo import api, models
from odoo.tools import SQL


class SmecCreditAssessment(models.Model):
    _inherit = "smec.credit.assessment"

    @api.model
    def _dispute_counts(self, partner_ids, company, today):
        """Disputes of the last 12 months feed the Character score."""
        counts = super()._dispute_counts(partner_ids, company, today)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT partner_id, COUNT(*) FROM smec_collection_dispute
                 WHERE company_id = %s AND partner_id = ANY(%s) AND state != 'cancelled'
                   AND date >= %s::date - INTERVAL '12 months'
                 GROUP BY partner_id
                """,
                company.id,
                list(partner_ids),
                today,
            )
        )
        for partner_id, count in rows:
            counts[partner_id] = counts.get(partner_id, 0) + count
        return counts
