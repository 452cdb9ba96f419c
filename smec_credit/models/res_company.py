from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import aging


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

    smec_aging_buckets = fields.Char(
        string="Aging Buckets (days)",
        default="30,60,90,180",
        required=True,
        help="Upper ends of the aging bands in days past the due date: 30,60,90,180 gives current, 1-30, "
        "31-60, 61-90, 91-180 and over 180.",
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
    smec_provision_rates = fields.Char(
        string="Provision Rates (%)",
        default="5,10,30,50,80,100",
        required=True,
        help="Expected-loss rate of each aging bucket, current first (a common schedule, not a rule).",
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
        help="Credit managers are told when an industry's overdue ratio or bad-debt rate on our ledger is above it.",
    )

    _smec_positive_days = models.Constraint(
        "CHECK(smec_block_overdue_days >= 0 AND smec_warn_overdue_days >= 0 AND smec_assessment_validity_months > 0)",
        "Day and month thresholds cannot be negative.",
    )

    @api.constrains("smec_aging_buckets")
    def _check_smec_aging_buckets(self):
        for company in self:
            company._smec_aging_limits()

    def _smec_aging_limits(self):
        """The aging bands' upper ends, e.g. [30, 60, 90, 180]."""
        self.ensure_one()
        try:
            return aging.parse_limits(self.smec_aging_buckets)
        except aging.BucketError as error:
            messages = {
                "format": _("Aging buckets are whole numbers of days separated by commas, e.g. 30,60,90,180."),
                "empty": _("Give at least one aging bucket, e.g. 30,60,90,180."),
                "order": _(
                    "Aging buckets must be positive and increasing, without overlaps: %s.", self.smec_aging_buckets
                ),
                "count": _("At most %s aging buckets.", aging.MAX_LIMITS),
            }
            raise ValidationError(messages[error.code]) from error

    @api.constrains("smec_provision_rates", "smec_aging_buckets")
    def _check_smec_provision_rates(self):
        for company in self:
            company._smec_provision_rates()

    def _smec_provision_rates(self):
        """Rates (0-1) per aging bucket, current first."""
        self.ensure_one()
        try:
            rates = [float(part) for part in (self.smec_provision_rates or "").replace(" ", "").split(",") if part]
        except ValueError as error:
            raise ValidationError(
                _("Provision rates are percentages separated by commas, e.g. 5,10,30,50,80,100.")
            ) from error
        buckets = len(self._smec_aging_limits()) + 2
        if len(rates) != buckets:
            raise ValidationError(
                _(
                    "Give one provision rate per aging bucket: %(buckets)s rates, not %(rates)s.",
                    buckets=buckets,
                    rates=len(rates),
                )
            )
        if any(rate < 0 or rate > 100 for rate in rates):
            raise ValidationError(_("Provision rates lie between 0 and 100 percent."))
        return [rate / 100 for rate in rates]

    def _smec_aging_labels(self):
        """['Current', '1-30', ..., 'Over 180']."""
        limits = self._smec_aging_limits()
        labels, low = [_("Current")], 1
        for high in limits:
            labels.append(f"{low}-{high}")
            low = high + 1
        labels.append(_("Over %s", limits[-1]))
        return labels

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._smec_create_default_policies()
        return companies

    def _smec_create_default_policies(self):
        """Default grades A-D and the simplified SME scorecards, once per company."""
        _ = self.env._
        Grade = self.env["smec.credit.grade"].sudo()
        Card = self.env["smec.credit.scorecard"].sudo()
        methods = {m.code: m.id for m in self.env["smec.credit.settlement.method"].sudo().search([])}
        terms = {
            "immediate": self.env.ref("account.account_payment_term_immediate", raise_if_not_found=False),
            "15": self.env.ref("account.account_payment_term_15days", raise_if_not_found=False),
            "30": self.env.ref("account.account_payment_term_30days", raise_if_not_found=False),
            "eom30": self.env.ref("account.account_payment_term_end_following_month", raise_if_not_found=False),
        }
        for company in self:
            if Grade.search_count([("company_id", "=", company.id)], limit=1):
                continue
            customer_grades = []
            for vals in _default_grades(_):
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
                {**vals, "company_id": company.id, "partner_role": "supplier"} for vals in _default_supplier_grades(_)
            ]
            grades = Grade.create(customer_grades + supplier_grades)
            company.smec_new_customer_grade_id = grades.filtered(
                lambda g: g.code == "C" and g.partner_role == "customer"
            )
            for card in _default_scorecards(_):
                Card.create({**card, "company_id": company.id})


