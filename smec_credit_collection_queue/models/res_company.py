from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_dunning_queue = fields.Boolean(
        string="Send Dunning Through Jobs",
        help="Letters, emails and call tasks of each batch are rendered and sent by a queue_job job, "
        "so that several job runners share a large run.",
    )


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    smec_dunning_queue = fields.Boolean(related="company_id.smec_dunning_queue", readonly=False)
