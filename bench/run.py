#!/usr/bin/env python3
"""Credit-check benchmarks on generated data (issue: exposure and order holds).

    .venv/bin/python bench/run.py                 # SMEC Credit only
    .venv/bin/python bench/run.py --oca           # and OCA's sale_financial_risk side by side

Builds (once) the database ``smec_bench`` with smec_credit, fills it with bulk
SQL: ``--customers`` customers and ``--invoices`` posted invoices spread over
them (80 % paid), plus a "light" customer with 10 open receivable lines and a
"heavy" one with ``--heavy-lines`` open lines. Then it measures, in one Odoo
process:

* ``action_confirm`` of a one-line order of the light and the heavy customer,
  with the credit check and with it skipped (alternated, each rolled back),
  and the check's own time and SQL queries inside those confirmations;
* the credit exposure list of all customers, filtered and sorted by utilisation.

With ``--oca``, the same data goes into ``smec_bench_oca`` with OCA's
sale_financial_risk (installed from PyPI into bench/.oca, outside the
repository's tracked files); one process then opens both databases and
confirms in each in turn, round by round, so that the machine's drift
touches both products alike, and the ratios are taken over the same rounds.
The risk of all customers is timed too. Results are printed as Markdown
tables.
"""

import argparse
import contextlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

import odoo
from odoo import api
from odoo.modules.registry import Registry

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / ".odoo.conf"
OCA_DIR = REPO / "bench" / ".oca"
OCA_PACKAGES = ("odoo-addon-sale-financial-risk==19.0.*", "odoo-addon-account-financial-risk==19.0.*")
OCA_AFR_PACKAGES = (
    "odoo-addon-account-financial-report==19.0.*",
    "odoo-addon-date-range==19.0.*",
    "odoo-addon-report-xlsx==19.0.*",
)


# statements sent before each generator's SQL (bench/scale.py loads without per-row foreign-key checks)
PSQL_SETUP = ""


class Undo(Exception):
    """Rolls a measured confirmation back to its savepoint."""


