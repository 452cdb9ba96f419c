"""When a dunning contact is a demand that reached the debtor (Civil Code Art.
195), restarting the limitation period of the invoices it listed, and on which
class of evidence the restart rests (the module's readme: when a demand
counts):

* a letter, on the day the courier's record says it was signed for;
* an email, on the day the company's mail server took it, only when it was
  addressed to the address the debtor designated for notices and did not come
  back: a data message that should have arrived (Civil Code Art. 137), weaker
  evidence than a signed-for letter; a bounce takes the restart back;
* a reply of the debtor to a dunning email proves that it arrived: the restart
  then rests on the debtor's own message (dated the day of the reply when the
  email was not addressed to the designated address).

A call leaves no proof and restarts nothing."""

from odoo import _, fields, models
from odoo.tools import email_normalize, email_normalize_all


class SmecCollectionContact(models.Model):
    _inherit = "smec.collection.contact"

    def _smec_record_demands(self):
        """The restarts of the contacts delivered, as letters signed for or as
        emails to the address designated for notices."""
        today = fields.Date.context_today(self)
        for contact in self.filtered(lambda c: c.state == "delivered" and c.channel in ("email", "letter")):
            if contact.channel == "letter":
                if contact.signed_date:
                    note = _("Signed for, courier %(ref)s.", ref=contact.tracking_ref or "-")
                    contact._smec_demand_restarts(contact.signed_date, "signed", note)
                continue
            address = contact._smec_notice_address_reached()
            if address:
                note = _("Sent to %(email)s, the address designated for notices; not returned.", email=address)
                contact._smec_demand_restarts(today, "data_message", note)

    def _smec_demand_restarts(self, day, evidence, note):
        """This contact's restart of each invoice it listed, on ``day``."""
        self.ensure_one()
        Event = self.env["smec.collection.limitation.event"].sudo()
        events = Event.search([("contact_id", "=", self.id)])
        events.filtered(lambda e: (e.date, e.evidence) != (day, evidence)).write(
            {"date": day, "evidence": evidence, "note": note}
        )
        Event.create(
            [
                {
                    "move_id": move.id,
                    "kind": "demand",
                    "date": day,
                    "contact_id": self.id,
                    "evidence": evidence,
                    "note": note,
                }
                for move in self.line_ids.move_id - events.move_id
            ]
        )

    def _smec_notice_address_reached(self):
        """The debtor's address for notices if this email was addressed to it,
        else ``False``."""
        self.ensure_one()
        notice = email_normalize(self.partner_id.commercial_partner_id.smec_notice_email or "")
        if not notice or not self.mail_id:
            return False
        mail = self.mail_id.sudo()
        sent_to = set(mail.recipient_ids.mapped("email_normalized")) | set(email_normalize_all(mail.email_to or ""))
        return notice if notice in sent_to else False

    def _message_post_after_hook(self, message, msg_vals):
        """A reply of the debtor to a dunning email: the demand reached it."""
        res = super()._message_post_after_hook(message, msg_vals)
        author = message.author_id.commercial_partner_id
        for contact in self.sudo().filtered(
            lambda c: c.channel == "email" and c.state in ("sent", "delivered") and author == c.partner_id
        ):
            if message.message_type != "email":
                continue
            replied = message.date.date() if message.date else fields.Date.context_today(self)
            note = _("Answered by the debtor (%(email)s) on %(date)s.", email=message.email_from or "", date=replied)
            dated = self.env["smec.collection.limitation.event"].sudo().search([("contact_id", "=", contact.id)])
            contact._smec_demand_restarts(dated[:1].date or replied, "debtor", note)
        return res

    def _message_receive_bounce(self, email, partner):
        """The debtor's mail server sent a dunning email back: it never reached
        the debtor. The contact fails with the bounced address, its demand no
        longer restarts the limitation period, and whoever follows the contact
        up is asked to check the address (the next run writes to it again)."""
        res = super()._message_receive_bounce(email, partner)
        Event = self.env["smec.collection.limitation.event"].sudo()
        for contact in self.sudo().filtered(lambda c: c.channel == "email" and c.state in ("sent", "delivered")):
            contact.write({"state": "failed", "reason": _("Returned by the mail server: %(email)s", email=email)})
            # unless the debtor answered it: then it arrived
            Event.search([("contact_id", "=", contact.id), ("evidence", "!=", "debtor")]).unlink()
            contact.partner_id.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=contact._responsible().id,
                summary=_("Dunning email returned: check %(email)s", email=email),
                note=_(
                    "The %(stage)s email of %(date)s came back from %(email)s. Correct the invoicing contact's "
                    "address, or call the customer.",
                    stage=contact.stage_id.name,
                    date=contact.date,
                    email=email,
                ),
            )
        return res
