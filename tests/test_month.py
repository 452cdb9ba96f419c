"""A month of a wholesaler, as a test: the day it goes live with old debts on its books, then thirty days of its
business through its people (salesperson, credit manager, warehouse, accountant, collector, collection manager,
and a customer's accountant on the portal), each as their own user over JSON-RPC (the server the web client talks
to), with the scheduled jobs run every morning. It is the test a maintainer runs to know that a day in the company
still works.

The wholesaler sells boxes of tiles at 100 (no tax). It goes live on Tuesday 1 September 2026 (day 0) at 09:00 in
Shanghai, before the morning run (10:00). The default plan: -3 reminder (email), 7 friendly reminder (email, call;
7 days between contacts), 30 formal demand (email, letter; 10 days to pay), 60 lawyer's letter (letter, call; a
Collection Manager confirms; 7 days to pay), 90 legal preparation (holds the orders; a Collection Manager confirms).

Its books on the day (the opening balances, posted before it went live):

=============  ======  =============  ==============  ===========================================================
customer       open    due            on day 0        what the month does
=============  ======  =============  ==============  ===========================================================
Jinhe          10,000  13 Feb (d-200) 200 days late   formal demand first (not the lawyer's letter); statement
                                                      confirmed on the portal; lawyer's letter; legal hold
Huaxin (A)      8,000  6 Sep (d5)     not yet due     reminder d2, paid on time d4; an order over its limit held,
                                                      approved, delivered in two, invoiced 30,000 + 15,000
Dongfang        3,000  25 Aug (d-7)   7 days late     friendly reminder and call d0, promise on the call, kept d6
Hengda          2,000  22 Aug (d-10)  10 days late    friendly reminder and call d0, promise broken d9 (formal
                                                      demand), 1,200 paid d15 (partial)
Ruixiang        5,000  12 Aug (d-20)  20 days late    friendly reminder and call d0, 1,500 disputed on the call,
                                                      3,500 paid d9, the dispute settled by a replacement d16,
                                                      1,500 chased again, paid d20
Xiao's shop     1,000  11 Sep (d10)   not yet due     reminder d7, paid late d12 on the owner's private card
=============  ======  =============  ==============  ===========================================================
"""

import base64
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit_collection.tests.test_dunning import DunningCommon

GO_LIVE = date(2026, 9, 1)  # a Tuesday
# the scheduled jobs' hour, 10:00 in Shanghai, and the working day's (users act after the morning run)
RUN_HOUR, WORK_HOUR = "02:00:00", "05:00:00"
# a 1 x 1 PNG, as the portal's signature widget sends one
SIGNATURE = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def d(n):
    """Day ``n`` of the month (day 0 is the day the company goes live)."""
    return GO_LIVE + timedelta(days=n)


