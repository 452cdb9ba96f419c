"""The credit set-up by business profile: a Credit Manager picks the company's
profile, its usual terms and its size; the set-up lists every change the
profile's preset would make, beside today's value; the manager applies it.

Nothing a manager decided is overwritten silently: a change that lowers a limit
is applied only when the manager ticks it; customers with an approved
assessment or a limit set by hand keep theirs (the set-up changes no
customer's limit). The set-up stays as the log of what was applied, by whom and
when. Other add-ons add their own changes (``_smec_changes``), such as the
dunning plan of ``smec_credit_collection``.
"""

import json

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# the size of the company scales the preset's amounts (starting limit, full-5C threshold)
SIZE_FACTORS = {"micro": 0.5, "small": 1.0, "medium": 2.0}

# what a set-up may write: (model, field); anything else in a line is refused when applying
COMPANY_FIELDS = (
    "smec_hold_mode",
    "smec_warn_overdue_days",
    "smec_block_overdue_days",
    "smec_review_raise_on_time",
    "smec_review_raise_percent",
    "smec_accounting_regime",
    "smec_full_5c_min_sales",
)
GRADE_FIELDS = ("payment_term_id", "prepayment_percent", "credit_months", "limit_amount")


class SmecCreditSetup(models.Model):
    _name = "smec.credit.setup"
    _description = "Credit Set-up by Business Profile"
    _inherit = ["mail.thread", "smec.guard.mixin"]
    _order = "id desc"

    # smec.guard.mixin: applied with its button, by the Credit Manager who clicks it, then kept as it was
    _smec_action_fields = frozenset({"state", "applied_by_id", "applied_on"})
    _smec_locked_states = frozenset({"applied"})

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True, readonly=True
    )
    profile_id = fields.Many2one("smec.credit.profile", string="Business Profile", required=True, tracking=True)
    profile_description = fields.Text(related="profile_id.description")
    size = fields.Selection(
        [
            ("micro", "Micro (yearly revenue under CNY 3 million)"),
            ("small", "Small (CNY 3 to 20 million)"),
            ("medium", "Medium (CNY 20 million and more)"),
        ],
        required=True,
        default="small",
        tracking=True,
        help="Scales the preset's amounts: half for a micro business, twice for a medium one.",
    )
    usual_payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Your Usual Terms",
        tracking=True,
        help="The terms you usually give good customers: they become grade B's terms.",
    )
    line_ids = fields.One2many("smec.credit.setup.line", "setup_id", string="Changes")
    state = fields.Selection(
        [("draft", "To apply"), ("applied", "Applied")], default="draft", required=True, tracking=True
    )
    applied_by_id = fields.Many2one("res.users", readonly=True)
    applied_on = fields.Datetime(readonly=True)
    change_count = fields.Integer(compute="_compute_counts")
    confirm_count = fields.Integer(string="To Confirm", compute="_compute_counts")

    @api.depends("line_ids.kind", "line_ids.needs_confirm")
    def _compute_counts(self):
        for setup in self:
            changes = setup.line_ids.filtered(lambda line: line.kind != "info")
            setup.change_count = len(changes)
            setup.confirm_count = len(changes.filtered("needs_confirm"))

    @api.depends("profile_id", "company_id", "create_date")
    def _compute_display_name(self):
        for setup in self:
            setup.display_name = f"{setup.profile_id.name or ''} - {setup.company_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        self._check_manager()
        setups = super().create(vals_list)
        setups._make_lines()
        return setups

    def write(self, vals):
        res = super().write(vals)
        if {"profile_id", "size", "usual_payment_term_id"} & set(vals):
            self.filtered(lambda s: s.state == "draft")._make_lines()
        return res

    @api.model
    def _smec_writable(self):
        """{model: fields} a set-up may write; other add-ons add theirs."""
        return {"res.company": COMPANY_FIELDS, "smec.credit.grade": GRADE_FIELDS}

    def _check_manager(self):
        if not self.env.su and not self.env.user.has_group("smec_credit.group_credit_manager"):
            raise AccessError(_("Only a Credit Manager sets up the credit policy."))

    # ------------------------------------------------------------
    # WHAT THE PRESET CHANGES
    # ------------------------------------------------------------

    def _make_lines(self):
        """The lines of the changes the preset makes today, replacing any earlier preview."""
        for setup in self:
            setup.line_ids.sudo().unlink()
            vals_list = [
                {**change, "setup_id": setup.id, "sequence": index}
                for index, change in enumerate(setup._smec_changes())
            ]
            self.env["smec.credit.setup.line"].sudo().create(vals_list)

    def _display(self, record, fname, value):
        """``value`` of ``record.fname`` as a reader sees it."""
        field = record._fields[fname]
        if field.type == "many2one":
            return self.env[field.comodel_name].browse(value).display_name if value else ""
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, value or "")
        if field.type == "monetary":
            # an amount in its currency (the company's), as the screens show money: ¥ 30,000.00
            currency = record[field.get_currency_field(record)] or self.company_id.currency_id
            return currency.format(value or 0.0)
        if field.type == "float":
            return f"{value or 0.0:,.2f}"
        return str(value if value is not None else "")

    def _field_change(self, area, record, fname, new, needs_confirm=False, note=False):
        """The line of setting ``record.fname`` to ``new``, or None when it is already so."""
        field = record._fields[fname]
        old = record[fname]
        old_raw = old.id if field.type == "many2one" else old
        if field.type in ("float", "monetary"):
            same = round(old_raw or 0.0, 2) == round(new or 0.0, 2)
        else:
            same = (old_raw or False) == (new or False)
        if same:
            return None
        return {
            "kind": "field",
            "area": area,
            "label": f"{record.display_name}: {field._description_string(self.env)}",
            "current": self._display(record, fname, old_raw),
            "proposed": self._display(record, fname, new),
            "res_model": record._name,
            "res_id": record.id,
            "field_name": fname,
            "value": json.dumps(new or False),
            "needs_confirm": needs_confirm,
            "note": note,
        }

    def _smec_changes(self):
        """[line values] of every change the preset makes, beside today's values. Extended by other add-ons."""
        self.ensure_one()
        profile, company = self.profile_id, self.company_id.sudo()
        factor = SIZE_FACTORS[self.size]
        policy = _("Policy")
        changes = [
            self._field_change(policy, company, "smec_hold_mode", profile.hold_mode),
            self._field_change(policy, company, "smec_warn_overdue_days", profile.warn_overdue_days),
            self._field_change(policy, company, "smec_block_overdue_days", profile.block_overdue_days),
            self._field_change(policy, company, "smec_review_raise_on_time", profile.raise_on_time),
            self._field_change(policy, company, "smec_review_raise_percent", profile.raise_percent),
            self._field_change(policy, company, "smec_accounting_regime", profile.accounting_regime),
            self._field_change(policy, company, "smec_full_5c_min_sales", profile.full_5c_min_sales * factor),
        ]
        grades = (
            self.env["smec.credit.grade"]
            .sudo()
            .search([("company_id", "=", company.id), ("partner_role", "=", "customer")])
        )
        by_code = {line.code: line for line in profile.grade_line_ids}
        area = _("Grades")
        for grade in grades.sorted("code"):
            line = by_code.get(grade.code)
            if line:
                term = line.payment_term_id
                if grade.code == "B" and self.usual_payment_term_id:
                    term = self.usual_payment_term_id
                changes += [
                    self._field_change(area, grade, "payment_term_id", term.id),
                    self._field_change(area, grade, "prepayment_percent", line.prepayment_percent),
                    self._field_change(area, grade, "credit_months", line.credit_months),
                ]
            if grade == company.smec_new_customer_grade_id:
                start = company.currency_id.round(profile.start_limit * factor)
                lower = start < grade.limit_amount
                changes.append(
                    self._field_change(
                        area,
                        grade,
                        "limit_amount",
                        start,
                        needs_confirm=lower,
                        note=lower
                        and _(
                            "Lowers a limit a manager set, which new customers and every customer of this grade "
                            "with a fixed limit have: tick it to apply it."
                        ),
                    )
                )
        changes.append(self._bucket_change(company, profile))
        changes.append(self._kept_customers_line(company))
        return [change for change in changes if change]

    def _bucket_change(self, company, profile):
        new = profile._bucket_values()
        current = company.smec_aging_bucket_ids.sorted(lambda b: (b.is_last, b.days_to))
        old = [(None if b.is_last else b.days_to, b.provision_rate) for b in current]
        if [(d, round(r, 2)) for d, r in old] == [(d, round(r, 2)) for d, r in new]:
            return None

        over = _("over")

        def text(buckets):
            return ", ".join(f"{over if days is None else days}: {rate:g} %" for days, rate in buckets)

        return {
            "kind": "buckets",
            "area": _("Aging"),
            "label": _("Aging buckets (up to days: provision rate)"),
            "current": text(old),
            "proposed": text(new),
            "res_model": "res.company",
            "res_id": company.id,
            "field_name": "smec_aging_bucket_ids",
            "value": json.dumps(new),
        }

    def _kept_customers_line(self, company):
        Partner = self.env["res.partner"].sudo().with_company(company)
        kept = Partner.search_count(
            [("is_company", "=", True), "|", ("credit_limit", ">", 0), ("smec_grade_id", "!=", False)]
        )
        if not kept:
            return None
        return {
            "kind": "info",
            "area": _("Customers"),
            "label": _("Customers with an approved assessment or a limit set by hand"),
            "current": _("%s customers", kept),
            "proposed": _("Unchanged: the set-up changes no customer's limit"),
        }

    # ------------------------------------------------------------
    # APPLYING
    # ------------------------------------------------------------

    def action_apply(self):
        """Apply the lines: those that need a confirmation only when ticked. Logged on the set-up."""
        self._check_manager()
        for setup in self:
            if setup.state != "draft":
                raise UserError(_("This set-up was applied on %(date)s: start a new one.", date=setup.applied_on))
            if setup.company_id not in self.env.user.company_ids:
                raise AccessError(_("You do not work for %s.", setup.company_id.name))
            applied = skipped = 0
            for line in setup.line_ids.sorted("sequence"):
                if line.kind == "info":
                    continue
                if line.needs_confirm and not line.confirmed:
                    skipped += 1
                    continue
                line._apply()
                applied += 1
            setup.company_id.sudo().smec_profile_id = setup.profile_id
            # the provision's accounts and journal, when the company's chart is one whose accounts are known
            setup.company_id._smec_find_chart_accounts()
            todo = self.env.ref("smec_credit_setup.todo_credit_setup", raise_if_not_found=False)
            if todo:
                todo.sudo().state = "done"
            setup.sudo().write({"state": "applied", "applied_by_id": self.env.uid, "applied_on": fields.Datetime.now()})
            setup.message_post(
                body=_(
                    "Profile %(profile)s applied: %(applied)s changes made, %(skipped)s left as they were.",
                    profile=setup.profile_id.name,
                    applied=applied,
                    skipped=skipped,
                )
            )
        return True


