"""Where the credit check's time goes, inside real confirmations.

Run after ``bench/run.py`` has built ``smec_bench``::

    .venv/bin/python bench/check_parts.py [--repeat 100]

A one-line order of the light customer is confirmed (check skipped) and
rolled back, then one statement is timed at the point where the check runs,
in turn for each variant below, interleaved, ``--repeat`` times; medians are
printed. The variants are temporary copies of ``smec_credit_order_check()``
with one part of its statement replaced by constant rows (so they answer
wrongly and only measure), a check reduced to the order, its lock row and
the kept receivable total, two floors: ``SELECT 1`` and one indexed read
of the order row, and two bounds on any other design that takes the lock:
the order and its lock row alone, and a lock row that would keep every
exposure and policy fact itself (a throw-away table, filled with constants),
read with the order's own online payments and approvals. Nothing is kept:
the transaction is rolled back.
"""

import argparse
import statistics
import time

from run import admin_env

from odoo import fields


class Undo(Exception):
    pass


# each part of the check's statement (a CTE) and the constant rows that replace it
PARTS = {
    "lock row": ("lock", "SELECT 1"),
    "limit, grade, flags, increases": (
        "policy",
        "SELECT o.partner_id AS id, 0::numeric AS credit_limit, NULL::integer AS grade_id, "
        "ARRAY[]::integer[] AS flag_ids, 0::numeric AS temporary_increase FROM o",
    ),
    "draft invoices": ("drafts", "SELECT 0 AS pid, 0::numeric AS amount WHERE FALSE"),
    "confirmed orders not invoiced": ("so", "SELECT 0 AS pid, 0::numeric AS amount WHERE FALSE"),
    "kept receivables": (
        "ar",
        "SELECT 0 AS pid, 0::numeric AS receivable, 0::numeric AS overdue_amount, 0 AS max_overdue_days WHERE FALSE",
    ),
}

MINIMAL = """
    WITH o AS MATERIALIZED (
        SELECT so.id, so.company_id, rp.commercial_partner_id AS pid
          FROM sale_order so JOIN res_partner rp ON rp.id = so.partner_id
         WHERE so.id = ANY($1)),
    lock AS (
        INSERT INTO smec_credit_partner_lock (partner_id, company_id, checks)
        SELECT pid, company_id, 1 FROM o
        ON CONFLICT (partner_id, company_id) DO UPDATE SET checks = smec_credit_partner_lock.checks + 1)
    SELECT o.id, (SELECT SUM(b.amount_due + b.amount_credit) FROM smec_credit_receivable_balance b
                   WHERE b.partner_id = o.pid AND b.company_id = o.company_id)
      FROM o
"""


ORDER_AND_LOCK = """
    WITH o AS MATERIALIZED (
        SELECT so.id, so.amount_total, so.company_id, rp.commercial_partner_id AS pid
          FROM sale_order so JOIN res_partner rp ON rp.id = COALESCE(so.partner_invoice_id, so.partner_id)
         WHERE so.id = ANY($1)),
    lock AS (
        INSERT INTO smec_credit_partner_lock (partner_id, company_id, checks)
        SELECT pid, company_id, 1 FROM o
        ON CONFLICT (partner_id, company_id) DO UPDATE SET checks = smec_credit_partner_lock.checks + 1
        RETURNING partner_id, checks)
    SELECT o.id, o.amount_total, lock.checks FROM o JOIN lock ON lock.partner_id = o.pid
"""

# a lock row that would keep every fact of the exposure and the policy itself
KEPT_STATE_TABLE = """
    CREATE TABLE smec_bench_kept_state (
        partner_id integer NOT NULL, company_id integer NOT NULL, checks integer,
        due_dates date[], due_amounts numeric[], credit numeric, drafts numeric, uninvoiced numeric,
        credit_limit numeric, grade_policy varchar, blocking boolean, temp_increase numeric, temp_until date,
        block_overdue_days integer, company_rounding numeric,
        PRIMARY KEY (partner_id, company_id));
    INSERT INTO smec_bench_kept_state
    SELECT partner_id, company_id, checks, ARRAY[current_date], ARRAY[100.0], 0, 0, 0, 1e9, 'none', FALSE, 0,
           NULL, 90, 0.01
      FROM smec_credit_partner_lock;
"""
KEPT_STATE = """
    WITH o AS MATERIALIZED (
        SELECT so.id, so.amount_total, so.company_id, rp.commercial_partner_id AS pid, cur.rounding,
               (SELECT COALESCE(SUM(tx.amount), 0) FROM sale_order_transaction_rel rel
                  JOIN payment_transaction tx ON tx.id = rel.transaction_id
                 WHERE rel.sale_order_id = so.id AND tx.state IN ('authorized', 'done')) AS paid,
               (SELECT MAX(a.order_amount) FROM smec_credit_approval a
                 WHERE a.order_id = so.id AND a.state = 'approved' AND a.decision = 'once') AS approved
          FROM sale_order so
          JOIN res_partner rp ON rp.id = COALESCE(so.partner_invoice_id, so.partner_id)
          JOIN res_currency cur ON cur.id = so.currency_id
         WHERE so.id = ANY($1)),
    kept AS (
        INSERT INTO smec_bench_kept_state (partner_id, company_id, checks)
        SELECT pid, company_id, 1 FROM o
        ON CONFLICT (partner_id, company_id) DO UPDATE SET checks = smec_bench_kept_state.checks + 1
        RETURNING *)
    SELECT o.*, kept.* FROM o JOIN kept ON kept.partner_id = o.pid AND kept.company_id = o.company_id
"""


