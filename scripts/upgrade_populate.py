"""Credit data recorded in a database of the baseline version, through its own
models, for scripts/upgrade_check.py (run by ``odoo shell``, which provides
``env``): buckets and rates of its own, a logged limit and grade, an approved
credit approval and an approved assessment, decided by a second manager."""
# ruff: noqa: F821

from odoo import Command

company = env.company
company.write({"smec_aging_buckets": "30,60,120", "smec_provision_rates": "1,5,25,60,100"})
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
dispute.write({"resolution": "Credit note for 10 boxes"})
env.cr.commit()
print("POPULATED", cust.id, appr.id, a.id, dispute.id)
