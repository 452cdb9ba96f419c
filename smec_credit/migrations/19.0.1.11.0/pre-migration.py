"""19.0.1.11.0: the company's own credit leaves smec_credit for smec_credit_own (issue #32, docs/architecture.md
part 2): the obligations and their deadlines, the public records, the Our Credit page, the supplier bills'
reminders (their flag on invoices, their job), who keeps the company's own credit and how early bills are
flagged (company and settings fields), their screens, menus, access rows, rules, crons and the default
obligations (noupdate data: kept as each company edited them). smec_credit_own is loaded in this update
(smec_credit/tools/split.py)."""

from odoo.addons.smec_credit.tools.split import move_to_addon

OWN_COMPANY_FIELDS = ("smec_own_credit_user_id", "smec_payable_warn_days")


def migrate(cr, version):
    move_to_addon(
        cr,
        "smec_credit_own",
        models=(
            "smec.credit.obligation",
            "smec.credit.obligation.deadline",
            "smec.credit.public.record",
            "smec.credit.our.credit",
        ),
        fields=(
            *(("res.company", name) for name in OWN_COMPANY_FIELDS),
            *(("res.config.settings", name) for name in OWN_COMPANY_FIELDS),
            ("account.move", "smec_payable_warned"),
        ),
        names=(
            "constraint_res_company_smec_payable_warn_days_positive",
            # data
            "mail_activity_type_obligation",
            "obligation_annual_report",
            "obligation_tax_monthly",
            "obligation_tax_quarterly",
            "obligation_tax_yearly",
            "ir_cron_obligations",
            "ir_cron_obligations_ir_actions_server",
            "ir_cron_payable_activities",
            "ir_cron_payable_activities_ir_actions_server",
            # security
            "access_smec_obligation_user",
            "access_smec_obligation_manager",
            "access_smec_obligation_deadline_user",
            "access_smec_obligation_deadline_manager",
            "access_smec_public_record_user",
            "access_smec_public_record_manager",
            "access_smec_our_credit_user",
            "smec_credit_obligation_rule_company",
            "smec_credit_obligation_deadline_rule_company",
            "smec_credit_public_record_rule_company",
            "smec_credit_our_credit_rule_company",
            # screens
            "smec_credit_obligation_view_list",
            "smec_credit_obligation_view_form",
            "smec_credit_obligation_action",
            "smec_credit_obligation_deadline_view_list",
            "smec_credit_obligation_deadline_view_form",
            "smec_credit_obligation_deadline_view_search",
            "smec_credit_obligation_deadline_view_calendar",
            "smec_credit_obligation_deadline_action",
            "smec_credit_public_record_view_list",
            "smec_credit_public_record_view_form",
            "smec_credit_public_record_action",
            "smec_credit_our_credit_view_form",
            "smec_credit_our_credit_action",
            "smec_credit_menu_our_credit",
            "smec_credit_our_credit_menu",
            "smec_credit_obligation_deadline_menu",
            "smec_credit_public_record_menu",
            "smec_credit_obligation_menu",
        ),
    )