def sh(*cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def psql(db, sql):
    return subprocess.run(["psql", "-d", db, "-Atc", sql], capture_output=True, text=True, check=True).stdout.strip()


def ensure_database(db, modules, addons_path=None):
    exists = psql("postgres", f"select 1 from pg_database where datname = '{db}'") == "1"
    if exists:
        names = ",".join(f"'{m}'" for m in modules)
        count = psql(db, f"select count(*) from ir_module_module where state='installed' and name in ({names})")
        if count == str(len(modules)):
            return
        sh("dropdb", db)
    args = [
        sys.executable,
        "-m",
        "odoo",
        "server",
        "-c",
        str(CONFIG),
        "-d",
        db,
        "-i",
        ",".join(modules),
        "--stop-after-init",
        "--log-level=warn",
        "--without-demo=True",
    ]
    if addons_path:
        args.append(f"--addons-path={addons_path}")
    print(f"installing {', '.join(modules)} into {db} ...", flush=True)
    sh(*args)


GENERATE = """
DO $$
DECLARE
    company int := (SELECT id FROM res_company ORDER BY id LIMIT 1);
    cur int := (SELECT currency_id FROM res_company ORDER BY id LIMIT 1);
    journal int := (SELECT id FROM account_journal WHERE type = 'sale' AND company_id = company ORDER BY id LIMIT 1);
    receivable int := (SELECT id FROM account_account WHERE account_type = 'asset_receivable' ORDER BY id LIMIT 1);
    income int := (SELECT id FROM account_account WHERE account_type = 'income' ORDER BY id LIMIT 1);
    first_partner int;
BEGIN
    -- customers: a limit of 50,000 each
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills, credit_limit,
                             create_date, write_date)
    SELECT 'Bench customer ' || g, 'Bench customer ' || g, TRUE, TRUE, 'contact', 'ask',
           jsonb_build_object(company::text, 50000), now(), now()
      FROM generate_series(1, %(customers)s) g;
    SELECT min(id) INTO first_partner FROM res_partner WHERE name LIKE 'Bench customer %%';
    UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench customer %%';
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills, credit_limit,
                             commercial_partner_id)
    VALUES ('Bench light', 'Bench light', TRUE, TRUE, 'contact', 'ask', jsonb_build_object(company::text, 1e9), NULL),
           ('Bench heavy', 'Bench heavy', TRUE, TRUE, 'contact', 'ask', jsonb_build_object(company::text, 1e9), NULL);
    UPDATE res_partner SET commercial_partner_id = id WHERE name IN ('Bench light', 'Bench heavy');

    -- invoices: n per customer, 80 %% paid; plus 10 open for light and %(heavy)s open for heavy
    CREATE TEMP TABLE inv AS
    SELECT g AS n, first_partner + (g %% %(customers)s) AS partner_id,
           (CURRENT_DATE - (g %% 400)) AS inv_date, (100 + (g %% 900))::numeric AS amount, (g %% 5 = 0) AS open
      FROM generate_series(1, %(invoices)s) g
    UNION ALL
    SELECT g, (SELECT id FROM res_partner WHERE name = 'Bench light'), CURRENT_DATE - (g %% 60), 100, TRUE
      FROM generate_series(1, 10) g
    UNION ALL
    SELECT g, (SELECT id FROM res_partner WHERE name = 'Bench heavy'), CURRENT_DATE - (g %% 60), 100, TRUE
      FROM generate_series(1, %(heavy)s) g;

    ALTER TABLE inv ADD COLUMN move_id int;
    WITH moves AS (
        INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                  partner_id, commercial_partner_id, invoice_date, invoice_date_due,
                                  amount_untaxed, amount_total, amount_residual, amount_untaxed_signed,
                                  amount_total_signed, amount_residual_signed, payment_state, create_date, write_date)
        SELECT journal, cur, company, 'posted', 'out_invoice', 'no', inv_date, 'BENCH/' || n || '/' || partner_id,
               partner_id, partner_id, inv_date, inv_date + 30,
               amount, amount, CASE WHEN open THEN amount ELSE 0 END, amount, amount,
               CASE WHEN open THEN amount ELSE 0 END, CASE WHEN open THEN 'not_paid' ELSE 'paid' END, now(), now()
          FROM inv
        RETURNING id, name
    )
    UPDATE inv SET move_id = moves.id FROM moves WHERE moves.name = 'BENCH/' || inv.n || '/' || inv.partner_id;

    INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                   partner_id, display_type, parent_state, date, date_maturity, name,
                                   debit, credit, balance, amount_currency, amount_residual,
                                   amount_residual_currency, reconciled)
    SELECT move_id, journal, company, cur, cur, receivable, partner_id, 'payment_term', 'posted', inv_date,
           inv_date + 30, 'BENCH', amount, 0, amount, amount,
           CASE WHEN open THEN amount ELSE 0 END, CASE WHEN open THEN amount ELSE 0 END, NOT open
      FROM inv
    UNION ALL
    SELECT move_id, journal, company, cur, cur, income, partner_id, 'product', 'posted', inv_date,
           NULL, 'BENCH', 0, amount, -amount, -amount, 0, 0, FALSE
      FROM inv;
    ANALYZE account_move; ANALYZE account_move_line; ANALYZE res_partner;
END $$;
"""


def generate(db, customers, invoices, heavy):
    if psql(db, "select count(*) from res_partner where name = 'Bench heavy'") != "0":
        return
    print(
        f"generating {customers} customers, {invoices} invoices, heavy customer with {heavy} open lines ...", flush=True
    )
    started = time.perf_counter()
    sql = PSQL_SETUP + GENERATE % {"customers": customers, "invoices": invoices, "heavy": heavy}
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql, text=True, check=True)
    if psql(db, "select to_regclass('smec_credit_receivable_balance') is not null") == "t":
        # the receivable triggers filled it: with autovacuum off (as on the project's machine) it would keep no
        # statistics, and the exposure list's plans would be made for a table of unknown size
        psql(db, "ANALYZE smec_credit_receivable_balance")
    print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)


