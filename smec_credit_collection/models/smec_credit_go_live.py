"""Going live in dunning: the stage a customer's first contact goes no further than, a choice of the go-live
step. What the first run would do is the step's preview, in ``smec_credit_collection_setup``."""

from odoo import api, fields, models


class SmecCreditGoLive(models.TransientModel):
    _inherit = "smec.credit.go.live"

    first_stage_id = fields.Many2one(
        "smec.collection.stage",
        string="First Dunning Contact At Most",
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self._default_first_stage(),
        help="However old a customer's debt on the day the company goes live, its first contact is at this stage "
        "at most (by its days), and no stage holding its orders opens before a demand was delivered.",
    )

    @api.model
    def _default_first_stage(self):
        """The default plan's first letter: the formal demand."""
        plan = (
            self.env["smec.collection.plan"]
            .sudo()
            .search([("company_id", "=", self.env.company.id), ("is_default", "=", True)], limit=1)
        )
        return plan.stage_ids.filtered("channel_letter").sorted("days_overdue")[:1].with_env(self.env)

    def _go_live_values(self):
        return {**super()._go_live_values(), "smec_dunning_first_stage_id": self.first_stage_id.id}
