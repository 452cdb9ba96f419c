"""What going live would start in dunning, in the go-live preview (``smec_credit_setup``): the first run's
contacts, by stage, up to the first stage the step chose (``smec_credit_collection``)."""

from odoo import fields, models

# what a dunning contact's channel is in the go-live preview
KIND_OF_CHANNEL = {"email": "email", "letter": "letter", "call": "call", "hold": "legal"}


class SmecCreditGoLive(models.TransientModel):
    _inherit = "smec.credit.go.live"

    def _preview_lines(self):
        return super()._preview_lines() + self._dunning_preview_lines()

    def _dunning_preview_lines(self):
        """The contacts of the run going live today would make, by stage: the run selects them as it will (the
        company live, with this first stage) inside a savepoint that is then rolled back, so nothing is kept and
        nothing sent."""
        self.ensure_one()
        company = self.company_id.sudo()
        Run = self.env["smec.collection.run"].sudo()
        today = fields.Date.context_today(self)
        lines = []
        with self.env.cr.savepoint() as savepoint:
            company.write({"smec_credit_live_date": today, "smec_dunning_first_stage_id": self.first_stage_id.id})
            run = Run.create({"company_id": company.id, "kind": "scheduled", "date": Run._today(company)})
            run._select()
            contacts = run.contact_ids.filtered(lambda c: c.state != "cancelled")
            for contact in contacts.sorted(lambda c: (c.stage_id.days_overdue, c.partner_id.name or "", c.id)):
                lines.append(
                    {
                        "kind": KIND_OF_CHANNEL[contact.channel],
                        "partner_id": contact.partner_id.id,
                        "document": ", ".join(contact.line_ids.move_id.mapped("name")),
                        "stage": contact.stage_id.name,
                        "amount": contact.currency_id._convert(
                            contact.amount_total, company.currency_id, company, today
                        ),
                        "detail": "\n".join(
                            filter(
                                None,
                                [
                                    self.env._("%(days)s days overdue", days=contact.days_overdue),
                                    contact.needs_confirmation
                                    and self.env._("waits for a Collection Manager's confirmation"),
                                    contact.reason,
                                ],
                            )
                        ),
                    }
                )
            # what the run wrote and the company's day go: nothing is kept, nothing was sent
            savepoint.rollback()
        return lines
