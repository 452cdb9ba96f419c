"""Who follows a customer up is a collection term like its dunning plan: its collector (collection's
``smec_collector_id``) is changed only by a Credit or Collection Manager, through any interface, and logged (a
collector who may edit contacts does not hand customers on from the partner's form, as the worklist does not let
them)."""

from odoo import api, fields, models

CREDIT_MANAGER = "smec_credit.group_credit_manager"
COLLECTION_MANAGER = "smec_credit_collection.group_collection_manager"


class SmecCreditLog(models.Model):
    _inherit = "smec.credit.log"

    field = fields.Selection(selection_add=[("collector", "Collector")], ondelete={"collector": "cascade"})


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _smec_credit_fields(self):
        return {
            **super()._smec_credit_fields(),
            "smec_collector_id": ("collector", (CREDIT_MANAGER, COLLECTION_MANAGER)),
        }
