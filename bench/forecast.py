#!/usr/bin/env python3
"""The cash-in forecast's back-test and timing (issue #36).

    .venv/bin/python bench/forecast.py                      # smec_bench_forecast: built once, then measured
    .venv/bin/python bench/forecast.py --db smec_demo       # the back-test on another database (the demo)

The ledger of ``bench/run.py`` is no ground for a forecast: its "paid" invoices are marked paid without any
payment (no reconciliation, so no payment date: no payment behaviour at all), and each customer's ten invoices
fall on the same day (``g % 400`` with 20,000 customers). So this bench builds its own database,
``smec_bench_forecast`` (``smec_credit_forecast`` installed with ``bench/run.py``'s ``ensure_database``), at
the same size (``--customers`` 20,000, ``--invoices`` 200,000), with customers of distinct, stable habits:

* each customer has a habit, fixed by its number: punctual (30 %: days late ~ N(-2, 3)), a little late (30 %:
  N(10, 5)), late (20 %: N(35, 10)), very late (15 %: N(70, 20)) or erratic (5 %: N(20, 40)), and a share of
  invoices it never pays (1, 2, 5, 10 and 5 %);
* invoices are spread over the last 450 days (amounts 100 to 999, due 30 days after), each paid on its due
  date plus a draw of its customer's habit (never before the invoice), by a payment reconciled with it
  (``account_partial_reconcile``, as Odoo writes one); those whose day has not come yet stay open.

Then it runs the back-test (``smec.credit.forecast._backtest``: forecasts as of ``--origins`` past days, four
weeks apart, the latest 13 weeks ago) and times a forecast as of today (computed and stored), printing the load
average beside each figure. Random draws are seeded (``setseed``): the same ledger every time.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run
from run import admin_env, ensure_database, psql

DB = "smec_bench_forecast"

GENERATE = """
DO $$
DECLARE
    company int := (SELECT id FROM res_company ORDER BY id LIMIT 1);
    cur int := (SELECT currency_id FROM res_company ORDER BY id LIMIT 1);
    sales int := (SELECT id FROM account_journal WHERE type = 'sale' AND company_id = company ORDER BY id LIMIT 1);
    bank int := (SELECT id FROM account_journal WHERE type = 'bank' AND company_id = company ORDER BY id LIMIT 1);
    receivable int := (SELECT id FROM account_account WHERE account_type = 'asset_receivable' ORDER BY id LIMIT 1);
    income int := (SELECT id FROM account_account WHERE account_type = 'income' ORDER BY id LIMIT 1);
    first_partner int;
BEGIN
    PERFORM setseed(0.36);
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills, create_date, write_date)
    SELECT 'Forecast customer ' || g, 'Forecast customer ' || g, TRUE, TRUE, 'contact', 'ask', now(), now()
      FROM generate_series(1, %(customers)s) g;
    SELECT min(id) INTO first_partner FROM res_partner WHERE name LIKE 'Forecast customer %%';
    UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Forecast customer %%';

    -- habits: (mean, spread, share never paid) by the customer's number
    CREATE TEMP TABLE habit AS
    SELECT p AS partner_id,
           CASE WHEN h < 30 THEN -2 WHEN h < 60 THEN 10 WHEN h < 80 THEN 35 WHEN h < 95 THEN 70 ELSE 20 END AS mean,
           CASE WHEN h < 30 THEN 3 WHEN h < 60 THEN 5 WHEN h < 80 THEN 10 WHEN h < 95 THEN 20 ELSE 40 END AS spread,
           CASE WHEN h < 30 THEN 0.01 WHEN h < 60 THEN 0.02 WHEN h < 80 THEN 0.05 WHEN h < 95 THEN 0.10
                ELSE 0.05 END AS unpaid
      FROM (SELECT first_partner + g AS p, (g * 7919) %% 100 AS h FROM generate_series(0, %(customers)s - 1) g) x;

    CREATE TEMP TABLE inv AS
    SELECT g AS n, first_partner + (g %% %(customers)s) AS partner_id,
           CURRENT_DATE - floor(random() * 450)::int AS inv_date,
           (100 + floor(random() * 900))::numeric AS amount,
           random() AS u1, random() AS u2, random() AS u3
      FROM generate_series(1, %(invoices)s) g;
    ALTER TABLE inv ADD COLUMN due date, ADD COLUMN paid date, ADD COLUMN move_id int, ADD COLUMN line_id int,
                    ADD COLUMN pay_move int, ADD COLUMN pay_line int;
    UPDATE inv SET due = inv_date + 30,
                   paid = CASE WHEN inv.u3 < h.unpaid THEN NULL
                               ELSE GREATEST(inv_date, inv_date + 30 + round(h.mean + h.spread
                                    * sqrt(-2 * ln(GREATEST(inv.u1, 1e-12))) * cos(2 * pi() * inv.u2))::int) END
      FROM habit h WHERE h.partner_id = inv.partner_id;
    UPDATE inv SET paid = NULL WHERE paid > CURRENT_DATE;

    WITH moves AS (
        INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                  partner_id, commercial_partner_id, invoice_date, invoice_date_due,
                                  amount_untaxed, amount_total, amount_residual, amount_untaxed_signed,
                                  amount_total_signed, amount_residual_signed, payment_state, create_date, write_date)
        SELECT sales, cur, company, 'posted', 'out_invoice', 'no', inv_date, 'FC/' || n, partner_id, partner_id,
               inv_date, due, amount, amount, CASE WHEN paid IS NULL THEN amount ELSE 0 END, amount, amount,
               CASE WHEN paid IS NULL THEN amount ELSE 0 END, CASE WHEN paid IS NULL THEN 'not_paid' ELSE 'paid' END,
               now(), now()
          FROM inv
        RETURNING id, name
    )
    UPDATE inv SET move_id = moves.id FROM moves WHERE moves.name = 'FC/' || inv.n;
    WITH lines AS (
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                       partner_id, display_type, parent_state, date, date_maturity, name,
                                       debit, credit, balance, amount_currency, amount_residual,
                                       amount_residual_currency, reconciled)
        SELECT move_id, sales, company, cur, cur, receivable, partner_id, 'payment_term', 'posted', inv_date, due,
               'FC', amount, 0, amount, amount, CASE WHEN paid IS NULL THEN amount ELSE 0 END,
               CASE WHEN paid IS NULL THEN amount ELSE 0 END, paid IS NOT NULL
          FROM inv
        RETURNING id, move_id
    )
    UPDATE inv SET line_id = lines.id FROM lines WHERE lines.move_id = inv.move_id;
    INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                   partner_id, display_type, parent_state, date, name, debit, credit, balance,
                                   amount_currency, amount_residual, amount_residual_currency, reconciled)
    SELECT move_id, sales, company, cur, cur, income, partner_id, 'product', 'posted', inv_date, 'FC', 0, amount,
           -amount, -amount, 0, 0, FALSE
      FROM inv;

    -- payments: one per paid invoice, reconciled with it on the day it was paid
    WITH moves AS (
        INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                  partner_id, commercial_partner_id, create_date, write_date)
        SELECT bank, cur, company, 'posted', 'entry', 'no', paid, 'FCPAY/' || n, partner_id, partner_id, now(), now()
          FROM inv WHERE paid IS NOT NULL
        RETURNING id, name
    )
    UPDATE inv SET pay_move = moves.id FROM moves WHERE moves.name = 'FCPAY/' || inv.n;
    WITH lines AS (
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                       partner_id, display_type, parent_state, date, date_maturity, name, debit,
                                       credit, balance, amount_currency, amount_residual, amount_residual_currency,
                                       reconciled)
        SELECT pay_move, bank, company, cur, cur, receivable, partner_id, 'payment_term', 'posted', paid, paid,
               'FCPAY', 0, amount, -amount, -amount, 0, 0, TRUE
          FROM inv WHERE paid IS NOT NULL
        RETURNING id, move_id
    )
    UPDATE inv SET pay_line = lines.id FROM lines WHERE lines.move_id = inv.pay_move;
    INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, company_id, debit_currency_id,
                                           credit_currency_id, amount, debit_amount_currency, credit_amount_currency,
                                           max_date, create_date, write_date)
    SELECT line_id, pay_line, company, cur, cur, amount, amount, amount, paid, now(), now()
      FROM inv WHERE paid IS NOT NULL;
    ANALYZE account_move; ANALYZE account_move_line; ANALYZE account_partial_reconcile; ANALYZE res_partner;
