"""19.0.1.12.0: the credit set-up by business profile leaves smec_credit for smec_credit_setup (issue #32,
docs/architecture.md part 2): the business profiles (noupdate data: kept as each company edited them) and
their grade terms, the set-ups applied and their changes, the company's profile, the go-live step's preview
(its lines, its summary, its xlsx), their screens, menus, access rows, rules and the first-use to-do.
The go-live step itself (the company's live date, who took it, the step's screen and rights) stays in
smec_credit: every rule that acts reads it. smec_credit_setup is loaded in this update
(smec_credit/tools/split.py)."""

from odoo.addons.smec_credit.tools.split import move_to_addon

# the preview's fields on the go-live step, which stays in smec_credit
PREVIEW_FIELDS = (
    "line_ids",
    "order_count",
    "order_amount",
    "email_count",
    "letter_count",
    "call_count",
    "legal_count",
    "customer_count",
)


def migrate(cr, version):
    move_to_addon(
        cr,
        "smec_credit_setup",
        models=(
            "smec.credit.profile",
            "smec.credit.profile.grade",
            "smec.credit.setup",
            "smec.credit.setup.line",
            "smec.credit.go.live.line",
        ),
        fields=(
            ("res.company", "smec_profile_id"),
            ("res.config.settings", "smec_profile_id"),
            *(("smec.credit.go.live", name) for name in PREVIEW_FIELDS),
        ),
        names=(
            # data
            "profile_micro",
            "profile_startup",
            "profile_family",
            "profile_ecommerce",
            "profile_wholesale",
            "profile_manufacturing",
            "todo_credit_setup",
            # security
            "access_smec_profile_user",
            "access_smec_profile_manager",
            "access_smec_profile_grade_user",
            "access_smec_profile_grade_manager",
            "access_smec_setup_user",
            "access_smec_setup_manager",
            "access_smec_setup_line_user",
            "access_smec_setup_line_manager",
            "access_smec_go_live_line_manager",
            "access_smec_go_live_line_admin",
            "smec_credit_setup_rule_company",
            "smec_credit_setup_line_rule_company",
            "smec_credit_go_live_line_rule_own",
            # screens
            "smec_credit_profile_view_list",
            "smec_credit_profile_view_form",
            "smec_credit_profile_action",
            "smec_credit_setup_view_list",
            "smec_credit_setup_view_form",
            "smec_credit_setup_action",
            "smec_credit_setup_action_new",
            "smec_credit_setup_menu",
            "smec_credit_profile_menu",
        ),
    )
