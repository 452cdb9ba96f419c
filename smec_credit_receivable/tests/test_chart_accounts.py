from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

FIELDS = (
    "smec_allowance_account_id",
    "smec_impairment_account_id",
    "smec_writeoff_account_id",
    "smec_recovery_account_id",
)


@tagged("post_install", "-at_install")
class TestChartAccounts(SmecCreditCommon):
    """The provision's accounts found on the company's chart (#33): on Odoo's Chinese enterprise chart
    (cn_large_bis, 企业会计准则) the allowance 坏账准备 1231 and the impairment loss 信用减值损失 6721; on its
    small-enterprise chart (cn, 小企业会计准则) no allowance, the write-off to 营业外支出—坏账损失 571101 and the
    recovery to 营业外收入 5301; on another chart nothing guessed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.env["ir.module.module"].search([("name", "=", "l10n_cn")]).state == "installed"
        cls.enterprise = cls._chart_company("Foshan Enterprise Ltd", "cn_large_bis")
        cls.small = cls._chart_company("Shunde Small Shop", "cn")

    @classmethod
    def _chart_company(cls, name, template):
        company = cls.env["res.company"].create({"name": name, "country_id": cls.env.ref("base.cn").id})
        cls.env.user.company_ids |= company
        cls.env["account.chart.template"].try_loading(template, company, install_demo=False)
        return company

    def found(self, company):
        """{field: (code, English name)} of the accounts set on ``company``, and its journal's code."""
        accounts = {
            field: (company[field].with_company(company).code, company[field].with_context(lang="en_US").name)
            for field in FIELDS
            if company[field]
        }
        return accounts, company.smec_accounting_regime, company.smec_provision_journal_id.code

    def test_the_enterprise_chart_gives_the_allowance_and_the_impairment_loss(self):
        company = self.enterprise
        self.assertEqual(company.chart_template, "cn_large_bis")
        self.assertEqual(
            self.found(company),
            (
                {
                    "smec_allowance_account_id": ("123100", "Provision For Bad Debts"),
                    "smec_impairment_account_id": ("672100", "Credit Impairment Loss"),
                },
                "cas22",
                "MISC",
            ),
        )
        # the chart's own accounts and journal, not look-alikes made for the credit
        ChartTemplate = self.env["account.chart.template"].with_company(company)
        self.assertEqual(company.smec_allowance_account_id, ChartTemplate.ref("l10n_cn_large_bis_account_1231"))
        self.assertEqual(company.smec_provision_journal_id, ChartTemplate.ref("general"))
        self.assertEqual(company.smec_provision_journal_id.company_id, company)

    def test_the_small_enterprise_chart_writes_off_directly(self):
        company = self.small
        self.assertEqual(company.chart_template, "cn")
        self.assertEqual(
            self.found(company),
            (
                {
                    "smec_writeoff_account_id": ("571101", "Bad Debt Expenses"),
                    "smec_recovery_account_id": ("530100", "Non-Operating Income"),
                },
                "small",
                "MISC",
            ),
        )
        self.assertEqual(company.smec_provision_journal_id.company_id, company)

    def test_a_choice_made_is_kept_and_only_what_is_empty_filled(self):
        company = self.enterprise
        own = (
            self.env["account.account"]
            .with_company(company)
            .create({"code": "123109", "name": "Own allowance", "account_type": "asset_current"})
        )
        company.write({"smec_allowance_account_id": own.id, "smec_impairment_account_id": False})
        found = company._smec_find_chart_accounts()
        # the user's allowance kept, the regime too; only the empty impairment loss account filled
        self.assertEqual(list(found[company]), ["smec_impairment_account_id"])
        self.assertEqual(company.smec_allowance_account_id, own)
        self.assertEqual(company.smec_impairment_account_id.with_company(company).code, "672100")
        # the credit set-up finds them too: smec_credit_setup's test_chart_accounts_setup

    def test_on_another_chart_nothing_is_guessed(self):
        company = self.company
        self.assertNotIn(company.chart_template, ("cn", "cn_large_bis"))
        company.write(dict.fromkeys((*FIELDS, "smec_provision_journal_id"), False))
        self.assertEqual(company._smec_find_chart_accounts(), {})
        self.assertEqual(self.found(company), ({}, "cas22", False))
        run = self.env["smec.credit.provision.run"].with_user(self.credit_manager).create({"date": self.today})
        with self.assertRaisesRegex(
            UserError, "Set the allowance account, impairment loss account, provision journal in the Credit settings"
        ):
            run.action_post()
