"""Credit data recorded in a database of the baseline version, through its own
models, for scripts/upgrade_check.py (run by ``odoo shell``, which provides
``env``): a logged limit and grade, an approved credit approval and an approved
assessment, decided by a second manager, a dispute; and data in every concern
that leaves smec_credit for an add-on of its own (issue #32): a platform's terms,
an order sold through it and its reconciled settlement statement; an edited
default obligation, its planned deadlines and a public record; a posted bad-debt
provision with an individual rate, a posted write-off and its partial recovery; a
business profile edited (its dunning pace too), applied by a set-up, and the company
taken live by the go-live step with its first dunning stage."""
# ruff: noqa: F821

import base64
from datetime import date

from odoo import Command

company = env.company
tile = env["product.product"].create({"name": "Upgrade tile", "list_price": 100.0, "taxes_id": [Command.clear()]})
cust = env["res.partner"].create({"name": "Upgrade Ceramics Ltd", "is_company": True})
cust.with_context(smec_credit_reason="Bank guarantee").write({"credit_limit": 1000})
grade_b = env["smec.credit.grade"].search(
    [("company_id", "=", company.id), ("code", "=", "B"), ("partner_role", "=", "customer")]
)
cust.write({"smec_grade_id": grade_b.id})
order = env["sale.order"].create(
    {"partner_id": cust.id, "order_line": [Command.create({"product_id": tile.id, "price_unit": 5000})]}
)
appr = env["smec.credit.approval"].create({"order_id": order.id, "request_note": "Long-standing"})
appr.action_request()
manager2 = env["res.users"].create(
    {
        "name": "Second Manager",
        "login": "mgr2_upgrade",
        "group_ids": [
            Command.link(env.ref("smec_credit.group_credit_manager").id),
            Command.link(env.ref("sales_team.group_sale_salesman").id),
            Command.link(env.ref("account.group_account_invoice").id),
        ],
    }
)
appr.with_user(manager2).write({"decision_note": "ok once"})
appr.with_user(manager2).action_approve()
a = env["smec.credit.assessment"].create({"partner_id": cust.id})
# the first option of every choice, 5 for every number: complete, whatever the grade
for ans in a.answer_ids.filtered(lambda x: x.source == "manual"):
    if ans.kind == "choice":
        ans.option_id = ans.criterion_id.option_ids[:1]
    else:
        ans.value = 5
a.action_submit()
a.with_user(manager2).action_approve()
invoice = env["account.move"].create(
    {
        "move_type": "out_invoice",
        "partner_id": cust.id,
        "invoice_line_ids": [Command.create({"product_id": tile.id, "price_unit": 1200, "tax_ids": [Command.clear()]})],
    }
)
invoice.action_post()
dispute = env["smec.collection.dispute"].create(
    {"name": "Broken tiles", "partner_id": cust.id, "invoice_ids": [Command.set(invoice.ids)]}
)
dispute.write({"resolution_note": "Credit note for 10 boxes"})

# platform settlements (smec_credit_platform): Tmall settles 7 days after delivery, each Thursday; T9001
# delivered Monday 2 November 2026 is due Thursday 12 November, paid on the 16th: late, and short by 20
tmall = env["res.partner"].create({"name": "Upgrade Tmall", "is_company": True})
tmall.with_context(smec_credit_reason="Opened a Tmall shop").write(
    {
        "smec_is_platform": True,
        "smec_settlement_days": 7,
        "smec_settlement_cutoff": "weekly",
        "smec_settlement_weekday": "3",
    }
)
tmall.smec_platform_fee_account_id = env["account.account"].search(
    [("account_type", "=", "expense"), ("company_ids", "in", company.id)], limit=1
)
buyer = env["res.partner"].create({"name": "Upgrade Buyer"})
sold = env["sale.order"].create(
    {
        "partner_id": buyer.id,
        "partner_invoice_id": tmall.id,
        "smec_platform_id": tmall.id,
        "smec_platform_order_ref": "T9001",
        "order_line": [Command.create({"product_id": tile.id, "product_uom_qty": 10, "tax_ids": [Command.clear()]})],
    }
)
sold.action_confirm()
sold_invoice = sold._create_invoices()
sold_invoice.invoice_date = date(2026, 11, 2)
sold_invoice.action_post()
statement = env["smec.credit.platform.statement"].create(
    {
        "name": "Tmall 2026-11-16",
        "platform_id": tmall.id,
        "journal_id": env["account.journal"]
        .search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        .id,
        "date": date(2026, 11, 16),
        "file": base64.b64encode(b"order,gross,commission,fees,net,currency\nT9001,980,49,1,930,\n"),
        "filename": "tmall.csv",
    }
)
statement.action_check()
statement.action_reconcile()

