"""Late-payment interest, figures worked out by hand (365-day years).

One-year LPR: 3.35 % from 22 July 2024, 3.10 % from 21 October 2024, 3.00 % from
20 May 2025 (the seeded history)."""

from datetime import date, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestLateInterest(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Interest = cls.env["smec.collection.interest"]
        cls.company.smec_is_sme = True
        cls.manager = cls._user("smec_interest_manager", "smec_credit_collection.group_collection_manager")
        cls.agent = cls._user("smec_interest_agent", "smec_credit_collection.group_collection_agent")

    def interest(self, invoice, as_of):
        return self.Interest._interest(invoice, as_of)[invoice.id]

    def test_a_large_enterprise_owes_the_regulation_rate(self):
        self.customer.smec_debtor_size = "large"
        invoice = self.make_invoice(self.customer, 10000, date(2025, 5, 1), date(2025, 5, 31))
        # 1-30 June 2025: 30 days x 10,000 x 0.05 % = 150.00
        figures = self.interest(invoice, date(2025, 6, 30))
        self.assertEqual((figures["amount"], figures["days"], figures["basis"]), (150.0, 30, "regulation"))
        # 4,000 paid on 11 June: 10 days on 10,000 (50.00) + 20 days on 6,000 (60.00)
        self.pay(invoice, 4000, date(2025, 6, 11))
        self.assertEqual(self.interest(invoice, date(2025, 6, 30))["amount"], 110.0)

    def test_the_regulation_rate_runs_from_its_entry_into_force(self):
        self.customer.smec_debtor_size = "public"
        invoice = self.make_invoice(self.customer, 10000, date(2025, 4, 21), date(2025, 5, 21))
        # 22-31 May: 10 days at the LPR 3.00 % = 8.2192; 1-5 June: 5 days x 5.00 = 25.00
        self.assertEqual(self.interest(invoice, date(2025, 6, 5))["amount"], 33.22)

    def test_an_ordinary_customer_owes_the_lpr_of_each_day(self):
        invoice = self.make_invoice(self.customer, 100000, date(2024, 9, 10), date(2024, 10, 10))
        # 11-20 Oct: 10 days at 3.35 % = 91.7808; 21-31 Oct: 11 days at 3.10 % = 93.4247
        figures = self.interest(invoice, date(2024, 10, 31))
        self.assertEqual((figures["amount"], figures["days"], figures["basis"]), (185.21, 21, "lpr"))
        self.company.smec_interest_lpr_markup = 30  # x 1.3 = 240.7671
        self.assertEqual(self.interest(invoice, date(2024, 10, 31))["amount"], 240.77)

    def test_an_agreed_rate_comes_first_and_the_order_before_the_partner(self):
        self.customer.smec_late_interest_rate = 12
        invoice = self.make_invoice(self.customer, 10000, date(2025, 5, 1), date(2025, 5, 31))
        # 10,000 x 12 % x 30 / 365 = 98.63
        self.assertEqual(self.interest(invoice, date(2025, 6, 30))["amount"], 98.63)
        order = self.make_order(self.customer, 10000, confirm=True)
        order.smec_late_interest_rate = 18
        from_order = order._create_invoices()
        # the order's terms (the grade's, once the company is live) would date it again: the test's due date stands
        from_order.write(
            {"invoice_payment_term_id": False, "invoice_date": date(2025, 5, 1), "invoice_date_due": date(2025, 5, 31)}
        )
        from_order.invoice_line_ids.tax_ids = False
        from_order.action_post()
        # 10,000 x 18 % x 30 / 365 = 147.95
        self.assertEqual(self.interest(from_order, date(2025, 6, 30))["amount"], 147.95)

    def test_an_agreed_rate_below_the_lpr_is_raised_for_a_large_enterprise(self):
        self.customer.write({"smec_debtor_size": "large", "smec_late_interest_rate": 2})
        invoice = self.make_invoice(self.customer, 10000, date(2025, 5, 1), date(2025, 5, 31))
        # the LPR when the invoice was issued, 3.10 %: 10,000 x 3.10 % x 30 / 365 = 25.48
        self.assertEqual(self.interest(invoice, date(2025, 6, 30))["amount"], 25.48)

    def test_a_day_before_the_lpr_history_is_refused(self):
        invoice = self.make_invoice(self.customer, 1000, date(2019, 6, 1), date(2019, 7, 1))
        with self.assertRaises(UserError) as caught:
            self.interest(invoice, date(2019, 9, 1))
        self.assertIn("No one-year LPR is known", str(caught.exception))

    def test_a_manager_invoices_the_interest_as_a_debit_note_once(self):
        self.customer.smec_debtor_size = "large"
        invoice = self.make_invoice(
            self.customer, 10000, self.today - timedelta(days=60), self.today - timedelta(days=30)
        )
        with self.assertRaises(AccessError):
            invoice.with_user(self.agent).action_smec_invoice_interest()
        action = invoice.with_user(self.manager).action_smec_invoice_interest()
        note = self.env["account.move"].search(action["domain"])
        self.assertEqual((note.debit_origin_id, note.amount_total, note.state), (invoice, 150.0, "draft"))
        self.assertEqual(invoice.smec_interest_invoiced_until, self.today)
        with self.assertRaises(UserError):
            invoice.with_user(self.manager).action_smec_invoice_interest()
        # cancelled, the interest is due again
        note.button_cancel()
        self.assertFalse(invoice.smec_interest_invoiced_until)

    def test_the_statement_shows_the_interest(self):
        self.customer.smec_debtor_size = "large"
        self.make_invoice(self.customer, 10000, self.today - timedelta(days=60), self.today - timedelta(days=30))
        self.env.user.group_ids |= self.env.ref("smec_credit_collection.group_collection_manager")
        statement = self.env["smec.collection.statement"].create({"partner_id": self.customer.id})
        lines, total = statement._interest_lines()
        # 30 days to the statement's date (today) x 10,000 x 0.05 %
        self.assertEqual((len(lines), total), (1, 150.0))
