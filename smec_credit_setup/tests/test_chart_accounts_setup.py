"""The credit set-up finds the provision's accounts on the company's chart (#33, smec_credit's
test_chart_accounts), for a company whose chart was loaded before the credit was installed."""

from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon
from odoo.addons.smec_credit_receivable.tests import test_chart_accounts as chart


@tagged("post_install", "-at_install")
class TestSetupFindsChartAccounts(SmecCreditCommon):
    def test_the_set_up_fills_the_accounts_of_the_chart(self):
        company = chart.TestChartAccounts._chart_company.__func__(
            self.__class__, "Foshan Enterprise Ltd", "cn_large_bis"
        )
        company.write(dict.fromkeys((*chart.FIELDS, "smec_provision_journal_id"), False))
        setup = (
            self.env["smec.credit.setup"]
            .with_company(company)
            .create({"company_id": company.id, "profile_id": self.env.ref("smec_credit_setup.profile_wholesale").id})
        )
        setup.action_apply()
        found = chart.TestChartAccounts.found(self, company)
        self.assertEqual(found[0]["smec_allowance_account_id"], ("123100", "Provision For Bad Debts"))
        self.assertEqual(found[0]["smec_impairment_account_id"], ("672100", "Credit Impairment Loss"))
