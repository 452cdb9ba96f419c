from odoo import api, models

# The accounts the provision, the write-off and the recovery post to, on the charts of Odoo's Chinese localisation
# (l10n_cn), by the chart template's own ids: a company on another chart gets nothing guessed, its fields stay
# empty and the provision and the write-off ask for them.
CHART_ACCOUNTS = {
    # 企业会计准则 (Accounting Standards for Business Enterprises): expected credit loss (CAS 22), an allowance;
    # a write-off is charged to the allowance and a recovery reinstates it
    "cn_large_bis": {
        "smec_accounting_regime": "cas22",
        "smec_allowance_account_id": "l10n_cn_large_bis_account_1231",  # 坏账准备
        "smec_impairment_account_id": "l10n_cn_large_bis_account_6721",  # 信用减值损失
    },
    # 小企业会计准则 (Accounting Standards for Small Business Enterprises): no allowance; a debt lost on a condition
    # of Art. 10 is written off directly to 营业外支出—坏账损失, a recovery goes to 营业外收入
    "cn": {
        "smec_accounting_regime": "small",
        "smec_writeoff_account_id": "l10n_cn_account_571101",  # 营业外支出—坏账损失 (under 5711)
        "smec_recovery_account_id": "l10n_cn_account_5301",  # 营业外收入
    },
}
# the provision and the write-off post in the chart's miscellaneous operations journal
CHART_JOURNAL = "general"
ACCOUNT_FIELDS = (
    "smec_allowance_account_id",
    "smec_impairment_account_id",
    "smec_writeoff_account_id",
    "smec_recovery_account_id",
)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    def _smec_find_chart_accounts(self):
        """Fill the credit's accounts, its bad-debt regime and its journal from the company's chart, when it is
        one whose accounts are known (``CHART_ACCOUNTS``); what a user set is kept. Returns {company: the fields
        written}."""
        found = {}
        ChartTemplate = self.env["account.chart.template"].sudo()
        for company in self.sudo():
            chart = CHART_ACCOUNTS.get(company.chart_template)
            if not chart:
                continue
            template = ChartTemplate.with_company(company)
            values = {}
            for field, xmlid in chart.items():
                if field == "smec_accounting_regime":
                    continue
                account = template.ref(xmlid, raise_if_not_found=False)
                if account and not company[field]:
                    values[field] = account.id
            # the regime follows the chart while none of the credit's accounts is set (a company's own choice kept)
            if not any(company[field] for field in ACCOUNT_FIELDS):
                values["smec_accounting_regime"] = chart["smec_accounting_regime"]
            journal = template.ref(CHART_JOURNAL, raise_if_not_found=False)
            if journal and not company.smec_provision_journal_id:
                values["smec_provision_journal_id"] = journal.id
            if values:
                company.write(values)
                found[company] = values
        return found


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    @api.model
    def _post_load_data(self, template_code, company, template_data):
        """A chart loaded: the credit's provision accounts found on it."""
        res = super()._post_load_data(template_code, company, template_data)
        (company or self.env.company)._smec_find_chart_accounts()
        return res
