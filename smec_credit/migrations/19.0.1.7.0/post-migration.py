"""19.0.1.7.0: credit control goes live per company with an explicit step
(``res_company_live.py``). A database upgraded from an earlier version already
held orders and ran its reminders for every company: each company is recorded
as live from the upgrade, so that nothing stops being checked."""

from odoo import SUPERUSER_ID, api, fields


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([("smec_credit_live_date", "=", False)])
    companies.write({"smec_credit_live_date": fields.Date.context_today(env["res.company"])})
