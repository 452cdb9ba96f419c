"""The demo company is the wholesaler of the story (#33): a named company in Foshan with its logo, unified social
credit code and bank account, on A4, in every screen, PDF and public page, never Odoo's "YourCompany", its "Your
logo", its Brisbane address or its demo bank account BANK134567890. Checked on the demo database (SMEC_DEMO_DB)."""

import io
import re
import unicodedata

import pytest

from odoo import fields
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
        ._render_qweb_pdf("smec_credit_receivable.action_report_aging_summary", wizard.ids)
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


def test_the_wholesaler_keeps_its_books_on_the_chinese_enterprise_chart_in_yuan(env):
    """#33: the wholesaler on Odoo's Chinese localisation, the enterprise chart (企业会计准则) in yuan with 13 % VAT
    on goods; its provision on the accounts the set-up found on that chart, not accounts the demo made."""
    company = env.ref("base.main_company")
    assert company.chart_template == "cn_large_bis"
    assert company.currency_id == env.ref("base.CNY")
    assert (company.account_sale_tax_id.amount, company.account_sale_tax_id.type_tax_use) == (13.0, "sale")
    tiles = env.ref("smec_credit.demo_product_tiles")
    assert tiles.taxes_id.filtered(lambda tax: tax.company_id == company) == company.account_sale_tax_id
    ChartTemplate = env["account.chart.template"].with_company(company)
    assert company.smec_accounting_regime == "cas22"
    assert company.smec_allowance_account_id == ChartTemplate.ref("l10n_cn_large_bis_account_1231")
    assert company.smec_impairment_account_id == ChartTemplate.ref("l10n_cn_large_bis_account_6721")
    assert company.smec_provision_journal_id == ChartTemplate.ref("general")
    zh = env(context={"lang": "zh_CN"})
    found = [
        (account.with_company(company).code, account.with_env(zh).name)
        for account in company.smec_allowance_account_id | company.smec_impairment_account_id
    ]
    assert found == [("123100", "坏账准备"), ("672100", "信用减值损失")]
    # the demo made no account of its own
    assert (
        not env["account.account"]
        .search([("code", "in", ("123101", "670201", "571101"))])
        .filtered(lambda account: account.company_ids == company)
    )
    # the customers' invoices in yuan, at 13 %
    invoice = env["account.move"].search(
        [("company_id", "=", company.id), ("move_type", "=", "out_invoice"), ("state", "=", "posted")], limit=1
    )
    assert invoice.currency_id.name == "CNY"
    assert invoice.invoice_line_ids.tax_ids.mapped("amount") == [13.0]


def test_the_small_enterprise_on_the_small_enterprise_chart(env):
    writeoff = env["smec.credit.writeoff"].search([("state", "=", "posted")])
    small = writeoff.company_id
    assert (small.chart_template, small.currency_id.name, small.country_id) == ("cn", "CNY", env.ref("base.cn"))
    ChartTemplate = env["account.chart.template"].with_company(small)
    assert small.smec_accounting_regime == "small"
    assert small.smec_writeoff_account_id == ChartTemplate.ref("l10n_cn_account_571101")
    assert small.smec_recovery_account_id == ChartTemplate.ref("l10n_cn_account_5301")
    assert small.smec_provision_journal_id == ChartTemplate.ref("general")
    assert not small.smec_allowance_account_id and not small.smec_impairment_account_id
    assert small.smec_writeoff_account_id.with_company(small).code == "571101"


def test_the_screens_show_only_the_story(env):
    """Odoo's own demo companies and generic partners are archived: the company switcher offers the wholesaler and
    the small enterprise; Acme Corporation and the like are in no credit, collection or training screen."""
    main = env.ref("base.main_company")
    small = env["smec.credit.writeoff"].search([("state", "=", "posted")]).company_id
    assert env["res.company"].search([]) == main | small
    for login in ("admin", "credit", "accountant", "collector", "trainer"):
        user = env["res.users"].search([("login", "=", login)])
        assert user.company_ids <= main | small, login
    generic = ["Acme Corporation", "Azure Interior", "Deco Addict", "LightsUp", "OpenWood", "Gemini Furniture"]
    generic += ["My Company (Chicago)", "My US Company", "CN ASSBE Company", "CN ASBE Company", "YourCompany"]
    assert not env["res.partner"].search([("name", "in", generic)])
    # what the screens list, as the demo users read them in all the companies they may switch on (the archived
    # companies keep their own demo documents, out of every user's reach)
    shown = env["res.partner"]
    for login, model in (
        ("credit", "smec.credit.exposure.report"),
        ("accountant", "smec.credit.aging.line"),
        ("collector", "smec.collection.contact"),
        ("collector", "smec.collection.statement"),
        ("trainer", "smec.training.enrolment"),
    ):
        user = env["res.users"].search([("login", "=", login)])
        companies = user.company_id | user.company_ids  # the company it works in first, as the web client
        context = {"allowed_company_ids": companies.ids, "smec_aging_date": fields.Date.context_today(user)}
        found = env(user=user.id, context=context)[model].search([]).partner_id
        assert found, (login, model)
        shown |= found.sudo()
    # nor Odoo's demo users' partners (their quotations and orders cancelled)
    users = ["Marc Demo", "Joel Willis", "Mitchell Admin"]
    assert not shown.filtered(lambda partner: not partner.active or partner.name in generic + users)
    admin = env.ref("base.user_admin")
    assert (admin.tz, admin.lang) == ("Asia/Shanghai", "en_US")
