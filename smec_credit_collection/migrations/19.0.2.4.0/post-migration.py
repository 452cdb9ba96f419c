"""19.0.2.4.0: an email the company's mail server took is no longer a demand
that reached the debtor (the readme: when a demand counts). Its restarts of
the limitation period are withdrawn, except where the email was addressed to
the address the customer designated for notices (none was designated before
this version) or the debtor answered it (not recorded before either): every
email restart goes, and the claims' expiries are computed again from what is
left. Conservative: a claim believed alive for longer than the law allows is
the costly mistake."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    # the invoices' expiries follow their restarts: computed again when these go
    env["smec.collection.limitation.event"].search([("contact_id.channel", "=", "email")]).unlink()
    env.flush_all()
