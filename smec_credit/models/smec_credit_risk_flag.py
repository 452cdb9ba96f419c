from odoo import _, api, fields, models
from odoo.exceptions import AccessError

FLAG_TYPES = [
    ("dishonest_debtor", "Dishonest judgment debtor (失信被執行人)"),
    ("abnormal_operation", "Abnormal operation list (經營異常名錄)"),
    ("serious_illegal", "Serious illegal and dishonest list"),
    ("litigation", "Litigation"),
    ("bankruptcy", "Bankruptcy / deregistration"),
    ("manual", "Manual"),
]
BLOCKING_BY_DEFAULT = {"dishonest_debtor", "serious_illegal", "bankruptcy"}


class SmecCreditRiskFlag(models.Model):
    """A high-risk signal on a partner; a blocking flag overrides the grade."""

    _name = "smec.credit.risk.flag"
    _description = "Credit Risk Flag"
    # its evidence files are the user's to read (smec.reference.mixin)
    _inherit = ["mail.thread", "smec.reference.mixin"]
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", domain="[('is_company', '=', True)]"
    )
    company_id = fields.Many2one(
        "res.company", index=True, help="Empty: the flag is known to every company (registry facts)."
    )
    flag_type = fields.Selection(FLAG_TYPES, required=True, tracking=True)
    blocking = fields.Boolean(
        compute="_compute_blocking",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="A blocking flag makes the partner behave as grade D while it is active.",
    )
    source = fields.Char(help="Where it comes from, e.g. 中國執行信息公開網 or a court notice.")
    reference = fields.Char(help="Case number or registry reference.")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    date_end = fields.Date(string="Lifted on", tracking=True)
    active = fields.Boolean(default=True)
    is_active_flag = fields.Boolean(compute="_compute_is_active_flag", search="_search_is_active_flag")
    note = fields.Text()
    evidence_attachment_ids = fields.Many2many("ir.attachment", string="Evidence")

    _end_after_start = models.Constraint(
        "CHECK(date_end IS NULL OR date_end >= date)", "A flag cannot be lifted before it was raised."
    )

    # ------------------------------------------------------------
    # CRUD: a shared flag is the Credit Managers'
    # ------------------------------------------------------------
    # A flag without a company holds (or, lifted, frees) the orders of every
    # company. Only a Credit Manager, who sets the credit policy, may create,
    # change, lift or delete one; Credit Users record flags for their own
    # companies (an import by a Credit User records them for the current one).

    @api.model_create_multi
    def create(self, vals_list):
        if any(not vals.get("company_id") for vals in vals_list):
            self._check_may_share()
        return super().create(vals_list)

    def write(self, vals):
        if any(not flag.company_id for flag in self) or ("company_id" in vals and not vals["company_id"]):
            self._check_may_share()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_shared_by_all(self):
        if any(not flag.company_id for flag in self):
            self._check_may_share()

    @api.model
    def _may_share(self):
        return self.env.su or self.env.user.has_group("smec_credit.group_credit_manager")

    @api.model
    def _check_may_share(self):
        if not self._may_share():
            raise AccessError(
                _(
                    "A risk flag without a company applies to every company: only a Credit Manager records, "
                    "changes or lifts one. Choose your company on the flag, or ask a Credit Manager."
                )
            )

    @api.depends("flag_type")
    def _compute_blocking(self):
        for flag in self:
            flag.blocking = flag.flag_type in BLOCKING_BY_DEFAULT

    @api.depends("date", "date_end")
    def _compute_is_active_flag(self):
        today = fields.Date.context_today(self)
        for flag in self:
            flag.is_active_flag = flag.date <= today and (not flag.date_end or flag.date_end > today)

    def _search_is_active_flag(self, operator, value):
        # Odoo 19 hands a boolean search over as "in [True]" or "not in [True]"
        # (which it builds by negating "in"), or "in [True, False]": every record
        if operator != "in":
            return NotImplemented
        if False in value:
            return []
        today = fields.Date.context_today(self)
        return [("date", "<=", today), "|", ("date_end", "=", False), ("date_end", ">", today)]

    @api.depends("partner_id", "flag_type")
    def _compute_display_name(self):
        types = dict(self._fields["flag_type"]._description_selection(self.env))
        for flag in self:
            flag.display_name = f"{flag.partner_id.display_name}: {types.get(flag.flag_type, '')}"

    def action_lift(self):
        self.write({"date_end": fields.Date.context_today(self)})
        return True
