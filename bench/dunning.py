#!/usr/bin/env python3
"""Dunning-run benchmarks on the ledger of bench/run.py (issue: scheduled dunning).

    .venv/bin/python bench/dunning.py          # SMEC Credit Collection only
    .venv/bin/python bench/dunning.py --oca    # and OCA's account_credit_control beside it

Builds (once) ``smec_bench_dunning`` with smec_credit_collection and the ledger
``bench/run.py`` generates (20,000 customers, 200,000 invoices, the light and
heavy customers, 50,000 partial payments), every customer with an email
address. Then, in one process and each step rolled back:

* the daily run's selection and contact records (``_select``), its SQL queries
  and the growth of the process's peak memory; the same run again the same day;
* ``--letters`` demand letters rendered in one batch, and ``--emails`` emails
  prepared in one batch (queued ``mail.mail``), per letter and per email.

With ``--oca``, OCA's account_credit_control (from PyPI into bench/.oca, not
committed) gets the same ledger in ``smec_bench_cc``, the "3 time policy" on
the receivable account as the company's policy, and the same process times its
run for today (``generate_credit_lines``), the same run again, its letters (the
printer wizard's report over as many communications) and its emails (the
emailer wizard). SMEC Credit is measured first, so OCA's memory growth is
counted over SMEC Credit's peak, which can only flatter OCA.
"""

import argparse
import contextlib
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench

import odoo

DB = "smec_bench_dunning"
# 50,000 customers and 250,000 invoices in the same pattern: one customer in five
# has all its five invoices open, so 10,000 customers owe 50,000 invoices
LARGE_DB = "smec_bench_dunning_large"
OCA_DB = "smec_bench_cc"
OCA_CC = ("odoo-addon-account-credit-control==19.0.*",)


def prepare(db, modules, addons_path=None, customers=20000, invoices=200000, heavy=50000, payments=50000):
    bench.ensure_database(db, modules, addons_path)
    bench.generate(db, customers, invoices, heavy)
    if payments:
        bench.generate_payments(db, payments)
    bench.psql(
        db,
        "UPDATE res_partner SET email = 'ap' || id || '@bench.example.com' "
        "WHERE name LIKE 'Bench %' AND email IS NULL; ANALYZE res_partner;",
    )


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def step(env, func):
    """(seconds, SQL queries, peak memory growth in MB, result) of ``func()``."""
    env.flush_all()
    queries, peak = env.cr.sql_log_count, peak_mb()
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - started, env.cr.sql_log_count - queries, peak_mb() - peak, result


def ledger_facts(env, overdue_days=10):
    """(customers, open items) overdue ``overdue_days`` days or more."""
    env.cr.execute(
        """
        SELECT COUNT(DISTINCT rp.commercial_partner_id), COUNT(*)
          FROM account_move_line aml
          JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
          JOIN res_partner rp ON rp.id = aml.partner_id
         WHERE aml.parent_state = 'posted' AND NOT aml.reconciled AND aml.amount_residual > 0
           AND aml.date_maturity <= CURRENT_DATE - %s
        """,
        [overdue_days],
    )
    return env.cr.fetchone()


