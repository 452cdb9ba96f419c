import base64

from markupsafe import Markup

from odoo import Command, api, models
from odoo.tools.misc import file_open

from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

# the wholesaler of the demo's story: a building-materials trader in Foshan's Chancheng district (440604)
COMPANY = {
    "name": "佛山市禾信建材贸易有限公司",
    "street": "季华五路 28 号",
    "street2": "禾信商务大厦 12 楼",
    "city": "佛山市禅城区",
    "zip": "528000",
    "phone": "+86 757 8231 6688",
    "email": "finance@hexin-jiancai.example.cn",
    "website": "https://www.hexin-jiancai.example.cn",
    # GB 32100-2015: 9 (market supervision) 1 (enterprise) 440604 (Chancheng, Foshan), the check character Q
    "uscc": "91440604MA4WJ8K2XQ",
}
# the wholesaler's books: Odoo's Chinese localisation (l10n_cn), the enterprise chart (企业会计准则), in yuan
CHART = "cn_large_bis"
BANK = {"name": "中国工商银行佛山分行", "bic": "ICBKCNBJGDG", "city": "佛山市"}
ACCOUNT_NUMBER = "2013 0203 0920 0168 816"


class SmecCreditDemoCompany(models.AbstractModel):
    """The demo company as the Chinese wholesaler it is: its name, logo, address in Foshan, unified social credit
    code and bank account, on A4, so that its screens, letters, statements and public pages show it rather than
    Odoo's "YourCompany" in Brisbane."""

    _name = "smec.credit.demo.company"
    _description = "Credit Demo Company"

    @api.model
    def _smec_demo_company(self):
        company = self.env.ref("base.main_company")
        china = self.env.ref("base.cn")
        self._smec_demo_only_the_story(company)
        self._smec_demo_chinese_books(company)
        with file_open("smec_credit_demo/static/img/company_logo.png", "rb") as logo:
            logo_data = base64.b64encode(logo.read())
        company.write(
            {
                "name": COMPANY["name"],
                "logo": logo_data,
                "street": COMPANY["street"],
                "street2": COMPANY["street2"],
                "city": COMPANY["city"],
                "zip": COMPANY["zip"],
                "state_id": self.env.ref("base.state_cn_GD").id,
                "country_id": china.id,
                "phone": COMPANY["phone"],
                "email": COMPANY["email"],
                "website": COMPANY["website"],
                "vat": COMPANY["uscc"],  # a Chinese company's taxpayer number is its USCC
                "paperformat_id": self.env.ref("base.paperformat_euro").id,  # A4
                # the footer of Odoo's own documents (invoices, quotations) in its layout settings
                "report_footer": Markup("<p>统一社会信用代码 {} · 开户行 {} · 账号 {}</p>").format(
                    COMPANY["uscc"], BANK["name"], ACCOUNT_NUMBER
                ),
            }
        )
        company.partner_id.smec_uscc = COMPANY["uscc"]
        bank = self.env["res.bank"].create({**BANK, "state": self.env.ref("base.state_cn_GD").id, "country": china.id})
        # the account Odoo's demo opened for the bank journal (BANK134567890) becomes the company's account at ICBC
        account = company.partner_id.bank_ids[:1]
        values = {"acc_number": ACCOUNT_NUMBER, "bank_id": bank.id, "acc_holder_name": COMPANY["name"]}
        if account:
            account.write(values)
        else:
            account = self.env["res.partner.bank"].create({**values, "partner_id": company.partner_id.id})
        # the chart's bank journal pays into it
        self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        ).bank_account_id = account
        # the demo's admin works in China's time, in English as before
        self.env.ref("base.user_admin").tz = "Asia/Shanghai"
        return company

    @api.model
    def _smec_demo_chinese_books(self, company):
        """The wholesaler keeps its books on Odoo's Chinese enterprise chart (企业会计准则) in yuan, with 13 % VAT
        on goods. Odoo's account demo put it on the generic chart in dollars with entries of its own demo
        partners: those entries go (Odoo changes neither a company's chart nor its currency over entries), the
        chart is loaded in place of the generic one, and the credit's provision accounts are found on it
        (``res.company._smec_find_chart_accounts``)."""
        uninstall = {MODULE_UNINSTALL_FLAG: True, "active_test": False}
        domain = [("company_id", "=", company.id)]
        for model in ("account.payment", "account.bank.statement.line", "account.bank.statement", "account.move"):
            self.env[model].with_context(**uninstall).search(domain).unlink()
        company.currency_id = self.env.ref("base.CNY")
        # the company's default pricelist, and so its quotations, in yuan too
        self.env["product.pricelist"].with_context(active_test=False).search(
            [("company_id", "in", (company.id, False)), ("currency_id", "!=", company.currency_id.id)]
        ).currency_id = company.currency_id
        self.env["account.chart.template"].try_loading(CHART, company, install_demo=False)
        # the goods the add-ons' demo made before the chart lost the generic tax: VAT 13 % on them
        products = self.env["product.template"].with_context(active_test=False).search([("type", "=", "consu")])
        products.filtered(lambda p: not p.taxes_id.filtered(lambda t: t.company_id == company))._force_default_sale_tax(
            company
        )
        return company

    @api.model
    def _smec_demo_only_the_story(self, company):
        """The credit, collection and training screens show the story's records only: the companies Odoo's demo
        brings (My Company (Chicago), My US Company, l10n_cn's CN ASSBE and CN ASBE companies) and Odoo's generic
        demo partners (Acme Corporation, Azure Interior, Deco Addict...) are archived, and the quotations and
        orders Odoo's demo made for them in the wholesaler cancelled (its accounting entries go with its
        generic chart, ``_smec_demo_chinese_books``)."""
        others = self.env["res.company"].search([("id", "!=", company.id)])
        users = self.env["res.users"].with_context(active_test=False).search([("company_ids", "in", others.ids)])
        users.filtered(lambda user: user.company_id in others).write({"company_id": company.id})
        users.write({"company_ids": [Command.unlink(other.id) for other in others]})
        # partners made by Odoo's own demo data: not the story's add-ons', nor a user's or a company's
        odoo_demo = self.env["ir.model.data"].search(
            [("model", "=", "res.partner"), ("module", "not like", "smec%"), ("res_id", "!=", False)]
        )
        partners = self.env["res.partner"].browse(odoo_demo.mapped("res_id")).exists() | others.partner_id
        partners |= self.env["res.partner"].search([("parent_id", "in", partners.ids)])
        keep = self.env.ref("base.public_partner") | self.env.ref("base.partner_root") | company.partner_id
        # Odoo's demo users (Marc Demo, the portal's Joel Willis) keep their partners; their orders go too
        orders = self.env["sale.order"].search(
            [("company_id", "=", company.id), ("partner_id.commercial_partner_id", "in", (partners - keep).ids)]
        )
        keep |= self.env["res.users"].with_context(active_test=False).search([("partner_id", "!=", False)]).partner_id
        partners -= keep
        orders.with_context(disable_cancel_warning=True)._action_cancel()
        partners.active = False
        others.active = False
        return others
