from odoo import api, models


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
