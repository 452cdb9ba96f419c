"""19.0.1.10.0: platform settlements leave smec_credit for smec_credit_platform (issue #32, docs/architecture.md
part 2). Their models, the platform fields on partners, orders, invoices and journal items, the values they
add to the change log, their screens, menus, access rows and rules change module, and smec_credit_platform is
installed in this update: every statement, row and platform term is kept (smec_credit/tools/split.py)."""

from odoo.addons.smec_credit.tools.split import move_to_addon

PLATFORM_TERMS = (
    "smec_is_platform",
    "smec_settlement_basis",
    "smec_autoconfirm_days",
    "smec_settlement_days",
    "smec_settlement_cutoff",
    "smec_settlement_weekday",
    "smec_settlement_monthday",
    "smec_platform_fee_account_id",
)
LOGGED = (
    "platform",
    "settlement_basis",
    "autoconfirm_days",
    "settlement_days",
    "settlement_cutoff",
    "settlement_weekday",
    "settlement_monthday",
)
ORDER = ("smec_platform_id", "smec_platform_order_ref", "smec_platform_confirmed_on")


def migrate(cr, version):
    move_to_addon(
        cr,
        "smec_credit_platform",
        models=("smec.credit.platform.statement", "smec.credit.platform.statement.line"),
        fields=(
            *(("res.partner", name) for name in PLATFORM_TERMS),
            *(("sale.order", name) for name in ORDER),
            *(("account.move", name) for name in (*ORDER, "smec_settlement_flag", "smec_settlement_note")),
            ("account.move.line", "smec_platform_statement_line_id"),
            *(("smec.credit.log", "field", value) for value in LOGGED),
        ),
        names=(
            "smec_credit_platform_statement_view_list",
            "smec_credit_platform_statement_view_form",
            "smec_credit_platform_statement_action",
            "smec_credit_platform_statement_menu",
            "smec_credit_platform_statement_menu_accounting",
            "account_move_view_search",
            "access_smec_platform_statement_user",
            "access_smec_platform_statement_account",
            "access_smec_platform_statement_line_user",
            "access_smec_platform_statement_line_account",
            "smec_credit_platform_statement_rule_company",
            "smec_credit_platform_statement_line_rule_company",
        ),
    )