def _default_grades(_):
    return [
        {
            "code": "A",
            "name": _("A - Excellent"),
            "min_score": 80,
            "max_score": 100,
            "color": 10,
            "limit_rule": "sales",
            "limit_amount": 200000,
            "credit_months": 2,
            "grade_factor": 1.2,
            "term": "eom30",
            "methods": ["transfer", "bill", "cash"],
            "prepayment_percent": 0,
            "confirmation_policy": "allow",
            "review_months": 12,
        },
        {
            "code": "B",
            "name": _("B - Good"),
            "min_score": 65,
            "max_score": 80,
            "color": 4,
            "limit_rule": "sales",
            "limit_amount": 100000,
            "credit_months": 1,
            "grade_factor": 1.0,
            "term": "30",
            "methods": ["transfer", "bill", "cash"],
            "prepayment_percent": 0,
            "confirmation_policy": "allow",
            "review_months": 12,
        },
        {
            "code": "C",
            "name": _("C - Watch"),
            "min_score": 50,
            "max_score": 65,
            "color": 3,
            "limit_rule": "fixed",
            "limit_amount": 20000,
            "credit_months": 0.5,
            "grade_factor": 0.5,
            "term": "15",
            "methods": ["transfer", "cash"],
            "prepayment_percent": 30,
            "confirmation_policy": "allow",
            "review_months": 6,
        },
        {
            "code": "D",
            "name": _("D - Cash only"),
            "min_score": 0,
            "max_score": 50,
            "color": 1,
            "limit_rule": "fixed",
            "limit_amount": 0,
            "credit_months": 0,
            "grade_factor": 0,
            "term": "immediate",
            "methods": ["transfer", "cash"],
            "prepayment_percent": 100,
            "confirmation_policy": "block",
            "review_months": 3,
        },
    ]


def _default_supplier_grades(_):
    return [
        {"code": "A", "name": _("A - Strategic supplier"), "min_score": 80, "max_score": 100, "color": 10},
        {"code": "B", "name": _("B - Reliable supplier"), "min_score": 65, "max_score": 80, "color": 4},
        {"code": "C", "name": _("C - Supplier to watch"), "min_score": 50, "max_score": 65, "color": 3},
        {"code": "D", "name": _("D - Supplier at risk"), "min_score": 0, "max_score": 50, "color": 1},
    ]


def _bands(*rows):
    """rows of (label, lower or None, upper or None, score) -> option commands."""
    return [
        (
            0,
            0,
            {
                "name": label,
                "sequence": i,
                "has_min": lo is not None,
                "value_min": lo or 0.0,
                "has_max": hi is not None,
                "value_max": hi or 0.0,
                "score": score,
            },
        )
        for i, (label, lo, hi, score) in enumerate(rows)
    ]


def _choices(*rows):
    return [(0, 0, {"name": label, "sequence": i, "score": score}) for i, (label, score) in enumerate(rows)]


def _criterion(dimension, name, seq, kind="choice", source="manual", unit=False, options=(), weight=1.0):
    return (
        0,
        0,
        {
            "dimension": dimension,
            "name": name,
            "sequence": seq,
            "kind": kind,
            "source": source,
            "unit": unit,
            "option_ids": list(options),
            "weight": weight,
        },
    )