class TestAMonthOfAWholesaler(DunningCommon, RpcCase):
    credit_live = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(f"{d(-1)} {WORK_HOUR}"):
            cls._set_up_the_wholesaler()

    @classmethod
    def _set_up_the_wholesaler(cls):
        company = cls.company
        company.partner_id.tz = "Asia/Shanghai"
        Account = cls.env["account.account"]
        company.write(
            {
                "smec_accounting_regime": "cas22",
                "smec_allowance_account_id": Account.create(
                    {"code": "1231", "name": "Allowance for bad debts", "account_type": "asset_current"}
                ).id,
                "smec_impairment_account_id": Account.create(
                    {"code": "6702", "name": "Credit impairment loss", "account_type": "expense"}
                ).id,
                "smec_provision_journal_id": cls.company_data["default_journal_misc"].id,
            }
        )
        cls.bank = cls.company_data["default_journal_bank"]
        cls.card = cls.bank.copy({"name": "Owner's card", "code": "CARD", "smec_private_account": True})

        def user(login, groups, **kw):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
                tz="Asia/Shanghai",
                **kw,
            )

        # the people, with the groups the demo gives each role
        cls.sales = user("m_sales", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.credit = user(
            "m_credit",
            "smec_credit.group_credit_manager,sales_team.group_sale_salesman_all_leads,account.group_account_invoice",
        )
        cls.accountant = user(
            "m_accountant",
            "account.group_account_manager,smec_credit.group_credit_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.collector = user(
            "m_collector", "smec_credit_collection.group_collection_agent,smec_credit.group_credit_user"
        )
        cls.warehouse_user = user("m_warehouse", "stock.group_stock_user")
        cls.manager = user(
            "m_collection_manager", "smec_credit_collection.group_collection_manager,smec_credit.group_credit_user"
        )
        (cls.stage[60] | cls.stage[90]).user_id = cls.manager

        Partner = cls.env["res.partner"].with_company(company)

        def customer(name, limit):
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "email": f"ap@{name.split()[0].lower()}.example.com",
                    "user_id": cls.sales.id,
                    "credit_limit": limit,
                    "smec_collector_id": cls.collector.id,
                }
            )
            return partner

        cls.huaxin = cls.customer
        cls.huaxin.with_company(company).write(
            {"credit_limit": 50000, "user_id": cls.sales.id, "smec_collector_id": cls.collector.id}
        )
        cls.thirty_days = cls.env.ref("account.account_payment_term_30days")
        cls.huaxin.with_company(company).property_payment_term_id = cls.thirty_days
        cls.jinhe = customer("Jinhe Hardware", 0)
        cls.dongfang = customer("Dongfang Ceramics", 5000)
        cls.hengda = customer("Hengda Building", 5000)
        cls.ruixiang = customer("Ruixiang Tiles", 10000)
        cls.shop = customer("Xiao Tile Shop", 2000)
        cls.box = cls.env["product.product"].create(
            {
                "name": "Box of tiles",
                "list_price": 100.0,
                "is_storable": True,
                "taxes_id": [Command.clear()],
                "invoice_policy": "delivery",
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        cls.env["stock.quant"]._update_available_quantity(cls.box, cls.warehouse.lot_stock_id, 1000)
        # the books the company takes over
        cls.opening = {}
        for partner, amount, due_day in (
            (cls.jinhe, 10000, -200),
            (cls.huaxin, 8000, 5),
            (cls.dongfang, 3000, -7),
            (cls.hengda, 2000, -10),
            (cls.ruixiang, 5000, -20),
            (cls.shop, 1000, 10),
        ):
            cls.opening[partner] = cls._boxes_invoiced(partner, amount // 100, d(due_day - 30), d(due_day))
        # Jinhe's accountant signs in to the portal
        cls.jinhe_contact = cls.env["res.partner"].create(
            {"name": "Zhou Li", "parent_id": cls.jinhe.id, "type": "invoice", "email": "zhou.li@jinhe.example.com"}
        )
        cls.portal = new_test_user(
            cls.env,
            "m_portal_jinhe",
            groups="base.group_portal",
            partner_id=cls.jinhe_contact.id,
            company_id=company.id,
        )
        cls.crons = cls.env["ir.cron"].search(
            [("ir_actions_server_id.model_id", "!=", False), ("id", "in", cls._smec_cron_ids())]
        )

    @classmethod
    def _boxes_invoiced(cls, partner, boxes, invoice_date, due_date):
        """A posted invoice of ``boxes`` boxes at 100, dated ``invoice_date``, due ``due_date``."""
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due_date,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": cls.box.id, "quantity": boxes, "price_unit": 100, "tax_ids": [Command.clear()]}
                    )
                ],
            }
        )
        invoice.invoice_date_due = due_date
        invoice.action_post()
        return invoice

    @classmethod
    def _smec_cron_ids(cls):
        data = cls.env["ir.model.data"].search(
            [
                ("model", "=", "ir.cron"),
                ("module", "in", ("smec_credit", "smec_credit_receivable", "smec_credit_collection")),
            ]
        )
        return data.mapped("res_id")

    # ------------------------------------------------------------
    # the clock, the jobs, the people
    # ------------------------------------------------------------

    def setUp(self):
        super().setUp()
        self.last_morning = None

    def morning(self, n):
        """The scheduled jobs of every day up to day ``n``, at 10:00 in Shanghai: the daily ones each day, the
        weekly ones on Mondays, the monthly ones on the 1st."""
        first = n if self.last_morning is None else self.last_morning + 1
        for day in range(first, n + 1):
            today = d(day)
            with freeze_time(f"{today} {RUN_HOUR}"):
                for cron in self.crons:
                    if cron.interval_type == "weeks" and today.weekday() != 0:
                        continue
                    if cron.interval_type == "months" and today.day != 1:
                        continue
                    cron.ir_actions_server_id.with_user(cron.user_id).run()
        self.last_morning = n

    def at(self, n):
        """The working day ``n``, after its morning run."""
        self.morning(n)
        return freeze_time(f"{d(n)} {WORK_HOUR}")

    def rpc(self, user, model, method, *args, **kwargs):
        """The result of ``model.method(*args, **kwargs)`` called by ``user`` over JSON-RPC; what the test reads
        next is what the server wrote."""
        result = self.call_ok(user, model, method, *args, **kwargs)
        self.env.invalidate_all()
        return result

    def contacts(self, partner, since=0):
        """(day, stage, channel, state, amount) of ``partner``'s dunning contacts from day ``since``."""
        found = self.Contact.search([("partner_id", "=", partner.id), ("date", ">=", d(since))], order="date, id")
        return sorted(
            ((c.date - GO_LIVE).days, c.stage_id.days_overdue, c.channel, c.state, c.amount_total) for c in found
        )

    def call_task(self, partner):
        """The collector's open call of ``partner``, as he sees his activities."""
        calls = self.Contact.search(
            [("partner_id", "=", partner.id), ("channel", "=", "call"), ("state", "=", "sent")], order="id desc"
        )
        return calls[:1]

    def pay_on(self, n, invoice, amount, journal=None):
        """The accountant registers on day ``n`` the customer's payment of ``amount`` against ``invoice``, into
        the company's bank or ``journal``."""
        with self.at(n):
            context = {"active_model": "account.move", "active_ids": invoice.ids}
            vals = {"amount": amount, "journal_id": (journal or self.bank).id, "payment_date": str(d(n))}
            wizard = self.rpc(self.accountant, "account.payment.register", "create", vals, context=context)
            self.rpc(self.accountant, "account.payment.register", "action_create_payments", [wizard], context=context)
        return self.env["account.payment"].search([("partner_id", "=", invoice.partner_id.id)], order="id desc")[:1]

    def quotation(self, partner, boxes):
        return self.env["sale.order"].browse(
            self.rpc(
                self.sales,
                "sale.order",
                "create",
                {
                    "partner_id": partner.id,
                    "order_line": [[0, 0, {"product_id": self.box.id, "product_uom_qty": boxes}]],
                },
            )
        )

    def request_approval(self, order, why):
        approval = self.rpc(self.sales, "smec.credit.approval", "create", {"order_id": order.id, "request_note": why})
        self.rpc(self.sales, "smec.credit.approval", "action_request", [approval])
        return self.env["smec.credit.approval"].browse(approval)

    def deliver(self, order, boxes):
        """The warehouse ships ``boxes`` boxes of the order's open delivery; what is left waits in a backorder."""
        picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        self.assertEqual(len(picking), 1)
        self.rpc(self.warehouse_user, "stock.move", "write", picking.move_ids.ids, {"quantity": boxes, "picked": True})
        action = self.rpc(self.warehouse_user, "stock.picking", "button_validate", picking.ids)
        if isinstance(action, dict):  # short: Odoo asks whether to keep a backorder; the warehouse keeps one
            context = action["context"]
            wizard = self.rpc(self.warehouse_user, action["res_model"], "create", {}, context=context)
            self.rpc(self.warehouse_user, action["res_model"], "process", [wizard], context=context)
        self.assertEqual(picking.state, "done")
        return picking

    def deliver_and_invoice(self, order, boxes):
        """The warehouse's delivery of ``boxes`` boxes; the accountant invoices what was delivered."""
        self.deliver(order, boxes)
        context = {"active_model": "sale.order", "active_ids": order.ids, "active_id": order.id}
        wizard = self.rpc(
            self.accountant, "sale.advance.payment.inv", "create", {"advance_payment_method": "delivered"},
            context=context,
        )  # fmt: skip
        self.rpc(self.accountant, "sale.advance.payment.inv", "create_invoices", [wizard], context=context)
        invoice = order.invoice_ids.filtered(lambda m: m.state == "draft")
        self.rpc(self.accountant, "account.move", "action_post", invoice.ids)
        return invoice

    # ------------------------------------------------------------
    # the month
    # ------------------------------------------------------------

    def test_a_month_of_a_wholesaler(self):
        self.go_live_on_day_0()
        self.first_week()
        self.second_week()
        self.second_half()
        self.month_end()
        self.september_kpis()
        self.the_month_in_dunning()

    def go_live_on_day_0(self):
        """09:00 on day 0, before the first run: the credit manager previews what going live does and takes the
        company live. Jinhe, 200 days late, gets the formal demand first, never the lawyer's letter; Dongfang (7
        days), Hengda (10) and Ruixiang (20) the friendly reminder and its call; nothing for Huaxin (due in 5 days:
        the reminder is 3 days before) nor the shop (due in 10)."""
        with freeze_time(f"{d(0)} 01:00:00"):
            wizard = self.rpc(self.credit, "smec.credit.go.live", "create", {"company_id": self.company.id})
            lines = self.rpc(
                self.credit, "smec.credit.go.live.line", "search_read", [("wizard_id", "=", wizard)],
                ["partner_id", "stage", "kind", "amount"],
            )  # fmt: skip
            demand, friendly = self.stage[30].name, self.stage[7].name
            self.assertEqual(
                sorted((line["partner_id"][1], line["stage"], line["kind"], line["amount"]) for line in lines),
                sorted(
                    [
                        ("Dongfang Ceramics", friendly, "call", 3000),
                        ("Dongfang Ceramics", friendly, "email", 3000),
                        ("Hengda Building", friendly, "call", 2000),
                        ("Hengda Building", friendly, "email", 2000),
                        ("Jinhe Hardware", demand, "email", 10000),
                        ("Jinhe Hardware", demand, "letter", 10000),
                        ("Ruixiang Tiles", friendly, "call", 5000),
                        ("Ruixiang Tiles", friendly, "email", 5000),
                    ]
                ),
            )
            summary = self.rpc(
                self.credit, "smec.credit.go.live", "read", [wizard],
                ["customer_count", "email_count", "letter_count", "call_count", "legal_count"],
            )[0]  # fmt: skip
            self.assertEqual(
                [summary[f] for f in ("customer_count", "email_count", "letter_count", "call_count", "legal_count")],
                [4, 4, 1, 3, 0],
            )
            self.rpc(self.credit, "smec.credit.go.live", "action_go_live", [wizard])
        self.assertEqual((self.company.smec_credit_live_date, self.company.smec_credit_live_by_id), (d(0), self.credit))
        self.morning(0)
        self.assertEqual(self.contacts(self.jinhe), [(0, 30, "email", "sent", 10000), (0, 30, "letter", "sent", 10000)])
        for partner, amount in ((self.dongfang, 3000), (self.hengda, 2000), (self.ruixiang, 5000)):
            self.assertEqual(self.contacts(partner), [(0, 7, "call", "sent", amount), (0, 7, "email", "sent", amount)])
        self.assertFalse(self.contacts(self.huaxin) + self.contacts(self.shop))
        # the call tasks are the collector's, in his activities
        todo = self.rpc(
            self.collector, "mail.activity", "search_read", [("user_id", "=", self.collector.id)], ["res_name"]
        )
        self.assertEqual(len(todo), 3)

        with self.at(0):
            # Jinhe, 200 days late, orders again: held, the salesperson asks, the credit manager refuses
            order = self.quotation(self.jinhe, 20)
            message = self.call_refused(self.sales, "UserError", "200 days past due", "sale.order", "action_confirm",
                                        order.ids)  # fmt: skip
            self.assertIn("$\xa010,000.00 is overdue in all", message)
            approval = self.request_approval(order, "Jinhe promises to settle the old invoice this month")
        with self.at(1):
            self.rpc(self.credit, approval._name, "write", approval.ids, {"decision_note": "Pay the 10,000 first"})
            self.rpc(self.credit, approval._name, "action_reject", approval.ids)
            self.assertEqual((approval.state, approval.decided_by_id, order.state), ("rejected", self.credit, "draft"))

    def first_week(self):
        """Day 1: Huaxin orders 450 boxes (45,000): with its 8,000 open the exposure would be 53,000 over its
        50,000 limit; the credit manager approves the order once, the salesperson confirms it. The collector's
        calls: Dongfang promises its 3,000 by day 8, Hengda its 2,000 by day 5, Ruixiang disputes 1,500 of its
        5,000 (broken tiles)."""
        with self.at(1):
            order = self.quotation(self.huaxin, 450)
            message = self.call_refused(self.sales, "UserError", "Credit limit exceeded", "sale.order",
                                        "action_confirm", order.ids)  # fmt: skip
            self.assertIn("exposure with this order would be $\xa053,000.00", message)
            self.assertIn("over the limit of $\xa050,000.00 by $\xa03,000.00", message)
            approval = self.request_approval(order, "Huaxin's new showroom; it always paid on time")
            self.assertEqual(approval.state, "requested")
            self.rpc(self.credit, approval._name, "write", approval.ids,
                     {"decision": "once", "decision_note": "Good payer, one order"})  # fmt: skip
            self.rpc(self.credit, approval._name, "action_approve", approval.ids)
            self.rpc(self.sales, "sale.order", "action_confirm", order.ids)
            self.assertEqual((order.state, approval.state, approval.order_amount), ("sale", "approved", 45000.0))
            self.huaxin_order = order

            # the collector's calls of day 0
            for partner, promised_on, amount in ((self.dongfang, 8, 3000), (self.hengda, 5, 2000)):
                call = self.call_task(partner)
                action = self.rpc(self.collector, call._name, "action_promised", call.ids)
                promise = self.rpc(
                    self.collector, "smec.collection.promise", "create",
                    {"line_ids": [[0, 0, {"date": str(d(promised_on)), "amount": amount}]]},
                    context={**action["context"], "default_line_ids": False},
                )  # fmt: skip
                self.assertEqual((call.call_outcome, call.state), ("promised", "delivered"))
                promise = self.env["smec.collection.promise"].browse(promise)
                self.assertEqual((promise.amount, promise.state, promise.user_id), (amount, "open", self.collector))
            self.dongfang_promise, self.hengda_promise = (
                self.env["smec.collection.promise"]
                .search([("partner_id", "in", (self.dongfang | self.hengda).ids)], order="partner_id")
                .sorted(lambda p: p.partner_id != self.dongfang)
            )
            call = self.call_task(self.ruixiang)
            self.rpc(self.collector, call._name, "action_disputed", call.ids)
            dispute = self.rpc(
                self.collector, "smec.collection.dispute", "create",
                {
                    "name": "Broken tiles in the August delivery",
                    "partner_id": self.ruixiang.id,
                    "line_ids": [[0, 0, {"move_id": self.opening[self.ruixiang].id, "amount": 1500}]],
                },
            )  # fmt: skip
            self.dispute = self.env["smec.collection.dispute"].browse(dispute)
            self.assertEqual((self.dispute.amount, self.dispute.state), (1500.0, "open"))

        # day 2: Huaxin's reminder, 3 days before its 8,000 is due
        self.morning(2)
        self.assertEqual(self.contacts(self.huaxin), [(2, -3, "email", "sent", 8000)])

        with self.at(3):
            # 300 of the 450 boxes delivered and invoiced: 30,000 on 30 days, due on day 33
            first = self.deliver_and_invoice(self.huaxin_order, 300)
            self.assertEqual((first.amount_total, first.invoice_date_due), (30000.0, d(33)))
            backorder = self.huaxin_order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            self.assertEqual(backorder.move_ids.product_uom_qty, 150.0)
            self.assertEqual(self.box.with_context(warehouse_id=self.warehouse.id).qty_available, 700.0)
            # Jinhe's formal demand was signed for: the collector enters the courier's record
            letter = self.Contact.search([("partner_id", "=", self.jinhe.id), ("channel", "=", "letter")])
            proof = self.rpc(
                self.collector, "ir.attachment", "create",
                {"name": "SF receipt.pdf", "datas": base64.b64encode(b"%PDF-1.4 signed").decode(),
                 "res_model": letter._name, "res_id": letter.id},
            )  # fmt: skip
            self.rpc(self.collector, letter._name, "write", letter.ids, {"tracking_ref": "SF1234567890"})
            self.rpc(self.collector, letter._name, "write", letter.ids,
                     {"signed_date": str(d(2)), "signed_proof_ids": [[6, 0, [proof]]]})  # fmt: skip
            self.assertEqual(letter.state, "delivered")

        # day 4: Huaxin pays its 8,000 on time (due day 5)
        self.pay_on(4, self.opening[self.huaxin], 8000)
        self.assertEqual(self.opening[self.huaxin].payment_state, "paid")

        with self.at(4):
            # Jinhe's statement of account, sent by the collector through Odoo's composer
            statement = self.rpc(
                self.collector, "smec.collection.statement", "create",
                {"partner_id": self.jinhe.id, "date_from": "2026-01-01", "date_to": str(d(4))},
            )  # fmt: skip
            action = self.rpc(self.collector, "smec.collection.statement", "action_send", [statement])
            composer = self.rpc(self.collector, "mail.compose.message", "create", {}, context=action["context"])
            self.rpc(self.collector, "mail.compose.message", "action_send_mail", [composer], context=action["context"])
            self.statement = self.env["smec.collection.statement"].browse(statement)
            self.assertEqual((self.statement.state, self.statement.closing_balance), ("sent", 10000.0))
        with self.at(5):
            # Jinhe's accountant confirms the 10,000 on the portal, with her signature
            self.authenticate(self.portal.login, self.portal.login)
            page = self.url_open(f"/my/statements/{self.statement.id}")
            self.assertIn(self.opening[self.jinhe].name, page.text)
            answer = self.make_jsonrpc_request(
                f"/my/statements/{self.statement.id}/confirm", {"name": "Zhou Li", "signature": SIGNATURE}
            )
            self.assertNotIn("error", answer, answer)
            self.statement.invalidate_recordset()
            self.assertEqual(
                (self.statement.state, self.statement.confirmed_amount, self.statement.returned_date),
                ("confirmed", 10000.0, d(5)),
            )
            # the acknowledgment restarts the three years of the old invoice
            events = self.opening[self.jinhe].smec_limitation_event_ids
            self.assertIn(("confirmation", d(5)), [(e.kind, e.date) for e in events])

        # day 6: Dongfang pays the 3,000 it promised; the next run finds the promise kept
        self.pay_on(6, self.opening[self.dongfang], 3000)
        self.morning(7)
        self.assertEqual(
            (self.dongfang_promise.state, self.dongfang_promise.paid_amount, self.dongfang_promise.date_settled),
            ("kept", 3000.0, d(7)),
        )
        # day 7: the shop's reminder (due day 10); Ruixiang's friendly reminder again, for the 3,500 not disputed;
        # Hengda's promise (day 5, 3 days' grace) still covers its invoice
        self.assertEqual(self.contacts(self.shop), [(7, -3, "email", "sent", 1000)])
        self.assertEqual(self.contacts(self.ruixiang, 7), [(7, 7, "call", "sent", 3500), (7, 7, "email", "sent", 3500)])
        self.assertEqual(self.contacts(self.hengda, 1), [])

    def second_week(self):
        with self.at(8):
            # the rest of Huaxin's order, 150 boxes: 15,000 due day 38
            second = self.deliver_and_invoice(self.huaxin_order, 150)
            self.assertEqual((second.amount_total, second.invoice_date_due), (15000.0, d(38)))
            self.assertEqual(self.huaxin_order.invoice_status, "invoiced")
            self.assertEqual(self.box.with_context(warehouse_id=self.warehouse.id).qty_available, 550.0)
        # day 9: Ruixiang pays what it does not dispute
        self.pay_on(9, self.opening[self.ruixiang], 3500)
        # Hengda's promise is broken at the first run after day 5 + 3 days' grace: one stage up from the friendly
        # reminder (19 days late), the formal demand, and a call task for the collector
        self.assertEqual(self.hengda_promise.state, "broken")
        self.assertEqual(
            self.contacts(self.hengda, 1), [(9, 30, "email", "sent", 2000), (9, 30, "letter", "sent", 2000)]
        )
        self.assertEqual(self.hengda_promise.activity_ids.user_id, self.collector)

        # day 10: Jinhe's demand had 10 days: the lawyer's letter and its call wait for the Collection Manager
        self.morning(10)
        self.assertEqual(
            self.contacts(self.jinhe, 1), [(10, 60, "call", "waiting", 10000), (10, 60, "letter", "waiting", 10000)]
        )
        with self.at(10):
            queue = self.rpc(
                self.manager, "smec.collection.contact", "search", [("state", "=", "waiting")], order="channel"
            )
            letter, call = self.Contact.browse(queue).sorted(lambda c: c.channel != "letter")
            self.assertEqual((letter.channel, call.channel), ("letter", "call"))
            self.rpc(self.manager, letter._name, "action_send", letter.ids, context={"force_report_rendering": True})
            self.rpc(self.manager, call._name, "action_drop", call.ids)
            self.assertEqual((letter.state, call.state, letter.amount_total), ("sent", "cancelled", 10000.0))

        # day 12: the shop pays its 1,000, two days late, into the owner's private card: the credit manager reviews
        payment = self.pay_on(12, self.opening[self.shop], 1000, self.card)
        self.assertEqual((payment.smec_review_state, self.opening[self.shop].payment_state), ("to_review", "paid"))
        with self.at(13):
            waiting = self.rpc(self.credit, "account.payment", "search", [("smec_review_state", "=", "to_review")])
            self.assertEqual(waiting, payment.ids)
            self.rpc(self.credit, "account.payment", "action_smec_review_accept", waiting)
            self.assertEqual((payment.smec_review_state, payment.smec_reviewed_by_id), ("accepted", self.credit))

    def second_half(self):
        # day 15: Hengda pays 1,200 of its 2,000
        self.pay_on(15, self.opening[self.hengda], 1200)
        self.assertEqual(self.opening[self.hengda].amount_residual, 800.0)
        with self.at(16):
            # Ruixiang's broken tiles are replaced free of charge: the collector asks for the replacement, the
            # salesperson confirms it, the dispute is settled and the 1,500 owed again
            dispute = self.dispute
            self.rpc(self.collector, dispute._name, "action_negotiate", dispute.ids)
            self.rpc(self.collector, dispute._name, "write", dispute.ids, {"resolution": "replacement"})
            self.rpc(self.collector, dispute._name, "action_create_replacement", dispute.ids)
            replacement = dispute.replacement_order_id
            self.assertEqual((replacement.user_id, replacement.amount_total), (self.sales, 0.0))
            todo = self.rpc(
                self.sales, "mail.activity", "search_read",
                [("res_model", "=", "sale.order"), ("res_id", "=", replacement.id), ("user_id", "=", self.sales.id)],
                ["summary"],
            )  # fmt: skip
            self.assertEqual(
                [t["summary"] for t in todo], [f"Confirm and deliver the replacement of dispute {dispute.name}"]
            )
            self.rpc(self.sales, "sale.order", "action_confirm", replacement.ids)
            self.deliver(replacement, 50)
            self.assertEqual(self.box.with_context(warehouse_id=self.warehouse.id).qty_available, 500.0)
            self.rpc(self.collector, dispute._name, "write", dispute.ids, {"resolution_note": "Broken boxes replaced"})
            self.rpc(self.collector, dispute._name, "action_resolve", dispute.ids)
            self.assertEqual((dispute.state, replacement.state), ("resolved", "sale"))
        # day 17: the 1,500, 36 days late, one stage up from the friendly reminder: the formal demand
        self.morning(17)
        self.assertEqual(
            self.contacts(self.ruixiang, 8), [(17, 30, "email", "sent", 1500), (17, 30, "letter", "sent", 1500)]
        )
        # Jinhe's lawyer's letter had 7 days; its formal demand was signed for: legal preparation waits
        self.assertEqual(self.contacts(self.jinhe, 11), [(17, 90, "hold", "waiting", 10000)])
        with self.at(18):
            hold = self.Contact.search([("partner_id", "=", self.jinhe.id), ("state", "=", "waiting")])
            self.rpc(self.manager, hold._name, "action_send", hold.ids)
            self.assertTrue(self.jinhe.smec_has_blocking_flag)
            legal = self.env["smec.collection.legal.file"].search([("partner_id", "=", self.jinhe.id)])
            self.assertEqual(legal.invoice_ids, self.opening[self.jinhe])
        # day 20: Ruixiang pays the 1,500
        self.pay_on(20, self.opening[self.ruixiang], 1500)
        self.assertEqual(self.opening[self.ruixiang].payment_state, "paid")

    def month_end(self):
        """30 September, day 29: the credit manager posts the month's provision (default matrix: not yet due 5 %,
        1-30 days 10 %, 31-60 30 %, 61-90 50 %, 91-180 80 %, over 180 100 %):

        Jinhe 10,000, 229 days late: 100 %                  10,000
        Huaxin 30,000 due day 33 and 15,000 due day 38: 5 %    2,250
        Hengda 800, 39 days late: 30 %                          240
                                                             12,490
        """
        with self.at(29):
            run = self.rpc(self.credit, "smec.credit.provision.run", "create", {"date": str(d(29))})
            self.rpc(self.credit, "smec.credit.provision.run", "action_post", [run])
        run = self.env["smec.credit.provision.run"].browse(run)
        by_partner = {}
        for line in run.line_ids:
            by_partner[line.partner_id.name] = by_partner.get(line.partner_id.name, 0) + line.required_amount
        self.assertEqual(by_partner, {"Jinhe Hardware": 10000.0, self.huaxin.name: 2250.0, "Hengda Building": 240.0})
        self.assertEqual((run.state, run.required_amount, run.allowance_before), ("posted", 12490.0, 0.0))
        allowance = run.move_id.line_ids.filtered(
            lambda line: line.account_id == self.company.smec_allowance_account_id
        )
        self.assertEqual(-sum(allowance.mapped("balance")), 12490.0)

    def september_kpis(self):
        """1 October: the monthly jobs take September's KPIs.

        Opening receivables (31 August) 10,000 + 8,000 + 3,000 + 2,000 + 5,000 + 1,000 = 29,000; credit sales
        45,000; closing (30 September) 10,000 + 45,000 + 800 = 55,800, of which 45,000 not yet due and 10,800
        overdue (10,000 over 90 days). Collected 29,000 + 45,000 - 55,800 = 18,200 (8,000 + 3,000 + 3,500 +
        1,000 + 1,200 + 1,500), 1,000 on the owner's card: 5.49 %. Overdue 10,800 / 55,800 = 19.35 %; turnover
        45,000 / ((29,000 + 55,800) / 2) = 1.0613, DSO 30 / 1.0613 = 28.27 days; CEI 18,200 / (29,000 + 45,000
        - 45,000) = 62.76 %."""
        self.morning(30)
        kpi = self.rpc(
            self.credit, "smec.credit.kpi.snapshot", "search_read",
            [("scope", "=", "company"), ("date_to", "=", str(d(29)))],
            ["opening_ar", "credit_sales", "closing_ar", "closing_overdue", "closing_over_90", "collected",
             "collected_private", "private_share", "overdue_ratio", "dso", "cei"],
        )  # fmt: skip
        self.assertEqual(len(kpi), 1)
        kpi = kpi[0]
        kpi.pop("id")
        self.assertEqual(
            kpi,
            {
                "opening_ar": 29000.0,
                "credit_sales": 45000.0,
                "closing_ar": 55800.0,
                "closing_overdue": 10800.0,
                "closing_over_90": 10000.0,
                "collected": 18200.0,
                "collected_private": 1000.0,
                "private_share": 5.49,
                "overdue_ratio": 19.35,
                "dso": 28.27,
                "cei": 62.76,
            },
        )

    def the_month_in_dunning(self):
        """Every contact of the month, customer by customer, and what the month leaves the people to do."""
        self.assertEqual(
            self.contacts(self.jinhe),
            [
                # the formal demand, signed for on day 2
                (0, 30, "email", "sent", 10000),
                (0, 30, "letter", "delivered", 10000),
                # its 10 days over: the lawyer's letter, sent by the manager; its call dropped
                (10, 60, "call", "cancelled", 10000),
                (10, 60, "letter", "sent", 10000),
                # the lawyer's letter's 7 days over, a demand delivered: the legal hold, sent on day 18
                (18, 90, "hold", "sent", 10000),
            ],
        )
        # no reminder on day 30 for the 30,000 due on day 33: the reminder's 30 days between contacts run from day 2
        self.assertEqual(self.contacts(self.huaxin), [(2, -3, "email", "sent", 8000)])
        self.assertEqual(
            self.contacts(self.dongfang), [(0, 7, "call", "delivered", 3000), (0, 7, "email", "sent", 3000)]
        )
        self.assertEqual(
            self.contacts(self.hengda),
            [
                (0, 7, "call", "delivered", 2000),
                (0, 7, "email", "sent", 2000),
                # the broken promise: one stage up
                (9, 30, "email", "sent", 2000),
                (9, 30, "letter", "sent", 2000),
                # 32 days late, short of the lawyer's letter's 60: the formal demand again after its 14 days, for
                # the 800 left
                (23, 30, "email", "sent", 800),
                (23, 30, "letter", "sent", 800),
            ],
        )
        self.assertEqual(
            self.contacts(self.ruixiang),
            [
                (0, 7, "call", "delivered", 5000),
                (0, 7, "email", "sent", 5000),
                # the 1,500 disputed left out; nothing open but the dispute from day 9 to its end
                (7, 7, "call", "sent", 3500),
                (7, 7, "email", "sent", 3500),
                (17, 30, "email", "sent", 1500),
                (17, 30, "letter", "sent", 1500),
            ],
        )
        self.assertEqual(self.contacts(self.shop), [(7, -3, "email", "sent", 1000)])

        # the collector's calls still to make: Ruixiang's of day 7, Hengda's broken promise
        calls = self.rpc(
            self.collector, "mail.activity", "search_read", [("user_id", "=", self.collector.id)], ["summary"]
        )
        self.assertEqual(
            sorted(call["summary"] for call in calls),
            ["Broken promise: call Hengda Building", "Friendly reminder: call Ruixiang Tiles"],
        )

        # 1 October, the monthly review: Huaxin paid its one invoice of the year on time (a raise needs 95 %) and
        # nothing is overdue: 10 % more; Ruixiang paid its one invoice 40 days late (12 August to 21 September; a
        # cut from 30 days): 30 % less. Dongfang (12 days late), Hengda (its 1,200 24 days late, 800 39 days
        # overdue) and the shop (2 days late) neither; Jinhe has no limit to review.
        proposals = self.rpc(
            self.credit, "smec.credit.proposal", "search_read", [("review_period", "=", "2026-10")],
            ["partner_id", "current_limit", "proposed_limit", "state"],
        )  # fmt: skip
        self.assertEqual(
            sorted((p["partner_id"][1], p["current_limit"], p["proposed_limit"], p["state"]) for p in proposals),
            [(self.huaxin.name, 50000.0, 55000.0, "pending"), ("Ruixiang Tiles", 10000.0, 7000.0, "pending")],
        )