ORDERS = """
DO $$
DECLARE
    company int := (SELECT id FROM res_company ORDER BY id LIMIT 1);
    cur int := (SELECT currency_id FROM res_company ORDER BY id LIMIT 1);
    first_partner int := (SELECT min(id) FROM res_partner WHERE name LIKE 'Bench customer %%');
    light int := (SELECT id FROM res_partner WHERE name = 'Bench light');
    heavy int := (SELECT id FROM res_partner WHERE name = 'Bench heavy');
    uom int := (SELECT id FROM uom_uom ORDER BY id LIMIT 1);
    product int;
BEGIN
    WITH tmpl AS (
        INSERT INTO product_template (name, type, service_tracking, uom_id, sale_ok, active, invoice_policy)
        VALUES ('{"en_US": "Bench history"}', 'consu', 'no', uom, TRUE, TRUE, 'order') RETURNING id)
    INSERT INTO product_product (product_tmpl_id, active) SELECT id, TRUE FROM tmpl RETURNING id INTO product;
    -- order history: %(orders)s confirmed orders fully invoiced, spread over the
    -- customers, %(heavy_orders)s more for the heavy customer; then 2 confirmed
    -- orders not yet invoiced (3 units of 100, 1 invoiced) for light and heavy alike
    CREATE TEMP TABLE so AS
    SELECT g AS n, first_partner + (g %% %(customers)s) AS partner_id, 'invoiced' AS status
      FROM generate_series(1, %(orders)s) g
    UNION ALL
    SELECT %(orders)s + g, heavy, 'invoiced' FROM generate_series(1, %(heavy_orders)s) g
    UNION ALL
    SELECT %(orders)s + %(heavy_orders)s + g, p, 'to invoice'
      FROM generate_series(1, 2) g CROSS JOIN unnest(ARRAY[light, heavy]) p;
    WITH orders AS (
        INSERT INTO sale_order (name, partner_id, partner_invoice_id, partner_shipping_id, company_id, currency_id,
                                date_order, state, invoice_status, currency_rate, amount_untaxed, amount_total,
                                create_date, write_date)
        SELECT 'BENCHSO/' || n, partner_id, partner_id, partner_id, company, cur,
               now() - interval '1 day' * (n %% 400), 'sale', status, 1,
               CASE WHEN status = 'invoiced' THEN 100 ELSE 300 END,
               CASE WHEN status = 'invoiced' THEN 100 ELSE 300 END, now(), now()
          FROM so
        RETURNING id, invoice_status, amount_total
    )
    INSERT INTO sale_order_line (order_id, name, product_id, product_uom_id, product_uom_qty, qty_invoiced,
                                 price_unit, price_subtotal, price_total, customer_lead, company_id, currency_id,
                                 state, invoice_status, is_downpayment)
    SELECT id, 'BENCH', product, uom, amount_total / 100, 1, 100, amount_total, amount_total, 0, company, cur,
           'sale', invoice_status, FALSE
      FROM orders;
    ANALYZE sale_order; ANALYZE sale_order_line;
END $$;
"""


def generate_orders(db, customers, orders, heavy_orders):
    if psql(db, "select count(*) from sale_order where name like 'BENCHSO/%'") != "0":
        return
    print(f"generating {orders + heavy_orders} confirmed orders ...", flush=True)
    sql = PSQL_SETUP + ORDERS % {"customers": customers, "orders": orders, "heavy_orders": heavy_orders}
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql, text=True, check=True)