@contextlib.contextmanager
def http_server(db, port, addons_path=None):
    """wkhtmltopdf fetches the report's styles over HTTP: without a server it
    exits with a network error, which Odoo refuses when one call converts
    several documents with Debian's (unpatched) wkhtmltopdf. The server serves
    ``db`` alone, and the measured process points ``report.url`` at it."""
    args = [sys.executable, "-m", "odoo", "server", "-c", str(bench.CONFIG), "-d", db, f"--db-filter=^{db}$"]
    args += [f"--http-port={port}", "--log-level=warn", "--max-cron-threads=0"]
    if addons_path:
        args.append(f"--addons-path={addons_path}")
    server = subprocess.Popen(args)
    try:
        for _attempt in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=2):
                    break
            except OSError:
                time.sleep(1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait()


# the runs measured are rolled back, and their contacts stay behind as dead rows
# that the next run's lookups wade through while autovacuum is off (as it may be
# on the benchmark machine): each measurement starts on vacuumed tables
VACUUMED = ("smec_collection_contact", "smec_collection_contact_line", "mail_mail", "mail_message", "res_partner")


def vacuum(db):
    for table in VACUUMED:
        bench.psql(db, f"VACUUM ANALYZE {table}")


def measure_smec(letters, emails):
    vacuum(DB)
    out = {}
    with http_server(DB, 8091) as url, bench.admin_env(DB) as env:
        env["ir.config_parameter"].sudo().set_param("report.url", url)
        env = env(su=True)
        out["ledger"] = ledger_facts(env)
        company = env.company
        Run = env["smec.collection.run"]
        run = Run.create({"company_id": company.id})
        out["select"] = step(env, run._select)
        print("SMEC Credit selection:", out["select"][:3], flush=True)
        contacts = run.contact_ids
        out["contacts"] = (
            len(contacts),
            env["smec.collection.contact.line"].search_count([("contact_id.run_id", "=", run.id)]),
        )
        again = Run.create({"company_id": company.id})
        out["again"] = step(env, again._select)
        # typical customers (not light and heavy, whose 50,000 lines would make a letter of 1,000 pages)
        typical = contacts.filtered(lambda c: c.partner_id.name.startswith("Bench customer")).sorted("partner_id")
        letter = typical.filtered(lambda c: c.channel == "letter")[:letters]
        report = env.ref("smec_credit_collection.action_report_dunning_letter")
        out["letters"] = (len(letter), *step(env, lambda: run._render_letters(report, letter))[:3])
        out["letter_states"] = set(letter.mapped("state")), len(letter.letter_attachment_id)
        email = typical.filtered(lambda c: c.channel == "email")[:emails]
        template = env.ref("smec_credit_collection.mail_template_dunning")
        out["emails"] = (len(email), *step(env, lambda: run._queue_mails(template, email, {}))[:3])
    return out


def measure_oca(letters, emails, again=True):
    out = {}
    with (
        http_server(OCA_DB, 8092, bench.addons_path_with_oca()) as url,
        bench.admin_env(OCA_DB, bench.addons_path_with_oca()) as env,
    ):
        env["ir.config_parameter"].sudo().set_param("report.url", url)
        env = env(su=True)
        out["ledger"] = ledger_facts(env)
        company = env.company
        policy = env.ref("account_credit_control.credit_control_3_time")
        receivable = env["account.account"].search([("account_type", "=", "asset_receivable")])
        policy.account_ids = [(6, 0, receivable.ids)]
        company.credit_policy_id = policy
        today = odoo.fields.Date.context_today(env.user)
        run = env["credit.control.run"].create({"date": today, "policy_ids": [(6, 0, policy.ids)]})
        out["select"] = step(env, run.generate_credit_lines)
        print("OCA generation:", out["select"][:3], flush=True)
        out["contacts"] = (len(run.line_ids),)
        if again:
            again_run = env["credit.control.run"].create({"date": today, "policy_ids": [(6, 0, policy.ids)]})
            out["again"] = step(env, again_run.generate_credit_lines)
            out["again_lines"] = len(again_run.line_ids)
            print("OCA again:", out["again"][:3], out["again_lines"], flush=True)
        # letters: the printer wizard's communications, one per partner, then its report over them
        by_partner = {}
        for line in run.line_ids.sorted(lambda line: line.partner_id.id):
            if line.partner_id.name.startswith("Bench customer"):
                by_partner.setdefault(line.partner_id.id, line)
        chosen = env["credit.control.line"].browse([line.id for line in list(by_partner.values())[:letters]])
        comms = env["credit.control.communication"]._generate_comm_from_credit_lines(chosen)
        report = env["ir.actions.report"]._get_report_from_name("account_credit_control.report_credit_control_summary")
        # one conversion per letter: Odoo converts several documents in one call only with a
        # wkhtmltopdf built on patched Qt, not Debian's (and OCA's report has header files)
        out["letters"] = (
            len(comms),
            *step(env, lambda: [report._render_qweb_pdf(report, [comm_id]) for comm_id in comms.ids])[:3],
        )
        chosen = env["credit.control.line"].browse(
            [line.id for line in list(by_partner.values())[letters : letters + emails]]
        )
        chosen.write({"state": "to_be_sent"})  # as its run's "set to ready" does
        wizard = env["credit.control.emailer"].create({"line_ids": [(6, 0, chosen.ids)]})
        out["emails"] = (len(chosen), *step(env, wizard._send_emails)[:3])
    return out


def measure_large():
    vacuum(LARGE_DB)
    with bench.admin_env(LARGE_DB) as env:
        env = env(su=True)
        customers, items = ledger_facts(env, overdue_days=1)
        run = env["smec.collection.run"].create({"company_id": env.company.id})
        seconds, queries, memory, _written = step(env, run._select)
        print(f"\n{customers} customers owing {items} overdue invoices: the daily run's selection and contact records")
        print(f"{seconds:.2f} s, {queries} queries, +{memory:.0f} MB, {len(run.contact_ids)} contacts")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--oca", action="store_true")
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--emails", type=int, default=100)
    parser.add_argument("--prepare-only", action="store_true", help="build the databases and stop")
    parser.add_argument("--oca-no-again", action="store_true", help="skip OCA's second run of the day")
    parser.add_argument("--large", action="store_true", help="the run on 10,000 customers owing 50,000 invoices")
    args = parser.parse_args()
    if args.large:
        prepare(LARGE_DB, ["smec_credit_collection"], customers=50000, invoices=250000, heavy=10, payments=0)
        measure_large()
        return
    prepare(DB, ["smec_credit_collection"])
    if args.oca:
        bench.install_oca(OCA_CC, marker="account_credit_control")
        prepare(OCA_DB, ["account_credit_control"], bench.addons_path_with_oca())
    if args.prepare_only:
        return
    smec = measure_smec(args.letters, args.emails)
    oca = measure_oca(args.letters, args.emails, again=not args.oca_no_again) if args.oca else None
    print(f"\nledger: {smec['ledger'][0]} customers with {smec['ledger'][1]} open items overdue 10 days or more")
    print(f"SMEC Credit: {smec['contacts'][0]} contacts with {smec['contacts'][1]} invoice lines")
    if oca:
        print(f"OCA: {oca['contacts'][0]} credit control lines; again the same day: {oca.get('again_lines')} more")
    print("\n| | SMEC Credit | OCA | OCA / SMEC |\n| --- | --- | --- | --- |")

    def row(label, key, unit_each=None):
        s = smec[key]
        o = oca.get(key) if oca else None
        if unit_each:
            s_each = s[1] / max(s[0], 1) * 1000
            cells = [f"{s_each:.0f} ms each ({s[0]} in {s[1]:.1f} s, {s[0] / max(s[1], 1e-9):.1f}/s, {s[2]} queries)"]
            if o:
                o_each = o[1] / max(o[0], 1) * 1000
                cells += [
                    f"{o_each:.0f} ms each ({o[0]} in {o[1]:.1f} s, {o[0] / max(o[1], 1e-9):.1f}/s, {o[2]} queries)"
                ]
                cells += [f"{o_each / max(s_each, 1e-9):.1f}"]
        else:
            cells = [f"{s[0]:.2f} s, {s[1]} queries, +{s[2]:.0f} MB"]
            if o:
                cells += [f"{o[0]:.2f} s, {o[1]} queries, +{o[2]:.0f} MB", f"{o[0] / s[0]:.1f}"]
        print(f"| {label} | " + " | ".join(cells) + " |")

    row("the daily run: selection and contact records", "select")
    row("the same run again, the same day", "again")
    row("letters, one batch", "letters", unit_each=True)
    row("emails, one batch", "emails", unit_each=True)
    print(f"\nletters stored: {smec['letter_states']}")


if __name__ == "__main__":
    main()
