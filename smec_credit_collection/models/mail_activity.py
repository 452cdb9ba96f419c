from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .smec_collection_contact import OUTCOMES


class MailActivity(models.Model):
    """A dunning call task is done with its outcome: marked done from the task
    (chatter, activity views) it needs one, and records it on its contact, as the
    contact's outcome buttons do."""

    _inherit = "mail.activity"

    smec_call_outcome = fields.Selection(
        OUTCOMES, string="Call Outcome", help="How the dunning call went: recorded on its contact when done."
    )
    smec_is_dunning_call = fields.Boolean(string="Dunning Call", compute="_compute_smec_is_dunning_call")

    @api.depends("res_model", "activity_type_id")
    def _compute_smec_is_dunning_call(self):
        call = self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        for activity in self:
            activity.smec_is_dunning_call = activity.res_model == "smec.collection.contact" and (
                activity.activity_type_id == call
            )

    def _action_done(self, feedback=False, attachment_ids=None):
        calls = self.filtered("smec_is_dunning_call")
        if calls:
            contacts = self.env["smec.collection.contact"].sudo().search([("activity_id", "in", calls.ids)])
            for activity in calls:
                contact = contacts.filtered(lambda c, a=activity: c.activity_id == a)
                if not contact or contact.call_outcome or contact.state not in ("sent", "delivered"):
                    continue
                if activity.smec_call_outcome == "promised":
                    raise UserError(
                        _(
                            "A promise is recorded with its date and amount: use the Promised button of the call to "
                            "%(partner)s, which records the outcome with the promise.",
                            partner=contact.partner_id.name,
                        )
                    )
                if not activity.smec_call_outcome:
                    raise UserError(
                        _(
                            "Record how the call to %(partner)s went (reached, promised, disputed, refused, "
                            "no answer): choose the outcome on the task, or use the contact's buttons.",
                            partner=contact.partner_id.name,
                        )
                    )
                contact.with_env(self.env)._smec_set_outcome(activity.smec_call_outcome)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
