#!/usr/bin/env python3
"""The scale curve (issue #36, "ten times the ledger"): one ledger at 1, 3 or 10 times the bench size, and
every measure the issue names on it.

    .venv/bin/python bench/scale.py --scale 1          # builds smec_bench_s1 once, then measures
    .venv/bin/python bench/scale.py --scale 10         # smec_bench_s10: 200,000 customers, 2,000,000 invoices
    .venv/bin/python bench/scale.py --scale 3 --only forecast,dunning
    .venv/bin/python bench/scale.py --scale 10 --prepare-only

Each scale has its own database (``smec_bench_s<scale>``, or ``--db``), so the fixed names of the other benches
(``smec_bench``, ``smec_bench_oca``, ``smec_bench_dunning``, ``smec_bench_forecast``) stay free for their
like-for-like comparisons. The database gets ``smec_credit_forecast`` (and so ``smec_credit_collection`` and
``smec_credit``) and both dashboards, then, by bulk SQL:

* ``bench/forecast.py``'s ledger at the scale: 20,000 x scale customers with stable payment habits and
  200,000 x scale invoices over the last 450 days, each paid invoice with its payment and reconciliation;
* ``bench/run.py``'s light and heavy customers (10 and 50,000 open items: the heavy one is not scaled, the
  check's history per customer is not what grows with the ledger) and their orders;
* a limit of 50,000 for every customer (the exposure list's utilisation), an email address (the dunning run),
  ten collectors sharing the customers (the forecast and dashboards by collector);
* reconciled partial payments of half an open invoice (one open invoice in eight), open promises to pay (one
  overdue invoice in fifty) and open disputes over half an overdue invoice (another one in fifty);
* ``ANALYZE`` of every table written, and the kept receivable totals rebuilt.

The load goes in with ``session_replication_role = replica`` (no foreign-key trigger per row: the rows are
made consistent by construction) and the receivable totals are rebuilt after it.

It then measures, in one process, each step rolled back: the credit check of the light and heavy customers
(``bench/run.py``'s confirmations), the exposure list (first page by utilisation + count), the aging as of 30
days ago and its two xlsx exports, the daily dunning run's selection, the forecast (computed and stored), and
each dashboard's data sources as the spreadsheet asks them (``formatted_read_grouping_sets`` per pivot,
``web_search_read`` per list). The load average is printed beside every figure: the machine is shared.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import forecast as forecast_bench
import run as bench

import odoo

MODULES = [
    "smec_credit_forecast",
    "smec_credit_worklist",
    "smec_credit_dashboard",
    "smec_credit_collection_dashboard",
    "smec_credit_forecast_dashboard",
]
COLLECTORS = 10

EXTRAS = """
SET work_mem = '256MB';
SET session_replication_role = replica;
DO $$
DECLARE
    company int := (SELECT id FROM res_company ORDER BY id LIMIT 1);
    cur int := (SELECT currency_id FROM res_company ORDER BY id LIMIT 1);
    bank int := (SELECT id FROM account_journal WHERE type = 'bank' AND company_id = company ORDER BY id LIMIT 1);
    receivable int := (SELECT id FROM account_account WHERE account_type = 'asset_receivable' ORDER BY id LIMIT 1);
    admin int := (SELECT id FROM res_users WHERE login = 'admin');