# the company's own credit (smec_credit_own): a default obligation edited (noupdate data: kept as edited, not
# duplicated), its deadlines planned, a public record
annual = env.ref("smec_credit.obligation_annual_report")
annual.write({"remind_days": 45, "authority": "Upgrade market regulation bureau"})
annual.action_plan_deadlines()
env["smec.credit.public.record"].create(
    {
        "name": "Upgrade penalty 2026-17",
        "kind": "penalty",
        "date": date(2026, 3, 4),
        "authority": "Upgrade tax bureau",
        "amount": 2000,
    }
)

# the receivables (smec_credit_receivable): the company's bad-debt accounts, a provision posted as of today (Upgrade
# Ceramics' 1,200 not yet due at 5 %, Upgrade Bankrupt's 600 at its individual 100 %), then Upgrade Bankrupt's
# invoice written off against the allowance, 150 of it recovered
Account = env["account.account"]
company.write(
    {
        "smec_allowance_account_id": Account.create(
            {"code": "123199", "name": "Upgrade allowance for bad debts", "account_type": "asset_current"}
        ).id,
        "smec_impairment_account_id": Account.create(
            {"code": "672199", "name": "Upgrade credit impairment loss", "account_type": "expense"}
        ).id,
        "smec_provision_journal_id": env["account.journal"]
        .search([("type", "=", "general"), ("company_id", "=", company.id)], limit=1)
        .id,
    }
)
bankrupt = env["res.partner"].create({"name": "Upgrade Bankrupt Ltd", "is_company": True})
bad_invoice = env["account.move"].create(
    {
        "move_type": "out_invoice",
        "partner_id": bankrupt.id,
        "invoice_line_ids": [Command.create({"product_id": tile.id, "price_unit": 600, "tax_ids": [Command.clear()]})],
    }
)
bad_invoice.action_post()
env["smec.credit.provision.override"].create({"partner_id": bankrupt.id, "rate": 100, "reason": "Upgrade ruling"})
run = env["smec.credit.provision.run"].create({"date": date.today()})
run.with_user(manager2).action_post()
writeoff = env["smec.credit.writeoff"].create(
    {"partner_id": bankrupt.id, "invoice_ids": [Command.set(bad_invoice.ids)], "reason": "Upgrade: bankrupt"}
)
writeoff.with_user(manager2).action_post()
writeoff.with_user(manager2).action_recover(150.0)

# the set-up by business profile (smec_credit_setup, its dunning pace smec_credit_collection_setup): a shipped
# profile edited (noupdate data: kept as edited), applied by a Credit Manager, then the company taken live by the
# go-live step (which stays in smec_credit) with its first dunning stage; last, since going live holds orders
wholesale = env.ref("smec_credit.profile_wholesale")
wholesale.write({"start_limit": 45000, "dunning_days": "-3,7,30,60,100", "description": "Upgrade wholesaler"})
setup = env["smec.credit.setup"].with_user(manager2).create({"company_id": company.id, "profile_id": wholesale.id})
setup.line_ids.filtered("needs_confirm").write({"confirmed": True})
setup.with_user(manager2).action_apply()
go_live = env["smec.credit.go.live"].with_user(manager2).create({"company_id": company.id, "separate_roles": True})
go_live.action_go_live()
env.cr.commit()
print(
    "POPULATED",
    cust.id,
    appr.id,
    a.id,
    dispute.id,
    statement.id,
    statement.state,
    run.state,
    writeoff.state,
    setup.state,
    go_live.live_date,
)
