"""What a user may not write, whatever the interface.

Every way a user changes records ends in ``create`` or ``write``: the web
client, JSON-RPC and XML-RPC calls of any method, imports (``load``),
duplication (``copy``) and the ``default_`` keys of a context. A model that
mixes this in declares three sets of fields, and the guard below holds them
for every caller who is not in superuser mode. Nothing a user sends is ever
dropped in silence: a value is applied, or the call is refused with a message
that names the field.

* ``_smec_code_fields``: stored fields that only code sets (computed totals,
  statuses, the customer an approval was given for). A value sent for one is
  refused with a ``UserError`` naming it, and nothing is written; except a
  value that changes nothing: what the field holds already (a form or an
  export sending back what it read), or on creation the field's default (what
  a new form shows; a field without a default has none: a 0 sent for a
  computed total is checked) or what the code sets the field to anyway. A model whose
  code fills such a field once its records exist (a number from a sequence,
  balances read from the books) does it in ``_smec_fill_code_fields``, which
  the guard calls before it compares: filled after ``super().create()``, the
  value would be compared with the field still empty, and a caller sending
  what the code sets would be refused. Where a parent's code completes the
  records after the guard's ``create`` (it is below that code), the model's own
  ``create`` calls ``_smec_create_checked`` with ``super().create``.
* ``_smec_action_fields``: the workflow state and the decision stamps (who
  decided, when). They change only through the model's actions, which check
  who may and write them with ``_smec_action_write``. Sending one is
  refused with an ``AccessError`` and nothing is written; on creation, a value
  equal to the field's default is no change.
* ``_smec_locked_states``: states in which a record is history. Then nothing
  but its chatter, its activities and the fields of ``_smec_locked_writable``
  (evidence filed later, say) changes; ``_smec_locked_message`` says why.

An add-on that extends a guarded model declares its own ``_smec_code_fields``
only: the guard holds the union of every class's set along the model's bases
(``_smec_all_code_fields``), so two add-ons extending one model (dunning and
platform settlements on an invoice) each keep theirs whatever their order.

A duplicate takes its code fields from the code, not from the original: only
the values the caller gives ``copy`` in ``default`` are sent.

Superuser mode is the one pass, since no remote caller can reach it: the
server code that needs it is the actions, after their own checks. A context
key would not do: any RPC caller can send one.
"""

import math

from odoo import Command, _, api, models
from odoo.exceptions import AccessError, UserError

# fields of mail.thread and mail.activity.mixin: their own code writes them,
# on locked records too (a message, an activity, a follower)
_CHATTER_PREFIXES = ("message_", "activity_", "website_message_")

