from odoo import fields, models


class SmecCreditRiskFlag(models.Model):
    _inherit = "smec.credit.risk.flag"

    flag_type = fields.Selection(
        selection_add=[("collection_legal", "Legal preparation (collection)")],
        ondelete={"collection_legal": "cascade"},
    )
