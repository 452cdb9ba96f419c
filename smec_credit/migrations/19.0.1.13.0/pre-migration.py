"""19.0.1.13.0: the receivables leave smec_credit for smec_credit_receivable (issue #32, docs/architecture.md
part 2): the aging (its engine, buckets, lines, wizard, PDF and xlsx), the bad-debt provisions and their
individual rates, the write-offs and their recoveries, the monthly KPI snapshots and the industry reference
figures with their import; the company's buckets, bad-debt regime, accounts, provision journal and industry
alert thresholds (company and settings fields); their screens, reports, menus, access rows, rules, the KPI
cron (noupdate, kept as a company set it) and the demo's industry figure. smec_credit_receivable is loaded in
this update (smec_credit/tools/split.py): every bucket, provision run, write-off, snapshot and figure is
kept."""

from odoo.addons.smec_credit.tools.split import move_to_addon

MODELS = (
    "smec.credit.aging",
    "smec.credit.aging.bucket",
    "smec.credit.aging.line",
    "smec.credit.aging.wizard",
    "smec.credit.provision.run",
    "smec.credit.provision.line",
    "smec.credit.provision.override",
    "smec.credit.writeoff",
    "smec.credit.writeoff.recover",
    "smec.credit.kpi.snapshot",
    "smec.credit.industry.figure",
    "smec.credit.industry.figure.import",
    "smec.credit.industry.figure.import.line",
)
COMPANY_FIELDS = (
    "smec_aging_bucket_ids",
    "smec_accounting_regime",
    "smec_allowance_account_id",
    "smec_impairment_account_id",
    "smec_writeoff_account_id",
    "smec_recovery_account_id",
    "smec_provision_journal_id",
    "smec_industry_alert_percent",
    "smec_industry_rise_points",
)


def migrate(cr, version):
    move_to_addon(
        cr,
        "smec_credit_receivable",
        models=MODELS,
        fields=(
            *(("res.company", name) for name in COMPANY_FIELDS),
            *(("res.config.settings", name) for name in COMPANY_FIELDS),
        ),
        names=(
            # data
            "ir_cron_kpi_snapshot",
            "ir_cron_kpi_snapshot_ir_actions_server",
            "demo_industry_figure",
            # security
            "access_smec_aging_line_user",
            "access_smec_aging_wizard_user",
            "access_smec_aging_bucket_user",
            "access_smec_aging_bucket_manager",
            "access_smec_provision_run_user",
            "access_smec_provision_run_manager",
            "access_smec_provision_line_user",
            "access_smec_provision_line_manager",
            "access_smec_provision_override_user",
            "access_smec_provision_override_manager",
            "access_smec_writeoff_user",
            "access_smec_writeoff_manager",
            "access_smec_writeoff_recover_manager",
            "access_smec_kpi_snapshot_user",
            "access_smec_industry_figure_user",
            "access_smec_industry_figure_manager",
            "access_smec_industry_figure_import_manager",
            "access_smec_industry_figure_import_line_manager",
            "smec_credit_aging_bucket_rule_company",
            "smec_credit_provision_run_rule_company",
            "smec_credit_provision_line_rule_company",
            "smec_credit_provision_override_rule_company",
            "smec_credit_writeoff_rule_company",
            "smec_credit_kpi_snapshot_rule_company",
            "smec_credit_industry_figure_rule_company",
            # screens and reports
            "smec_credit_aging_line_view_list",
            "smec_credit_aging_line_view_pivot",
            "smec_credit_aging_line_view_search",
            "smec_credit_aging_wizard_view_form",
            "smec_credit_aging_wizard_action",
            "smec_credit_aging_wizard_action_payables",
            "paperformat_aging",
            "action_report_aging_summary",
            "report_aging_summary",
            "smec_credit_provision_run_view_list",
            "smec_credit_provision_run_view_form",
            "action_report_provision_run",
            "report_provision_run",
            "smec_credit_provision_run_action",
            "smec_credit_provision_override_view_list",
            "smec_credit_provision_override_action",
            "smec_credit_writeoff_view_list",
            "smec_credit_writeoff_view_form",
            "smec_credit_writeoff_action",
            "smec_credit_writeoff_recover_view_form",
            "smec_credit_writeoff_recover_action",
            "smec_credit_kpi_snapshot_view_list",
            "smec_credit_kpi_snapshot_view_graph",
            "smec_credit_kpi_snapshot_view_pivot",
            "smec_credit_kpi_snapshot_view_search",
            "smec_credit_kpi_snapshot_action",
            "smec_credit_industry_figure_view_list",
            "smec_credit_industry_figure_view_form",
            "smec_credit_industry_figure_view_search",
            "smec_credit_industry_figure_action",
            "smec_credit_industry_figure_import_view_form",
            "smec_credit_industry_figure_import_action",
            # menus
            "smec_credit_aging_menu",
            "smec_credit_aging_payables_menu",
            "smec_credit_provision_run_menu",
            "smec_credit_writeoff_menu",
            "smec_credit_provision_override_menu",
            "smec_credit_kpi_menu",
            "smec_credit_industry_figure_menu",
            "smec_credit_industry_figure_import_menu",
        ),
    )
