import io
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestAging(SmecCreditCommon):
    """As of D = today - 20, one customer (see each line for its bucket):

    invoice 1,000 due D-70; 400 paid at D-50, 600 at D+10   -> open 600, 70 days    -> 61-90
    invoice 2,000 due D-10; paid in full at D+5             -> open 2,000, 10 days  -> 1-30
    invoice 500 due D+25                                    -> open 500             -> current
    credit note 300 dated D-30                              -> open -300, 30 days   -> 1-30
    invoice 800 due D-190                                   -> open 800, 190 days   -> over 180
    EUR 1,000 at 2 EUR/USD (= 500) due D-100; EUR 400 paid at D-60 -> open EUR 600 = 300 -> 91-180
    invoice 250 paid in full at D-30                        -> closed before D: left out
    invoice 999 dated D+3                                   -> after D: left out
    buckets: current 500 | 1-30 1,700 | 31-60 0 | 61-90 600 | 91-180 300 | over 180 800 | total 3,900
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.D = D = cls.today - timedelta(days=20)

        def day(n):
            return D + timedelta(days=n)

        c = cls.customer
        inv1 = cls.make_invoice(c, 1000, day(-100), day(-70))
        cls.pay(inv1, 400, day(-50))
        cls.pay(inv1, 600, day(10))
        inv2 = cls.make_invoice(c, 2000, day(-40), day(-10))
        cls.pay(inv2, 2000, day(5))
        cls.make_invoice(c, 500, day(-5), day(25))
        cls.make_invoice(c, 300, day(-30), day(-30), move_type="out_refund")
        cls.make_invoice(c, 800, day(-200), day(-190))
        cls.eur = cls.setup_other_currency("EUR", rates=[("2000-01-01", 2.0)])
        inv6 = cls.make_invoice(c, 1000, day(-120), day(-100), currency=cls.eur)
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=inv6.ids)
            .create({"payment_date": day(-60), "amount": 400, "currency_id": cls.eur.id})
        )
        wizard._create_payments()
        inv7 = cls.make_invoice(c, 250, day(-60), day(-45))
        cls.pay(inv7, 250, day(-30))
        cls.make_invoice(c, 999, day(3), day(33))
        cls.vendor = cls.env["res.partner"].create({"name": "Clay Supplier", "is_company": True})
        cls.make_invoice(cls.vendor, 700, day(-50), day(-40), move_type="in_invoice")

    def by_partner(self, **kwargs):
        return self.env["smec.credit.aging"]._aging_by_partner(
            self.company, self.D, partner_ids=[self.customer.id], **kwargs
        )[self.customer.id]

    def test_aging_by_due_date_as_of_a_past_date(self):
        self.assertEqual(self.by_partner(), [500.0, 1700.0, 0.0, 600.0, 300.0, 800.0, 3900.0])
        lines = self.env["smec.credit.aging"]._aging_lines(self.company, self.D, partner_ids=[self.customer.id])
        by_amount = {round(float(line["open_amount"]), 2): line for line in lines}
        self.assertEqual(sorted(by_amount), [-300.0, 300.0, 500.0, 600.0, 800.0, 2000.0])
        eur = by_amount[300.0]
        self.assertEqual((float(eur["open_amount_currency"]), eur["currency_id"]), (600.0, self.eur.id))
        self.assertEqual((by_amount[600.0]["days"], by_amount[600.0]["bucket"]), (70, 3))

    def test_aging_by_invoice_date(self):
        # days since invoice: 1,000 -> 100 (91-180); 2,000 -> 40 (31-60); 500 -> 5 and credit note -> 30 (1-30);
        # 800 -> 200 (over 180); EUR -> 120 (91-180)
        self.assertEqual(self.by_partner(basis="invoice"), [0.0, 200.0, 2000.0, 0.0, 900.0, 800.0, 3900.0])

    def test_today_adds_nothing_back(self):
        today = self.env["smec.credit.aging"]._aging_by_partner(
            self.company, self.today, partner_ids=[self.customer.id]
        )[self.customer.id]
        # every payment is counted: 500 + 999 - 300 + 800 + 300 = 2,299 open today
        self.assertEqual(today[-1], 2299.0)

    def test_screen_matches(self):
        Line = (
            self.env["smec.credit.aging.line"]
            .with_user(self.credit_user)
            .with_context(smec_aging_date=str(self.D), smec_aging_partner_ids=[self.customer.id])
        )
        groups = Line._read_group([], ["partner_id"], [f"amount_b{i}:sum" for i in range(6)] + ["open_amount:sum"])
        self.assertEqual(groups[0][0], self.customer)
        self.assertEqual([round(v, 2) for v in groups[0][1:]], [500.0, 1700.0, 0.0, 600.0, 300.0, 800.0, 3900.0])
        self.assertEqual(Line.search_count([]), 6)
        labels = Line.fields_get(["amount_b0", "amount_b1", "amount_b5"])
        self.assertEqual(
            [labels[f]["string"] for f in ("amount_b0", "amount_b1", "amount_b5")], ["Current", "1-30", "Over 180"]
        )
        pivot = Line._read_group([], ["bucket"], ["open_amount:sum"])
        self.assertEqual(
            {bucket: round(amount, 2) for bucket, amount in pivot},
            {"0": 500.0, "1": 1700.0, "3": 600.0, "4": 300.0, "5": 800.0},
        )

    def test_xlsx_matches_the_screen_to_the_cent(self):
        wizard = (
            self.env["smec.credit.aging.wizard"]
            .with_user(self.credit_user)
            .create({"as_of": self.D, "partner_ids": [(6, 0, self.customer.ids)]})
        )
        # the button points the browser at the route that streams the workbook
        # (test_hostile_users downloads it over HTTP); nothing is kept
        action = wizard.action_export_xlsx()
        self.assertEqual(action["url"], f"/smec_credit/aging/{wizard.id}/xlsx")
        self.assertFalse(
            self.env["ir.attachment"].search([("res_model", "=", wizard._name), ("res_id", "=", wizard.id)])
        )
        book = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)
        summary = book["Summary"]
        self.assertEqual(summary["A1"].value, "Aged receivables")
        self.assertIn(str(self.D), summary["A2"].value)
        self.assertEqual(
            [c.value for c in summary[4]],
            ["Partner", "Current", "1-30", "31-60", "61-90", "91-180", "Over 180", "Total"],
        )
        self.assertEqual([c.value for c in summary[5]], [self.customer.display_name, 500, 1700, 0, 600, 300, 800, 3900])
        self.assertEqual(summary.freeze_panes, "B5")
        self.assertEqual(summary.auto_filter.ref, "A4:H5")
        detail = book["Detail"]
        rows = list(detail.iter_rows(min_row=5, values_only=True))
        self.assertEqual(len(rows), 6)
        self.assertEqual(round(sum(row[7] for row in rows), 2), 3900.0)
        self.assertEqual(sorted(row[5] for row in rows), ["1-30", "1-30", "61-90", "91-180", "Current", "Over 180"])
        # the amount in the item's own currency only for the item in euros
        self.assertEqual(sorted((row[8], row[9]) for row in rows if row[9]), [(600, "EUR")])
        self.assertEqual(sum(1 for row in rows if row[8] is None and row[9] is None), 5)

    def test_payables_our_own_overdue_bills(self):
        owed = self.env["smec.credit.aging"]._aging_by_partner(
            self.company, self.D, account_type="liability_payable", partner_ids=[self.vendor.id]
        )
        self.assertEqual(owed[self.vendor.id], [0.0, 0.0, 700.0, 0.0, 0.0, 0.0, 700.0])

    def test_pdf_summary(self):
        wizard = self.env["smec.credit.aging.wizard"].create(
            {"as_of": self.D, "partner_ids": [(6, 0, self.customer.ids)]}
        )
        html = self.env["ir.actions.report"]._render_qweb_html(
            "smec_credit_receivable.report_aging_summary", wizard.ids
        )[0]
        html = html.decode()
        self.assertIn("Aged receivables", html)
        self.assertEqual(html.count('<span class="oe_currency_value">3,900.00</span>'), 2)  # partner row and total
        self.assertIn('<span class="oe_currency_value">1,700.00</span>', html)

    def test_bad_input(self):
        wizard = self.env["smec.credit.aging.wizard"].create({"as_of": self.today + timedelta(days=1)})
        with self.assertRaisesRolledBack(UserError, "is in the future"):
            wizard.action_open()
        buckets = self.company.smec_aging_bucket_ids
        current, band_30, band_60 = buckets[:3]
        last = buckets.filtered("is_last")
        for bucket, vals in (
            (band_60, {"days_to": 30}),  # two buckets up to 30 days
            (current, {"days_to": 15}),  # no bucket for what is not due yet
            (band_30, {"is_last": True}),  # two last buckets
            (last, {"is_last": False, "days_to": -5}),  # no last one, and negative days
        ):
            with self.subTest(vals=vals), self.assertRaisesRolledBack(ValidationError, "Aging buckets"):
                bucket.write(vals)
        # current, 1-60, 61-120 and over 120, edited as a list
        self.company.write(
            {
                "smec_aging_bucket_ids": [Command.clear()]
                + [
                    Command.create({"days_to": days, "name": name, "provision_rate": rate, "is_last": days is None})
                    for days, name, rate in (
                        (0, "Current", 5),
                        (60, "1-60", 20),
                        (120, "61-120", 60),
                        (None, "Over 120", 100),
                    )
                ]
            }
        )
        self.assertEqual(self.company._smec_aging_labels(), ["Current", "1-60", "61-120", "Over 120"])
        self.assertEqual(self.company._smec_provision_rates(), [0.05, 0.2, 0.6, 1.0])
        # 1-60: 2,000 - 300; 61-120: 600 (70 days) + 300 (100 days); over 120: 800
        self.assertEqual(self.by_partner(), [500.0, 1700.0, 900.0, 800.0, 3900.0])

    def test_rights(self):
        with self.assertRaises(AccessError):
            self.env["smec.credit.aging.line"].with_user(self.salesman).search([])
