from odoo import fields, models


class SmecCreditSettlementMethod(models.Model):
    _name = "smec.credit.settlement.method"
    _description = "Settlement Method"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _code_unique = models.UniqueIndex("(code)", "A settlement method with this code already exists.")
