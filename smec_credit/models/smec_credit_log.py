from odoo import _, api, fields, models

CREDIT_MANAGER = ("smec_credit.group_credit_manager",)

# the credit-relevant fields of a partner: partner field -> (log field, the groups one of which a user needs to
# change it; empty: whoever may edit the partner). Every change is logged. Add-ons add theirs by extending
# res.partner's _smec_credit_fields() and the log's field selection.
LOGGED = {
    "smec_grade_id": ("grade", CREDIT_MANAGER),
    "smec_supplier_grade_id": ("supplier_grade", CREDIT_MANAGER),
    "credit_limit": ("credit_limit", CREDIT_MANAGER),
    "property_payment_term_id": ("payment_term", ()),
    "smec_uscc_override": ("uscc_override", CREDIT_MANAGER),
    # anyone marks a related party; only a Credit Manager unmarks one (res_partner_related.py)
    "smec_related_type": ("related", ()),
    # who must pay within 60 days (Our Credit)
    "smec_debtor_size": ("debtor_size", CREDIT_MANAGER),
}

LOGGED_FIELDS = [
    ("grade", "Grade"),
    ("supplier_grade", "Supplier grade"),
    ("credit_limit", "Credit limit"),
    ("payment_term", "Payment term"),
    ("uscc_override", "USCC check overridden"),
    ("related", "Related party"),
    ("debtor_size", "Customer size"),
]


class SmecCreditLog(models.Model):
    """Who changed a partner's credit terms, when, from what to what, and why.

    Odoo's mail tracking records a change in the chatter, but not for which
    company a company-dependent value (grade, limit, terms) changed, and not
    as a list to filter and export per company; the log keeps both, with the
    reason the user gave.
    """

    _name = "smec.credit.log"
    _description = "Credit Policy Change Log"
    _order = "create_date desc, id desc"
    _log_access = True

    partner_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, default=lambda self: self.env.user)
    field = fields.Selection(LOGGED_FIELDS, required=True, readonly=True)
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    reason = fields.Char(readonly=True)

    @api.depends("partner_id", "field", "create_date")
    def _compute_display_name(self):
        labels = dict(self._fields["field"]._description_selection(self.env))
        for log in self:
            log.display_name = " - ".join(filter(None, [log.partner_id.name, labels.get(log.field)]))

    @api.model
    def _partner_value(self, partner, fname):
        """The value of ``fname`` on ``partner`` as the log writes it."""
        value = partner[fname]
        if isinstance(value, models.BaseModel):
            return ", ".join(value.mapped("display_name"))
        if fname == "credit_limit":
            return self.env.company.currency_id.format(value)
        if partner._fields[fname].type == "boolean":
            return _("Yes") if value else _("No")
        if value is False or value is None:
            return ""
        if partner._fields[fname].type == "selection":
            return dict(partner._fields[fname]._description_selection(self.env)).get(value, "")
        return str(value)

    @api.model
    def _log_partner_changes(self, partners, fnames, before, reason=None):
        """Log the changes of ``fnames`` on ``partners`` from ``before``
        ({(partner id, field): value}) with ``reason``: what the user wrote in
        the form, recorded as theirs. Server code (an approved assessment, an
        accepted proposal) names its reason with the context key
        ``smec_credit_reason`` in superuser mode; sent by a user, the key is
        ignored."""
        if not reason and self.env.su:
            reason = self.env.context.get("smec_credit_reason")
        reason = reason or _("Edited on the partner")
        logs = []
        for partner in partners:
            for fname in fnames:
                old, new = before[(partner.id, fname)], self._partner_value(partner, fname)
                if old != new:
                    logs.append(
                        {
                            "partner_id": partner.id,
                            "company_id": self.env.company.id,
                            "field": partners._smec_credit_fields()[fname][0],
                            "old_value": old,
                            "new_value": new,
                            "reason": reason,
                        }
                    )
        if logs:
            self.sudo().create(logs)
