from odoo import fields, models


class SmecCreditAgingLine(models.Model):
    """The aging shows what is disputed of each open invoice, and when its claim expires."""

    _inherit = "smec.credit.aging.line"

    smec_limitation_expiry = fields.Date(related="move_id.smec_limitation_expiry", string="Claim Expires On")
    smec_limitation_status = fields.Selection(related="move_id.smec_limitation_status", string="Limitation")
    smec_disputed_amount = fields.Monetary(
        related="move_id.smec_disputed_amount", string="Disputed", currency_field="currency_id"
    )
