import base64
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, _, _lt, api, fields, models

from odoo.addons.smec_credit_collection.models.smec_collection_criteria import collection_criteria


class SmecCreditDemo(models.AbstractModel):
    """The demo company set up as a wholesaler through the set-up and taken live, a related customer's credit
    sale approved by a Credit Manager, a payment received on the owner's private account waiting for review, a
    platform's settlement, and a small enterprise's write-off under Art. 10. The year of ledger behind them is
    ``smec.credit.demo.ledger``."""

    _name = "smec.credit.demo"
    _description = "Credit Demo Story"

    def _smec_demo_name(self, record, name):
        """Name ``record`` ``name`` (an ``_lt``) in English and in every installed language: the demo runs in the
        language the database was made in, which would make that language the English name too."""
        record.with_context(lang="en_US").name = name._translate("en_US")
        langs = [code for code, _label in self.env["res.lang"].get_installed() if code != "en_US"]
        record.update_field_translations("name", {lang: name._translate(lang) for lang in langs})

    @api.model
    def _smec_demo_small_company(self, product_id):
        """A small enterprise beside the wholesaler (小企业会计准则): no allowance; a customer's debt written off
        directly, on a loss condition of Art. 10 (the debtor deregistered) with its evidence."""
        main = self.env.company
        approver = self.env.ref("base.user_admin")
        company = self.env["res.company"].create(
            {
                "name": "顺德小微五金商行 (Shunde Small Hardware)",
                "currency_id": main.currency_id.id,
                "country_id": self.env.ref("base.cn").id,
            }
        )
        # the admin, the credit manager and the accountant keep both companies' books
        users = approver
        for xmlid in ("smec_credit.demo_user_accountant", "smec_credit.demo_user_credit_manager"):
            users |= self.env.ref(xmlid, raise_if_not_found=False) or users.browse()
        users.write({"company_ids": [Command.link(company.id)]})
        # its books on Odoo's small-enterprise chart (小企业会计准则): the regime, the write-off account
        # (营业外支出—坏账损失) and the journal are found on it (res.company._smec_find_chart_accounts)
        self.env["account.chart.template"].try_loading("cn", company=company, install_demo=False)
        env = self.with_company(company).env
        debtor = env["res.partner"].create(
            {"name": "顺德大良装修队 (Daliang Renovation Team, deregistered)", "is_company": True}
        )
        invoice_date = fields.Date.context_today(self) - relativedelta(months=14)
        invoice = env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": debtor.id,
                "invoice_date": invoice_date,
                "invoice_date_due": invoice_date + timedelta(days=30),
                "invoice_line_ids": [
                    Command.create({"product_id": product_id, "quantity": 40, "price_unit": 150, "tax_ids": False})
                ],
            }
        )
        invoice.action_post()
        evidence = env["ir.attachment"].create(
            {
                "name": "注销登记通知书 (deregistration notice).txt",
                "raw": b"Notice of deregistration from the market supervision bureau: assets insufficient.",
            }
        )
        writeoff = (
            env["smec.credit.writeoff"]
            .with_user(approver)
            .create(
                {
                    "company_id": company.id,
                    "partner_id": debtor.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "loss_condition": "dissolved",
                    "evidence_attachment_ids": [Command.set(evidence.ids)],
                    "reason": _("The team was deregistered last month; its remaining assets did not cover its debts."),
                }
            )
        )
        evidence.write({"res_model": writeoff._name, "res_id": writeoff.id})  # filed on it: read with it
        writeoff.action_post()
        return writeoff

    @api.model
    def _smec_demo_before_collection(self, company):
        """The wholesaler ran its credit control before it took up collection: its customers were assessed on
        the scorecard without the criteria smec_credit_collection adds (disputes, promises), which come back
        when it takes collection up (``smec.collection.demo._take_up``)."""
        card = self.env["smec.credit.scorecard"]._default_for(company, "customer")
        sources = {criterion[2]["source"] for criterion in collection_criteria(self.env._)}
        card.criterion_ids.filtered(lambda criterion: criterion.source in sources).unlink()

    @api.model
    def _smec_demo_story(self, relative_id, product_id, payer_id, platform_id=None):
        company = self.env.company
        self._smec_demo_before_collection(company)
        setup = self.env["smec.credit.setup"].create(
            {"company_id": company.id, "profile_id": self.env.ref("smec_credit_setup.profile_wholesale").id}
        )
        setup.line_ids.filtered("needs_confirm").confirmed = True
        setup.action_apply()
        # set up, the credit manager previews going live and takes the wholesaler's credit control live: from now
        # on orders are held and dunning runs
        manager = self.env.ref("smec_credit.demo_user_credit_manager")
        self.env["smec.credit.go.live"].with_user(manager).create({"company_id": company.id}).action_go_live()
        # the story is told four months later: dunning has run since (smec_credit_collection's demo)
        company.sudo().smec_credit_live_date = fields.Date.context_today(self) - relativedelta(months=4)

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
        private = bank.copy({"code": "OWNR", "smec_private_account": True})
        self._smec_demo_name(private, _lt("Owner's personal card"))
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
