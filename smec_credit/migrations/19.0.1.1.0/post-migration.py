"""19.0.1.1.0: the kept receivable balance became its own model, and the
credit limit follows Odoo's own switch.

* The weekly verification job is kept from install on (``noupdate``): point it
  at the new model and method, so a database made by an earlier version goes
  on verifying the balance after ``-u smec_credit``.
* Limits applied whatever Odoo's credit-limit switch said; now they apply
  while it is on. Turn it on for every company, so that nothing a database
  held before stops being held.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([]).write({"account_use_credit_limit": True})
    cron = env.ref("smec_credit.ir_cron_verify_receivable_balance", raise_if_not_found=False)
    if cron:
        cron.write(
            {
                "model_id": env.ref("smec_credit.model_smec_credit_receivable_balance").id,
                "code": "model._cron_verify()",
            }
        )
