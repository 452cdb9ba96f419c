"""Upgrade check: a database made by an earlier version keeps its credit data
after ``-u`` with this one (``make upgrade-check``).

1. checks the baseline commit (``scripts/upgrade_baseline``) out in a temporary
   git worktree;
2. installs its add-ons into a new database and records credit data through its
   own models (``scripts/upgrade_populate.py``: buckets and rates, a logged limit
   and grade, an approved credit approval and an approved assessment, and data in
   each concern split off since: platforms, own credit, the set-up and go-live,
   a provision run and a write-off with its recovery);
3. upgrades the database with this checkout's add-ons (``-u``);
4. compares what the database kept, and exits non-zero on any difference.

It needs the repository's history (not a shallow clone) and ``make setup`` done.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".odoo.conf"
DB = os.environ.get("SMEC_UPGRADE_DB", "smec_upgrade_check")
OLD_MODULES = "smec_credit,smec_credit_collection,smec_credit_training,smec_credit_purchase"
# the add-ons updated: the baseline's, and the add-ons split from smec_credit since (installed by its migrations)
UPGRADED = (
    "smec_credit",
    "smec_credit_collection",
    "smec_credit_training",
    "smec_credit_platform",
    "smec_credit_own",
    "smec_credit_setup",
    "smec_credit_collection_setup",
    "smec_credit_receivable",
)
PYTHON = REPO / ".venv" / "bin" / "python"

CUSTOMER = "(SELECT id FROM res_partner WHERE name = 'Upgrade Ceramics Ltd')"
TMALL = "(SELECT id FROM res_partner WHERE name = 'Upgrade Tmall')"
# what the database holds before and after the update: the same rows, nothing lost
KEPT = {
    "limit and grade": f"SELECT credit_limit->>'1', smec_grade_id->>'1' FROM res_partner WHERE id = {CUSTOMER}",
    "change log": "SELECT field, old_value, new_value, reason, user_id FROM smec_credit_log ORDER BY id",
    "credit approval": "SELECT a.state, a.decision, a.order_amount, u.login FROM smec_credit_approval a "
    "JOIN res_users u ON u.id = a.decided_by_id ORDER BY a.id",
    "assessment": "SELECT a.state, u.login, a.decided_on FROM smec_credit_assessment a "
    "JOIN res_users u ON u.id = a.decided_by_id ORDER BY a.id",
    "dispute": "SELECT d.state, d.amount, d.resolution_note, am.name FROM smec_collection_dispute d "
    "JOIN smec_collection_dispute_line l ON l.dispute_id = d.id "
    "JOIN account_move am ON am.id = l.move_id ORDER BY d.id",
    "dunning stages": "SELECT company_id, string_agg(days_overdue::text, ',' ORDER BY days_overdue) "
    "FROM smec_collection_stage GROUP BY company_id ORDER BY company_id",
    "buckets": "SELECT company_id, string_agg(days_to || '=' || provision_rate, ',' ORDER BY is_last, days_to) "
    "FROM smec_credit_aging_bucket GROUP BY company_id ORDER BY company_id",
    # smec_credit_platform (19.0.1.10.0 of smec_credit)
    "platform terms": "SELECT smec_is_platform, smec_settlement_days, smec_settlement_cutoff, smec_settlement_weekday, "
    f"smec_platform_fee_account_id->>'1' IS NOT NULL FROM res_partner WHERE id = {TMALL}",
    "platform order": "SELECT o.smec_platform_order_ref, m.smec_platform_order_ref, m.invoice_date_due, "
    "m.smec_settlement_flag, m.smec_settlement_note, m.payment_state FROM sale_order o "
    f"JOIN account_move m ON m.smec_platform_id = o.smec_platform_id WHERE o.smec_platform_id = {TMALL}",
    "platform statement": "SELECT s.name, s.state, m.name, l.order_ref, l.status, l.net, l.days_late, "
    "(SELECT COUNT(*) FROM account_move_line aml WHERE aml.smec_platform_statement_line_id = l.id) "
    "FROM smec_credit_platform_statement s JOIN smec_credit_platform_statement_line l ON l.statement_id = s.id "
    "JOIN account_move m ON m.id = s.move_id ORDER BY l.id",
    # smec_credit_own (19.0.1.11.0 of smec_credit): an edited default obligation is kept as edited, once
    "obligations": "SELECT name->>'en_US', remind_days, authority, "
    "(SELECT COUNT(*) FROM smec_credit_obligation_deadline d WHERE d.obligation_id = o.id) "
    "FROM smec_credit_obligation o ORDER BY id",
    "public records": "SELECT name, kind, date, authority, amount, state FROM smec_credit_public_record ORDER BY id",
    # smec_credit_setup (19.0.1.12.0 of smec_credit) and its dunning bridge (19.0.2.7.0 of smec_credit_collection):
    # an edited profile kept as edited, the set-up applied with its changes, the company's profile
    "profiles": "SELECT code, start_limit, dunning_days, aging_buckets, description->>'en_US', "
    "(SELECT string_agg(g.code || '=' || g.prepayment_percent, ',' ORDER BY g.code) FROM smec_credit_profile_grade g "
    "WHERE g.profile_id = p.id) FROM smec_credit_profile p ORDER BY code",
    "set-up": "SELECT p.code, s.size, s.state, u.login, s.applied_on IS NOT NULL, "
    "(SELECT string_agg(l.field_name || ':' || l.current || '>' || l.proposed || ':' || l.applied, ';' "
    "ORDER BY l.sequence) FROM smec_credit_setup_line l WHERE l.setup_id = s.id), "
    "(SELECT COUNT(*) FROM mail_message m WHERE m.model = 'smec.credit.setup' AND m.res_id = s.id) "
    "FROM smec_credit_setup s JOIN smec_credit_profile p ON p.id = s.profile_id "
    "JOIN res_users u ON u.id = s.applied_by_id ORDER BY s.id",
    "company set-up and go-live": "SELECT p.code, c.smec_credit_live_date, u.login, c.smec_separate_credit_roles, "
    "st.days_overdue, c.smec_new_customer_grade_id IS NOT NULL FROM res_company c "
    "JOIN smec_credit_profile p ON p.id = c.smec_profile_id JOIN res_users u ON u.id = c.smec_credit_live_by_id "
    "LEFT JOIN smec_collection_stage st ON st.id = c.smec_dunning_first_stage_id ORDER BY c.id",
    # smec_credit_receivable (19.0.1.13.0 of smec_credit): the company's bad-debt accounts, a posted provision with
    # its lines and entry, an individual rate, a posted write-off, its invoice and its recovery
    "bad-debt accounts": "SELECT smec_accounting_regime, a.code_store->>'1', i.code_store->>'1', j.code "
    "FROM res_company c "
    "JOIN account_account a ON a.id = c.smec_allowance_account_id "
    "JOIN account_account i ON i.id = c.smec_impairment_account_id "
    "JOIN account_journal j ON j.id = c.smec_provision_journal_id ORDER BY c.id",
    "provision run": "SELECT r.state, r.date, r.required_amount, r.allowance_before, r.difference, m.name, "
    "m.state, u.login FROM smec_credit_provision_run r JOIN account_move m ON m.id = r.move_id "
    "JOIN res_users u ON u.id = r.decided_by_id ORDER BY r.id",
    "provision lines": "SELECT p.name, l.bucket, l.bucket_index, l.open_amount, l.rate, l.required_amount "
    "FROM smec_credit_provision_line l JOIN res_partner p ON p.id = l.partner_id ORDER BY l.id",
    "individual rates": "SELECT p.name, o.rate, o.reason, o.active FROM smec_credit_provision_override o "
    "JOIN res_partner p ON p.id = o.partner_id ORDER BY o.id",
    "write-off": "SELECT w.state, w.amount, w.recovered_amount, w.reason, m.name, u.login, "
    "(SELECT string_agg(i.name, ',') FROM account_move i WHERE i.id IN "
    "(SELECT r.account_move_id FROM account_move_smec_credit_writeoff_rel r WHERE r.smec_credit_writeoff_id = w.id)), "
    "(SELECT string_agg(rm.name || '=' || rm.amount_total, ',') FROM account_move rm WHERE rm.id IN "
    "(SELECT r.account_move_id FROM smec_credit_writeoff_recovery_rel r WHERE r.smec_credit_writeoff_id = w.id)) "
    "FROM smec_credit_writeoff w JOIN account_move m ON m.id = w.move_id "
    "JOIN res_users u ON u.id = w.decided_by_id ORDER BY w.id",
}
# the add-ons that left smec_credit (docs/architecture.md part 2), with the models they took
SPLIT = {
    "smec_credit_platform": ("smec.credit.platform.statement", "smec.credit.platform.statement.line"),
    "smec_credit_own": (
        "smec.credit.obligation",
        "smec.credit.obligation.deadline",
        "smec.credit.public.record",
        "smec.credit.our.credit",
    ),
    "smec_credit_setup": (
        "smec.credit.profile",
        "smec.credit.profile.grade",
        "smec.credit.setup",
        "smec.credit.setup.line",
        "smec.credit.go.live.line",
    ),
    "smec_credit_receivable": (
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
    ),
}
# the set-up's dunning part left smec_credit_collection for a bridge the same way: installed, and no
# smec_credit_collection id left for what it now owns
BRIDGE = "smec_credit_collection_setup"
BRIDGE_FIELDS = (("smec.credit.profile", "dunning_days"),)
# smec_credit's own external ids for a record a split add-on now owns: none may be left. A record both declare
# (the model of res.partner, the id field of an invoice, a selection both extend, the parent mail.thread of a
# moved model, which every add-on extending mail.thread declares) is theirs both; a record of
# the add-on's alone (a view, a menu, an access row, a rule, a cron, a default obligation) left with a
# smec_credit id too would be duplicated or, in noupdate data, kept twice; the models and fields of a moved
# model are the add-on's alone
LEFT_BEHIND = (
    "SELECT DISTINCT a.name FROM ir_model_data a JOIN ir_model_data b "
    "ON b.module = ANY(%(split)s) AND b.model = a.model AND b.res_id = a.res_id "
    "WHERE a.module = 'smec_credit' AND a.model NOT IN ('ir.model', 'ir.model.fields', 'ir.model.inherit') "
    "UNION SELECT d.name FROM ir_model_data d JOIN ir_model m ON d.model = 'ir.model' AND m.id = d.res_id "
    "WHERE d.module = 'smec_credit' AND m.model = ANY(%(models)s) "
    "UNION SELECT d.name FROM ir_model_data d JOIN ir_model_fields f ON d.model = 'ir.model.fields' "
    "AND f.id = d.res_id WHERE d.module = 'smec_credit' AND f.model = ANY(%(models)s) ORDER BY 1"
)
AFTER = {
    # 19.0.1.4.0: every company gets the quick-check scorecard beside its full one
    "quick check": "SELECT COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM smec_credit_scorecard s "
    "WHERE s.company_id = c.id AND s.depth = 'quick')) FROM res_company c",
    # 19.0.2.3.0: the business profiles pace the default dunning plan
    "profile paces": "SELECT COUNT(*) FROM smec_credit_profile WHERE dunning_days IS NOT NULL",
    "verification job": "SELECT m.model FROM ir_cron c JOIN ir_act_server s ON s.id = c.ir_actions_server_id "
    "JOIN ir_model m ON m.id = s.model_id WHERE s.code LIKE '%_cron_verify%'",
    # 19.0.2.5.0 (collection), 19.0.1.6.0 (training): the mail templates users edit are noupdate
    "mail templates": "SELECT COUNT(*), COUNT(*) FILTER (WHERE noupdate) FROM ir_model_data "
    "WHERE model = 'mail.template' AND module IN ('smec_credit_collection', 'smec_credit_training')",
    "split add-ons installed": "SELECT string_agg(name || '=' || state, ',' ORDER BY name) FROM ir_module_module "
    "WHERE name = ANY(ARRAY[{}])".format(",".join(f"'{m}'" for m in SPLIT)),
    "collection bridge": f"SELECT state FROM ir_module_module WHERE name = '{BRIDGE}'",
    "left in smec_credit_collection": "SELECT d.name FROM ir_model_data d JOIN ir_model_fields f "
    "ON d.model = 'ir.model.fields' AND f.id = d.res_id WHERE d.module = 'smec_credit_collection' AND ({}) "
    "UNION SELECT d.name FROM ir_model_data d JOIN ir_model_data b ON b.module = '{}' AND b.model = d.model "
    "AND b.res_id = d.res_id WHERE d.module = 'smec_credit_collection' "
    "AND d.model NOT IN ('ir.model', 'ir.model.fields', 'ir.model.inherit') ORDER BY 1".format(
        " OR ".join(f"(f.model = '{model}' AND f.name = '{name}')" for model, name in BRIDGE_FIELDS), BRIDGE
    ),
    "left in smec_credit": LEFT_BEHIND.replace(
        "%(split)s", "ARRAY[{}]".format(",".join(f"'{m}'" for m in SPLIT))
    ).replace("%(models)s", "ARRAY[{}]".format(",".join(f"'{m}'" for models in SPLIT.values() for m in models))),
}


def run(*cmd, **kwargs):
    return subprocess.run([str(c) for c in cmd], check=True, text=True, **kwargs)


def psql(query):
    return run("psql", "-d", DB, "-AtF", "|", "-c", query, capture_output=True).stdout.strip()


def odoo(config, *args, stdin=None):
    return run(PYTHON, "-m", "odoo", *args[:1], "-c", config, "-d", DB, "--log-level=warn", *args[1:], stdin=stdin)


def main():
    baseline = (REPO / "scripts" / "upgrade_baseline").read_text().strip()
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "baseline"
        run("git", "-C", REPO, "worktree", "add", "--detach", worktree, baseline)
        try:
            old_config = Path(tmp) / "odoo.conf"
            old_config.write_text(CONFIG.read_text().replace(str(REPO), str(worktree)))
            run("dropdb", "--if-exists", DB)
            print(f"Installing the add-ons of {baseline[:10]} into {DB} ...", flush=True)
            odoo(old_config, "server", "-i", OLD_MODULES, "--without-demo=True", "--stop-after-init")
            with open(REPO / "scripts" / "upgrade_populate.py") as script:
                odoo(old_config, "shell", stdin=script)
            before = {name: psql(query) for name, query in KEPT.items()}
        finally:
            run("git", "-C", REPO, "worktree", "remove", "--force", worktree)
    print(f"Upgrading {DB} with this checkout's add-ons ...", flush=True)
    odoo(CONFIG, "server", "-u", ",".join(UPGRADED), "--stop-after-init")
    after = {name: psql(query) for name, query in {**KEPT, **AFTER}.items()}
    problems = [name for name in KEPT if before[name] != after[name]]
    empty = [name for name in KEPT if not before[name]]
    if empty:
        problems.append(f"nothing recorded before the update in {', '.join(empty)}")
    if after["quick check"] != "0":
        problems.append("quick check")
    if after["profile paces"] != "6":
        problems.append("profile paces")
    if after["verification job"] != "smec.credit.receivable.balance":
        problems.append("verification job")
    total, noupdate = after["mail templates"].split("|")
    if total == "0" or noupdate != total:
        problems.append("mail templates")
    if after["split add-ons installed"] != ",".join(f"{m}=installed" for m in sorted(SPLIT)):
        problems.append("split add-ons installed")
    if after["left in smec_credit"]:
        problems.append("left in smec_credit")
    if after["collection bridge"] != "installed":
        problems.append("collection bridge")
    if after["left in smec_credit_collection"]:
        problems.append("left in smec_credit_collection")
    for name in sorted({**before, **after}):
        print(f"  {name}: {before.get(name, '-')!r} -> {after.get(name, '-')!r}")
    if problems:
        print(f"UPGRADE CHECK FAILED: {'; '.join(problems)}.", file=sys.stderr)
        return 1
    print("upgrade-check: 1 passed, 0 failed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