def without_part(body, name, rows):
    """``body`` with the CTE ``name AS (...)`` replaced by ``rows``."""
    head = f"{name} AS ("
    start = body.index(head) + len(head)
    depth, end = 1, start
    while depth:
        depth += {"(": 1, ")": -1}.get(body[end], 0)
        end += 1
    return body[:start] + rows + body[end - 1 :]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    with admin_env("smec_bench") as env:
        cr = env.cr
        Exposure = env["smec.credit.order.check"]
        query = Exposure._order_check_sql()
        body = cr.mogrify(query.code, query.params).decode()
        columns = ", ".join(f"{name} {kind}" for name, kind in Exposure._ORDER_CHECK_COLUMNS)
        statements = {"the check": "SELECT * FROM smec_credit_order_check(%s::integer[], %s::date, TRUE)"}
        for i, (label, (cte, rows)) in enumerate(PARTS.items()):
            # the same function as the check's, one part replaced
            cr.execute(
                f"""
                CREATE FUNCTION pg_temp.smec_part_{i}(integer[], date, boolean) RETURNS TABLE ({columns})
                LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
                #variable_conflict use_column
                DECLARE v_company integer;
                BEGIN
                    FOR v_company IN SELECT DISTINCT so.company_id FROM sale_order so WHERE so.id = ANY($1) ORDER BY 1
                    LOOP RETURN QUERY {without_part(body, cte, rows)}; END LOOP;
                END $fn$
                """
            )
            statements[f"without {label}"] = f"SELECT * FROM pg_temp.smec_part_{i}(%s::integer[], %s::date, TRUE)"
        cr.execute(
            f"""CREATE FUNCTION pg_temp.smec_minimal(integer[]) RETURNS TABLE (id integer, receivable numeric)
                LANGUAGE plpgsql AS $fn$ BEGIN RETURN QUERY {MINIMAL}; END $fn$"""
        )
        statements["order + lock row + receivables only"] = (
            "SELECT * FROM pg_temp.smec_minimal(%s::integer[]) WHERE %s IS NOT NULL"
        )
        cr.execute(KEPT_STATE_TABLE)
        for label, (name, sql) in {
            "order + lock row only": ("smec_order_lock", ORDER_AND_LOCK),
            "lock row keeping every fact + order, its payments and approvals": ("smec_kept_state", KEPT_STATE),
        }.items():
            cr.execute(f"PREPARE {name}(integer[], date) AS {sql}")
            statements[label] = f"EXECUTE {name}(%s, %s)"
        statements["one indexed read of the order row"] = (
            "SELECT state, amount_total FROM sale_order WHERE id = ANY(%s::integer[]) AND %s IS NOT NULL"
        )
        statements["SELECT 1"] = "SELECT %s::integer[], %s::date"

        product = env["product.product"].create({"name": "Bench parts tile", "taxes_id": [(5,)]})
        partner = env["res.partner"].search([("name", "=", "Bench light")])
        order = env["sale.order"].create(
            {"partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id, "price_unit": 10})]}
        )
        cr.flush()
        today = fields.Date.context_today(order)
        samples = {label: [] for label in statements}
        for _i in range(args.repeat + 1):
            for label, statement in statements.items():
                try:
                    with cr.savepoint():
                        order.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
                        cr.flush()
                        raise Undo
                except Undo:
                    pass
                env.invalidate_all()
                started = time.perf_counter()
                cr.execute(statement, [order.ids, today])
                cr.fetchall()
                samples[label].append((time.perf_counter() - started) * 1000)
        print(f"\n| light customer, inside confirmations (medians of {args.repeat}) | time |")
        print("| --- | --- |")
        for label, values in samples.items():
            print(f"| {label} | {statistics.median(values[1:]):.3f} ms |")


if __name__ == "__main__":
    main()
