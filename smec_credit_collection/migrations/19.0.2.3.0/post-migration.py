"""19.0.2.3.0: the business profiles of smec_credit's set-up pace the default
dunning plan. Their paces are data of this module written on records of
smec_credit, in a noupdate block that an update skips: written once here, as an
installation writes them."""

from odoo import SUPERUSER_ID, api
from odoo.tools import convert_file


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    convert_file(env, "smec_credit_collection", "data/smec_credit_profile_data.xml", {}, mode="init", noupdate=True)
