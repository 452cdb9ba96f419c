import base64

from odoo import Command, _, api, fields, models


class SmecCreditDemo(models.AbstractModel):
    """Demo data only: the demo company set up as a wholesaler through the
    set-up, a related customer's credit sale approved by a Credit Manager, and
    a payment received on the owner's private account, waiting for review."""

    _name = "smec.credit.demo"
    _description = "Credit Demo Story"

    @api.model
    def _smec_demo_story(self, relative_id, product_id, payer_id, platform_id=None):
        company = self.env.company
        setup = self.env["smec.credit.setup"].create(
            {"company_id": company.id, "profile_id": self.env.ref("smec_credit.profile_wholesale").id}
        )
        setup.line_ids.filtered("needs_confirm").confirmed = True
        setup.action_apply()

        # a credit sale to the owner's brother: held whatever its limit, approved by the admin
        relative = self.env["res.partner"].browse(relative_id)
        order = self.env["sale.order"].create(
            {
                "partner_id": relative.id,
                "order_line": [Command.create({"product_id": product_id, "product_uom_qty": 20, "price_unit": 150})],
            }
        )
        approval = self.env["smec.credit.approval"].create(
            {"order_id": order.id, "request_note": _("Family order for his new shop; he pays at the end of the month.")}
        )
        approval.action_request()
        admin = self.env.ref("base.user_admin")
        approval.with_user(admin).decision_note = _("Once, for the shop's opening.")
        approval.with_user(admin).action_approve()
        order.action_confirm()

        # the customer paid 1,000 into the owner's personal card: flagged for review
        bank = self.env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        if not bank:
            return
        private = bank.copy({"name": _("Owner's personal card"), "code": "OWNR", "smec_private_account": True})
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": payer_id,
                "amount": 1000.0,
                "journal_id": private.id,
                "memo": _("Paid by WeChat transfer to the owner"),
            }
        )
        payment.action_post()
        if platform_id:
            self._smec_demo_platform(self.env["res.partner"].browse(platform_id), product_id, private | bank)

    def _smec_demo_platform(self, platform, product_id, journals):
        """Two orders sold on the platform, invoiced to it; its statement pays one in full (less commission and
        fees) and the other short, reconciled."""
        today = fields.Date.context_today(self)
        expense = self.env["account.account"].search(
            [("account_type", "=", "expense"), ("company_ids", "in", self.env.company.ids)], limit=1
        )
        platform.smec_platform_fee_account_id = expense
        buyer = self.env["res.partner"].create({"name": _("Online buyer Zhang Wei")})
        rows = []
        for ref, quantity, days, paid in (("TM-20261001", 8, 25, "full"), ("TM-20261002", 4, 18, "short")):
            order = self.env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "partner_invoice_id": platform.id,
                    "smec_platform_id": platform.id,
                    "smec_platform_order_ref": ref,
                    "order_line": [Command.create({"product_id": product_id, "product_uom_qty": quantity})],
                }
            )
            order.action_confirm()
            invoice = order._create_invoices()
            invoice.invoice_date = fields.Date.subtract(today, days=days)
            invoice.action_post()
            gross = invoice.amount_total if paid == "full" else invoice.amount_total - 50
            commission = round(gross * 0.05, 2)
            rows.append(f"{ref},{gross:.2f},{commission:.2f},2.00,{gross - commission - 2:.2f}")
        statement = self.env["smec.credit.platform.statement"].create(
            {
                "name": _("Tmall settlement %s", today),
                "platform_id": platform.id,
                "journal_id": journals[-1:].id,
                "date": today,
                "file": base64.b64encode(("order,gross,commission,fees,net\n" + "\n".join(rows) + "\n").encode()),
                "filename": "tmall.csv",
            }
        )
        statement.action_check()
        statement.action_reconcile()
