"""Dates that are evidence: set once with their proof, corrected only by a
manager with the proof, every change logged.

The day a demand letter was signed for, the day a customer signed a statement,
the day a debtor acknowledged a debt: each says when something happened that a
court will be shown, and each moves a legal deadline (the limitation period
restarts on it). Rewritten by whoever holds the record, it would restart the
period without anything new having happened. A model that mixes this in
declares its evidence dates with the field holding their proof
(``_smec_evidence_dates = {"signed_date": "signed_proof_ids"}``) and the group
that corrects them (``_smec_evidence_manager_group``); then, for every caller
who is not in superuser mode:

* a date is set only with its proof on the record, when the record can have it
  (``_smec_evidence_refusal``: a letter that never went out is never signed
  for), neither in the future nor before the record's own beginning
  (``_smec_evidence_earliest``);
* once set, it is changed or cleared only by the manager group, with the proof
  on the record;
* each setting and change is posted, with who, the old and new date and the
  proof's files, in the chatter of ``_smec_evidence_log_record``.

Superuser mode is the one pass: the server code that records what it observed
(a customer signing on the portal, a payment) reaches it.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class SmecEvidenceMixin(models.AbstractModel):
    _name = "smec.evidence.mixin"
    _description = "Dates That Are Evidence"

    _smec_evidence_dates = {}
    _smec_evidence_manager_group = "base.group_system"

    # ------------------------------------------------------------
    # HOOKS
    # ------------------------------------------------------------

    def _smec_evidence_refusal(self, fname):
        """Why this record cannot have the date ``fname`` now, or an empty string."""
        return ""

    def _smec_evidence_earliest(self, fname):
        """The earliest the date ``fname`` can be, or ``False``."""
        return False

    def _smec_evidence_log_record(self):
        """The record whose chatter keeps the log."""
        return self

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self.env.su:
            for record in records:
                for fname in self._smec_evidence_dates:
                    record._smec_evidence_check(fname, False)
        return records

    def write(self, vals):
        dates = self._smec_evidence_dates.keys() & vals.keys()
        if self.env.su or not dates:
            return super().write(vals)
        before = {(record.id, fname): record[fname] for record in self for fname in dates}
        result = super().write(vals)
        for record in self:
            for fname in dates:
                record._smec_evidence_check(fname, before[record.id, fname])
        return result

    # ------------------------------------------------------------
    # THE RULE
    # ------------------------------------------------------------

    def _smec_evidence_check(self, fname, old):
        """Raises unless the change of ``fname`` from ``old`` to its value now is
        allowed; logs it."""
        self.ensure_one()
        new = self[fname]
        if new == old:
            return
        label = self._fields[fname]._description_string(self.env)
        if old and not self.env.user.has_group(self._smec_evidence_manager_group):
            group = self.env.ref(self._smec_evidence_manager_group)
            raise AccessError(
                _(
                    "%(field)s is evidence and was set to %(old)s: only a %(group)s corrects it, with the proof.",
                    field=label,
                    old=old,
                    group=group.name,
                )
            )
        if new:
            refusal = self._smec_evidence_refusal(fname)
            if refusal:
                raise UserError(refusal)
            today = fields.Date.context_today(self)
            earliest = self._smec_evidence_earliest(fname)
            if new > today or (earliest and new < earliest):
                raise UserError(
                    _(
                        "%(field)s cannot be %(date)s: it is between %(earliest)s and today.",
                        field=label,
                        date=new,
                        earliest=earliest or "-",
                    )
                )
        # whether the proof is there, whoever may read it
        proof = self.sudo()[self._smec_evidence_dates[fname]]
        if not proof:
            raise UserError(
                _(
                    "Attach the proof of %(field)s (%(proof)s) with the date: a date a court will not see proves "
                    "nothing.",
                    field=label,
                    proof=self._fields[self._smec_evidence_dates[fname]]._description_string(self.env),
                )
            )
        self._smec_evidence_log_record().sudo().message_post(
            body=_(
                "%(field)s of %(record)s: %(old)s → %(new)s, by %(user)s. Proof: %(files)s.",
                field=label,
                record=self.display_name,
                old=old or "-",
                new=new or "-",
                user=self.env.user.name,
                files=", ".join(proof.mapped("name")),
            )
        )