BEGIN
    UPDATE res_partner SET credit_limit = jsonb_build_object(company::text, 50000),
                           email = 'ap' || id || '@bench.example.com'
     WHERE name LIKE 'Forecast customer %%';
    UPDATE res_partner SET email = 'ap' || id || '@bench.example.com' WHERE name IN ('Bench light', 'Bench heavy');

    -- reconciled partial payments: half of one open invoice in eight, paid between its date and today
    CREATE TEMP TABLE pay AS
    SELECT aml.id AS inv_line, aml.move_id AS inv_move, aml.partner_id, round(aml.balance / 2, 2) AS amount,
           GREATEST(aml.date, CURRENT_DATE - (aml.id %% 60)) AS pay_date, row_number() OVER () AS n
      FROM account_move_line aml
      JOIN account_move am ON am.id = aml.move_id AND am.name LIKE 'FC/%%'
     WHERE aml.account_id = receivable AND NOT aml.reconciled AND aml.balance > 0 AND aml.move_id %% 8 = 3;
    ALTER TABLE pay ADD COLUMN move_id int, ADD COLUMN pay_line int;
    WITH moves AS (
        INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                  partner_id, commercial_partner_id, create_date, write_date)
        SELECT bank, cur, company, 'posted', 'entry', 'no', pay_date, 'SCALEPAY/' || n, partner_id, partner_id,
               now(), now()
          FROM pay RETURNING id, name)
    UPDATE pay SET move_id = moves.id FROM moves WHERE moves.name = 'SCALEPAY/' || pay.n;
    WITH lines AS (
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                       partner_id, display_type, parent_state, date, date_maturity, name, debit,
                                       credit, balance, amount_currency, amount_residual, amount_residual_currency,
                                       reconciled)
        SELECT move_id, bank, company, cur, cur, receivable, partner_id, 'payment_term', 'posted', pay_date,
               pay_date, 'SCALEPAY', 0, amount, -amount, -amount, 0, 0, TRUE
          FROM pay RETURNING id, move_id)
    UPDATE pay SET pay_line = lines.id FROM lines WHERE lines.move_id = pay.move_id;
    INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, company_id, debit_currency_id,
                                           credit_currency_id, amount, debit_amount_currency, credit_amount_currency,
                                           max_date, create_date, write_date)
    SELECT inv_line, pay_line, company, cur, cur, amount, amount, amount, pay_date, now(), now() FROM pay;
    UPDATE account_move_line aml SET amount_residual = aml.balance - pay.amount,
                                     amount_residual_currency = aml.balance - pay.amount
      FROM pay WHERE aml.id = pay.inv_line;
    UPDATE account_move am SET amount_residual = am.amount_total - pay.amount,
                               amount_residual_signed = am.amount_total - pay.amount, payment_state = 'partial'
      FROM pay WHERE am.id = pay.inv_move;

    -- open promises to pay (one overdue open invoice in fifty: its open amount in a week) and open disputes
    -- (another one in fifty: half of it), made three days ago
    CREATE TEMP TABLE overdue AS
    SELECT am.id AS move_id, am.partner_id, am.amount_residual AS residual, am.id %% 50 AS pick
      FROM account_move am
     WHERE am.name LIKE 'FC/%%' AND am.payment_state IN ('not_paid', 'partial')
       AND am.invoice_date_due < CURRENT_DATE - 10 AND am.id %% 50 IN (7, 8);
    CREATE TEMP TABLE promised AS
    SELECT o.*, nextval('smec_collection_promise_id_seq') AS promise_id FROM overdue o WHERE pick = 7;
    INSERT INTO smec_collection_promise (id, name, company_id, partner_id, date, amount, date_last, grace_days,
                                         channel, user_id, state, paid_amount, create_uid, write_uid, create_date,
                                         write_date)
    SELECT promise_id, 'Bench promise ' || promise_id, company, partner_id, CURRENT_DATE - 3, residual,
           CURRENT_DATE + 7, 3, 'call', admin, 'open', 0, admin, admin, now(), now()
      FROM promised;
    INSERT INTO smec_collection_promise_line (promise_id, company_id, date, amount, create_uid, write_uid,
                                              create_date, write_date)
    SELECT promise_id, company, CURRENT_DATE + 7, residual, admin, admin, now(), now() FROM promised;
    INSERT INTO smec_collection_promise_invoice_rel (promise_id, move_id) SELECT promise_id, move_id FROM promised;
    CREATE TEMP TABLE disputed AS
    SELECT o.*, nextval('smec_collection_dispute_id_seq') AS dispute_id FROM overdue o WHERE pick = 8;
    INSERT INTO smec_collection_dispute (id, name, company_id, partner_id, user_id, amount, reason, date, state,
                                         create_uid, write_uid, create_date, write_date)
    SELECT dispute_id, 'Bench dispute ' || dispute_id, company, partner_id, admin, round(residual / 2, 2),
           'quality', CURRENT_DATE - 3, 'open', admin, admin, now(), now()
      FROM disputed;
    INSERT INTO smec_collection_dispute_line (dispute_id, company_id, partner_id, state, move_id, amount,
                                              create_uid, write_uid, create_date, write_date)
    SELECT dispute_id, company, partner_id, 'open', move_id, round(residual / 2, 2), admin, admin, now(), now()
      FROM disputed;
