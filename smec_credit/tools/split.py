"""What a migration of ``smec_credit`` does when a concern leaves it for an add-on of its own (issue #32):
the records keep their tables, columns and rows; only the module that owns their external ids changes, and
the new add-on is installed in the same update.

Without the move, the end of the update (``ir.model.data._process_end``) would delete every record
``smec_credit`` no longer declares: the models' tables, the moved fields' columns, the access rows and
rules, the views and menus, and with them the customers' data. Plain SQL, run in a pre-migration, before
``smec_credit``'s new code loads.

Odoo's loader (``odoo/modules/loading.py``, step 3) loads again, after the modules of the update, every
module then marked ``to install`` or ``to upgrade``, so a module marked in ``smec_credit``'s pre-migration is
loaded in the same ``-u`` run. It is marked ``to upgrade``, not ``to install``: its records were installed
long ago, under smec_credit's name, and an install loads data in ``init`` mode, which rewrites the records
of ``noupdate`` data (``odoo/tools/convert.py``: the ``noupdate`` test is skipped in ``init`` mode), so the
default obligations a company edited would be reset; an upgrade loads them in ``update`` mode, which keeps
them, and creates what is new (the add-on's inherited views). It takes smec_credit's ``demo`` flag, so that
a demo database keeps loading the add-on's demo records at its later updates.
"""

import logging

_logger = logging.getLogger(__name__)

SOURCE = "smec_credit"


def _table(model):
    return model.replace(".", "_")


def move_to_addon(cr, addon, models=(), fields=(), names=(), source=SOURCE):
    """Give ``addon`` the external ids ``source`` (``smec_credit`` unless told) holds for:

    * ``models``: the models (``model_…``), all their fields (``field_<table>__…``), selection values
      (``selection__<table>__…``), SQL constraints (``constraint_<table>_…``) and parents
      (``model_inherit__<table>__…``);
    * ``fields``: ``(model, field)`` of fields the add-on now defines on another model (a core model, Odoo's
      ``res.partner``…), with their selection values; ``(model, field, value)`` moves one selection value only
      (a value the add-on adds to a core field);
    * ``names``: any other record by its name (views, menus, actions, access rows, rules, crons, data).

    Marks ``addon`` to upgrade (with ``source``'s demo flag), so that it is loaded in this update. Another add-on
    splitting a concern off the same way (``smec_credit_collection`` for its set-up bridge) passes its name as
    ``source``. Returns the number of ids moved."""
    patterns, exact = [], list(names)
    for model in models:
        table = _table(model)
        exact.append(f"model_{table}")
        patterns += [
            f"field_{table}\\_\\_%",
            f"selection\\_\\_{table}\\_\\_%",
            f"constraint_{table}\\_%",
            f"model_inherit\\_\\_{table}\\_\\_%",
        ]
    for spec in fields:
        table = _table(spec[0])
        if len(spec) == 2:
            exact.append(f"field_{table}__{spec[1]}")
            patterns.append(f"selection\\_\\_{table}\\_\\_{spec[1]}\\_\\_%")
        else:
            exact.append(f"selection__{table}__{spec[1]}__{spec[2]}")
    cr.execute(
        """
        UPDATE ir_model_data d SET module = %(addon)s
         WHERE d.module = %(source)s
           AND (d.name = ANY(%(exact)s) OR d.name LIKE ANY(%(patterns)s))
           AND NOT EXISTS (SELECT 1 FROM ir_model_data n WHERE n.module = %(addon)s AND n.name = d.name)
        RETURNING d.name
        """,
        {"addon": addon, "source": source, "exact": exact, "patterns": patterns or [""]},
    )
    moved = [name for (name,) in cr.fetchall()]
    # SQL constraints and many2many tables are dropped with the module that owns them (at its uninstall)
    params = {"addon": addon, "source": source, "models": list(models), "moved": moved}
    cr.execute(
        """
        UPDATE ir_model_constraint SET module = (SELECT id FROM ir_module_module WHERE name = %(addon)s)
         WHERE module = (SELECT id FROM ir_module_module WHERE name = %(source)s)
           AND 'constraint_' || name = ANY(%(moved)s)
        """,
        params,
    )
    if models:
        cr.execute(
            """
            UPDATE ir_model_relation SET module = (SELECT id FROM ir_module_module WHERE name = %(addon)s)
             WHERE module = (SELECT id FROM ir_module_module WHERE name = %(source)s)
               AND model IN (SELECT id FROM ir_model WHERE model = ANY(%(models)s))
            """,
            params,
        )
    cr.execute(
        """
        UPDATE ir_module_module m SET state = 'to upgrade', demo = s.demo
          FROM ir_module_module s
         WHERE m.name = %s AND m.state IN ('uninstalled', 'to install', 'to remove') AND s.name = %s
        """,
        [addon, source],
    )
    if not cr.rowcount:
        cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [addon])
        state = cr.fetchone()
        if not state:
            _logger.error("%s is not in the module list: its records stay without their module", addon)
        elif state[0] not in ("installed", "to upgrade"):
            _logger.error("%s is %s: it cannot be loaded with this update", addon, state[0])
    _logger.info("%s: %d external ids moved from %s", addon, len(moved), source)
    return len(moved)
