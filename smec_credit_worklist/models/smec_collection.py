"""A promise or a dispute saved from a worklist's outcome button closes the worklist's row (the context's
``smec_worklist_id``, which the buttons send): the list moves on."""

from odoo import api, models


class SmecCollectionPromise(models.Model):
    _inherit = "smec.collection.promise"

    @api.model_create_multi
    def create(self, vals_list):
        promises = super().create(vals_list)
        for promise in promises:
            self.env["smec.credit.worklist"]._recorded_from_context("promised", promise.partner_id)
        return promises


class SmecCollectionDispute(models.Model):
    _inherit = "smec.collection.dispute"

    @api.model_create_multi
    def create(self, vals_list):
        disputes = super().create(vals_list)
        for dispute in disputes:
            self.env["smec.credit.worklist"]._recorded_from_context("disputed", dispute.partner_id)
        return disputes
