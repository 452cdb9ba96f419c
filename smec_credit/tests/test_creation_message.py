from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCreationMessage(TransactionCase):
    """#29: in a Chinese database, a record made with no language in the context (an install, a cron run as
    OdooBot) said "Industry Reference Figure 创建" in its chatter: "%s created" was translated into OdooBot's
    Chinese, the model's description read in English. Both are now in the same language (tried on a risk
    flag, a model of the core's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "in", ("mail", "smec_credit"))])._update_translations(["zh_CN"])
        cls.env.ref("base.user_root").lang = "zh_CN"
        cls.partner = cls.env["res.partner"].create({"name": "Tiles Co.", "is_company": True})

    def flag(self, env):
        flag = env["smec.credit.risk.flag"].create({"partner_id": self.partner.id, "flag_type": "litigation"})
        return flag.message_ids.filtered(lambda m: m.message_type == "notification").mapped("body")

    def test_no_language_in_the_context_reads_the_description_in_the_users(self):
        no_lang = api.Environment(self.env.cr, SUPERUSER_ID, {})
        self.assertFalse(no_lang.lang)
        self.assertEqual(self.flag(no_lang), ["<p>信用风险标记 创建</p>"])

    def test_a_language_in_the_context_is_kept(self):
        self.assertEqual(self.flag(self.env(context={"lang": "zh_CN"})), ["<p>信用风险标记 创建</p>"])
        self.assertEqual(self.flag(self.env(context={"lang": "en_US"})), ["<p>Credit Risk Flag created</p>"])
