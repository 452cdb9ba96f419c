import base64

from markupsafe import Markup

from odoo import api, models
from odoo.tools.misc import file_open

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
        return company
