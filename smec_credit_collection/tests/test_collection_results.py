"""Collection results: what each stage brought in, per customer and per
collector, each invoice chased and each payment counted once."""

from datetime import timedelta

from odoo.tests import tagged

from .test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestCollectionResults(DunningCommon):
    def test_results_per_stage_and_collector(self):
        """Two customers reminded on day 7 (1,000 each, email and call: one event
        each). A pays 400 on day 10 and 600 on day 27: 1,000 collected in 30
        days, at (400 x 3 + 600 x 20) / 1,000 = 13.2 days. B pays nothing. The
        friendly stage: 2,000 chased, 1,000 collected, 50 % paid, 13.2 days."""
        b = self.customer.copy({"name": "Slow Ltd", "email": "ap@slow.example.com"})
        collector = self._user("smec_result_collector", "smec_credit_collection.group_collection_agent")
        self.customer.smec_collector_id = collector
        a_invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        self.make_invoice(b, 1000, DUE - timedelta(days=30), DUE)
        self.run_day(DUE + timedelta(days=7))
        self.pay(a_invoice, 400, DUE + timedelta(days=10))
        self.pay(a_invoice, 600, DUE + timedelta(days=27))
        Result = self.env["smec.collection.result"]
        rows = Result.search([("partner_id", "in", (self.customer | b).ids)])
        self.assertEqual(len(rows), 2)
        [group] = Result._read_group(
            [("partner_id", "in", (self.customer | b).ids)],
            ["stage_id"],
            ["amount_dunned:sum", "amount_collected:sum", "paid_rate:avg", "days_to_collect:avg"],
        )
        self.assertEqual(group[0], self.stage[7])
        self.assertEqual(group[1:4], (2000.0, 1000.0, 50.0))
        self.assertAlmostEqual(group[4], 13.2)
        by_collector = dict(
            Result._read_group([("partner_id", "in", (self.customer | b).ids)], ["user_id"], ["amount_collected:sum"])
        )
        self.assertEqual(by_collector[collector], 1000.0)

    def test_results_in_another_currency(self):
        """EUR at 2 per USD when invoiced (1 March), 2.5 per USD when paid. A EUR
        1,000 invoice (USD 500) is chased on day 7; EUR 600 is paid on day 12
        (USD 240 at that day's rate). A USD 300 invoice of a second customer is
        chased the same day and paid in full on day 9. In its own currency the
        EUR result is 1,000 chased and 600 collected; in USD at the invoice's
        rate, 500 chased and 300 collected (what the partial takes off the USD
        500, the 60 difference being exchange loss). The stage's total in USD:
        800 chased, 600 collected."""
        eur = self.setup_other_currency("EUR", rates=[("2026-01-01", 2.0), (str(DUE + timedelta(days=12)), 2.5)])
        b = self.customer.copy({"name": "Dollar Ltd", "email": "ap@dollar.example.com"})
        eur_invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=1), DUE, currency=eur)
        usd_invoice = self.make_invoice(b, 300, DUE - timedelta(days=1), DUE)
        self.run_day(DUE + timedelta(days=7))
        self.pay(eur_invoice, 600, DUE + timedelta(days=12))
        self.pay(usd_invoice, 300, DUE + timedelta(days=9))
        Result = self.env["smec.collection.result"]
        rows = {r.currency_id: r for r in Result.search([("partner_id", "in", (self.customer | b).ids)])}
        self.assertEqual(set(rows), {eur, self.currency})
        euro = rows[eur]
        self.assertEqual(
            (euro.amount_dunned, euro.amount_collected, euro.amount_dunned_company, euro.amount_collected_company),
            (1000.0, 600.0, 500.0, 300.0),
        )
        # 600 of the 1,000 chased: 60 % paid, 5 days after the reminder
        self.assertEqual((euro.paid_rate, euro.days_to_collect), (60.0, 5.0))
        dollar = rows[self.currency]
        self.assertEqual(
            (
                dollar.amount_dunned,
                dollar.amount_collected,
                dollar.amount_dunned_company,
                dollar.amount_collected_company,
            ),
            (300.0, 300.0, 300.0, 300.0),
        )
        [group] = Result._read_group(
            [("partner_id", "in", (self.customer | b).ids)],
            ["stage_id"],
            ["amount_dunned_company:sum", "amount_collected_company:sum"],
        )
        self.assertEqual(group[1:], (800.0, 600.0))

    def test_a_repeated_stage_counts_each_payment_once(self):
        """The friendly reminder goes on days 7, 14 and 21 to A (one 1,000
        invoice), who pays it on day 27, within 30 days of each: the stage chased
        1,000 and collected 1,000 once, 100 % paid, 20 days after its first
        reminder. B owes two
        invoices of 1,000 and pays 500 on day 10: 2,000 chased, 500 collected,
        25 % paid, 3 days. The stage: 3,000 chased, 1,500 collected, 62.5 %
        paid on average per customer."""
        b = self.customer.copy({"name": "Two Invoices Ltd", "email": "ap@two.example.com"})
        a_invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        b_invoice = self.make_invoice(b, 1000, DUE - timedelta(days=30), DUE)
        self.make_invoice(b, 1000, DUE - timedelta(days=30), DUE)
        for offset in range(7, 29):
            if offset == 27:
                self.pay(a_invoice, 1000, DUE + timedelta(days=27))
            if offset == 10:
                self.pay(b_invoice, 500, DUE + timedelta(days=10))
            self.run_day(DUE + timedelta(days=offset))
        self.assertEqual(
            len(self.Contact.search([("partner_id", "=", self.customer.id), ("stage_id", "=", self.stage[7].id)])),
            6,
            "days 7, 14 and 21, email and call; paid on day 27: nothing on day 28",
        )
        Result = self.env["smec.collection.result"]
        rows = {
            r.partner_id: (r.amount_dunned, r.amount_collected, r.paid_rate, r.days_to_collect)
            for r in Result.search([("partner_id", "in", (self.customer | b).ids)])
        }
        self.assertEqual(rows, {self.customer: (1000.0, 1000.0, 100.0, 20.0), b: (2000.0, 500.0, 25.0, 3.0)})
        [group] = Result._read_group(
            [("partner_id", "in", (self.customer | b).ids)],
            ["stage_id"],
            ["amount_dunned:sum", "amount_collected:sum", "paid_rate:avg"],
        )
        self.assertEqual(group, (self.stage[7], 3000.0, 1500.0, 62.5))

    def test_the_demand_letter_stage_shows_per_collector(self):
        """Day 30: the demand letter and its email carry the customer's collector;
        600 paid on day 33 is the collector's, at the demand stage, once."""
        collector = self._user("smec_result_letters", "smec_credit_collection.group_collection_agent")
        self.customer.with_company(self.company).smec_collector_id = collector
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        self.run_day(DUE + timedelta(days=30))
        demand = self.Contact.search([("partner_id", "=", self.customer.id)])
        self.assertEqual({(c.channel, c.user_id) for c in demand}, {("letter", collector), ("email", collector)})
        self.pay(invoice, 600, DUE + timedelta(days=33))
        groups = self.env["smec.collection.result"]._read_group(
            [("partner_id", "=", self.customer.id)],
            ["stage_id", "user_id"],
            ["amount_dunned:sum", "amount_collected:sum"],
        )
        self.assertEqual(groups, [(self.stage[30], collector, 1000.0, 600.0)])
