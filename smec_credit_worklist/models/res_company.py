from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_worklist_date = fields.Date(
        string="Worklist Written On", readonly=True, help="The day the collectors' worklist was last written."
    )
