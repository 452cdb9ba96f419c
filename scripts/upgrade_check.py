"""Upgrade check: a database made by an earlier version keeps its credit data
after ``-u`` with this one (``make upgrade-check``).

1. checks the baseline commit (``scripts/upgrade_baseline``) out in a temporary
   git worktree;
2. installs its add-ons into a new database and records credit data through its
   own models (``scripts/upgrade_populate.py``: buckets and rates, a logged limit
   and grade, an approved credit approval and an approved assessment);
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
PYTHON = REPO / ".venv" / "bin" / "python"

CUSTOMER = "(SELECT id FROM res_partner WHERE name = 'Upgrade Ceramics Ltd')"
COMMON = {
    "limit and grade": f"SELECT credit_limit->>'1', smec_grade_id->>'1' FROM res_partner WHERE id = {CUSTOMER}",
    "change log": "SELECT field, old_value, new_value, reason, user_id FROM smec_credit_log ORDER BY id",
    "credit approval": "SELECT a.state, a.decision, a.order_amount, u.login FROM smec_credit_approval a "
    "JOIN res_users u ON u.id = a.decided_by_id ORDER BY a.id",
    "dunning stages": "SELECT company_id, string_agg(days_overdue::text, ',' ORDER BY days_overdue) "
    "FROM smec_collection_stage GROUP BY company_id ORDER BY company_id",
}
BEFORE = {
    "dispute": "SELECT d.state, d.amount, d.resolution, am.name FROM smec_collection_dispute d "
    "JOIN account_move_smec_collection_dispute_rel r ON r.smec_collection_dispute_id = d.id "
    "JOIN account_move am ON am.id = r.account_move_id ORDER BY d.id",
    "assessment": "SELECT a.state, u.login, a.approved_date FROM smec_credit_assessment a "
    "JOIN res_users u ON u.id = a.approved_by_id ORDER BY a.id",
    "buckets": "SELECT smec_aging_buckets, smec_provision_rates FROM res_company ORDER BY id",
}
AFTER = {
    # 19.0.2.1.0: the disputed invoices become lines; the resolution text, how it ended
    "dispute": "SELECT d.state, d.amount, d.resolution_note, am.name FROM smec_collection_dispute d "
    "JOIN smec_collection_dispute_line l ON l.dispute_id = d.id "
    "JOIN account_move am ON am.id = l.move_id ORDER BY d.id",
    "assessment": "SELECT a.state, u.login, a.decided_on FROM smec_credit_assessment a "
    "JOIN res_users u ON u.id = a.decided_by_id ORDER BY a.id",
    "buckets": "SELECT string_agg(days_to::text, ',' ORDER BY days_to) FILTER (WHERE NOT is_last), "
    "string_agg(provision_rate::text, ',' ORDER BY is_last, days_to) FROM smec_credit_aging_bucket "
    "GROUP BY company_id ORDER BY company_id",
    # 19.0.2.0.0: each company's stages become its default plan, their action their channels
    "dunning plans": "SELECT COUNT(*) FILTER (WHERE s.plan_id IS NULL), "
    "string_agg(DISTINCT p.company_id || ':' || p.is_default, ','), "
    "string_agg(s.days_overdue || '=' || s.channel_email || s.channel_letter || s.channel_call || s.hold_orders, ',' "
    "ORDER BY s.company_id, s.days_overdue) FROM smec_collection_stage s "
    "LEFT JOIN smec_collection_plan p ON p.id = s.plan_id",
    # 19.0.2.2.0: the default plan's 60-day stage sends the lawyer's letter
    "letter templates": "SELECT string_agg(s.days_overdue || '=' || r.report_name, ',' ORDER BY s.days_overdue) "
    "FROM smec_collection_stage s JOIN smec_collection_plan p ON p.id = s.plan_id AND p.is_default "
    "JOIN ir_act_report_xml r ON r.id = s.letter_report_id WHERE s.channel_letter",
    # 19.0.1.4.0: every company gets the quick-check scorecard beside its full one
    "quick check": "SELECT COUNT(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM smec_credit_scorecard s "
    "WHERE s.company_id = c.id AND s.depth = 'quick')) FROM res_company c",
    # 19.0.2.3.0: the business profiles pace the default dunning plan
    "profile paces": "SELECT COUNT(*) FROM smec_credit_profile WHERE dunning_days IS NOT NULL",
    "verification job": "SELECT m.model FROM ir_cron c JOIN ir_act_server s ON s.id = c.ir_actions_server_id "
    "JOIN ir_model m ON m.id = s.model_id WHERE s.code LIKE '%_cron_verify%'",
    # 19.0.1.9.0: the exposure list's view of earlier versions dropped by a migration, not at every update
    "old exposure view": "SELECT COUNT(*) FROM pg_views WHERE viewname = 'smec_credit_exposure_report'",
    # 19.0.2.5.0 (collection), 19.0.1.6.0 (training): the mail templates users edit are noupdate
    "mail templates": "SELECT COUNT(*), COUNT(*) FILTER (WHERE noupdate) FROM ir_model_data "
    "WHERE model = 'mail.template' AND module IN ('smec_credit_collection', 'smec_credit_training')",
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
            before = {name: psql(query) for name, query in {**COMMON, **BEFORE}.items()}
        finally:
            run("git", "-C", REPO, "worktree", "remove", "--force", worktree)
    print(f"Upgrading {DB} with this checkout's add-ons ...", flush=True)
    odoo(CONFIG, "server", "-u", "smec_credit,smec_credit_collection,smec_credit_training", "--stop-after-init")
    after = {name: psql(query) for name, query in {**COMMON, **AFTER}.items()}
    problems = [name for name in COMMON if before[name] != after[name]]
    if before["assessment"] != after["assessment"]:
        problems.append("assessment")
    if not before["dispute"] or before["dispute"] != after["dispute"]:
        problems.append("dispute")
    # '30,60,120' with '1,5,25,60,100' becomes buckets 0,30,60,120 and the last one, with those rates
    days, rates = before["buckets"].splitlines()[0].split("|")
    expected = f"0,{days}|" + ",".join(f"{float(r):g}" for r in rates.split(","))
    got_days, got_rates = after["buckets"].splitlines()[0].split("|")
    if f"{got_days}|" + ",".join(f"{float(r):g}" for r in got_rates.split(",")) != expected:
        problems.append("buckets")
    if after["quick check"] != "0":
        problems.append("quick check")
    if after["profile paces"] != "6":
        problems.append("profile paces")
    if after["verification job"] != "smec.credit.receivable.balance":
        problems.append("verification job")
    if after["old exposure view"] != "0":
        problems.append("old exposure view")
    total, noupdate = after["mail templates"].split("|")
    if total == "0" or noupdate != total:
        problems.append("mail templates")
    # email, call, letter (with its email), letter, legal (a hold)
    expected_channels = "7=truefalsefalsefalse,15=falsefalsetruefalse,30=truetruefalsefalse,"
    expected_channels += "60=truetruefalsefalse,90=falsefalsefalsetrue"
    unplanned, plans, channels = after["dunning plans"].split("|")
    if unplanned != "0" or not plans or not all(p.endswith(":true") for p in plans.split(",")):
        problems.append("dunning plans")
    if not channels.startswith(expected_channels):
        problems.append("dunning channels")
    letters = "30=smec_credit_collection.report_dunning_letter,60=smec_credit_collection.report_lawyer_letter"
    if not after["letter templates"].startswith(letters):
        problems.append("letter templates")
    for name in sorted({**before, **after}):
        print(f"  {name}: {before.get(name, '-')!r} -> {after.get(name, '-')!r}")
    if problems:
        print(f"UPGRADE CHECK FAILED: {', '.join(problems)} changed.", file=sys.stderr)
        return 1
    print("upgrade-check: 1 passed, 0 failed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
