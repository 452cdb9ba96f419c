from datetime import date

from odoo.tests import tagged

from .common import DIGITAL, FapiaoCommon

AS_OF = date(2026, 3, 31)


@tagged("post_install", "-at_install")
class TestAgingByFapiaoDate(FapiaoCommon):
    """The aging run by invoice date, due date or fapiao date; its detail gives the fapiao numbers."""

    def setUp(self):
        super().setUp()
        # invoiced 10 January, due 9 February, fapiao issued 1 February
        self.issued = self.make_invoice(self.customer, 1000, date(2026, 1, 10), date(2026, 2, 9))
        self.issued.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 2, 1)})
        # invoiced 1 March, due 31 March, no fapiao yet
        self.bare = self.make_invoice(self.customer, 400, date(2026, 3, 1), date(2026, 3, 31))

    def days_and_buckets(self, basis):
        lines = self.env["smec.credit.aging"]._aging_lines(
            self.company, AS_OF, basis=basis, partner_ids=self.customer.ids
        )
        return {line["move_id"]: (line["days"], line["bucket"]) for line in lines}

    def test_three_bases(self):
        """As of 31 March. By due date: 50 days (31-60) and 0 (current). By invoice date: 80 (61-90) and 30
        (1-30). By fapiao date: 58 days from 1 February (31-60); the invoice with no fapiao from its invoice
        date, 30 (1-30)."""
        self.assertEqual(self.days_and_buckets("due"), {self.issued.id: (50, 2), self.bare.id: (0, 0)})
        self.assertEqual(self.days_and_buckets("invoice"), {self.issued.id: (80, 3), self.bare.id: (30, 1)})
        self.assertEqual(self.days_and_buckets("fapiao"), {self.issued.id: (58, 2), self.bare.id: (30, 1)})

    def test_the_screen_by_fapiao_date_with_the_numbers(self):
        wizard = self.env["smec.credit.aging.wizard"].create(
            {"as_of": AS_OF, "basis": "fapiao", "partner_ids": [(6, 0, self.customer.ids)]}
        )
        action = wizard.action_open()
        self.assertIs(action["context"]["smec_aging_fapiao"], False, "a company outside China: no column")
        # the list reads the journal items in SQL in a request of its own: what the test wrote is flushed first
        self.env.flush_all()
        lines = self.env["smec.credit.aging.line"].with_context(**action["context"]).search([])
        self.assertEqual(
            sorted((line.move_name, line.fapiao or "", line.days) for line in lines),
            sorted([(self.issued.name, DIGITAL, 58), (self.bare.name, "", 30)]),
        )
        self.assertIn("by fapiao date", wizard._subtitle())
        self.company.account_fiscal_country_id = self.env.ref("base.cn")
        self.assertIs(wizard.action_open()["context"]["smec_aging_fapiao"], True)
