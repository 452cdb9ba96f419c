from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools import uscc


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "smec.guard.mixin"]

    # set by an approved assessment only (smec.guard.mixin): a value that
    # changes one is refused with a message, so nobody clears the current assessment to stop its
    # grade from expiring, nor writes a score
    _smec_code_fields = frozenset(
        {
            "smec_credit_score",
            "smec_assessment_id",
            "smec_supplier_credit_score",
            "smec_supplier_assessment_id",
            # who marked a related party and when: stamped by res_partner_related.py
            "smec_related_by_id",
            "smec_related_date",
        }
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    smec_uscc = fields.Char(
        string="Unified Social Credit Code",
        index="btree_not_null",
        copy=False,
        help="統一社會信用代碼 (GB 32100-2015): 18 characters with a check character.",
    )
    smec_uscc_override = fields.Boolean(
        string="Accept USCC Despite Check Character",
        copy=False,
        help="Real codes exist that fail the check character: a Credit Manager may accept one.",
    )
    smec_uscc_status = fields.Selection(
        [("ok", "Valid"), ("checksum", "Check character mismatch"), ("format", "Invalid format")],
        compute="_compute_smec_uscc_status",
    )
    smec_uscc_duplicate_ids = fields.Many2many(
        "res.partner",
        compute="_compute_smec_uscc_duplicate_ids",
        string="Same USCC",
        search="_search_smec_uscc_duplicate_ids",
    )

    # the one field that says "large enterprise or public body": Our Credit's
    # 60-day list reads it, and so does collection's late-payment interest
    smec_debtor_size = fields.Selection(
        [("sme", "SME"), ("large", "Large enterprise"), ("public", "Public body")],
        string="Customer Size",
        tracking=True,
        help="A public body (government body, public institution) or a large enterprise must pay an SME within "
        "60 days of delivery and then owes 0.05 % a day of late-payment interest, unless a rate not below the "
        "one-year LPR is agreed (Regulations on Ensuring Payments to SMEs): its invoices open longer are shown "
        "on Our Credit.",
    )
    smec_expected_yearly_sales = fields.Float(
        string="Expected Yearly Sales",
        digits=(16, 2),
        help="What we expect to sell to this customer in a year, in the company's currency: under the company's "
        "threshold (Credit settings) its assessment is the quick check.",
    )
    smec_grade_id = fields.Many2one("smec.credit.grade", string="Credit Grade", company_dependent=True, copy=False)
    smec_credit_score = fields.Float(string="Credit Score", company_dependent=True, copy=False)
    smec_assessment_id = fields.Many2one(
        "smec.credit.assessment", string="Current Assessment", company_dependent=True, copy=False
    )
    smec_supplier_grade_id = fields.Many2one(
        "smec.credit.grade", string="Supplier Grade", company_dependent=True, copy=False
    )
    smec_supplier_credit_score = fields.Float(string="Supplier Score", company_dependent=True, copy=False)
    smec_supplier_assessment_id = fields.Many2one(
        "smec.credit.assessment", string="Current Supplier Assessment", company_dependent=True, copy=False
    )
    smec_assessment_valid_until = fields.Date(related="smec_assessment_id.valid_until", string="Assessment Valid Until")

    smec_assessment_ids = fields.One2many("smec.credit.assessment", "partner_id", string="Credit Assessments")
    smec_risk_flag_ids = fields.One2many("smec.credit.risk.flag", "partner_id", string="Risk Flags")
    smec_log_ids = fields.One2many("smec.credit.log", "partner_id", string="Credit Changes")
    smec_approval_ids = fields.One2many("smec.credit.approval", "partner_id", string="Credit Approvals")
    smec_has_blocking_flag = fields.Boolean(
        string="Blocking Risk Flag",
        compute="_compute_smec_policy",
        search="_search_smec_has_blocking_flag",
    )
    smec_effective_grade_id = fields.Many2one(
        "smec.credit.grade",
        string="Applied Policy",
        compute="_compute_smec_policy",
        help="The grade whose policy applies: grade D while a blocking flag is active, the assessed grade, "
        "or the company's policy for new customers.",
    )

    smec_currency_id = fields.Many2one("res.currency", compute="_compute_smec_exposure")
    smec_exposure_receivable = fields.Monetary(
        string="Open Receivables", compute="_compute_smec_exposure", currency_field="smec_currency_id"
    )
    smec_exposure_drafts = fields.Monetary(
        string="Draft Invoices", compute="_compute_smec_exposure", currency_field="smec_currency_id"
    )
    smec_exposure_orders = fields.Monetary(
        string="Orders Not Invoiced",
        compute="_compute_smec_exposure",
        currency_field="smec_currency_id",
        help="Confirmed orders' total not yet invoiced, less the down payments already invoiced that their "
        "final invoices will deduct.",
    )
    smec_exposure = fields.Monetary(
        string="Credit Exposure", compute="_compute_smec_exposure", currency_field="smec_currency_id"
    )
    smec_applied_limit = fields.Monetary(
        string="Applied Limit",
        compute="_compute_smec_exposure",
        currency_field="smec_currency_id",
        help="The partner's own limit, or the new-customer policy's until it is assessed; 0: no limit.",
    )
    smec_credit_available = fields.Monetary(
        string="Available Credit", compute="_compute_smec_exposure", currency_field="smec_currency_id"
    )
    smec_credit_utilisation = fields.Float(string="Utilisation (%)", compute="_compute_smec_exposure")
    smec_max_overdue_days = fields.Integer(string="Oldest Overdue (days)", compute="_compute_smec_exposure")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends_context("company")
    def _compute_smec_exposure(self):
        company = self.env.company
        commercial = self.commercial_partner_id
        Exposure = self.env["smec.credit.exposure"].sudo()
        facts = Exposure._exposure(commercial, company, include_drafts=company.smec_include_draft_invoices)
        # the limit as the credit check applies it: the same SQL definition
        policy = Exposure._credit_policy(commercial, company)
        for partner in self:
            values = facts.get(partner.commercial_partner_id.id, {})
            terms = policy.get(partner.commercial_partner_id.id, {})
            limit = terms.get("limit", 0.0)
            # the headroom against the limit the order check applies: a temporary increase included
            limit_now = limit + terms.get("temporary_increase", 0.0) if limit else 0.0
            total = values.get("total", 0.0)
            partner.smec_currency_id = company.currency_id
            partner.smec_exposure_receivable = values.get("receivable", 0.0)
            partner.smec_exposure_drafts = values.get("draft_invoices", 0.0)
            partner.smec_exposure_orders = values.get("uninvoiced_orders", 0.0)
            partner.smec_exposure = total
            partner.smec_applied_limit = limit
            partner.smec_credit_available = limit_now - total if limit else 0.0
            partner.smec_credit_utilisation = round(100.0 * total / limit_now, 2) if limit else 0.0
            partner.smec_max_overdue_days = values.get("max_overdue_days", 0)

    @api.depends("smec_uscc")
    def _compute_smec_uscc_status(self):
        for partner in self:
            partner.smec_uscc_status = uscc.validate(partner.smec_uscc) if partner.smec_uscc else False

    @api.depends("smec_uscc")
    def _compute_smec_uscc_duplicate_ids(self):
        codes = {uscc.normalize(p.smec_uscc) for p in self if p.smec_uscc}
        by_code = {}
        if codes:
            rows = self.env.execute_query(
                SQL(
                    "SELECT smec_uscc, array_agg(id) FROM res_partner "
                    "WHERE smec_uscc = ANY(%s) AND active GROUP BY smec_uscc",
                    list(codes),
                )
            )
            by_code = dict(rows)
        for partner in self:
            ids = set(by_code.get(uscc.normalize(partner.smec_uscc), [])) - {partner._origin.id}
            partner.smec_uscc_duplicate_ids = [(6, 0, sorted(ids))]

    def _search_smec_uscc_duplicate_ids(self, operator, value):
        if operator not in ("!=", "not in") or value not in (False, []):
            raise ValidationError(_("Search partners with a duplicate USCC with 'is set'."))
        query = SQL(
            "SELECT id FROM res_partner WHERE active AND smec_uscc IN ("
            " SELECT smec_uscc FROM res_partner WHERE smec_uscc IS NOT NULL AND active"
            " GROUP BY smec_uscc HAVING COUNT(*) > 1)"
        )
        return [("id", "in", query)]

    def _search_smec_has_blocking_flag(self, operator, value):
        # as _search_is_active_flag: "in [True]", its negation, or every partner
        if operator != "in":
            return NotImplemented
        if False in value:
            return []
        flags = self.env["smec.credit.risk.flag"].search(self._smec_blocking_flag_domain())
        return [("commercial_partner_id", "in", flags.partner_id.ids)]

    def _smec_blocking_flag_domain(self):
        return [
            ("blocking", "=", True),
            ("is_active_flag", "=", True),
            ("company_id", "in", [False, self.env.company.id]),
        ]

    @api.depends(
        "smec_grade_id", "smec_risk_flag_ids.blocking", "smec_risk_flag_ids.date_end", "smec_risk_flag_ids.active"
    )
    @api.depends_context("company")
    def _compute_smec_policy(self):
        """The blocking flags and the grade whose policy applies, as the credit
        check reads them (``_credit_policy``, one query): while a blocking flag
        is active, the company's worst customer grade."""
        company = self.env.company
        Grade = self.env["smec.credit.grade"].sudo()
        policy = self.env["smec.credit.exposure"].sudo()._credit_policy(self.commercial_partner_id, company)
        worst = Grade.search(
            [("company_id", "=", company.id), ("partner_role", "=", "customer")], order="min_score", limit=1
        )
        for partner in self:
            facts = policy.get(partner.commercial_partner_id.id, {})
            partner.smec_has_blocking_flag = bool(facts.get("flag_ids"))
            partner.smec_effective_grade_id = worst if facts.get("flag_ids") else Grade.browse(facts.get("grade_id"))

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("smec_uscc", "smec_uscc_override")
    def _check_smec_uscc(self):
        for partner in self.filtered("smec_uscc"):
            status = uscc.validate(partner.smec_uscc)
            if status == uscc.BAD_FORMAT:
                raise ValidationError(
                    _(
                        "%(code)s is not a unified social credit code: it has 18 characters from "
                        "0-9 and A-Y without I, O, S, V, Z.",
                        code=partner.smec_uscc,
                    )
                )
            if status == uscc.BAD_CHECKSUM and not partner.smec_uscc_override:
                raise ValidationError(
                    _(
                        "The check character of %(code)s does not match (expected %(char)s). Correct the code, "
                        "or ask a Credit Manager to accept it if the registry shows it as it is.",
                        code=partner.smec_uscc,
                        char=uscc.check_character(uscc.normalize(partner.smec_uscc)[:17]),
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _smec_letterhead_registration(self):
        # the USCC recorded and checked on the partner, before a taxpayer number
        if self.smec_uscc:
            return _("Unified Social Credit Code: %s", self.smec_uscc)
        return super()._smec_letterhead_registration()

    def action_smec_open_receivables(self):
        """The open receivable items behind the exposure."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Open Receivables of %s", self.commercial_partner_id.name),
            "res_model": "account.move.line",
            "view_mode": "list",
            "domain": [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
            ],
            "context": {"create": False},
        }

    def action_smec_open_draft_invoices(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Draft Invoices of %s", self.commercial_partner_id.name),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [
                ("commercial_partner_id", "=", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("state", "=", "draft"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ],
            "context": {"create": False},
        }

    def action_smec_open_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Orders Not Fully Invoiced of %s", self.commercial_partner_id.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [
                ("partner_invoice_id", "child_of", self.commercial_partner_id.id),
                ("company_id", "=", self.env.company.id),
                ("state", "=", "sale"),
                ("invoice_status", "!=", "invoiced"),
            ],
            "context": {"create": False},
        }

    def action_smec_new_assessment(self):
        self.ensure_one()
        role = self.env.context.get("smec_partner_role", "customer")
        assessment = self.env["smec.credit.assessment"].create(
            {"partner_id": self.commercial_partner_id.id, "partner_role": role}
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "smec.credit.assessment",
            "res_id": assessment.id,
            "view_mode": "form",
        }

    def _smec_quick_check(self, company):
        """Whether ``company`` evaluates this customer with the quick check: its expected yearly sales are under
        the company's threshold for the full 5C and none of its tags asks for the full 5C."""
        self.ensure_one()
        threshold = company.smec_full_5c_min_sales
        if not threshold or self.category_id & company.smec_full_5c_tag_ids:
            return False
        return self.smec_expected_yearly_sales < threshold