def _default_scorecards(_):
    """The simplified SME 5C scorecard of the brief, and one for suppliers."""
    customer = [
        _criterion(
            "character",
            _("Share of invoices paid on time"),
            1,
            "number",
            "on_time_share",
            "%",
            _bands(
                (_("95 % and more"), 95, None, 100),
                (_("85-95 %"), 85, 95, 80),
                (_("70-85 %"), 70, 85, 55),
                (_("50-70 %"), 50, 70, 30),
                (_("Under 50 %"), None, 50, 0),
            ),
            weight=2.0,
        ),
        _criterion(
            "character",
            _("Average days paid late"),
            2,
            "number",
            "avg_days_late",
            _("days"),
            _bands(
                (_("On time"), None, 1, 100),
                (_("1-15 days"), 1, 15, 75),
                (_("15-30 days"), 15, 30, 50),
                (_("30-60 days"), 30, 60, 20),
                (_("Over 60 days"), 60, None, 0),
            ),
        ),
        _criterion(
            "character",
            _("Litigation and dishonesty record"),
            3,
            options=_choices(
                (_("None found"), 100),
                (_("Closed civil cases only"), 60),
                (_("Open litigation"), 25),
                (_("Listed as dishonest or enforced debtor"), 0),
            ),
        ),
        _criterion(
            "character",
            _("Reputation of the owner / management"),
            4,
            options=_choices((_("Well known, good"), 100), (_("No information"), 60), (_("Negative feedback"), 20)),
        ),
        _criterion(
            "capacity",
            _("Years in business"),
            1,
            "number",
            unit=_("years"),
            options=_bands(
                (_("10 years and more"), 10, None, 100),
                (_("5-10 years"), 5, 10, 80),
                (_("2-5 years"), 2, 5, 55),
                (_("Under 2 years"), None, 2, 25),
            ),
        ),
        _criterion(
            "capacity",
            _("Annual revenue trend"),
            2,
            options=_choices((_("Growing"), 100), (_("Stable"), 75), (_("Declining"), 35), (_("Unknown"), 50)),
        ),
        _criterion(
            "capacity",
            _("Longest overdue"),
            3,
            "number",
            "max_days_overdue",
            _("days"),
            _bands(
                (_("None"), None, 1, 100),
                (_("1-30 days"), 1, 31, 70),
                (_("31-90 days"), 31, 91, 35),
                (_("Over 90 days"), 91, None, 0),
            ),
        ),
        _criterion(
            "capital",
            _("Paid-up capital"),
            1,
            "number",
            unit=_("CNY 10k"),
            options=_bands(
                (_("5,000 and more"), 5000, None, 100),
                (_("1,000-5,000"), 1000, 5000, 80),
                (_("100-1,000"), 100, 1000, 55),
                (_("Under 100"), None, 100, 30),
            ),
        ),
        _criterion(
            "capital",
            _("Debt-to-asset ratio"),
            2,
            options=_choices((_("Under 50 %"), 100), (_("50-70 %"), 70), (_("Over 70 %"), 30), (_("Unknown"), 40)),
        ),
        _criterion(
            "collateral",
            _("Guarantees, deposits or credit insurance"),
            1,
            options=_choices(
                (_("Covers the whole limit"), 100),
                (_("Covers part of the limit"), 60),
                (_("Personal guarantee of the owner"), 40),
                (_("None"), 0),
            ),
        ),
        _criterion(
            "conditions",
            _("Industry risk level"),
            1,
            "number",
            "industry_risk",
            options=_bands(
                (_("Low"), None, 1.5, 100),
                (_("Medium"), 1.5, 2.5, 70),
                (_("High"), 2.5, 3.5, 40),
                (_("Very high"), 3.5, None, 10),
            ),
        ),
        _criterion(
            "conditions",
            _("Regional and market environment"),
            2,
            options=_choices((_("Favourable"), 100), (_("Neutral"), 70), (_("Unfavourable"), 30)),
        ),
    ]
    supplier = [
        _criterion(
            "character",
            _("Delivery reliability (on-time deliveries)"),
            1,
            options=_choices((_("Over 95 %"), 100), (_("85-95 %"), 70), (_("Under 85 %"), 30)),
        ),
        _criterion(
            "capacity",
            _("Quality (rejection rate)"),
            1,
            options=_choices((_("Under 1 %"), 100), (_("1-3 %"), 70), (_("Over 3 %"), 25)),
        ),
        _criterion(
            "capacity",
            _("Years in business"),
            2,
            "number",
            unit=_("years"),
            options=_bands(
                (_("10 years and more"), 10, None, 100), (_("5-10 years"), 5, 10, 80), (_("Under 5 years"), None, 5, 45)
            ),
        ),
        _criterion(
            "capital",
            _("Financial strength"),
            1,
            options=_choices((_("Strong"), 100), (_("Adequate"), 70), (_("Weak"), 25)),
        ),
        _criterion(
            "collateral",
            _("Alternative sources for what it supplies"),
            1,
            options=_choices((_("Several"), 100), (_("One"), 60), (_("None: single source"), 20)),
        ),
        _criterion(
            "conditions",
            _("Industry risk level"),
            1,
            "number",
            "industry_risk",
            options=_bands(
                (_("Low"), None, 1.5, 100),
                (_("Medium"), 1.5, 2.5, 70),
                (_("High"), 2.5, 3.5, 40),
                (_("Very high"), 3.5, None, 10),
            ),
        ),
    ]
    return [
        {"name": _("SME customer scorecard (simplified 5C)"), "partner_role": "customer", "criterion_ids": customer},
        {
            "name": _("Supplier scorecard"),
            "partner_role": "supplier",
            "criterion_ids": supplier,
            "weight_character": 30,
            "weight_capacity": 30,
            "weight_capital": 20,
            "weight_collateral": 10,
            "weight_conditions": 10,
        },
    ]