_X2MANY_KEEPING = (Command.LINK, Command.CLEAR, Command.SET)


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
        return self._smec_create_checked(vals_list, lambda model, vals_list: super().create(vals_list))

    def _smec_create_checked(self, vals_list, create, fill=True):
        """Create with ``create(model, vals_list)``, the values sent for code
        fields checked: compared with what the records hold once ``create`` has
        returned (and ``_smec_fill_code_fields`` has run, if ``fill``), within a
        savepoint, so that a difference undoes the creation with the field's
        name. A model whose records the code of a parent completes after the
        guard's own ``create`` (Odoo's journal entries get their tax and payment
        term lines once its ``create`` is done) calls it from its own ``create``
        with ``super().create`` and ``fill=False``: the values are compared with
        the records as they are returned."""
        if self.env.su:
            records = create(self, vals_list)
            if fill:
                records._smec_fill_code_fields()
            return records
        # defaults sent in the context are values sent too: they are checked as
        # such, then taken out of the context (which only a new context can do)
        guarded = self._smec_all_code_fields() | self._smec_action_fields
        sent_defaults = {}
        context = {}
        for key, value in self.env.context.items():
            if key.startswith("default_") and key[len("default_") :] in guarded:
                sent_defaults[key[len("default_") :]] = value
            else:
                context[key] = value
        model = self.with_context(context) if sent_defaults else self  # pylint: disable=context-overridden
        vals_list = [{**sent_defaults, **vals} for vals in vals_list]
        claims = [model._smec_code_claims(vals) for vals in vals_list]
        vals_list = [model._smec_guard_vals(vals, creating=True) for vals in vals_list]
        if not any(claims):
            records = create(model, vals_list)
            if fill:
                records._smec_fill_code_fields()
            return records
        # values of code fields that are not their default: kept if the code sets
        # the same, refused otherwise (and the records are not created)
        with self.env.cr.savepoint():
            records = create(model, vals_list)
            if fill:
                records._smec_fill_code_fields()
            for record, claimed in zip(records, claims, strict=True):
                record._smec_refuse_code_values(
                    [name for name, value in claimed.items() if not record._smec_holds(name, value)], claimed
                )
        return records

    def write(self, vals):
        if not self.env.su:
            vals = self._smec_guard_vals(vals, creating=False)
            self._smec_check_locked(vals)
        return super().write(vals)

    def copy_data(self, default=None):
        # a duplicate's code fields are the code's: only those the caller gives are sent
        vals_list = super().copy_data(default)
        if not self.env.su:
            given = set(default or ())
            for vals in vals_list:
                for name in self._smec_all_code_fields() - given:
                    vals.pop(name, None)
        return vals_list

    # ------------------------------------------------------------
    # THE GUARD
    # ------------------------------------------------------------

    def _smec_all_code_fields(self):
        """The code fields of this model: every ``_smec_code_fields`` declared along its classes (each add-on
        declares its own)."""
        return frozenset().union(*(vars(cls).get("_smec_code_fields", ()) for cls in type(self).__mro__))

    def _smec_fill_code_fields(self):
        """Fill the code fields of these new records that the model's code sets
        once they exist; called by ``create`` on every creation, before the values
        a caller sent for them are compared with what they hold."""

    def _smec_code_claims(self, vals):
        """The values ``vals`` (of a creation) gives code fields other than their
        default: {name: value}, checked once the record is created. Only a field
        that has a default (what a new form shows) can be sent its default
        unchecked: a field without one (a computed total, a status) shows what
        the code computes, so a 0 or an empty value sent for it is checked like
        any other, and refused if the code sets something else (an order's total
        of 0 sent with lines worth 248.40 would otherwise be dropped unsaid)."""
        code = [name for name in self._smec_all_code_fields() if name in vals]
        if not code:
            return {}
        defaults = self.default_get(code)
        return {
            name: vals[name]
            for name in code
            if name not in defaults or not self._smec_same(self.browse(), name, vals[name], defaults[name])
        }

    def _smec_guard_vals(self, vals, creating):
        """``vals`` without the code fields (on creation, ``create`` checks them
        with ``_smec_code_claims``). Raises if a value of a code field changes it
        (on existing records), or if it sets an action field (on creation: to
        other than its default)."""
        code_fields = self._smec_all_code_fields()
        code = [name for name in code_fields if name in vals]
        if code:
            if not creating:
                self._smec_refuse_code_values(
                    [name for name in code if not all(record._smec_holds(name, vals[name]) for record in self)], vals
                )
            vals = {name: value for name, value in vals.items() if name not in code_fields}
        sent = [name for name in self._smec_action_fields if name in vals]
        if creating and sent:
            defaults = self.default_get(sent)
            sent = [name for name in sent if (vals[name] or False) != (defaults.get(name) or False)]
        if sent:
            names = self._smec_field_names(sent)
            raise AccessError(
                _(
                    "%(fields)s of a %(model)s are set with its buttons only, which check who may: "
                    "they cannot be sent with a call or an import.",
                    fields=names,
                    model=self._smec_model_name(),
                )
            )
        return vals

    def _smec_holds(self, name, value):
        """Whether this record's field ``name`` holds ``value`` already (as sent in a ``write``)."""
        self.ensure_one()
        return self._smec_same(self, name, value, self[name])

    def _smec_same(self, record, name, sent, current):
        """Whether ``sent`` (a value as ``write`` takes it) is ``current`` (a value
        of the field, as read or as a default), compared as the field stores them."""
        field = self._fields[name]
        x2many = field.type in ("one2many", "many2many")
        if x2many and isinstance(sent, (list, tuple)):
            # only commands that name existing records can leave the value as it is
            if any((isinstance(c, (list, tuple)) and c[0] not in _X2MANY_KEEPING) or isinstance(c, dict) for c in sent):
                return False
        try:
            sent, current = field.convert_to_cache(sent, record), field.convert_to_cache(current, record)
        except (ValueError, TypeError):
            return False
        if field.type == "float" and not field.get_digits(self.env):
            # a float kept as computed, unrounded (an order line's tax): the value to the last digits its binary
            # form keeps is the same value (32.4 sent for a tax of 3 x 72.00 x 15 % kept as 32.400000000000006)
            return math.isclose(sent, current, rel_tol=1e-9, abs_tol=1e-9)
        return set(sent) == set(current) if x2many else sent == current

    def _smec_message_env(self):
        """The environment whose language the guard's messages name fields and models in: the context's, else the
        user's, the one ``_()`` falls back on (a JSON-RPC call sent without a context): the sentence and the
        names in it in one language, not "Sales Order的Total不能直接设置"."""
        if self.env.lang:
            return self.env
        lang = self.env["res.users"].context_get().get("lang")
        return self.env(context=dict(self.env.context, lang=lang)) if lang else self.env

    def _smec_field_names(self, names):
        """The labels of the fields ``names``, in the messages' language, sorted and joined."""
        env = self._smec_message_env()
        return ", ".join(sorted(self._fields[name]._description_string(env) for name in names))

    def _smec_model_name(self):
        """The model's name in the messages' language, as Odoo's chatter names it (``_description`` is English)."""
        return self._smec_message_env()["ir.model"]._get(self._name).name or self._description

    def _smec_refuse_code_values(self, names, vals):
        """Refuse the values ``vals`` sends for the code fields ``names`` (if any)."""
        if not names:
            return
        raise UserError(
            _(
                "%(fields)s of a %(model)s cannot be set: the system computes it from what defines it. "
                "The value sent (%(values)s) was refused and nothing was saved; change what it is computed from "
                "instead.",
                fields=self._smec_field_names(names),
                model=self._smec_model_name(),
                values=", ".join(f"{name}={vals[name]!r}" for name in sorted(names)),
            )
        )

    def _smec_check_locked(self, vals):
        if not self._smec_locked_states or not vals:
            return
        changed = [
            name for name in vals if not name.startswith(_CHATTER_PREFIXES) and name not in self._smec_locked_writable
        ]
        if changed and any(record[self._smec_state_field] in self._smec_locked_states for record in self):
            raise AccessError(self._smec_locked_message())

    def _smec_locked_message(self):
        return _("This %(model)s is part of the history and can no longer change.", model=self._smec_model_name())

    def _smec_action_write(self, vals):
        """Write what an action decided (its state, its stamps), once the action
        has checked who may: the user must be able to write the records."""
        self.check_access("write")
        return self.sudo().write(vals)
