from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCreationMessage(TransactionCase):
    """#29: in a Chinese database, a record made with no language in the context (an install, a cron run as
    OdooBot) said "Industry Reference Figure 创建" in its chatter: "%s created" was translated into OdooBot's
    Chinese, the model's description read in English. Both are now in the same language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search([("name", "in", ("mail", "smec_credit"))])._update_translations(["zh_CN"])
        cls.env.ref("base.user_root").lang = "zh_CN"
        cls.industry = cls.env["res.partner.industry"].create({"name": "Tiles"})

    def figure(self, env, year=2025):
        figure = env["smec.credit.industry.figure"].create(
            {"industry_id": self.industry.id, "date": f"{year}-12-31", "period": str(year), "source": "association"}
        )
        return figure.message_ids.filtered(lambda m: m.message_type == "notification").mapped("body")

    def test_no_language_in_the_context_reads_the_description_in_the_users(self):
        no_lang = api.Environment(self.env.cr, SUPERUSER_ID, {})
        self.assertFalse(no_lang.lang)
        self.assertEqual(self.figure(no_lang), ["<p>行业参考数据 创建</p>"])

    def test_a_language_in_the_context_is_kept(self):
        self.assertEqual(self.figure(self.env(context={"lang": "zh_CN"})), ["<p>行业参考数据 创建</p>"])
        self.assertEqual(
            self.figure(self.env(context={"lang": "en_US"}), 2024), ["<p>Industry Reference Figure created</p>"]
        )