PAYMENTS = """
DO $$
DECLARE
    company int := (SELECT id FROM res_company ORDER BY id LIMIT 1);
    cur int := (SELECT currency_id FROM res_company ORDER BY id LIMIT 1);
    journal int := (SELECT id FROM account_journal WHERE type = 'bank' AND company_id = company ORDER BY id LIMIT 1);
    receivable int := (SELECT id FROM account_account WHERE account_type = 'asset_receivable' ORDER BY id LIMIT 1);
BEGIN
    -- %(payments)s partial payments of half an open invoice, spread over the last 120 days
    CREATE TEMP TABLE pay AS
    SELECT aml.id AS inv_line, aml.partner_id, round(aml.balance / 2, 2) AS amount,
           CURRENT_DATE - (aml.id %% 120) AS pay_date, row_number() OVER () AS n
      FROM account_move_line aml
      JOIN account_move am ON am.id = aml.move_id AND am.name LIKE 'BENCH/%%'
     WHERE aml.account_id = receivable AND NOT aml.reconciled
     ORDER BY aml.id
     LIMIT %(payments)s;
    ALTER TABLE pay ADD COLUMN move_id int, ADD COLUMN pay_line int;
    WITH moves AS (
        INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                  partner_id, commercial_partner_id, create_date, write_date)
        SELECT journal, cur, company, 'posted', 'entry', 'no', pay_date, 'BENCHPAY/' || n, partner_id, partner_id,
               now(), now()
          FROM pay RETURNING id, name)
    UPDATE pay SET move_id = moves.id FROM moves WHERE moves.name = 'BENCHPAY/' || pay.n;
    WITH lines AS (
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id, account_id,
                                       partner_id, display_type, parent_state, date, date_maturity, name, debit, credit,
                                       balance, amount_currency, amount_residual, amount_residual_currency, reconciled)
        SELECT move_id, journal, company, cur, cur, receivable, partner_id, 'payment_term', 'posted', pay_date,
               pay_date, 'BENCHPAY', 0, amount, -amount, -amount, 0, 0, TRUE
          FROM pay RETURNING id, move_id)
    UPDATE pay SET pay_line = lines.id FROM lines WHERE lines.move_id = pay.move_id;
    INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, company_id, debit_currency_id,
                                           credit_currency_id, amount, debit_amount_currency, credit_amount_currency,
                                           max_date, create_date, write_date)
    SELECT inv_line, pay_line, company, cur, cur, amount, amount, amount, pay_date, now(), now() FROM pay;
    UPDATE account_move_line aml SET amount_residual = aml.balance - pay.amount,
                                     amount_residual_currency = aml.balance - pay.amount
      FROM pay WHERE aml.id = pay.inv_line;
    ANALYZE account_move_line; ANALYZE account_partial_reconcile;
END $$;
"""


def generate_payments(db, payments):
    if psql(db, "select count(*) from account_move where name like 'BENCHPAY/%'") != "0":
        return
    print(f"generating {payments} partial payments ...", flush=True)
    sql = PAYMENTS % {"payments": payments}
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], input=sql, text=True, check=True)


@contextlib.contextmanager
def admin_env(db, addons_path=None):
    """An environment of ``db`` as the administrator, an internal user at the
    screen (not sudo); everything done in it is rolled back."""
    odoo.tools.config.parse_config(
        ["-c", str(CONFIG), "-d", db, "--log-level=warn"] + ([f"--addons-path={addons_path}"] if addons_path else [])
    )
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        yield env(user=env.ref("base.user_admin"))
        cr.rollback()


