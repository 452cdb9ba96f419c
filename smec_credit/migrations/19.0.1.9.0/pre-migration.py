"""19.0.1.9.0: what earlier versions left in the database is dropped here, once,
instead of at every install and update:

* the exposure list's view (``smec_credit_exposure_report``), dated by the
  server's CURRENT_DATE: the list is a query at the user's today since;
* the covering index on journal items the exposure summed before the kept
  receivable balance (``smec.credit.receivable.balance``) took its place.

Before the update, so that no column the view reads is altered under it."""

from odoo.tools import drop_view_if_exists


def migrate(cr, version):
    drop_view_if_exists(cr, "smec_credit_exposure_report")
    cr.execute("DROP INDEX IF EXISTS account_move_line_smec_open_receivable_idx")
