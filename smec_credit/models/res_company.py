from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.defaults import default_grades, default_scorecards, default_supplier_grades


class ResCompany(models.Model):
    _inherit = "res.company"

    smec_hold_mode = fields.Selection(
        [("hold", "Hold the order"), ("warn", "Warn only")],
        string="Credit Check",
        default="hold",
        required=True,
        help="Hold: an order over the credit rules is not confirmed until a Credit Manager approves it. "
        "Warn: the salesperson sees the reasons but may confirm.",
    )
    smec_block_overdue_days = fields.Integer(string="Hold After Days Overdue", default=90)
    smec_warn_overdue_days = fields.Integer(string="Warn After Days Overdue", default=7)
    smec_include_draft_invoices = fields.Boolean(string="Count Draft Invoices In Exposure", default=True)
    smec_allow_self_approval = fields.Boolean(string="Credit Managers May Approve Their Own Requests")
    smec_assessment_validity_months = fields.Integer(string="Assessment Validity (months)", default=12)
    smec_new_customer_grade_id = fields.Many2one(
        "smec.credit.grade",
        string="Policy For New Customers",
        domain="[('company_id', '=', id), ('partner_role', '=', 'customer')]",
        help="The grade whose policy applies to customers not assessed yet.",
    )
    smec_review_raise_on_time = fields.Float(string="Raise When Paid On Time (%)", default=95.0)
    smec_review_raise_percent = fields.Float(string="Raise By (%)", default=10.0)
    smec_review_cut_days = fields.Float(string="Cut When Average Days Late Over", default=30.0)
    smec_review_cut_percent = fields.Float(string="Cut By (%)", default=30.0)

    smec_full_5c_min_sales = fields.Monetary(
        string="Full 5C From Yearly Sales",
        currency_field="currency_id",
        help="Customers expected to buy less than this a year are assessed with the quick check; 0: every customer "
        "gets the full 5C.",
    )
    smec_full_5c_tag_ids = fields.Many2many(
        "res.partner.category",
        "res_company_smec_full_5c_tag_rel",
        string="Full 5C For Tags",
        help="Customers with one of these tags get the full 5C whatever their sales.",
    )
    _smec_positive_days = models.Constraint(
        "CHECK(smec_block_overdue_days >= 0 AND smec_warn_overdue_days >= 0 AND smec_assessment_validity_months > 0)",
        "Day and month thresholds cannot be negative.",
    )

    @api.constrains(
        "smec_review_raise_on_time", "smec_review_raise_percent", "smec_review_cut_days", "smec_review_cut_percent"
    )
    def _check_smec_review_thresholds(self):
        """The monthly review proposes limits from these: a cut of more than 100 %
        would propose a negative limit, nan or infinity nothing sensible."""
        for company in self:
            shares = (company.smec_review_raise_on_time, company.smec_review_cut_percent)
            if not all(0 <= value <= 100 for value in shares):
                raise ValidationError(_("The review's on-time share and cut are percentages between 0 and 100."))
            if not 0 <= company.smec_review_raise_percent <= 1000:
                raise ValidationError(_("The review's raise is a percentage between 0 and 1000."))
            if not 0 <= company.smec_review_cut_days <= 3650:
                raise ValidationError(_("The review's days late are a number of days between 0 and 3650."))

    def _smec_language(self):
        """The language the company works in (its own address's, when installed): what scheduled jobs write for
        its people to read is written in it, not in the scheduler's."""
        self.ensure_one()
        lang = self.partner_id.lang
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        return lang if lang in installed else (self.env.lang or "en_US")

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._smec_create_default_policies()
        return companies

    def _smec_create_default_policies(self):
        """Default grades A-D and the simplified SME scorecards, once per company: made in English, then given
        every installed language's translation. An add-on with defaults of its own extends it
        (``smec_credit_receivable``: the aging buckets)."""
        env = self.with_context(lang="en_US").env
        _ = env._
        Grade = env["smec.credit.grade"].sudo()
        Card = env["smec.credit.scorecard"].sudo()
        methods = {m.code: m.id for m in env["smec.credit.settlement.method"].sudo().search([])}
        terms = {
            "immediate": env.ref("account.account_payment_term_immediate", raise_if_not_found=False),
            "15": env.ref("account.account_payment_term_15days", raise_if_not_found=False),
            "30": env.ref("account.account_payment_term_30days", raise_if_not_found=False),
            "eom30": env.ref("account.account_payment_term_end_following_month", raise_if_not_found=False),
        }
        for company in self:
            if Grade.search_count([("company_id", "=", company.id)], limit=1):
                continue
            customer_grades = []
            for vals in default_grades(_):
                term, codes = terms.get(vals.pop("term")), vals.pop("methods")
                customer_grades.append(
                    {
                        **vals,
                        "company_id": company.id,
                        "payment_term_id": term.id if term else False,
                        "settlement_method_ids": [Command.set([methods[c] for c in codes if c in methods])],
                    }
                )
            supplier_grades = [
                {**vals, "company_id": company.id, "partner_role": "supplier"} for vals in default_supplier_grades(_)
            ]
            grades = Grade.create(customer_grades + supplier_grades)
            company.smec_new_customer_grade_id = grades.filtered(
                lambda g: g.code == "C" and g.partner_role == "customer"
            )
            for card in default_scorecards(_):
                Card.create({**card, "company_id": company.id})
        self._smec_translate_defaults()

    def _smec_translate_defaults(self, langs=None):
        """Give the default grades and scorecards (criteria and answers), made in English, the translations of
        ``langs`` (every installed language by default); a name a manager rewrote is left alone. An add-on that
        makes defaults of its own extends it (``smec_credit_receivable``: the aging buckets)."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()} - {"en_US"}
        langs = sorted(installed & set(langs or installed))
        if not langs or not self:
            return
        english = self.with_context(lang="en_US").env._
        fields_by_model = {
            "smec.credit.grade": ["name"],
            "smec.credit.scorecard": ["name"],
            "smec.credit.criterion": ["name", "unit", "help_text"],
            "smec.credit.criterion.option": ["name"],
        }
        for lang in langs:
            translated = self.with_context(lang=lang).env._
            texts = {}
            for build in (default_grades, default_supplier_grades, default_scorecards):
                _collect_translations(build(english), build(translated), texts)
            if not texts:
                continue
            for model, names in fields_by_model.items():
                records = self.env[model].sudo().with_context(lang="en_US", active_test=False)
                company_field = "criterion_id.company_id" if model == "smec.credit.criterion.option" else "company_id"
                for name in names:
                    for record in records.search([(company_field, "in", self.ids), (name, "in", list(texts))]):
                        _translate_unless_rewritten(record, name, lang, texts[record[name]])


def _translate_unless_rewritten(record, name, lang, translation):
    """Give ``record`` (read in English) the shipped ``translation`` of ``name`` in ``lang``, unless someone wrote
    their own there (it is then neither the English text nor the shipped translation)."""
    current = record.with_context(lang=lang)[name]
    if current in (record[name], translation):
        record.update_field_translations(name, {lang: translation})


def _collect_translations(english, translated, texts):
    """Walk two structures built by the same default function in English and in another language: each English
    text that changed maps to its translation in ``texts``."""
    if isinstance(english, dict):
        for key, value in english.items():
            _collect_translations(value, translated.get(key), texts)
    elif isinstance(english, list | tuple):
        for value, other in zip(english, translated or (), strict=False):
            _collect_translations(value, other, texts)
    elif isinstance(english, str) and isinstance(translated, str) and english != translated:
        texts[english] = translated
