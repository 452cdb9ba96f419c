"""19.0.1.1.0: each company's newest computed forecast is marked (``is_newest``), what the dashboards and the
worklist read. The company's late share of a forecast computed before is unknown (NULL, not 0 %): the worklist
then counts a customer the forecast did not see as wholly at risk."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute("UPDATE smec_credit_forecast SET late_share = NULL")
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["smec.credit.forecast"]._update_newest(env["res.company"].search([]))
