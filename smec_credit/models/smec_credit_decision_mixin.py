"""A Credit Manager's decision on a record, written once for every model that
has one: assessments (approve, reject), proposed terms (accept, reject), credit
approvals (approve, reject), provisions and write-offs (post, reverse, recover).

* **The right.** ``_smec_check_decider`` raises an ``AccessError`` for a user
  without ``_smec_decider_group``; the buttons carry ``groups=`` too.
* **The stamps.** ``_smec_decide`` writes the new state with who decided and
  when (``decided_by_id``, ``decided_on``), as the user who clicks, once the
  action has checked; nobody can send them (``smec.guard.mixin``).
* **The note.** ``decision_note``, required where the action says so (a
  rejection always).
* **The activities.** ``_smec_ask_deciders`` gives the Credit Managers an
  activity to decide; ``_smec_decide`` marks theirs done with the note.
"""

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class SmecCreditDecisionMixin(models.AbstractModel):
    _name = "smec.credit.decision.mixin"
    _description = "Credit Decision"
    _inherit = ["smec.guard.mixin"]

    _smec_decider_group = "smec_credit.group_credit_manager"
    _smec_decision_activity = "mail.mail_activity_data_todo"

    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
    decision_note = fields.Text(string="Reason for the Decision", copy=False)

    def _smec_check_decider(self, message):
        """Refuse a user without the decider's right, with ``message``."""
        if not self.env.su and not self.env.user.has_group(self._smec_decider_group):
            raise AccessError(message)

    def _smec_decide(self, vals, note_required=False):
        """Write the decision ``vals`` (its state and what goes with it) with the
        stamps, and close the deciders' activities with the note. The action
        has checked the right and the state before."""
        if note_required and any(not (record.decision_note or "").strip() for record in self):
            raise UserError(_("Give the reason for your decision."))
        self._smec_action_write({**vals, "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})
        if "activity_ids" in self._fields:
            for record in self:
                record.activity_feedback([self._smec_decision_activity], feedback=record.decision_note or None)

    def _smec_ask_deciders(self, summary, exclude_self=False, first_only=False):
        """An activity ``summary`` for the Credit Managers to decide (not for the
        user asking, when ``exclude_self``; for one of them, when ``first_only``)."""
        deciders = self.env.ref(self._smec_decider_group).user_ids
        if exclude_self:
            deciders = (deciders - self.env.user) or deciders
        if first_only:
            deciders = deciders[:1]
        for record in self:
            for user in deciders:
                record.activity_schedule(self._smec_decision_activity, user_id=user.id, summary=summary)
