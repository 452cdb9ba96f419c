from odoo import api, models
from odoo.tools import SQL


class SmecCreditExposure(models.AbstractModel):
    _inherit = "smec.credit.exposure"

    @api.model
    def _overdue_excused_sql(self, ids, company_id):
        """The disputed part of overdue invoices leaves the overdue hold while
        the dispute is open; the undisputed rest still counts."""
        if self.env.context.get("smec_collection_uninstall"):
            return super()._overdue_excused_sql(ids, company_id)
        self.env["smec.collection.dispute.line"].flush_model(["move_id", "amount", "state", "company_id", "partner_id"])
        disputed = self.env["smec.collection.dispute.line"]._disputed_sql(
            company_id, SQL("d.partner_id = ANY(%s)", ids)
        )
        return SQL(
            "SELECT partner_id, date_maturity, ROUND(SUM(disputed), 2) AS amount FROM (%s) dl GROUP BY 1, 2",
            disputed,
        )
