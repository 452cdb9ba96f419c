from datetime import timedelta

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestExposure(SmecCreditCommon):
    """Hand-built ledger of one customer with a 10,000 limit:

    invoice 3,000 due 10 days ago, 1,000 paid     -> open receivable   2,000 (10 days overdue)
    credit note 500, not applied                  -> open receivable    -500
    draft invoice 700                             -> draft invoices      700
    confirmed order 4 x 500, 1 unit invoiced      -> receivable +500, not invoiced 1,500
    exposure = 2,000 - 500 + 500 + 700 + 1,500 = 4,200
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.sudo().credit_limit = 10000
        invoice = cls.make_invoice(cls.customer, 3000, cls.today - timedelta(days=40), cls.today - timedelta(days=10))
        cls.pay(invoice, 1000, cls.today - timedelta(days=5))
        cls.make_invoice(cls.customer, 500, cls.today, move_type="out_refund")
        cls.make_invoice(cls.customer, 700, cls.today, post=False)
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "order_line": [Command.create({"product_id": cls.tile.id, "product_uom_qty": 4, "price_unit": 500})],
            }
        )
        cls.order.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        partial = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": cls.today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.tile.id,
                            "quantity": 1,
                            "price_unit": 500,
                            "tax_ids": [Command.clear()],
                            "sale_line_ids": [Command.set(cls.order.order_line.ids)],
                        }
                    )
                ],
            }
        )
        partial.action_post()

    def exposure(self, **kwargs):
        return self.env["smec.credit.exposure"]._exposure(self.customer, self.company, **kwargs)[self.customer.id]

    def test_exposure_breakdown(self):
        self.assertEqual(self.order.order_line.qty_invoiced, 1)
        self.assertEqual(
            self.exposure(),
            {
                "receivable": 2000.0,  # 2,000 - 500 + 500
                "overdue_amount": 2000.0,
                "max_overdue_days": 10,
                "draft_invoices": 700.0,
                "uninvoiced_orders": 1500.0,
                "total": 4200.0,
            },
        )
        self.assertEqual(self.exposure(include_drafts=False)["total"], 3500.0)
        # the order being checked is left out of the confirmed orders, then added by the gate
        self.assertEqual(self.exposure(exclude_orders=self.order)["uninvoiced_orders"], 0.0)

    def test_contacts_count_for_their_company(self):
        contact = self.env["res.partner"].create({"name": "Ms Li", "parent_id": self.customer.id})
        self.make_invoice(contact, 300, self.today)
        self.assertEqual(self.exposure()["total"], 4500.0)

    def test_other_company_exposure_is_separate(self):
        other = self.setup_other_company()["company"]
        facts = self.env["smec.credit.exposure"]._exposure(self.customer, other)[self.customer.id]
        self.assertEqual(facts["total"], 0.0)

    def test_limit_reason_with_its_numbers(self):
        over = self.make_order(self.customer, 6000)
        reasons = over._smec_credit_gate(lock=False)[over]
        self.assertEqual([r["code"] for r in reasons], ["limit"])
        message = reasons[0]["message"]
        fmt = self.currency.format
        for amount in (10200, 2000, 700, 1500, 6000, 10000, 200):
            self.assertIn(fmt(amount), message)
        at_limit = self.make_order(self.customer, 5800)
        self.assertEqual(at_limit._smec_credit_gate(lock=False)[at_limit], [], "exactly at the limit passes")

    def test_odoos_credit_limit_switch_turns_the_limit_rule_off(self):
        # exposure 4,200 (see the class); limit 10,000: 6,000 more is over by 200
        over = self.make_order(self.customer, 6000)
        self.assertTrue(self.company.account_use_credit_limit, "on with SMEC Credit")
        self.assertTrue(over.smec_credit_live)
        self.company.account_use_credit_limit = False
        self.customer.invalidate_recordset()
        # no limit on the screen, in the list and in the check alike; the rest still holds
        self.assertEqual((self.customer.smec_applied_limit, self.customer.smec_credit_available), (0.0, 0.0))
        self.env.flush_all()
        row = self.env["smec.credit.exposure.report"].search(
            [("partner_id", "=", self.customer.id), ("company_id", "=", self.company.id)]
        )
        self.assertEqual(row.credit_limit, 0.0)
        self.assertEqual(over._smec_credit_gate(lock=False)[over], [])
        self.company.account_use_credit_limit = True
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.smec_applied_limit, 10000.0)
        self.assertEqual([r["code"] for r in over._smec_credit_gate(lock=False)[over]], ["limit"])

    def test_screen_and_check_agree_in_another_company_and_currency(self):
        """The partner's credit tab and the order check read one definition of
        the exposure and of the limit: the same numbers in another company,
        with an invoice and orders in another currency (EUR at 2 per USD)."""
        eur = self.setup_other_currency("EUR", rates=[("2020-01-01", 2.0)])
        other = self.setup_other_company()["company"]
        self.assertEqual(other.currency_id, self.currency)
        self.env["res.currency.rate"].create(
            {"name": "2020-01-01", "rate": 2.0, "currency_id": eur.id, "company_id": other.id}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "EUR 2", "currency_id": eur.id, "company_id": other.id}
        )
        customer = self.customer.with_company(other)
        customer.sudo().credit_limit = 3000
        # an invoice of EUR 1,000 (USD 500) and a confirmed order of EUR 2,000 (USD 1,000)
        invoice = (
            self.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "company_id": other.id,
                    "currency_id": eur.id,
                    "invoice_date": self.today,
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Tiles", "quantity": 1, "price_unit": 1000, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        Order = self.env["sale.order"].with_company(other)

        def order(amount):
            return Order.create(
                {
                    "partner_id": customer.id,
                    "company_id": other.id,
                    "pricelist_id": pricelist.id,
                    "order_line": [Command.create({"product_id": self.tile.id, "price_unit": amount, "tax_ids": []})],
                }
            )

        order(2000).sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        # a quotation of EUR 4,000 (USD 2,000): 1,500 + 2,000 = 3,500, over 3,000 by 500
        quotation = order(4000)
        customer.invalidate_recordset()
        self.assertEqual((customer.smec_exposure, customer.smec_applied_limit), (1500.0, 3000.0))
        facts = self.env["smec.credit.order.check"]._order_check_facts(quotation, lock=False)[0]
        self.assertEqual(
            (facts["exposure"]["total"], facts["policy"]["limit"], facts["amount"]),
            (customer.smec_exposure, customer.smec_applied_limit, 2000.0),
        )
        reasons = quotation._smec_credit_gate(lock=False)[quotation]
        self.assertIn(
            f"over the limit of {self.currency.format(3000)} by {self.currency.format(500)}", reasons[0]["message"]
        )
        # and nothing of it counts for the first company: its ledger is the class's
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.with_company(self.company).smec_exposure, 4200.0)

    def test_orders_checked_together_add_up_per_company(self):
        """One check of several orders: those of one customer and company add up in
        order; an order of another company counts against that company only."""
        first, second = self.make_order(self.customer, 3000), self.make_order(self.customer, 3000)
        other = self.setup_other_company()["company"]
        elsewhere = (
            self.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.customer.id,
                    "company_id": other.id,
                    "order_line": [
                        Command.create({"product_id": self.tile.id, "price_unit": 3000, "tax_ids": [Command.clear()]})
                    ],
                }
            )
        )
        elsewhere.partner_id.with_company(other).sudo().credit_limit = 2000
        gate = (first | second | elsewhere)._smec_credit_gate(lock=False)
        # 4,200 + 3,000 = 7,200 passes; 4,200 + 3,000 + 3,000 = 10,200 is over 10,000
        self.assertEqual(gate[first], [])
        self.assertEqual([r["code"] for r in gate[second]], ["limit"])
        self.assertIn(self.currency.format(10200), gate[second][0]["message"])
        # the other company: nothing open there, 3,000 over its own limit of 2,000
        self.assertEqual([r["code"] for r in gate[elsewhere]], ["limit"])
        self.assertIn(other.currency_id.format(1000), gate[elsewhere][0]["message"])

    def _down_payment(self, order, amount):
        """A down-payment invoice of ``amount`` for ``order``, posted, made as a
        salesperson makes it (Odoo's wizard)."""
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "fixed", "fixed_amount": amount})
        )
        wizard.create_invoices()
        invoice = order.invoice_ids.filtered(lambda m: m.state == "draft")
        invoice.action_post()
        return invoice

    def test_down_payment_is_not_counted_twice(self):
        # a new confirmed order of 1,000: exposure 4,200 + 1,000 = 5,200
        order = self.make_order(self.customer, 1000, confirm=True)
        self.assertEqual(self.exposure()["uninvoiced_orders"], 2500.0)
        # a down payment of 300 is invoiced: 300 more is receivable, 300 less is still to invoice
        invoice = self._down_payment(order, 300)
        self.assertEqual(invoice.amount_total, 300.0)
        exposure = self.exposure()
        self.assertEqual((exposure["receivable"], exposure["uninvoiced_orders"]), (2300.0, 2200.0))
        self.assertEqual(exposure["total"], 5200.0)
        # the credit check counts it once too: for an amendment of the order itself, what
        # is left to invoice is 700; for another quotation, the customer's exposure is 5,200
        quotation = self.make_order(self.customer, 10)
        facts = self.env["smec.credit.order.check"]._order_check_facts(order | quotation, lock=False)
        self.assertEqual([f["amount"] for f in facts], [700.0, 10.0])
        self.assertEqual(facts[1]["exposure"]["total"], 4500.0, "without the order itself, checked alongside")
        # paid: the customer owes 300 less
        self.pay(invoice, 300, self.today)
        self.assertEqual(self.exposure()["total"], 4900.0)
        # the final invoice deducts the down payment: 1,000 - 300 = 700 invoiced in draft,
        # nothing of the order is left to invoice
        wizard = (
            self.env["sale.advance.payment.inv"]
            .with_context(active_model="sale.order", active_ids=order.ids)
            .create({"advance_payment_method": "delivered"})
        )
        wizard.create_invoices()
        final = order.invoice_ids.filtered(lambda m: m.state == "draft")
        self.assertEqual(final.amount_total, 700.0)
        exposure = self.exposure()
        self.assertEqual((exposure["draft_invoices"], exposure["uninvoiced_orders"]), (1400.0, 1500.0))
        self.assertEqual(exposure["total"], 4900.0)

    def test_multi_currency_orders_convert_at_their_date(self):
        foreign = self.setup_other_currency(
            "EUR", rates=[("2019-01-01", 8.0), ("2020-01-01", 2.0), (str(self.today), 4.0)]
        )
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": foreign.id})
        old = self.make_order(self.customer, 4000, currency_pricelist=pricelist)
        old.date_order = "2021-06-01 10:00:00"
        self.assertEqual(old.currency_rate, 2.0)
        old.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        old.date_order = "2021-06-01 10:00:00"  # confirmation stamps the date: put it back
        old.currency_rate = 2.0
        # EUR 4,000 at 2.0 (the order date's rate) = 2,000
        self.assertEqual(self.exposure()["uninvoiced_orders"], 3500.0)
        new = self.make_order(self.customer, 12000, currency_pricelist=pricelist)
        # EUR 12,000 at today's rate 4.0 = 3,000; 6,200 + 3,000 = 9,200: within 10,000
        facts = self.env["smec.credit.order.check"]._order_check_facts(new, lock=False)
        self.assertEqual(facts[0]["amount"], 3000.0)
        self.assertEqual(new._smec_credit_gate(lock=False)[new], [])
        bigger = self.make_order(self.customer, 16000, currency_pricelist=pricelist)  # 4,000 -> 10,200
        self.assertEqual([r["code"] for r in bigger._smec_credit_gate(lock=False)[bigger]], ["limit"])
        # back-dated to a day of rate 8.0, the quotation would look like 2,000; confirming
        # it dates it today, so the check takes today's rate: still 4,000 over the limit
        bigger.date_order = "2019-06-01 10:00:00"
        self.assertEqual(bigger.currency_rate, 8.0)
        facts = self.env["smec.credit.order.check"]._order_check_facts(bigger, lock=False)
        self.assertEqual(facts[0]["amount"], 4000.0)
        with self.assertRaisesRolledBack(UserError, r"(?s)credit hold.*10,200\.00"):
            bigger.action_confirm()
        self.assertEqual(bigger.state, "draft")

    def test_partner_shows_exposure_limit_available_utilisation(self):
        partner = self.customer.with_user(self.credit_user)
        self.assertEqual(
            (partner.smec_exposure_receivable, partner.smec_exposure_drafts, partner.smec_exposure_orders),
            (2000.0, 700.0, 1500.0),
        )
        self.assertEqual(partner.smec_exposure, 4200.0)
        self.assertEqual(partner.smec_applied_limit, 10000.0)
        self.assertEqual(partner.smec_credit_available, 5800.0)
        self.assertEqual(partner.smec_credit_utilisation, 42.0)
        self.assertEqual(partner.smec_max_overdue_days, 10)
        # the breakdown opens the records behind each figure
        items = self.env["account.move.line"].search(partner.action_smec_open_receivables()["domain"])
        self.assertEqual(sorted(items.mapped("amount_residual")), [-500.0, 500.0, 2000.0])
        drafts = self.env["account.move"].search(partner.action_smec_open_draft_invoices()["domain"])
        self.assertEqual(drafts.mapped("amount_total"), [700.0])
        self.assertEqual(self.env["sale.order"].search(partner.action_smec_open_orders()["domain"]), self.order)
        # and the order shows the customer's exposure against the limit
        quote = self.make_order(self.customer, 100)
        self.assertEqual((quote.smec_partner_exposure, quote.smec_partner_limit), (4200.0, 10000.0))

    def test_the_headroom_counts_a_temporary_increase(self):
        """Limit 10,000, exposure 4,200; an order of 9,000 approved with a temporary increase of 5,000 and confirmed:
        exposure 13,200 against the 15,000 the order check applies until the increase ends: 1,800 left, 88 % used,
        not held; the same on the customer's form and in the exposure list."""
        order = self.make_order(self.customer, 9000, user=self.salesman)
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "Season peak"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).write(
            {
                "decision": "temporary",
                "temp_limit_increase": 5000,
                "temp_until": self.days(10),
                "decision_note": "Peak season",
            }
        )
        approval.with_user(self.credit_manager).action_approve()
        order.with_user(self.salesman).action_confirm()
        partner = self.customer.with_user(self.credit_user)
        self.assertEqual(
            (partner.smec_exposure, partner.smec_credit_available, partner.smec_credit_utilisation),
            (13200.0, 1800.0, 88.0),
        )
        self.env.flush_all()
        row = (
            self.env["smec.credit.exposure.report"]
            .with_user(self.credit_user)
            .search([("partner_id", "=", self.customer.id)])
        )
        self.assertEqual(
            (row.exposure, row.temporary_increase, row.available, row.utilisation, row.hold_reason),
            (13200.0, 5000.0, 1800.0, 88.0, False),
        )

    def test_exposure_report_sorts_by_utilisation(self):
        busy = self.env["res.partner"].create({"name": "Busy Ltd", "is_company": True})
        busy.sudo().credit_limit = 1000
        self.make_invoice(busy, 900, self.today)
        idle = self.env["res.partner"].create({"name": "Idle Ltd", "is_company": True})
        idle.sudo().credit_limit = 5000
        self.env.flush_all()
        Report = self.env["smec.credit.exposure.report"].with_user(self.credit_user)
        rows = Report.search([("partner_id", "in", (self.customer | busy | idle).ids)], order="utilisation desc")
        self.assertEqual(rows.partner_id, busy | self.customer | idle)
        self.assertEqual(rows.mapped("utilisation"), [90.0, 42.0, 0.0])
        self.assertEqual(rows[1].exposure, 4200.0)
        self.assertEqual(rows[1].available, 5800.0)
        self.assertEqual(rows[1].max_overdue_days, 10)
        self.assertEqual(Report.search_count([("partner_id", "=", busy.id), ("utilisation", ">", 80)]), 1)

    def test_overdue_activity_once_per_invoice(self):
        Move = self.env["account.move"]
        invoice = Move.search([("partner_id", "=", self.customer.id), ("amount_total", "=", 3000.0)])
        invoice.invoice_user_id = self.salesman
        # whatever else the database holds (demo data) was warned before
        self.env.flush_all()
        self.env.cr.execute("UPDATE account_move SET smec_overdue_warned = TRUE WHERE id != %s", invoice.ids)
        # the 3,000 invoice is 10 days overdue (> 7): one activity for its salesperson
        self.assertEqual(Move._cron_overdue_activities(), 1)
        self.assertTrue(invoice.smec_overdue_warned)
        activity = invoice.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertIn("Overdue 10 days", activity.summary)
        # the next day's run adds nothing
        self.assertEqual(Move._cron_overdue_activities(), 0)
        invoice.invalidate_recordset(["activity_ids"])
        self.assertEqual(len(invoice.activity_ids), 1)

    def test_odoos_credit_warning_keeps_odoos_text_and_the_form_shows_ours(self):
        # Odoo counts posted receivables 2,000 and orders not invoiced 1,500, not the draft invoice of 700:
        # 2,000 + 1,500 + 6,000 = 9,500, within 10,000, no warning from Odoo; SMEC Credit's 10,200 holds it
        within = self.make_order(self.customer, 6000)
        self.assertEqual(within.partner_credit_warning, "")
        self.assertTrue(within.smec_credit_held)
        # 2,000 + 1,500 + 7,000 = 10,500: Odoo's own text, as Odoo computes it, on the live company's order
        over = self.make_order(self.customer, 7000)
        self.assertEqual(
            over.partner_credit_warning,
            "Huaxin Tiles Co., Ltd. has reached its credit limit of: $\xa010,000.00\n"
            "Total amount due (including sales orders and this document): $\xa010,500.00",
        )
        # the form shows one credit banner: Odoo's is hidden once the company is live, SMEC Credit's says why
        arch = etree.fromstring(self.env["sale.order"].get_views([(False, "form")])["views"]["form"]["arch"])
        (odoos,) = arch.xpath("//div[field[@name='partner_credit_warning']]")
        self.assertEqual(odoos.get("invisible"), "partner_credit_warning == '' or smec_credit_live")
        self.assertIn("over the limit of $\xa010,000.00 by $\xa01,200.00", over.smec_credit_hold_reasons)
