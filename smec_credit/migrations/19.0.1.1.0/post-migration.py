"""19.0.1.1.0: the kept receivable balance became its own model.

Its weekly verification job is kept from install on (``noupdate``): point it at
the new model and method, so a database made by an earlier version goes on
verifying the balance after ``-u smec_credit``.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("smec_credit.ir_cron_verify_receivable_balance", raise_if_not_found=False)
    if cron:
        cron.write(
            {
                "model_id": env.ref("smec_credit.model_smec_credit_receivable_balance").id,
                "code": "model._cron_verify()",
            }
        )
