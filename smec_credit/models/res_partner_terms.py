"""The credit terms of a partner: who may change them, and the log of every
change.

The credit-relevant fields (``_smec_credit_fields``: the grade and limit, a
platform's settlement cycle, the customer's size, and what other add-ons add)
are changed only by the groups each names, whatever the call (a form, an RPC
call, an import, a copy), and every change is logged with the user's reason
(``smec.credit.log``). A copy of a partner carries its restrictions."""

import math

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import uscc
from .smec_credit_log import LOGGED


def _unchanged(partner, fname, value):
    """Whether ``value``, as a call sends it, is what ``partner`` already holds (scalars and many2one)."""
    field = partner._fields[fname]
    if field.type in ("one2many", "many2many"):
        return False
    current = partner[fname]
    if field.type == "many2one":
        return current.id == (value or False) or (not current and not value)
    return current == value or (not current and not value)


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    smec_may_set_terms = fields.Boolean(
        string="May Set Credit Terms",
        compute="_compute_smec_may_set_terms",
        help="The current user may change the credit terms (a Credit Manager).",
    )
    smec_change_reason = fields.Char(
        string="Reason for the Change",
        compute="_compute_smec_change_reason",
        inverse="_inverse_smec_change_reason",
        help="Kept in the credit change log with your name, beside the grade, limit or terms you change.",
    )

    @api.depends_context("uid")
    def _compute_smec_may_set_terms(self):
        self.smec_may_set_terms = self.env.user.has_group("smec_credit.group_credit_manager")

    def _compute_smec_change_reason(self):
        self.smec_change_reason = False

    def _inverse_smec_change_reason(self):
        """Nothing to store: ``write`` hands the reason to the change log."""

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        reasons = []
        for vals in vals_list:
            reasons.append(vals.pop("smec_change_reason", None))
            self._smec_check_credit_vals(vals, creating=True)
        partners = super().create(vals_list)
        Log = self.env["smec.credit.log"]
        for partner, vals, reason in zip(partners, vals_list, reasons, strict=True):
            logged = [f for f in self._smec_credit_fields() if vals.get(f)]
            if logged:
                Log._log_partner_changes(partner, logged, dict.fromkeys(((partner.id, f) for f in logged), ""), reason)
        return partners

    def write(self, vals):
        reason = vals.get("smec_change_reason")
        vals = {key: value for key, value in vals.items() if key != "smec_change_reason"}
        self._smec_check_credit_vals(vals, creating=False)
        logged = [f for f in self._smec_credit_fields() if f in vals]
        Log = self.env["smec.credit.log"]
        before = {(p.id, f): Log._partner_value(p, f) for p in self for f in logged}
        # open quotations on the customer's agreed terms follow a new grade or new terms
        quotations = None
        if {"smec_grade_id", "property_payment_term_id"} & vals.keys():
            quotations = self.env["sale.order"].sudo()._smec_quotations_on_terms(self)
        # contacts moved to another company move their orders' weight: the credit gate decides
        with self.env["smec.credit.gate"]._contact_move(self, vals):
            result = super().write(vals)
        if logged:
            Log._log_partner_changes(self, logged, before, reason)
        if quotations:
            self.env["sale.order"].sudo()._smec_follow_terms(quotations)
        return result

    def copy(self, default=None):
        """A copy carries the original's terms and restrictions: its credit-relevant fields as a Credit Manager
        set them (what the caller changes with ``default`` meets the rule), its related-party mark and its active
        risk flags, so that a duplicate is not a way around a hold."""
        self._smec_check_credit_vals(dict(default or {}), creating=True)
        self.check_access("read")
        self.browse().check_access("create")
        copies = super(ResPartner, self.sudo()).copy(default).sudo(self.env.su)
        for original, duplicate in zip(self.sudo(), copies.sudo(), strict=True):
            for flag in original.smec_risk_flag_ids.filtered("is_active_flag"):
                flag.copy(
                    {
                        "partner_id": duplicate.id,
                        "note": _(
                            "Carried over from %(partner)s. %(note)s", partner=original.name, note=flag.note or ""
                        ),
                    }
                )
        return copies

    @api.model
    def _smec_check_credit_vals(self, vals, creating):
        """Validate and protect the credit terms in ``vals`` (normalised in
        place), whatever the call (a form, an RPC call, an import, a copy): the
        limit is an amount of 0 or more, and only a Credit Manager sets a
        grade, an accepted check character or (once the company separated the
        roles) a limit. On creation, terms left empty are no change. Raises
        before anything is written."""
        if vals.get("smec_uscc"):
            vals["smec_uscc"] = uscc.normalize(vals["smec_uscc"])
        if "credit_limit" in vals:
            try:
                limit = float(vals["credit_limit"] or 0.0)
            except (TypeError, ValueError):
                raise ValidationError(_("A credit limit is an amount, such as 50000: use 0 for no limit.")) from None
            if not math.isfinite(limit) or limit < 0:
                raise ValidationError(_("A credit limit cannot be negative: use 0 for no limit."))
        if self.env.su:
            return
        credit_fields = self._smec_credit_fields()
        sent = [f for f in credit_fields if f in vals and credit_fields[f][1]]
        if creating:
            # a value equal to the field's default is no change (the form sends them all)
            defaults = self.default_get(sent)
            sent = [f for f in sent if vals[f] and vals[f] != defaults.get(f)]
        else:
            sent = [f for f in sent if any(not _unchanged(partner, f, vals[f]) for partner in self)]
        restricted = [f for f in sent if not any(self.env.user.has_group(group) for group in credit_fields[f][1])]
        if restricted:
            names = ", ".join(self._fields[f]._description_string(self.env) for f in restricted)
            groups = {group for f in restricted for group in credit_fields[f][1]}
            raise AccessError(
                _(
                    "Only a %(groups)s can change %(fields)s: ask one, or request a credit approval.",
                    groups=" / ".join(sorted(self.env.ref(group).name for group in groups)),
                    fields=names,
                )
            )

    @api.model
    def _smec_credit_fields(self):
        """{partner field: (log field, the groups one of which a user needs to change it)}: the credit-relevant
        fields, restricted and logged (smec_credit_log.py). Odoo's own credit limit is restricted to Credit
        Managers once the company separated the roles (when it went live, ``smec_separate_credit_roles``); until
        then whoever Odoo lets set it (its field's groups: invoicing and accounting users) still may, logged."""
        fields = dict(LOGGED)
        if not self.env.company.smec_separate_credit_roles:
            fields["credit_limit"] = (fields["credit_limit"][0], ())
        return fields