def measure_aging(db, repeat):
    """Aging as of 30 days ago (payments after it are added back) and the xlsx exports."""
    import resource  # noqa: PLC0415
    from datetime import timedelta  # noqa: PLC0415

    results = {}
    with admin_env(db) as env:
        company = env.company
        as_of = odoo.fields.Date.context_today(env.user) - timedelta(days=30)
        Aging = env["smec.credit.aging"]
        rows = Aging._aging_by_partner(company, as_of)
        results["partners"] = len(rows)
        results["by_partner_ms"] = timed(lambda: Aging._aging_by_partner(company, as_of), repeat)
        wizard = env["smec.credit.aging.wizard"].create({"as_of": as_of, "with_detail": False})
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        size = len(wizard._export_xlsx())
        results["xlsx_summary_s"] = time.perf_counter() - started
        results["xlsx_summary_kb"] = size // 1024
        wizard.with_detail = True
        started = time.perf_counter()
        size = len(wizard._export_xlsx())
        results["xlsx_detail_s"] = time.perf_counter() - started
        results["xlsx_detail_kb"] = size // 1024
        results["lines"] = len(Aging._aging_lines(company, as_of))
        results["extra_rss_mb"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
    return results


TRIGGERS = (
    "smec_credit_receivable_balance_ins",
    "smec_credit_receivable_balance_upd",
    "smec_credit_receivable_balance_del",
)


def measure_posting(db, repeat):
    """What the receivable-total triggers cost the accountant: posting an
    invoice, and paying it in full (payment posted and reconciled), timed with
    the triggers and with them disabled (in the same transaction, rolled back)."""
    results = {}
    with admin_env(db) as env:
        cr = env.cr
        partner = env["res.partner"].search([("name", "=", "Bench heavy")])
        samples = {"with": [], "without": []}

        def post_and_pay(label):
            for trigger in TRIGGERS:
                action = "ENABLE" if label == "with" else "DISABLE"
                cr.execute(f"ALTER TABLE account_move_line {action} TRIGGER {trigger}")
            with cr.savepoint():
                invoice = env["account.move"].create(
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "invoice_line_ids": [(0, 0, {"name": "Bench", "price_unit": 100, "tax_ids": [(5,)]})],
                    }
                )
                cr.flush()
                started = time.perf_counter()
                invoice.action_post()
                cr.flush()
                posted = time.perf_counter()
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=invoice.ids
                ).create({})._create_payments()
                cr.flush()
                paid = time.perf_counter()
                samples[label].append(((posted - started) * 1000, (paid - posted) * 1000))
                raise Undo

        # alternated, after one warm-up of each, so that neither gets the warm caches
        for _i in range(repeat + 1):
            for label in ("with", "without"):
                try:
                    post_and_pay(label)
                except Undo:
                    pass
                env.invalidate_all()
        for label, values in samples.items():
            values = values[1:]
            results[label] = (statistics.median(v[0] for v in values), statistics.median(v[1] for v in values))
    return results


def timed(func, repeat):
    """Median wall time in ms over ``repeat`` runs (after one warm-up)."""
    func()
    samples = []
    for _i in range(repeat):
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


@contextlib.contextmanager
def clocked(model, method, cr):
    """Time each call of ``model``'s ``method`` (wall ms, SQL queries), as it
    runs inside a real confirmation: yields the list of samples."""
    cls = type(model)
    original = getattr(cls, method)
    samples = []

    def wrapper(self, *args, **kwargs):
        queries = cr.sql_log_count
        started = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            samples.append(((time.perf_counter() - started) * 1000, cr.sql_log_count - queries))

    setattr(cls, method, wrapper)
    try:
        yield samples
    finally:
        setattr(cls, method, original)


@contextlib.contextmanager
def skipped_gate(order):
    """SMEC Credit's gate replaced by one that holds nothing: the confirmation
    without the check, as the same (non-superuser) user."""
    cls = type(order)
    original = cls._smec_credit_gate
    cls._smec_credit_gate = lambda self, lock=True: {o: [] for o in self}
    try:
        yield
    finally:
        cls._smec_credit_gate = original


