from odoo import api, fields, models

from odoo.addons.smec_credit.models.res_company import _collect_translations, _translate_unless_rewritten


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_aging_bucket_ids = fields.One2many(
        "smec.credit.aging.bucket",
        "company_id",
        string="Aging Buckets",
        help="The bands of the aged balance, each with its provision rate: current, 1-30, ... and over the last.",
    )

    smec_accounting_regime = fields.Selection(
        [
            ("cas22", "Expected credit loss (CAS 22 / IFRS 9): allowance"),
            ("small", "Small enterprises (小企業會計準則): direct write-off"),
        ],
        string="Bad-Debt Regime",
        default="cas22",
        required=True,
    )
    smec_allowance_account_id = fields.Many2one(
        "account.account", string="Allowance Account", help="壞賬準備, e.g. 1231: credited by provisions."
    )
    smec_impairment_account_id = fields.Many2one(
        "account.account", string="Impairment Loss Account", help="信用減值損失 (6721 in Odoo's Chinese chart)."
    )
    smec_writeoff_account_id = fields.Many2one(
        "account.account", string="Write-off Expense Account", help="營業外支出, e.g. 5711 (small enterprises)."
    )
    smec_recovery_account_id = fields.Many2one(
        "account.account",
        string="Recovery Income Account",
        help="營業外收入, e.g. 5301: a written-off debt recovered (small enterprises).",
    )
    smec_provision_journal_id = fields.Many2one(
        "account.journal", string="Provision Journal", domain="[('type', '=', 'general')]"
    )

    smec_industry_alert_percent = fields.Float(
        string="Industry Alert Above (%)",
        default=5.0,
        help="Credit managers are told when an industry's overdue ratio or bad-debt rate on our ledger, or the "
        "bad-debt rate published in its reference figures, is above it.",
    )
    smec_industry_rise_points = fields.Float(
        string="Industry Alert On A Rise Over (points)",
        default=1.0,
        help="Credit managers are also told when an industry's published bad-debt rate rises by more than this "
        "many percentage points from its previous figure.",
    )

    @api.constrains("smec_aging_bucket_ids")
    def _smec_check_aging_buckets(self):
        for company in self:
            self.env["smec.credit.aging.bucket"]._check_buckets(company.sudo().smec_aging_bucket_ids)

    def _smec_aging_buckets(self):
        self.ensure_one()
        return self.sudo().smec_aging_bucket_ids.sorted(lambda b: (b.is_last, b.days_to, b.id))

    def _smec_aging_limits(self):
        """The aging bands' upper ends, e.g. [30, 60, 90, 180]."""
        return [bucket.days_to for bucket in self._smec_aging_buckets() if not bucket.is_last and bucket.days_to > 0]

    def _smec_provision_rates(self):
        """Rates (0-1) per aging bucket, current first."""
        return [bucket.provision_rate / 100 for bucket in self._smec_aging_buckets()]

    def _smec_aging_labels(self):
        """['Current', '1-30', ..., 'Over 180']."""
        return [bucket.name for bucket in self._smec_aging_buckets()]

    def _smec_create_default_policies(self):
        """The core's defaults, then the aging buckets each company starts with (5/10/30/50/80/100 %), made in
        English and given every installed language's label by ``_smec_translate_defaults``."""
        Bucket = self.env["smec.credit.aging.bucket"].sudo().with_context(lang="en_US")
        for company in self.filtered(lambda c: not c.sudo().smec_aging_bucket_ids):
            Bucket.create(Bucket._default_values(company))
        return super()._smec_create_default_policies()

    def _smec_translate_defaults(self, langs=None):
        """The core's defaults, then the buckets' labels (Current, Over 180) in ``langs``; a label a manager
        rewrote is left alone."""
        res = super()._smec_translate_defaults(langs)
        installed = {code for code, _name in self.env["res.lang"].get_installed()} - {"en_US"}
        langs = sorted(installed & set(langs or installed))
        Bucket = self.env["smec.credit.aging.bucket"].sudo().with_context(lang="en_US")
        for lang in langs:
            for company in self:
                buckets = company.smec_aging_bucket_ids.sorted(lambda b: (b.is_last, b.days_to))
                spec = [(None if b.is_last else b.days_to, b.provision_rate) for b in buckets]
                bucket_texts = {}
                _collect_translations(
                    Bucket._values_for(company, spec, lang="en_US"),
                    Bucket._values_for(company, spec, lang=lang),
                    bucket_texts,
                )
                for bucket in Bucket.browse(buckets.ids):
                    if bucket.name in bucket_texts:
                        _translate_unless_rewritten(bucket, "name", lang, bucket_texts[bucket.name])
        return res