END $$;
SET session_replication_role = DEFAULT;
ANALYZE res_partner; ANALYZE account_move; ANALYZE account_move_line; ANALYZE account_partial_reconcile;
ANALYZE smec_collection_promise; ANALYZE smec_collection_promise_line; ANALYZE smec_collection_promise_invoice_rel;
ANALYZE smec_collection_dispute; ANALYZE smec_collection_dispute_line; ANALYZE sale_order; ANALYZE sale_order_line;
"""


def load():
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def build(db, scale):
    customers, invoices = 20000 * scale, 200000 * scale
    bench.ensure_database(db, MODULES)
    started = time.perf_counter()
    fresh = bench.psql(db, "select count(*) from account_move where name like 'SCALEPAY/%'") == "0"
    # the load without a foreign-key check per row (see the module's docstring); totals rebuilt at the end
    bench.PSQL_SETUP = "SET work_mem = '256MB'; SET session_replication_role = replica;"
    try:
        forecast_bench.generate(db, customers, invoices, rebuild=False)
        bench.generate(db, 0, 0, 50000)
        bench.generate_orders(db, 0, 0, 20000)
    finally:
        bench.PSQL_SETUP = ""
    if not fresh:
        return
    print(f"extras (limits, emails, partial payments, promises, disputes) ... load {load()}", flush=True)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=EXTRAS % {}, text=True, check=True)
    with bench.admin_env(db) as env:
        env = env(su=True)
        agent = env.ref("smec_credit_collection.group_collection_agent")
        users = env["res.users"]
        for number in range(1, COLLECTORS + 1):
            users |= users.create(
                {
                    "name": f"Bench collector {number}",
                    "login": f"bench_collector_{number}",
                    "group_ids": [(4, agent.id)],
                }
            )
        env.cr.execute(
            """
            UPDATE res_partner
               SET smec_collector_id = jsonb_build_object(%s::text, (%s::int[])[1 + id %% %s])
             WHERE name LIKE 'Forecast customer %%'
            """,
            [env.company.id, users.ids, COLLECTORS],
        )
        env["smec.credit.receivable.balance"]._rebuild()
        env.cr.commit()
    for table in ("res_partner", "smec_credit_receivable_balance"):
        bench.psql(db, f"VACUUM ANALYZE {table}")
    print(f"  built in {time.perf_counter() - started:.0f} s, load {load()}", flush=True)


def ledger_size(db):
    return bench.psql(
        db,
        "select (select count(*) from res_partner where name like 'Forecast customer %') || ' customers, ' || "
        "(select count(*) from account_move where move_type = 'out_invoice') || ' invoices, ' || "
        "(select count(*) from account_move_line) || ' journal items, ' || "
        "(select count(*) from account_partial_reconcile) || ' reconciliations, ' || "
        "pg_size_pretty(pg_database_size(current_database()))",
    )


class Clock:
    """Wall times with the load average before and after each."""

    def __init__(self):
        self.rows = []

    def time(self, label, func, repeat=1, warm=False):
        if warm:
            func()
        samples, loads = [], [load()]
        for _i in range(repeat):
            started = time.perf_counter()
            func()
            samples.append(time.perf_counter() - started)
        loads.append(load())
        value = statistics.median(samples)
        self.rows.append((label, value, samples, loads))
        print(f"  {label}: {self.format(value)} (of {len(samples)}; load {loads[0]} -> {loads[1]})", flush=True)
        return value

    @staticmethod
    def format(seconds):
        return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def measure_check(db, repeat, clock):
    with bench.admin_env(db) as env:
        results = bench.confirmations({"smec": (env, False)}, repeat)["smec"]
        for label in ("light", "heavy"):
            res = results[label]
            clock.rows.append((f"credit check, {label}", res["check_ms"] / 1000, [], [load(), load()]))
            print(f"  credit check, {label}: {res['check_ms']:.2f} ms, {res['queries']} queries ({load()})")
        lists = bench.exposure_list(env, max(3, repeat // 3))
        clock.rows.append(("exposure list, first page + count", lists["list_page_ms"] / 1000, [], [load(), load()]))
        clock.rows.append((f"exposure list, all {lists['rows']} rows", lists["all_rows_ms"] / 1000, [], [load()] * 2))
        page, rows = lists["list_page_ms"], lists["all_rows_ms"]
        print(f"  exposure list: {page:.0f} ms first page + count, all rows {rows:.0f} ms")


def measure_aging(db, clock):
    with bench.admin_env(db) as env:
        company = env.company
        as_of = odoo.fields.Date.context_today(env.user) - timedelta(days=30)
        Aging = env["smec.credit.aging"]
        clock.time("aging as of 30 days ago, per partner", lambda: Aging._aging_by_partner(company, as_of), 3, True)
        wizard = env["smec.credit.aging.wizard"].create({"as_of": as_of, "with_detail": False})
        clock.time("aging xlsx, summary", wizard._export_xlsx)
        detail = env["smec.credit.aging.wizard"].create({"as_of": as_of, "with_detail": True})
        clock.time("aging xlsx, every open item", detail._export_xlsx)


def measure_dunning(db, clock):
    from dunning import vacuum  # noqa: PLC0415

    vacuum(db)
    with bench.admin_env(db) as env:
        env = env(su=True)
        Run = env["smec.collection.run"]
        run = Run.create({"company_id": env.company.id})
        # outside a scheduled job the run commits nothing between its batches: rolled back at the end
        clock.time("dunning run: selection and contacts", run._select)
        contacts = len(run.contact_ids)
        clock.time("dunning run again, same day", Run.create({"company_id": env.company.id})._select)
        print(f"    {contacts} contacts")


def measure_forecast(db, clock, repeat):
    with bench.admin_env(db) as env:
        for _round in range(repeat):
            forecast = env["smec.credit.forecast"].create({})
            clock.time("forecast computed and stored", lambda f=forecast: (f.action_compute(), env.flush_all()))
            lines = env["smec.credit.forecast.line"].search_count([("forecast_id", "=", forecast.id)])
            print(f"    {lines} lines, expected {forecast.amount_expected:,.0f} of {forecast.amount_open:,.0f} open")
            env.cr.rollback()


def measure_worklist(db, clock):
    """The collectors' worklist of the day (smec_credit_worklist's one ranking statement), after a forecast of
    today computed in the same transaction (not timed: the ranking reads the newest forecast's behaviour)."""
    with bench.admin_env(db) as env:
        if "smec.credit.worklist" not in env:
            print("  worklist: smec_credit_worklist not installed")
            return
        env["smec.credit.forecast"].create({}).action_compute()
        env.flush_all()
        Worklist = env["smec.credit.worklist"].sudo()
        clock.time("worklist: ranking of the day", lambda: Worklist._build(env.company))
        clock.time("worklist: ranking again, same day", lambda: Worklist._build(env.company))
        print(f"    {Worklist.search_count([('company_id', '=', env.company.id)])} rows")


def grouping_sets(rows, columns):
    return [rows[:i] + columns[:j] for i in range(len(rows) + 1) for j in range(len(columns) + 1)]


def dashboard_reads(env, xmlid):
    """Each data source of the dashboard read as the spreadsheet asks it: (label, function)."""
    data = json.loads(env.ref(xmlid).spreadsheet_data)

    def dimension(spec):
        return f"{spec['fieldName']}:{spec['granularity']}" if spec.get("granularity") else spec["fieldName"]

    reads = []
    for pivot in data.get("pivots", {}).values():
        Model = env[pivot["model"]].with_context(**pivot.get("context", {}))
        measures = []
        for measure in pivot["measures"]:
            if measure["fieldName"] == "__count":
                measures.append("__count")
            else:
                aggregator = measure.get("aggregator") or Model._fields[measure["fieldName"]].aggregator
                measures.append(f"{measure['fieldName']}:{aggregator}")
        rows, columns = [dimension(d) for d in pivot["rows"]], [dimension(d) for d in pivot["columns"]]
        order = ",".join(f"{dimension(d)} {d['order']}" for d in pivot["columns"] + pivot["rows"] if d.get("order"))

        def read(Model=Model, pivot=pivot, rows=rows, columns=columns, measures=measures, order=order):
            Model.formatted_read_grouping_sets(
                pivot["domain"], grouping_sets(rows, columns), measures, order=order or None
            )

        reads.append((f"pivot {pivot['name']}", read))
    for source in data.get("lists", {}).values():
        Model = env[source["model"]].with_context(**source.get("context", {}))
        spec = {name: {} for name in source["columns"] if name in Model._fields}
        order = ",".join(f"{o['name']} {'asc' if o.get('asc', True) else 'desc'}" for o in source.get("orderBy", []))

        def read(Model=Model, source=source, spec=spec, order=order):
            Model.web_search_read(source["domain"], spec, order=order or None, limit=20)

        reads.append((f"list {source['name']}", read))
    return reads


def measure_dashboards(db, clock):
    for xmlid in (
        "smec_credit_dashboard.spreadsheet_dashboard_credit",
        "smec_credit_collection_dashboard.spreadsheet_dashboard_collection",
        "smec_credit_forecast_dashboard.spreadsheet_dashboard_forecast",
    ):
        with bench.admin_env(db) as env:
            if not env.ref(xmlid, raise_if_not_found=False):
                print(f"  {xmlid}: not found")
                continue
            reads = dashboard_reads(env, xmlid)
            total = 0.0
            for label, read in reads:
                env.invalidate_all()
                total += clock.time(f"{xmlid.split('.')[1]}: {label}", read)
            clock.rows.append((f"{xmlid.split('.')[1]}: all sources one after the other", total, [], [load()] * 2))
            print(f"  {xmlid}: {len(reads)} sources, {total:.2f} s in all ({load()})")


STEPS = ("check", "aging", "dunning", "forecast", "dashboards", "worklist")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="times the bench ledger (20,000 customers)")
    parser.add_argument("--db", help="the database (default smec_bench_s<scale>)")
    parser.add_argument("--repeat", type=int, default=9, help="confirmations of each customer")
    parser.add_argument("--forecasts", type=int, default=1, help="forecasts computed")
    parser.add_argument("--only", help=f"comma-separated steps among {', '.join(STEPS)}")
    parser.add_argument("--prepare-only", action="store_true")
    args = parser.parse_args()
    db = args.db or f"smec_bench_s{args.scale}"
    build(db, args.scale)
    print(f"{db}: {ledger_size(db)}; load {load()}", flush=True)
    if args.prepare_only:
        return
    steps = args.only.split(",") if args.only else STEPS
    clock = Clock()
    if "check" in steps:
        measure_check(db, args.repeat, clock)
    if "aging" in steps:
        measure_aging(db, clock)
    if "dunning" in steps:
        measure_dunning(db, clock)
    if "forecast" in steps:
        measure_forecast(db, clock, args.forecasts)
    if "dashboards" in steps:
        measure_dashboards(db, clock)
    if "worklist" in steps:
        measure_worklist(db, clock)
    print(f"\n| {db} (x{args.scale}) | time | load before -> after |\n| --- | --- | --- |")
    for label, value, _samples, loads in clock.rows:
        print(f"| {label} | {Clock.format(value)} | {loads[0]} -> {loads[1]} |")


if __name__ == "__main__":
    main()
