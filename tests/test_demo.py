"""The demo database that `make setup` creates (with demo data, dated from the
day it is made) tells the credit manager's story: checked on that database, so
the run fails loudly when it is missing or its story broke."""

import datetime
import os

import pytest

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tools import config

DEMO_DB = os.environ.get("SMEC_DEMO_DB", "smec_demo")


@pytest.fixture(scope="module")
def env():
    # loaded as a server would, not as the test run loads its own database
    saved = config["test_enable"]
    config["test_enable"] = False
    try:
        registry = Registry(DEMO_DB)  # a missing demo database is an error, never a skip
    finally:
        config["test_enable"] = saved
    with registry.cursor() as cr:
        yield api.Environment(cr, SUPERUSER_ID, {"lang": "en_US"})
        cr.rollback()


def test_set_up_as_a_wholesaler_with_customers_in_every_grade(env):
    setup = env["smec.credit.setup"].search([("state", "=", "applied")])
    assert setup.profile_id == env.ref("smec_credit.profile_wholesale")
    assert env.company.smec_profile_id == setup.profile_id
    Partner = env["res.partner"].with_company(env.company)
    grades = {code: Partner.search_count([("smec_grade_id.code", "=", code)]) for code in "ABCD"}
    assert all(grades.values()), grades
    assert sum(grades.values()) >= 20
    assert env["smec.credit.assessment"].search_count([("state", "=", "approved")]) >= 20


def test_a_quotation_held_with_its_request_waiting_and_one_approved(env):
    waiting = env["smec.credit.approval"].search([("state", "=", "requested")])
    assert waiting, "a request for the credit manager to decide"
    order = waiting[0].order_id
    assert order.state == "draft"
    assert order._smec_credit_gate(lock=False)[order], "held for reasons the guide describes"
    approved = env["smec.credit.approval"].search([("state", "=", "approved"), ("decision", "=", "temporary")])
    assert approved.order_id.state == "sale"
    assert env["smec.credit.proposal"].search_count([("origin", "=", "review"), ("state", "=", "pending")])


def test_every_aging_bucket_holds_something_today(env):
    today = fields.Date.context_today(env["res.partner"])
    Line = env["smec.credit.aging.line"].with_context(smec_aging_date=today)
    lines = Line.search([("company_id", "=", env.company.id)])
    buckets = {key for key, _label in Line._selection_bucket()}
    assert set(lines.mapped("bucket")) == buckets


def test_last_month_ends_provision_posted_for_what_the_aging_requires(env):
    run = env["smec.credit.provision.run"].search([("state", "=", "posted")])
    assert len(run) == 1
    # the month-end before the database was made
    assert (run.date + datetime.timedelta(days=1)).day == 1
    assert 0 < (fields.Date.context_today(run) - run.date).days <= 62
    allowance = run.move_id.line_ids.filtered(lambda line: line.account_id == env.company.smec_allowance_account_id)
    # the allowance account is credited with what the run requires over what it held before
    assert round(-sum(allowance.mapped("balance")), 2) == round(run.required_amount - run.allowance_before, 2)
    assert run.required_amount == round(sum(run.line_ids.mapped("required_amount")), 2)
    assert env["smec.credit.kpi.snapshot"].search_count([("scope", "=", "company")]) == 12


def test_the_sme_realities(env):
    relative = env.ref("smec_credit.demo_partner_relative")
    assert env["sale.order"].search([("partner_id", "=", relative.id)]).state == "sale"
    assert env["account.payment"].search_count([("smec_review_state", "=", "to_review")]) == 1
    statement = env["smec.credit.platform.statement"].search([])
    assert statement.state == "reconciled"
    # the first order was due 6 to 12 days ago, paid in full; the second, paid 50 short, due about today
    first, second = statement.line_ids.sorted("row")
    assert (first.status, second.status in ("short", "late_short"), second.short_amount) == ("late", True, 50.0)
    assert env["smec.credit.industry.figure"].search([]).alert
