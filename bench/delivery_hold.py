#!/usr/bin/env python3
"""What the delivery hold (smec_credit_stock) adds to validating a delivery.

    .venv/bin/python bench/delivery_hold.py [--repeat 21]

Builds (once) the database ``smec_bench_stock`` with smec_credit_stock (and so
sale_stock) and fills it with ``bench/run.py``'s bulk SQL: many customers and
invoices, a *light* customer with 10 open receivable lines and a *heavy* one
with ``--heavy-lines`` open lines and ``--heavy-orders`` past orders. The
company goes live. For each of light and heavy, a confirmed order of one unit
of a storable product in stock, and its delivery; then, ``--repeat`` times, the
delivery is validated as the administrator (an internal user at the screen),
rolled back each time, with the hold and with it replaced by one that holds
nothing, alternated; and the hold's own check (``smec.credit.delivery.reasons
._hold_reasons`` with the lock, as at validation) is timed inside each real
validation with its SQL queries counted. Prints a Markdown table.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import Undo, admin_env, ensure_database, generate, generate_orders, psql

from odoo import Command

DB = "smec_bench_stock"


def prepare(env, name):
    """A confirmed order of one unit for the customer ``name``, and its delivery (committed once)."""
    partner = env["res.partner"].search([("name", "=", name)], limit=1)
    picking = env["stock.picking"].search(
        [("partner_id", "=", partner.id), ("state", "=", "assigned"), ("origin", "like", "BENCHDLV")], limit=1
    )
    if picking:
        return picking
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    product = env["product.product"].search([("name", "=", "Bench brick")], limit=1) or env["product.product"].create(
        {"name": "Bench brick", "is_storable": True, "list_price": 100}
    )
    env["stock.quant"].sudo()._update_available_quantity(product, warehouse.lot_stock_id, 1000)
    order = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "client_order_ref": "BENCHDLV",
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 100})],
        }
    )
    order.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
    order.picking_ids.origin = f"BENCHDLV {order.name}"
    env.cr.commit()
    return order.picking_ids


def measure(env, picking, repeat):
    Reasons = type(env["smec.credit.delivery.reasons"])
    original = Reasons._hold_reasons
    own = []

    def timed(self, pickings, lock=True):
        cr = self.env.cr
        count, started = cr.sql_log_count, time.perf_counter()
        result = original(self, pickings, lock=lock)
        own.append((time.perf_counter() - started, cr.sql_log_count - count))
        return result

    def none(self, pickings, lock=True):
        return {p: [] for p in pickings}

    with_hold, without = [], []
    for i in range(repeat):
        for skip in (i % 2 == 0, i % 2 == 1):
            env.invalidate_all()
            with patch.object(Reasons, "_hold_reasons", none if skip else timed):
                started = time.perf_counter()
                try:
                    with env.cr.savepoint():
                        assert picking.button_validate() is True
                        raise Undo()
                except Undo:
                    pass
                (without if skip else with_hold).append(time.perf_counter() - started)
    pairs = [a - b for a, b in zip(with_hold, without, strict=True)]
    return {
        "with": statistics.median(with_hold) * 1000,
        "without": statistics.median(without) * 1000,
        "diff": statistics.median(pairs) * 1000,
        "check": statistics.median(t for t, _q in own) * 1000,
        "queries": max(q for _t, q in own),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--invoices", type=int, default=50000)
    parser.add_argument("--heavy-lines", type=int, default=50000)
    parser.add_argument("--orders", type=int, default=20000)
    parser.add_argument("--heavy-orders", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    ensure_database(DB, ["smec_credit_stock"])
    generate(DB, args.customers, args.invoices, args.heavy_lines)
    # run.py's order history is written for a database without stock: the columns stock adds get their defaults
    psql(
        DB,
        "ALTER TABLE product_template ALTER COLUMN tracking SET DEFAULT 'none';"
        "ALTER TABLE sale_order ALTER COLUMN picking_policy SET DEFAULT 'direct'",
    )
    generate_orders(DB, args.customers, args.orders, args.heavy_orders)
    psql(DB, "UPDATE res_company SET smec_credit_live_date = CURRENT_DATE WHERE smec_credit_live_date IS NULL")
    rows = []
    with admin_env(DB) as env:
        for name in ("Bench light", "Bench heavy"):
            picking = prepare(env, name)
            # the web client sends the user's time zone with every call: without it, the check's date (the
            # user's day) reads the user and its partner again after each invalidation, two queries the screen
            # never makes
            picking = picking.with_context(tz=env.user.tz or "Asia/Shanghai", lang=env.user.lang)
            rows.append((name, measure(picking.env, picking, args.repeat)))
    print("\n| customer | validating with the hold (ms) | without | paired difference | the check (ms) | queries |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, r in rows:
        print(
            f"| {name} | {r['with']:.1f} | {r['without']:.1f} | {r['diff']:.2f} | {r['check']:.2f} | {r['queries']} |"
        )


if __name__ == "__main__":
    main()
