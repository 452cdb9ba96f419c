"""The demo company is the wholesaler of the story (#33): a named company in Foshan with its logo, unified social
credit code and bank account, on A4, in every screen, PDF and public page, never Odoo's "YourCompany", its "Your
logo", its Brisbane address or its demo bank account BANK134567890. Checked on the demo database (SMEC_DEMO_DB)."""

import io
import re
import unicodedata

import pytest

from odoo.tools import file_open
from odoo.tools.pdf import PdfReader

from odoo.addons.smec_credit.tools import uscc

NAME = "佛山市禾信建材贸易有限公司"
CODE = "91440604MA4WJ8K2XQ"
ODOO_PLACEHOLDERS = ("YourCompany", "Yourlogo", "BANK134567890", "Brisbane", "SanFrancisco")
A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def env(demo_env):
    # the demo database (SMEC_DEMO_DB), as the repository's conftest.py opens it
    return demo_env


def pdf_pages(pdf):
    """Each page's text without spaces, radicals mapped back, and its size in points (portrait or landscape)."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", page.extract_text())).replace("\u2ea0", "民")
        size = sorted((round(float(page.mediabox.width)), round(float(page.mediabox.height))))
        pages.append((text, tuple(size)))
    return pages


def assert_the_company(text):
    assert NAME in text
    assert CODE in text and "中国工商银行佛山分行" in text and "20130203092001688" in text
    for placeholder in ODOO_PLACEHOLDERS:
        assert placeholder not in text


def test_the_demo_company_is_the_wholesaler_in_foshan(env):
    company = env.ref("base.main_company")
    assert company.name == NAME
    assert (company.country_id, company.state_id) == (env.ref("base.cn"), env.ref("base.state_cn_GD"))
    assert company.city == "佛山市禅城区"
    assert company.partner_id.smec_uscc == company.vat == CODE
    assert uscc.validate(CODE) == uscc.OK
    with file_open("base/static/img/res_company_logo.png", "rb") as odoo_logo:
        assert company.logo and company.logo != odoo_logo.read()
    account = company.partner_id.bank_ids
    assert account.mapped("acc_number") == ["2013 0203 0920 0168 816"]
    assert account.bank_id.name == "中国工商银行佛山分行"
    assert not env["res.partner.bank"].search([("acc_number", "=", "BANK134567890")])
    # the bank journal pays into it
    journal = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
    assert journal.bank_account_id == account
    assert company.paperformat_id == env.ref("base.paperformat_euro")
    # Odoo's own documents (its layout's footer) give the code and the account too
    assert CODE in company.report_footer and "2013 0203 0920 0168 816" in company.report_footer
    assert not env["res.company"].search([("name", "ilike", "YourCompany")])


def test_the_demand_letter_and_the_statement_carry_the_letterhead_on_a4(env):
    letter = env["smec.collection.contact"].search([("channel", "=", "letter"), ("state", "=", "sent")], limit=1)
    assert letter.letter_attachment_id, "the demo's demand letter went out"
    pages = pdf_pages(letter.letter_attachment_id.raw)
    assert {size for _text, size in pages} == {A4_POINTS}
    assert_the_company("".join(text for text, _size in pages))
    statement = env["smec.collection.statement"].search([], limit=1)
    pdf, _kind = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf("smec_credit_collection.action_report_statement", statement.ids)
    )
    pages = pdf_pages(pdf)
    assert {size for _text, size in pages} == {A4_POINTS}
    text = "".join(text for text, _size in pages)
    assert_the_company(text)
    # in yuan, the balance in capital numerals too
    if statement.currency_id.name == "CNY" and statement.closing_balance >= 0:
        assert statement.currency_id._smec_amount_in_words(statement.closing_balance) in text


def test_the_aging_and_the_certificate_print_on_a4_under_the_companys_letterhead(env):
    wizard = env["smec.credit.aging.wizard"].create({})
    pdf, _kind = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf("smec_credit.action_report_aging_summary", wizard.ids)
    )
    pages = pdf_pages(pdf)
    assert {size for _text, size in pages} == {A4_POINTS}
    assert_the_company(pages[0][0])
    certificate = env["smec.training.certificate"].search([("state", "=", "issued")], limit=1)
    pdf, _kind = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf("smec_credit_training.action_report_certificate", certificate.ids)
    )
    pages = pdf_pages(pdf)
    assert {size for _text, size in pages} == {A4_POINTS}
    assert_the_company(pages[0][0])
