"""A visitor who enrols on the website gets a trainee account: its invitation is the
training centre's, in the trainee's language, naming the class, rather than the
portal's generic "Your account at <company>"."""

from odoo import models


class PortalWizardUser(models.TransientModel):
    _inherit = "portal.wizard.user"

    def _send_email(self):
        enrolment = self.env["smec.training.enrolment"].browse(self.env.context.get("smec_training_enrolment_id"))
        if not enrolment.exists() or enrolment.sudo().partner_id != self.user_id.sudo().partner_id:
            return super()._send_email()
        self.ensure_one()
        partner = self.user_id.sudo().partner_id
        partner.signup_prepare()
        template = self.env.ref("smec_credit_training.mail_template_trainee_welcome")
        template.sudo().with_context(lang=partner.lang).send_mail(enrolment.id, force_send=True)
        return True
