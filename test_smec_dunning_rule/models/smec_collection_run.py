from odoo import models
from odoo.tools import SQL


class SmecCollectionRun(models.Model):
    _inherit = "smec.collection.run"

    def _smec_dunning_candidate_conditions(self, aml, partner):
        """One rule more: a customer with this module's tag is not dunned (an
        index lookup in the tags' relation, per item)."""
        tag = self.env.ref("test_smec_dunning_rule.category_no_dunning", raise_if_not_found=False)
        conditions = super()._smec_dunning_candidate_conditions(aml, partner)
        if not tag:
            return conditions
        return [
            *conditions,
            SQL(
                """NOT EXISTS (SELECT 1 FROM res_partner_res_partner_category_rel t
                                WHERE t.partner_id = %s AND t.category_id = %s)""",
                partner,
                tag.id,
            ),
        ]
