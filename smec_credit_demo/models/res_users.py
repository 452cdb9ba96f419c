from markupsafe import Markup

from odoo import api, models
from odoo.tools import html2plaintext


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _smec_demo_languages(self, xmlids):
        """Demo data only: the demo users of ``xmlids`` work in simplified Chinese when the database has it
        (``make setup`` loads it, which makes it every partner's default; a database without it keeps them in
        English rather than failing); ``admin`` stays in English."""
        if "zh_CN" not in dict(self.env["res.lang"].get_installed()):
            return
        users = self.browse([self.env.ref(xmlid).id for xmlid in xmlids])
        users.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.env.ref("base.user_admin").lang = "en_US"

    @api.model
    def _smec_demo_creation_messages(self):
        """Demo data only: the add-ons' own demo records (a class, a programme, an obligation...) were made before
        their add-on's translations were loaded, and their chatter names the document in English ("Training Class
        创建", #29); the message is told again in the language it was told in, now that the names are there."""
        messages = self.env["mail.message"].search(
            [("model", "=like", "smec.%"), ("message_type", "=", "notification"), ("res_id", "!=", False)]
        )
        for message in messages:
            record = self.env[message.model].browse(message.res_id).exists()
            if not record or not hasattr(record, "_creation_message"):
                continue
            model = self.env["ir.model"]._get(message.model)
            fresh = record._creation_message()
            lang = self.env["res.users"].context_get().get("lang")
            translated, english = model.with_context(lang=lang).name, model.with_context(lang="en_US").name
            told = html2plaintext(message.body or "").strip()
            if translated != english and told == fresh.replace(translated, english):
                message.body = Markup("<p>%s</p>") % fresh