class SmecCreditSetupLine(models.Model):
    _name = "smec.credit.setup.line"
    _description = "Change of a Credit Set-up"
    _inherit = ["smec.guard.mixin"]
    _order = "setup_id, sequence, id"

    # smec.guard.mixin: what to change is computed by the set-up; a user only ticks a confirmation
    _smec_code_fields = frozenset(
        {
            "setup_id",
            "sequence",
            "kind",
            "area",
            "label",
            "current",
            "proposed",
            "note",
            "res_model",
            "res_id",
            "field_name",
            "value",
            "needs_confirm",
            "applied",
        }
    )

    setup_id = fields.Many2one("smec.credit.setup", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="setup_id.company_id", store=True)
    sequence = fields.Integer()
    kind = fields.Selection([("field", "Value"), ("buckets", "Aging buckets"), ("info", "Kept")], required=True)
    area = fields.Char()
    label = fields.Char(string="What")
    current = fields.Char(string="Today")
    proposed = fields.Char(string="After")
    note = fields.Char()
    res_model = fields.Char()
    res_id = fields.Integer()
    field_name = fields.Char()
    value = fields.Text()
    needs_confirm = fields.Boolean(string="Needs Your Tick")
    confirmed = fields.Boolean(string="Apply It")
    applied = fields.Boolean(readonly=True)

    def write(self, vals):
        if not self.env.su and any(line.setup_id.state != "draft" for line in self):
            raise UserError(_("An applied set-up is kept as it was."))
        return super().write(vals)

    def _apply(self):
        self.ensure_one()
        company = self.setup_id.company_id.sudo()
        value = json.loads(self.value)
        if self.kind == "buckets" and self.res_model == "res.company" and self.res_id == company.id:
            self.env["smec.credit.aging.bucket"].sudo()._replace_for(company, [tuple(pair) for pair in value])
        else:
            if self.field_name not in self.setup_id._smec_writable().get(self.res_model, ()):
                raise AccessError(
                    _("A set-up does not change %(model)s.%(field)s.", model=self.res_model, field=self.field_name)
                )
            record = self.env[self.res_model].sudo().browse(self.res_id)
            if (record if record._name == "res.company" else record.company_id) != company:
                raise AccessError(_("This set-up changes the policy of %s only.", company.name))
            record.write({self.field_name: value})
        self.sudo().applied = True
