"""The aging a manager hands on, read as its reader reads it: the PDF's text (as
a PDF reader extracts, copies and searches it) carries the company, the as-of
date and the page numbers on every page, whole rows, and the Chinese as it is
written (not the CJK font's radical look-alikes); the workbook is named in the
reader's language and lists each customer's items from the oldest."""

import io
import re
from datetime import timedelta

import openpyxl
import pypdfium2

from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.smec_base.tools.pdf_text import fix_cmap
from odoo.addons.smec_credit.tests.common import SmecCreditCommon

USCC = "91440604MA4WJ8K2XQ"


def page_texts(pdf):
    """Each page's text as a reader extracts it, without white space (the extraction puts its own between
    the glyphs of a line)."""
    document = pypdfium2.PdfDocument(pdf)
    return [re.sub(r"\s+", "", page.get_textpage().get_text_range()) for page in document]


@tagged("post_install", "-at_install")
class TestAgingPdf(SmecCreditCommon):
    """31 customers 客户01..客户31, customer n owing 100 x n, due 40 days before today (31-60):
    total 100 x (1 + ... + 31) = 49,600. 28 rows a page (what a landscape A4 page holds under the company's
    full letterhead, looked at as printed with the styles): two pages, 28 and 3 rows, the total on the
    second."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("smec_base", "smec_credit", "smec_credit_receivable"))]
        )._update_translations(["zh_CN"])
        cls.company.name = "佛山华美建材有限公司"
        # the company's letterhead: its unified social credit code and bank account
        cls.company.partner_id.smec_uscc = USCC
        bank = cls.env["res.bank"].create({"name": "中国工商银行佛山分行"})
        cls.env["res.partner.bank"].create(
            {"partner_id": cls.company.partner_id.id, "acc_number": "2013 0203 0920 0168 816", "bank_id": bank.id}
        )
        Partner = cls.env["res.partner"]
        cls.invoices = {}
        for n in range(1, 32):
            partner = Partner.create({"name": f"客户{n:02d} 日月至", "is_company": True})
            cls.invoices[n] = cls.make_invoice(
                partner, 100 * n, cls.today - timedelta(days=70), cls.today - timedelta(days=40)
            )
        cls.accountant = cls._user(
            "smec_aging_accountant", "account.group_account_manager,smec_credit.group_credit_user"
        )
        cls.accountant.lang = "zh_CN"
        # PDFs rendered here do not fetch their styles: the server would answer wkhtmltopdf with a cursor that
        # waits for this test's transaction (the text and the pages are the same)
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")

    def wizard(self, **values):
        return self.env["smec.credit.aging.wizard"].with_user(self.accountant).create({"as_of": self.today, **values})

    def test_pdf_pages_carry_company_date_page_numbers_and_searchable_chinese(self):
        wizard = self.wizard(with_detail=False)
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_receivable.action_report_aging_summary", wizard.ids)
        )
        pages = page_texts(pdf)
        self.assertEqual(len(pages), 2)
        as_of = f"截至{self.today}"
        for number, text in enumerate(pages, start=1):
            self.assertIn("佛山华美建材有限公司", text)
            self.assertIn("应收账款账龄", text)
            self.assertIn(as_of, text)
            self.assertIn(f"第{number}页\uff0c共2页", text)
            # written as printed: no Kangxi radical (U+2F00-2FDF) in place of 至, 日, 月
            self.assertFalse(re.search("[\u2e80-\u2fdf]", text), text)
        # whole rows: customers 01-28 on the first page, 29-31 and the total on the second
        self.assertEqual(re.findall(r"客户(\d\d)", pages[0]), [f"{n:02d}" for n in range(1, 29)])
        self.assertEqual(re.findall(r"客户(\d\d)", pages[1]), ["29", "30", "31"])
        self.assertIn("客户31日月至", pages[1])
        self.assertIn("49,600.00", pages[1])
        self.assertNotIn("49,600.00", pages[0])

    def test_the_items_follow_the_summary_each_page_under_the_letterhead(self):
        """With the detail: the summary's two pages, then the 31 items on two more, 28 and 3, partner by partner.
        Every page under the company's letterhead: its name, its unified social credit code and its bank
        account, and numbered of 4. Customer n's item: its number, invoiced 70 days ago, due 40 days ago, 40
        days in 31-60, 100 x n open."""
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.accountant)
            .with_context(lang="zh_CN", force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_receivable.action_report_aging_summary", self.wizard().ids)
        )
        pages = page_texts(pdf)
        self.assertEqual(len(pages), 4)
        for number, text in enumerate(pages, start=1):
            self.assertIn("佛山华美建材有限公司", text)
            self.assertIn(f"统一社会信用代码\uff1a{USCC}", text)
            self.assertIn("开户行及账号\uff1a中国工商银行佛山分行20130203092001688", text)
            self.assertIn(f"第{number}页\uff0c共4页", text)
        self.assertEqual(re.findall(r"客户(\d\d)", pages[2]), [f"{n:02d}" for n in range(1, 29)])
        self.assertEqual(re.findall(r"客户(\d\d)", pages[3]), ["29", "30", "31"])
        zh = self.env(context={"lang": "zh_CN"})
        invoiced, due = (format_date(zh, self.today - timedelta(days=d), lang_code="zh_CN") for d in (70, 40))
        for n, page in ((1, 2), (28, 2), (31, 3)):
            row = f"客户{n:02d}日月至{self.invoices[n].name}{invoiced}{due}4031-60"
            self.assertRegex(pages[page], rf"{re.escape(row)}\D?{100 * n:,.2f}")

    def test_radicals_of_a_tounicode_map_become_the_faces_ideographs(self):
        # the simplified Chinese face draws ⼾ (U+2F3E) as 户 (U+6237), the traditional one as 戶 (U+6236)
        cmap = b"beginbfchar\n<0042> <2F3E>\nendbfchar\n"
        self.assertEqual(fix_cmap(cmap, "SC"), b"beginbfchar\n<0042> <6237>\nendbfchar\n")
        self.assertEqual(fix_cmap(cmap, "TC"), b"beginbfchar\n<0042> <6236>\nendbfchar\n")

    def test_radicals_of_a_tounicode_map_become_ideographs(self):
        # glyph 0004 drawn for 至 was mapped to ⾄ (U+2F84), glyph 0006 to ⽇ (U+2F47); the glyph codes stay
        cmap = b"beginbfrange\n<0001> <0006> [<8D26> <9F84> <622A> <2F84> <5E74> <2F47>]\nendbfrange\n"
        cmap += b"beginbfchar\n<2F84> <2F49>\nendbfchar\n"
        self.assertEqual(
            fix_cmap(cmap),
            b"beginbfrange\n<0001> <0006> [<8D26> <9F84> <622A> <81F3> <5E74> <65E5>]\nendbfrange\n"
            b"beginbfchar\n<2F84> <6708>\nendbfchar\n",
        )

    def test_related_party_values_in_the_readers_language_on_every_list(self):
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        for model in ("smec.credit.exposure.report", "smec.credit.aging.line", "res.partner"):
            field = "smec_related_type" if model == "res.partner" else "related_type"
            labels = dict(env[model]._fields[field]._description_selection(env))
            self.assertEqual(labels["family"], "亲属", model)

    def test_workbook_named_in_the_readers_language_with_sorted_items(self):
        wizard = self.wizard().with_context(lang="zh_CN")
        self.assertEqual(wizard._export_filename(), f"应收账款账龄 佛山华美建材有限公司 {self.today}.xlsx")
        # customer 03 owes a second item, due earlier: its items from the oldest
        partner = self.env["res.partner"].search([("name", "=like", "客户03%")])
        self.make_invoice(partner, 50, self.today - timedelta(days=200), self.today - timedelta(days=100))
        book = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)
        detail = book.worksheets[1]
        rows = [(row[0], row[6]) for row in detail.iter_rows(min_row=5, values_only=True) if row[0]]
        self.assertEqual(rows[:4], [(rows[0][0], 100), (rows[1][0], 200), (rows[2][0], 50), (rows[3][0], 300)])
        self.assertEqual([name[:4] for name, _amount in rows[:5]], ["客户01", "客户02", "客户03", "客户03", "客户04"])