class Confirming:
    """A one-line order of the bench customer ``label`` in ``env``'s database,
    confirmed again and again as an internal user, each time rolled back: with
    the credit check, without it, and (the floor of any check that reads the
    database) one indexed read of one row at the same point. The check's own
    time and queries are taken inside the confirmations:
    ``sale.order._smec_credit_gate`` for SMEC Credit,
    ``sale.order.evaluate_risk_message`` for OCA (``oca``)."""

    def __init__(self, env, label, oca):
        self.env, self.cr, self.oca = env, env.cr, oca
        product = env["product.product"].search([("name", "=", "Bench tile")], limit=1) or env[
            "product.product"
        ].create({"name": "Bench tile", "list_price": 10.0, "taxes_id": [(5,)]})
        partner = env["res.partner"].search([("name", "=", f"Bench {label}")])
        self.order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1, "price_unit": 10})],
            }
        )
        self.cr.flush()
        self.with_gate, self.without_gate, self.floor, self.check = [], [], [], []

    def confirm(self, skip_gate):
        # without the check: OCA's own switch (its bypass_risk context); for
        # SMEC Credit, whose skip key needs superuser mode, a gate that holds nothing
        context = {"bypass_risk": True} if (self.oca and skip_gate) else {}
        skipping = skipped_gate(self.order) if (skip_gate and not self.oca) else contextlib.nullcontext()
        started = time.perf_counter()
        try:
            with self.cr.savepoint(), skipping:
                self.order.with_context(**context).action_confirm()
                self.cr.flush()
                raise Undo
        except Undo:
            pass
        elapsed = (time.perf_counter() - started) * 1000
        self.env.invalidate_all()
        return elapsed

    def read_floor(self):
        self.confirm(True)
        started = time.perf_counter()
        self.cr.execute("SELECT state, amount_total FROM sale_order WHERE id = %s", [self.order.id])
        self.cr.fetchall()
        return (time.perf_counter() - started) * 1000

    @contextlib.contextmanager
    def clocking(self):
        method = "evaluate_risk_message" if self.oca else "_smec_credit_gate"
        with clocked(self.order, method, self.cr) as check:
            self.confirm(False), self.confirm(True)  # warm-up
            check.clear()
            self.check = check
            yield

    def one_round(self):
        # which of the pair runs first alternates: the first confirmation after
        # the other product's turn pays for switching databases and connections
        if len(self.with_gate) % 2:
            self.without_gate.append(self.confirm(True))
            self.with_gate.append(self.confirm(False))
        else:
            self.with_gate.append(self.confirm(False))
            self.without_gate.append(self.confirm(True))

    def results(self):
        assert len(self.check) == len(self.with_gate), "the check ran once per confirmation"
        return {
            "confirm_ms": statistics.median(self.with_gate),
            "without_ms": statistics.median(self.without_gate),
            "added_ms": statistics.median(w - wo for w, wo in zip(self.with_gate, self.without_gate, strict=True)),
            "check_ms": statistics.median(ms for ms, _q in self.check),
            "queries": max(q for _ms, q in self.check),
            "floor_ms": statistics.median(self.floor),
        }


def confirmations(envs, repeat):
    """``envs``: {product: (env, oca)}. For the light and the heavy customer,
    the confirmations of every product interleaved round by round, so that
    the machine's drift touches them alike: {product: {label: results}}."""
    results = {product: {} for product in envs}
    for label in ("light", "heavy"):
        runs = {product: Confirming(env, label, oca) for product, (env, oca) in envs.items()}
        with contextlib.ExitStack() as stack:
            for run in runs.values():
                stack.enter_context(run.clocking())
            for _i in range(repeat):
                for run in runs.values():
                    run.one_round()
        for _i in range(repeat):
            for run in runs.values():
                run.floor.append(run.read_floor())
        for product, run in runs.items():
            results[product][label] = run.results()
    return results