END $$;
"""


def generate(db, customers, invoices, rebuild=True):
    if psql(db, "select count(*) from account_move where name like 'FC/%'") != "0":
        return
    print(f"generating {customers} customers with habits, {invoices} invoices and their payments ...", flush=True)
    started = time.perf_counter()
    sql = run.PSQL_SETUP + GENERATE % {"customers": customers, "invoices": invoices}
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql, text=True, check=True)
    print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)
    if not rebuild:
        return
    # the kept receivable totals (smec_credit's triggers were bypassed by the bulk load)
    with admin_env(db) as env:
        env["smec.credit.receivable.balance"].sudo()._rebuild()
        env.cr.commit()


def load():
    return "load {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def backtest(db, origins, step):
    with admin_env(db) as env:
        Forecast = env["smec.credit.forecast"]
        for company in env["res.company"].search([]):
            dates = Forecast._backtest_origins(count=origins, step_weeks=step)
            started = time.perf_counter()
            outcome = Forecast.with_company(company)._backtest(company, dates)
            elapsed = time.perf_counter() - started
            if not any(row["received"] for row in outcome["horizons"].values()):
                continue
            print(f"\n### {db}: {company.name} ({len(dates)} origins, {elapsed:.1f} s, {load()})\n")
            print(Forecast._backtest_markdown(outcome))


def timing(db, repeat):
    times = []
    with admin_env(db) as env:
        for _round in range(repeat):
            before = load()
            started = time.perf_counter()
            forecast = env["smec.credit.forecast"].create({})
            forecast.action_compute()
            env.flush_all()
            times.append(time.perf_counter() - started)
            lines = env["smec.credit.forecast.line"].search_count([("forecast_id", "=", forecast.id)])
            items = len(forecast.line_ids.move_line_id)
            print(
                f"  forecast as of today: {times[-1]:.2f} s, {items} open items, {lines} lines "
                f"({before} before, {load()} after)",
                flush=True,
            )
            env.cr.rollback()
    print(f"\nforecast computed and stored: median {statistics.median(times):.2f} s of {len(times)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="back-test this database instead of building smec_bench_forecast")
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--invoices", type=int, default=200000)
    parser.add_argument("--origins", type=int, default=6, help="back-test forecasts, four weeks apart")
    parser.add_argument("--step", type=int, default=4, help="weeks between two origins")
    parser.add_argument("--repeat", type=int, default=3, help="timed forecasts as of today")
    args = parser.parse_args()
    if args.db:
        backtest(args.db, args.origins, args.step)
        return
    ensure_database(DB, ["smec_credit_forecast"])
    generate(DB, args.customers, args.invoices)
    backtest(DB, args.origins, args.step)
    timing(DB, args.repeat)


if __name__ == "__main__":
    main()
