from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._smec_create_default_stages()
        return companies

    def _smec_create_default_stages(self):
        """The lawful sequence of collection, once per company: friendly reminder,
        call, formal demand letter, third-party assistance, legal preparation."""
        _ = self.env._
        Stage = self.env["smec.collection.stage"].sudo()
        stages = [
            (7, "email", _("Friendly reminder"), _("A courteous reminder with the statement of open invoices.")),
            (
                15,
                "call",
                _("Phone call"),
                _("Call the owner or the finance department; record the answer and any promise to pay."),
            ),
            (
                30,
                "letter",
                _("Formal demand letter"),
                _("正式函告: sent with proof of delivery; it restarts the limitation period."),
            ),
            (
                60,
                "letter",
                _("Third-party assistance"),
                _("Lawyer's letter or mediation (debt-collection companies are not lawful in China)."),
            ),
            (
                90,
                "legal",
                _("Legal preparation"),
                _("Gather the evidence, check the limitation period, prepare a payment order or a suit."),
            ),
        ]
        for company in self:
            if Stage.search_count([("company_id", "=", company.id)], limit=1):
                continue
            Stage.create(
                [
                    {
                        "company_id": company.id,
                        "days_overdue": days,
                        "action_type": action,
                        "name": name,
                        "description": description,
                        "sequence": index,
                    }
                    for index, (days, action, name, description) in enumerate(stages)
                ]
            )
