from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDefaultTranslations(TransactionCase):
    """The default grades and scorecards are made per company in Python: tried in Chinese, an
    order showed "C - Watch". They are made in English and get every loaded language's translation, when a
    company is created and when a language is loaded later."""

    def load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "smec_credit")])._update_translations(["zh_CN"])

    def grades(self, company, lang):
        grades = (
            self.env["smec.credit.grade"]
            .with_context(lang=lang)
            .search([("company_id", "=", company.id), ("partner_role", "=", "customer")], order="code")
        )
        return grades.mapped("name")

    def test_a_language_loaded_later_translates_the_existing_defaults(self):
        company = self.env["res.company"].create({"name": "Made in English"})
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(self.grades(company, "zh_CN")[2], "C - Watch", "no Chinese terms yet: the English name")
        renamed = self.env["smec.credit.grade"].search(
            [("company_id", "=", company.id), ("code", "=", "D"), ("partner_role", "=", "customer")]
        )
        renamed.with_context(lang="en_US").name = "D - Prepayment only"
        self.load_chinese()
        self.assertEqual(self.grades(company, "zh_CN")[2], "C - 关注")
        self.assertEqual(self.grades(company, "en_US")[2], "C - Watch", "English keeps its own")
        self.assertEqual(renamed.with_context(lang="zh_CN").name, "D - Prepayment only", "a manager's own")
        card = (
            self.env["smec.credit.scorecard"]
            .with_context(lang="zh_CN")
            .search([("company_id", "=", company.id), ("depth", "=", "quick")])
        )
        self.assertEqual(card.name, "快速审查（小客户）")  # noqa: RUF001
        # a Chinese name a manager gave stays through the next loading of the terms (an upgrade)
        grade_b = self.env["smec.credit.grade"].search(
            [("company_id", "=", company.id), ("code", "=", "B"), ("partner_role", "=", "customer")]
        )
        grade_b.with_context(lang="zh_CN").name = "B - 老客户"
        self.load_chinese()
        self.assertEqual(grade_b.with_context(lang="zh_CN").name, "B - 老客户")
        self.assertEqual(grade_b.with_context(lang="en_US").name, "B - Good")

    def test_a_company_created_in_chinese_gets_both_languages(self):
        self.load_chinese()
        company = self.env["res.company"].with_context(lang="zh_CN").create({"name": "中文公司"})
        self.assertEqual(self.grades(company, "en_US")[0], "A - Excellent")
        self.assertEqual(self.grades(company, "zh_CN")[0], "A - 优秀")
