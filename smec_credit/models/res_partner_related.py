"""Related parties: relatives, friends, employees, shareholders and affiliated
companies of the owners, to whom an SME sells on credit by favour (人情賒銷).

Anyone who may edit a partner marks it related, saying why (caution costs
nothing); only a Credit Manager unmarks it or changes how it is related. Who
marked it and when are stamped by the code, and every change is in the credit
change log. Every credit sale to a related partner needs a Credit Manager's
approval whatever its limit (the order check's "related" reason)."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

RELATED_TYPES = [
    ("family", "Family"),
    ("friend", "Friend"),
    ("employee", "Employee"),
    ("shareholder", "Shareholder"),
    ("affiliate", "Affiliated company"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # a copy of a related party is related too: its credit sales need the same approval
    smec_related_type = fields.Selection(
        RELATED_TYPES,
        string="Related Party",
        tracking=True,
        help="A relative, friend, employee or shareholder of the owners, or an affiliated company: every credit "
        "sale to it needs a Credit Manager's approval, whatever its limit.",
    )
    smec_related_note = fields.Char(string="Why Related", tracking=True)
    # stamped by the code (smec.guard.mixin's code fields on res.partner)
    smec_related_by_id = fields.Many2one("res.users", string="Marked Related By", readonly=True, copy=False)
    smec_related_date = fields.Date(string="Marked Related On", readonly=True, copy=False)

    @api.constrains("smec_related_type", "smec_related_note")
    def _check_smec_related_note(self):
        for partner in self:
            if partner.smec_related_type and not (partner.smec_related_note or "").strip():
                raise ValidationError(
                    _("Say why %(partner)s is a related party: the note is kept with the mark.", partner=partner.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("smec_related_type") and not vals.get("smec_change_reason"):
                vals["smec_change_reason"] = vals.get("smec_related_note")
        partners = super().create(vals_list)
        partners.filtered("smec_related_type")._smec_stamp_related()
        return partners

    def write(self, vals):
        if "smec_related_type" not in vals:
            return super().write(vals)
        new_type = vals["smec_related_type"] or False
        changed = self.filtered(lambda p: p.smec_related_type != new_type)
        unmarked = changed.filtered("smec_related_type")
        if unmarked and not self.env.su and not self.env.user.has_group("smec_credit.group_credit_manager"):
            raise AccessError(
                _(
                    "Only a Credit Manager unmarks a related party or changes how it is related (%(partners)s).",
                    partners=", ".join(unmarked.mapped("name")),
                )
            )
        if not vals.get("smec_change_reason"):
            vals = {**vals, "smec_change_reason": vals.get("smec_related_note") or (self[:1].smec_related_note or "")}
        result = super().write(vals)
        changed._smec_stamp_related()
        return result

    def _smec_stamp_related(self):
        """Who marked these partners related and when (cleared when unmarked)."""
        for partner in self:
            marked = bool(partner.smec_related_type)
            partner.sudo().write(
                {
                    "smec_related_by_id": self.env.user.id if marked else False,
                    "smec_related_date": fields.Date.context_today(self) if marked else False,
                }
            )
