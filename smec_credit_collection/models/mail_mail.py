from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, success_emails, failure_reason=False, failure_type=None):
        """A dunning email's delivery state on its contact: delivered when the mail
        server took it, failed with the server's reason when it did not."""
        dunning = self.filtered(lambda m: m.model == "smec.collection.contact" and m.res_id)
        states = {mail.id: (mail.res_id, mail.state) for mail in dunning}
        res = super()._postprocess_sent_message(
            success_pids, success_emails, failure_reason=failure_reason, failure_type=failure_type
        )
        Contact = self.env["smec.collection.contact"].sudo()
        for res_id, state in states.values():
            contact = Contact.browse(res_id).exists()
            if not contact or contact.channel != "email":
                continue
            if failure_type or state == "exception":
                contact.write({"state": "failed", "reason": failure_reason or failure_type})
            elif contact.state == "sent":
                contact.write({"state": "delivered"})
        return res
