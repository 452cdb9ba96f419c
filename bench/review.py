#!/usr/bin/env python3
"""The scorecard review on a ledger whose truth is known (issue #35).

    .venv/bin/python bench/review.py                 # 20,000 customers, 10 invoices each
    .venv/bin/python bench/review.py --repeat 3
    .venv/bin/python bench/review.py --repeat 1 --profile     # where a run's time goes (cProfile)

Builds (once) the database ``smec_bench_review`` with smec_credit_review and fills it with the generator of
``smec_credit_review/tests/known_truth.py``: each customer has a hidden risk that drives its questionnaire
answers (with noise: the litigation record reads it at 0.9, the debt ratio at 0.7, ..., the market
environment not at all) and whether it pays late. The customer scorecard is given a deliberately wrong
weight first: Conditions 40 % with the market environment weighing 5 to the industry's 1.

It then runs the review as the administrator (not in superuser mode), each run rolled back, and prints:
the time of the run, its SQL statements and how many of them read the journal items; what the review found
against what was put in (the grade order, the AUC against the AUC of the hidden risk itself, the fitted
weights of the informative criteria against the noise one).
"""

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import admin_env, ensure_database, psql

DB = "smec_bench_review"
SIGNALS = {
    "Litigation and dishonesty record": 0.9,
    "Debt-to-asset ratio": 0.7,
    "Years in business": 0.5,
    "Annual revenue trend": 0.5,
    "Paid-up capital": 0.3,
    "Guarantees, deposits or credit insurance": 0.3,
    "Reputation of the owner / management": 0.2,
    "Regional and market environment": 0.0,
}


def generate(customers, invoices):
    if psql(DB, "select count(*) from pg_tables where tablename = 'bench_kt_truth'") == "1":
        return
    print(f"generating {customers} customers with {invoices} invoices each ...", flush=True)
    started = time.perf_counter()
    with admin_env(DB) as env:
        from odoo.addons.smec_credit_review.tests import known_truth  # noqa: PLC0415

        env = env(su=True)
        card = env["smec.credit.scorecard"]._default_for(env.company, "customer")
        names = known_truth.give_wrong_weight(card)
        signals = {names[name].id: signal for name, signal in SIGNALS.items()}
        bad = known_truth.generate(env, card, customers, signals, prefix="Bench truth", invoices=invoices)
        env.cr.execute("CREATE TABLE bench_kt_truth AS SELECT partner_id, risk, bad FROM kt_customer")
        env.cr.commit()
    print(f"  {bad} bad customers put in; generated in {time.perf_counter() - started:.1f} s", flush=True)


def measure(repeat, profile=False):
    # a server imports scikit-learn once: the import (seconds) is timed apart, not in the runs
    started = time.perf_counter()
    import sklearn.linear_model  # noqa: F401, PLC0415
    from sklearn.metrics import roc_auc_score  # noqa: PLC0415

    import_seconds = time.perf_counter() - started

    from odoo.sql_db import Cursor  # noqa: PLC0415

    results = {"runs": [], "cpu": [], "queries": [], "aml_queries": [], "import": import_seconds}
    with admin_env(DB) as env:
        env.cr.execute("SELECT risk, bad FROM bench_kt_truth")
        truth = env.cr.fetchall()
        results["oracle_auc"] = roc_auc_score([0 if bad else 1 for _r, bad in truth], [-r for r, _b in truth])
        results["bad_put_in"] = sum(1 for _r, bad in truth if bad)
        card = env["smec.credit.scorecard"]._default_for(env.company, "customer")
        for _index in range(repeat):
            env.cr.execute("SAVEPOINT bench_review")
            review = env["smec.credit.review"].create({"scorecard_id": card.id})
            env.flush_all()
            statements = []
            execute = Cursor.execute

            def counting(cursor, query, params=None, log_exceptions=True, _execute=execute, _seen=statements):
                _seen.append(str(query))
                return _execute(cursor, query, params, log_exceptions)

            profiler = cProfile.Profile() if profile else None
            started, cpu = time.perf_counter(), time.process_time()
            Cursor.execute = counting
            try:
                if profiler:
                    profiler.enable()
                review.action_run()
                env.flush_all()
            finally:
                if profiler:
                    profiler.disable()
                Cursor.execute = execute
            results["runs"].append(time.perf_counter() - started)
            # this process's own CPU (the Python around the statements), less sensitive to the other helpers' load
            results["cpu"].append(time.process_time() - cpu)
            if profiler:
                shown = r"smec_credit_review|sklearn/(metrics|linear)|execute"
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(shown, 30)
            results["queries"].append(len(statements))
            results["aml_queries"].append(sum("account_move_line" in statement for statement in statements))
            lines = {line.criterion_id.name: line for line in review.criterion_line_ids}
            results["found"] = {
                "customers": review.customer_count,
                "bad": review.bad_count,
                "auc": review.auc,
                "ks": review.ks,
                "rates": [
                    (line.grade_id.code, line.customer_count, round(line.bad_rate, 1)) for line in review.grade_line_ids
                ],
                "ordered": review.grades_ordered,
                "proposal_auc": review.proposal_auc,
                "proposed": [
                    (line.grade_id.code, line.proposed_min, round(line.proposed_bad_rate, 1))
                    for line in review.grade_line_ids
                ],
                "weights": {
                    name: (
                        round(lines[name].current_weight, 1),
                        round(lines[name].proposed_weight, 1),
                        round(lines[name].auc, 3),
                    )
                    for name in SIGNALS
                },
                "changes": (review.change_count, review.change_exposure),
            }
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_review")
            env.invalidate_all()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=20000)
    parser.add_argument("--invoices", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="print where each run's time goes (cProfile)")
    args = parser.parse_args()
    ensure_database(DB, ["smec_credit_review"])
    generate(args.customers, args.invoices)
    results = measure(args.repeat, args.profile)
    found = results["found"]
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(
        "| the review (outcomes, figures, proposal, rows written) | "
        + " / ".join(f"{t:.2f} s" for t in results["runs"])
        + " |"
    )
    print("| of which the Python process's own CPU | " + " / ".join(f"{t:.2f} s" for t in results["cpu"]) + " |")
    print(f"| importing scikit-learn, once per server process (not in the runs) | {results['import']:.2f} s |")
    print(f"| SQL statements of a run | {statistics.median(results['queries'])} |")
    print(f"| of which read the journal items | {statistics.median(results['aml_queries'])} |")
    print(f"| customers reviewed / bad (put in: {results['bad_put_in']}) | {found['customers']} / {found['bad']} |")
    print(f"| AUC / KS of the card (wrong weight) | {found['auc']:.3f} / {found['ks']:.3f} |")
    print(f"| AUC of the hidden risk itself (the ceiling) | {results['oracle_auc']:.3f} |")
    print(f"| AUC of the proposed card | {found['proposal_auc']:.3f} |")
    print(f"| bad rate by grade (customers, %) | {found['rates']} ; ordered: {found['ordered']} |")
    print(f"| proposed bands (from, bad rate %) | {found['proposed']} |")
    print(f"| customers changing grade, their exposure | {found['changes'][0]}, {found['changes'][1]:,.0f} |")
    print()
    print("| criterion (signal put in) | weight now % | proposed % | AUC alone |")
    print("| --- | --- | --- | --- |")
    for name, signal in SIGNALS.items():
        now, proposed, auc = found["weights"][name]
        print(f"| {name} ({signal}) | {now} | {proposed} | {auc} |")


if __name__ == "__main__":
    main()
