from odoo import fields, models


class SmecCreditAgingLine(models.Model):
    """The aging shows when each open invoice's claim expires."""

    _inherit = "smec.credit.aging.line"

    smec_limitation_expiry = fields.Date(related="move_id.smec_limitation_expiry", string="Claim Expires On")
    smec_limitation_status = fields.Selection(related="move_id.smec_limitation_status", string="Limitation")
