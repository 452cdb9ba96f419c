"""19.0.2.7.0: the set-up's dunning part leaves smec_credit_collection for the bridge
smec_credit_collection_setup (issue #32, docs/architecture.md part 2), as the set-up leaves smec_credit for
smec_credit_setup (smec_credit 19.0.1.12.0): each profile's dunning pace (the field, its values kept as each
company edited them, the form's field) changes module, and the bridge is loaded in this update, so that
dunning installs without the set-up profiles. The go-live step's first dunning stage stays here."""

from odoo.addons.smec_credit.tools.split import move_to_addon


def migrate(cr, version):
    move_to_addon(
        cr,
        "smec_credit_collection_setup",
        fields=(("smec.credit.profile", "dunning_days"),),
        names=("smec_credit_profile_view_form",),
        source="smec_credit_collection",
    )
