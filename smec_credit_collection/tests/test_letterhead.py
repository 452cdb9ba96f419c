"""A Chinese company's letters and statements as its customer reads them: on A4, under the company's own
letterhead (its name, address, unified social credit code and bank account), the amount in yuan written in
capital numerals (大写金额) beside the figures; never Odoo's "YourCompany", "Your logo" or its demo bank account."""

import io
import re
import unicodedata
from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.pdf import PdfReader

from .test_dunning import DUE, DunningCommon

USCC = "91440604MA4WJ8K2XQ"
ODOO_PLACEHOLDERS = ("YourCompany", "Yourlogo", "BANK134567890", "Brisbane")
A4_POINTS = (595, 842)  # 210 x 297 mm


def pdf_pages(pdf):
    """Each page's text without spaces (the text layer spaces CJK unevenly), Kangxi radicals mapped back, and its
    size in points."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", page.extract_text())).replace("\u2ea0", "民")
        box = page.mediabox
        pages.append((text, (round(float(box.width)), round(float(box.height)))))
    return pages


@tagged("post_install", "-at_install")
class TestLetterhead(DunningCommon):
    # a company in China keeps its books in yuan
    country_code = "CN"
    chart_template = "generic_coa"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["smec_credit_collection"], ["zh_CN"])
        cls.company.write(
            {
                "name": "佛山市禾信建材贸易有限公司",
                "street": "季华五路 28 号",
                "city": "佛山市禅城区",
                "zip": "528000",
                "state_id": cls.env.ref("base.state_cn_GD").id,
                "vat": USCC,
            }
        )
        cls.company.partner_id.smec_uscc = USCC
        bank = cls.env["res.bank"].create({"name": "中国工商银行佛山分行", "bic": "ICBKCNBJGDG"})
        cls.env["res.partner.bank"].create(
            {"partner_id": cls.company.partner_id.id, "acc_number": "2013 0203 0920 0168 816", "bank_id": bank.id}
        )

    def assert_letterhead(self, text):
        letterhead = ("佛山市禾信建材贸易有限公司", "季华五路28号", USCC, "中国工商银行佛山分行", "20130203092001688")
        for expected in letterhead:
            self.assertIn(expected, text)
        for placeholder in ODOO_PLACEHOLDERS:
            self.assertNotIn(placeholder, text)

    def test_the_company_is_in_yuan(self):
        self.assertEqual(self.company.currency_id.name, "CNY")

    def test_the_demand_letter_on_a4_with_the_letterhead_and_the_amount_in_words(self):
        """Day 30, a customer reading Chinese: the demand for 12,345.67 gives it as 人民币壹万贰仟叁佰肆拾伍元陆角柒分
        under the figures, on an A4 page headed by the company's name, address, USCC and bank account."""
        self.customer.lang = "zh_CN"
        self.make_invoice(self.customer, 12345.67, DUE - timedelta(days=30), DUE)
        with freeze_time(f"{DUE + timedelta(days=30)} 02:00:00"):
            self.env["smec.collection.run"].with_context(force_report_rendering=True)._cron_run()
        letter = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "letter")])
        self.assertEqual(letter.state, "sent")
        pages = pdf_pages(letter.letter_attachment_id.raw)
        self.assertEqual({size for _text, size in pages}, {A4_POINTS})
        text = "".join(text for text, _size in pages)
        self.assert_letterhead(text)
        self.assertIn("¥12,345.67", text)
        self.assertIn("大写金额:人民币壹万贰仟叁佰肆拾伍元陆角柒分", text)  # the full-width colon, read through NFKC

    def test_an_english_reader_gets_the_amount_in_words_too(self):
        """The capitals are the amount's legal form in China, whatever the reader's language: 100,005 is
        人民币壹拾万零伍元整 (one 零 for the zeros between 万 and the units; whole yuan end in 整)."""
        self.customer.lang = "en_US"
        self.make_invoice(self.customer, 100005, DUE - timedelta(days=30), DUE)
        with freeze_time(f"{DUE + timedelta(days=30)} 02:00:00"):
            self.env["smec.collection.run"].with_context(force_report_rendering=True)._cron_run()
        letter = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "letter")])
        text = "".join(text for text, _size in pdf_pages(letter.letter_attachment_id.raw))
        self.assertIn("Amountinwords:人民币壹拾万零伍元整", text)
        self.assertIn("UnifiedSocialCreditCode:" + USCC, text)
        self.assertIn("Bankaccount:中国工商银行佛山分行", text)

    def test_the_statement_on_a4_with_the_letterhead_and_the_balance_in_words(self):
        """Invoices of 1,000 and 500, 600 paid on the first: the statement's closing balance of 900 is confirmed
        on the slip in words as 人民币玖佰元整, under the company's letterhead, on A4."""
        invoice = self.make_invoice(self.customer, 1000, date(2026, 1, 10), date(2026, 2, 9))
        self.make_invoice(self.customer, 500, date(2026, 2, 20), date(2026, 3, 22))
        self.pay(invoice, 600, date(2026, 3, 10))
        statement = self.env["smec.collection.statement"].create(
            {"partner_id": self.customer.id, "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
        )
        self.assertEqual(statement.closing_balance, 900.0)
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_collection.action_report_statement", statement.ids)
        )
        pages = pdf_pages(pdf)
        self.assertEqual({size for _text, size in pages}, {A4_POINTS})
        text = "".join(text for text, _size in pages)
        self.assert_letterhead(text)
        self.assertIn("¥900.00", text)
        self.assertIn("Amountinwords:人民币玖佰元整", text)

    def test_no_words_for_a_credit_balance_or_another_currency(self):
        currency = self.company.currency_id
        self.assertEqual(currency._smec_amount_in_words(1010000.10), "人民币壹佰零壹万元零壹角")
        self.assertEqual(currency._smec_amount_in_words(-50), "")
        self.assertEqual(self.env.ref("base.USD")._smec_amount_in_words(50), "")