def exposure_list(env, repeat):
    """SMEC Credit's exposure list: first page by utilisation and its count, all rows."""
    Report = env["smec.credit.exposure.report"]

    def list_page():
        Report.search_read(
            [("utilisation", ">", 0)], ["partner_id", "exposure", "utilisation"], order="utilisation desc", limit=80
        )
        Report.search_count([("utilisation", ">", 0)])

    def all_rows():
        Report.search_read([], ["partner_id", "exposure", "credit_limit", "utilisation"], order="utilisation desc")

    return {
        "list_page_ms": timed(list_page, repeat),
        "all_rows_ms": timed(all_rows, max(1, repeat // 3)),
        "rows": Report.search_count([]),
    }


def oca_all_risk(env):
    """OCA: the risk of all bench customers, read as its partner list would."""
    partners = env["res.partner"].search([("name", "like", "Bench customer")])

    def read_risk():
        env.invalidate_all()
        partners.read(["risk_total", "risk_exception"])

    return timed(read_risk, 1)


def measure(db, repeat):
    """SMEC Credit alone: confirmations and the exposure list."""
    with admin_env(db) as env:
        results = confirmations({"smec": (env, False)}, repeat)["smec"]
        results.update(exposure_list(env, repeat))
    return results


def addons_path_with_oca():
    base = next(
        line.split("=", 1)[1].strip() for line in CONFIG.read_text().splitlines() if line.startswith("addons_path")
    )
    return f"{base},{OCA_DIR / 'odoo' / 'addons'}"


def install_oca(packages=OCA_PACKAGES, marker="sale_financial_risk"):
    """OCA addons from PyPI into bench/.oca (pip --target does not merge, hence the copy)."""
    import shutil  # noqa: PLC0415
    import tempfile  # noqa: PLC0415

    target = OCA_DIR / "odoo" / "addons"
    if (target / marker).is_dir():
        return
    with tempfile.TemporaryDirectory() as tmp:
        sh(sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", tmp, *packages)
        target.mkdir(parents=True, exist_ok=True)
        for addon in (Path(tmp) / "odoo" / "addons").iterdir():
            shutil.copytree(addon, target / addon.name, dirs_exist_ok=True)


def measure_oca_aging_child(repeat):
    """OCA's aged partner balance as of 30 days ago: its values, and its xlsx."""
    import resource  # noqa: PLC0415
    from datetime import timedelta  # noqa: PLC0415

    with admin_env("smec_bench_afr", addons_path_with_oca()) as env:
        as_of = odoo.fields.Date.context_today(env.user) - timedelta(days=30)
        receivable = env["account.account"].search([("account_type", "=", "asset_receivable")])
        wizard = env["aged.partner.balance.report.wizard"].create(
            {"date_at": as_of, "account_ids": [(6, 0, receivable.ids)], "show_move_line_details": False}
        )
        import json  # noqa: PLC0415

        # as report_action sends it: through JSON, dates as strings
        data = json.loads(json.dumps(wizard._prepare_report_data(), default=str))
        Report = env["report.account_financial_report.aged_partner_balance"]
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        Report._get_report_values(wizard.ids, data)
        values_s = time.perf_counter() - started
        values_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss) / 1024
        started = time.perf_counter()
        env["ir.actions.report"]._render_xlsx("a_f_r.report_aged_partner_balance_xlsx", wizard.ids, data)
        xlsx_s = time.perf_counter() - started
    print("\n| OCA account_financial_report, aged partner balance | time |\n| --- | --- |")
    print(f"| values (per partner) | {values_s:.1f} s, max RSS +{values_mb:.0f} MB |")
    print(f"| xlsx | {xlsx_s:.1f} s |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--invoices", type=int, default=200000)
    parser.add_argument("--heavy-lines", type=int, default=50000)
    parser.add_argument("--orders", type=int, default=200000, help="confirmed, invoiced orders of the customers")
    parser.add_argument("--heavy-orders", type=int, default=20000, help="more of them for the heavy customer")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--oca", action="store_true", help="also measure OCA's sale_financial_risk")
    parser.add_argument("--payments", type=int, default=50000)
    parser.add_argument("--aging", action="store_true", help="measure the aging and its xlsx export instead")
    parser.add_argument("--posting", action="store_true", help="measure what the triggers add to posting and paying")
    args = parser.parse_args()

    ensure_database("smec_bench", ["smec_credit"])
    generate("smec_bench", args.customers, args.invoices, args.heavy_lines)
    generate_orders("smec_bench", args.customers, args.orders, args.heavy_orders)
    if args.posting:
        res = measure_posting("smec_bench", args.repeat)
        print("\n| heavy customer, one invoice | post | pay in full (payment + reconciliation) |")
        print("| --- | --- | --- |")
        for label in ("with", "without"):
            post, pay = res[label]
            print(f"| {label} the receivable triggers | {post:.1f} ms | {pay:.1f} ms |")
        return
    if args.aging:
        generate_payments("smec_bench", args.payments)
        res = measure_aging("smec_bench", args.repeat)
        print(f"\naging as of 30 days ago: {res['partners']} partners, {res['lines']} open items")
        print("| measure | time |\n| --- | --- |")
        print(f"| per-partner aging (one query) | {res['by_partner_ms']:.0f} ms |")
        print(f"| xlsx, summary per partner | {res['xlsx_summary_s']:.1f} s ({res['xlsx_summary_kb']} KB) |")
        print(f"| xlsx, with every open item | {res['xlsx_detail_s']:.1f} s ({res['xlsx_detail_kb']} KB) |")
        print(f"| extra memory (max RSS growth) | {res['extra_rss_mb']:.0f} MB |")
        if args.oca:
            install_oca(OCA_AFR_PACKAGES, marker="account_financial_report")
            ensure_database("smec_bench_afr", ["account_financial_report"], addons_path=addons_path_with_oca())
            generate("smec_bench_afr", args.customers, args.invoices, args.heavy_lines)
            generate_payments("smec_bench_afr", args.payments)
            print(child("--measure-oca-aging", args.repeat))
        return
    if args.oca:
        install_oca()
        ensure_database("smec_bench_oca", ["sale_financial_risk"], addons_path=addons_path_with_oca())
        generate("smec_bench_oca", args.customers, args.invoices, args.heavy_lines)
        generate_orders("smec_bench_oca", args.customers, args.orders, args.heavy_orders)
        if psql("smec_bench", "select count(*) from account_move where name like 'BENCHPAY/%'") != "0":
            # an --aging run added its partial payments to smec_bench: the same ledger on both sides
            generate_payments("smec_bench_oca", args.payments)
        # a process of its own, whose addons path has OCA's addons from the start
        print(child("--measure-side-by-side", args.repeat))
        return
    ours = measure("smec_bench", args.repeat)
    print_confirmations(f"SMEC Credit ({args.heavy_lines} open lines for heavy)", ours)
    print(
        f"\nexposure list ({ours['rows']} rows): first page sorted by utilisation + count "
        f"{ours['list_page_ms']:.0f} ms; all rows sorted {ours['all_rows_ms']:.0f} ms"
    )


def child(flag, repeat):
    """Run this script again with ``flag`` (a process whose addons path has
    OCA's addons from the start) and return what it printed."""
    return subprocess.run(
        [sys.executable, __file__, flag, str(repeat)], capture_output=True, text=True, check=True
    ).stdout


def print_confirmations(title, res):
    print(f"\n| {title} | light | heavy |")
    print("| --- | --- | --- |")
    for key, name in (
        ("confirm_ms", "confirmation, with the check"),
        ("without_ms", "confirmation, check skipped"),
        ("added_ms", "difference (median of pairs)"),
        ("check_ms", "the check itself, inside the confirmation"),
        ("floor_ms", "one indexed read of one row, same place"),
    ):
        print(f"| {name} | {res['light'][key]:.1f} ms | {res['heavy'][key]:.1f} ms |")
    print(f"| SQL queries of the check | {res['light']['queries']} | {res['heavy']['queries']} |")


def measure_side_by_side_child(repeat):
    """Both products in one process, on their own databases, the confirmations
    interleaved round by round; then the lists."""
    addons_path = addons_path_with_oca()
    with admin_env("smec_bench", addons_path) as ours_env, admin_env("smec_bench_oca", addons_path) as oca_env:
        res = confirmations({"smec": (ours_env, False), "oca": (oca_env, True)}, repeat)
        ours, theirs = res["smec"], res["oca"]
        ours.update(exposure_list(ours_env, repeat))
        all_risk_ms = oca_all_risk(oca_env)
    print_confirmations("SMEC Credit (interleaved with OCA)", ours)
    print_confirmations("OCA sale_financial_risk (interleaved)", theirs)
    print("\n| OCA / SMEC Credit, same rounds | light | heavy |\n| --- | --- | --- |")
    for key, name in (
        ("check_ms", "the check itself"),
        ("added_ms", "difference (median of pairs)"),
        ("confirm_ms", "confirmation, with the check"),
    ):
        light, heavy = (theirs[label][key] / ours[label][key] for label in ("light", "heavy"))
        print(f"| {name} | {light:.1f} | {heavy:.1f} |")
    print(
        f"\nexposure list ({ours['rows']} rows): first page sorted by utilisation + count "
        f"{ours['list_page_ms']:.0f} ms; all rows sorted {ours['all_rows_ms']:.0f} ms"
        f"\nOCA: reading risk_total of all customers: {all_risk_ms:.0f} ms"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure-oca-aging":
        measure_oca_aging_child(int(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--measure-side-by-side":
        measure_side_by_side_child(int(sys.argv[2]))
    else:
        main()
