from odoo import fields, models

LOGGED_FIELDS = [
    ("grade", "Grade"),
    ("supplier_grade", "Supplier grade"),
    ("credit_limit", "Credit limit"),
    ("payment_term", "Payment term"),
    ("uscc_override", "USCC check overridden"),
]


class SmecCreditLog(models.Model):
    """Who changed a partner's credit terms, when, from what to what, and why."""

    _name = "smec.credit.log"
    _description = "Credit Policy Change Log"
    _order = "create_date desc, id desc"
    _log_access = True

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, default=lambda self: self.env.user)
    field = fields.Selection(LOGGED_FIELDS, required=True, readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Char(readonly=True)
