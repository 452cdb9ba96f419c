"""19.0.2.3.0: the business profiles of smec_credit's set-up pace the default
dunning plan. Their paces were data of this module written on records of
smec_credit, in a noupdate block that an update skips, and this migration wrote
them once, as an installation writes them.

Since 19.0.2.7.0 the paces are the data of the bridge smec_credit_collection_setup
(and the profiles smec_credit_setup's), loaded after this module: a database
upgraded from before 19.0.2.3.0 straight to this version keeps its profiles
without a pace (an empty pace leaves the dunning plan as it is), and a Credit
Manager enters one on the profile's form. Nothing is left to do here."""


def migrate(cr, version):
    return
