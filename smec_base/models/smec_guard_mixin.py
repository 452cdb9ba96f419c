"""What a user may not write, whatever the interface.

Every way a user changes records ends in ``create`` or ``write``: the web
client, JSON-RPC and XML-RPC calls of any method, imports (``load``) and
duplication (``copy``). A model that mixes this in declares three sets of
fields, and the guard below holds them for every caller who is not in
superuser mode:

* ``_smec_code_fields``: stored fields that only code sets (computed totals,
  statuses, the customer an approval was given for). A value sent for them
  has no effect: it is left out, and the field keeps what its code computes,
  as a read-only field of a form is not saved.
* ``_smec_action_fields``: the workflow state and the decision stamps (who
  decided, when). They change only through the model's actions, which check
  who may and write them with ``_smec_action_write``. Sending one is
  refused with an ``AccessError`` and nothing is written; on creation, a value
  equal to the field's default is no change.
* ``_smec_locked_states``: states in which a record is history. Then nothing
  but its chatter, its activities and the fields of ``_smec_locked_writable``
  (evidence filed later, say) changes; ``_smec_locked_message`` says why.

Superuser mode is the one pass, since no remote caller can reach it: the
server code that needs it is the actions, after their own checks. A context
key would not do: any RPC caller can send one.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError

# fields of mail.thread and mail.activity.mixin: their own code writes them,
# on locked records too (a message, an activity, a follower)
_CHATTER_PREFIXES = ("message_", "activity_", "website_message_")


class SmecGuardMixin(models.AbstractModel):
    _name = "smec.guard.mixin"
    _description = "Fields Only the Code May Write"

    _smec_code_fields = frozenset()
    _smec_action_fields = frozenset()
    _smec_locked_states = frozenset()
    _smec_locked_writable = frozenset()
    _smec_state_field = "state"

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su:
            return super().create(vals_list)
        # defaults sent in the context are values sent too
        guarded = self._smec_code_fields | self._smec_action_fields
        context = {
            key: value
            for key, value in self.env.context.items()
            if not (key.startswith("default_") and key[len("default_") :] in guarded)
        }
        # keys are taken out, which only a whole new context can do
        model = self.with_context(context)  # pylint: disable=context-overridden
        vals_list = [model._smec_guard_vals(vals, creating=True) for vals in vals_list]
        return super(SmecGuardMixin, model).create(vals_list)

    def write(self, vals):
        if not self.env.su:
            vals = self._smec_guard_vals(vals, creating=False)
            self._smec_check_locked(vals)
        return super().write(vals)

    # ------------------------------------------------------------
    # THE GUARD
    # ------------------------------------------------------------

    def _smec_guard_vals(self, vals, creating):
        """``vals`` without the code fields; raises if it sets an action field
        (on creation: to other than its default)."""
        vals = {name: value for name, value in vals.items() if name not in self._smec_code_fields}
        sent = [name for name in self._smec_action_fields if name in vals]
        if creating and sent:
            defaults = self.default_get(sent)
            sent = [name for name in sent if (vals[name] or False) != (defaults.get(name) or False)]
        if sent:
            names = ", ".join(sorted(self._fields[name]._description_string(self.env) for name in sent))
            raise AccessError(
                _(
                    "%(fields)s of a %(model)s are set with its buttons only, which check who may: "
                    "they cannot be sent with a call or an import.",
                    fields=names,
                    model=self._description,
                )
            )
        return vals

    def _smec_check_locked(self, vals):
        if not self._smec_locked_states or not vals:
            return
        changed = [
            name for name in vals if not name.startswith(_CHATTER_PREFIXES) and name not in self._smec_locked_writable
        ]
        if changed and any(record[self._smec_state_field] in self._smec_locked_states for record in self):
            raise AccessError(self._smec_locked_message())

    def _smec_locked_message(self):
        return _("This %(model)s is part of the history and can no longer change.", model=self._description)

    def _smec_action_write(self, vals):
        """Write what an action decided (its state, its stamps), once the action
        has checked who may: the user must be able to write the records."""
        self.check_access("write")
        return self.sudo().write(vals)
