from odoo import models


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _creation_message(self):
        """The chatter's "<document> created" in one language (#29). With no language in the context (an
        install, a cron, a server action run as OdooBot), Odoo's ``_()`` translates "%s created" into the user's
        language while the model's description is read in English: a Chinese database's cron made "Dunning
        Contact 创建", its demo "Exam Result 创建". The description is read in the language ``_()`` falls back on;
        there is no public hook for the language of the creation message."""
        if self.env.lang:
            return super()._creation_message()
        lang = self.env["res.users"].context_get().get("lang")
        return super(MailThread, self.with_context(lang=lang) if lang else self)._creation_message()
