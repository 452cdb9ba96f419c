"""19.0.1.4.0: customers can be assessed with a quick check (a scorecard of
depth "quick"); existing companies get the shipped quick-check scorecard, in
their language, beside their full one."""

from odoo import SUPERUSER_ID, api

from odoo.addons.smec_credit.tools.defaults import default_quick_scorecard


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    Card = env["smec.credit.scorecard"]
    for company in env["res.company"].search([]):  # pylint: disable=no-search-all
        if Card.search_count([("company_id", "=", company.id), ("depth", "=", "quick")]):
            continue
        _ = env(context={"lang": company.partner_id.lang or "en_US"})._
        Card.create({**default_quick_scorecard(_), "company_id": company.id})
