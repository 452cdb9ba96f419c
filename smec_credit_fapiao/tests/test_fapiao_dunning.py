import re
from datetime import date, timedelta

import lxml.html

from odoo.tests import tagged
from odoo.tools import SQL, format_amount

from odoo.addons.smec_credit_collection.tests.test_dunning import DUE

from .common import DIGITAL, PAPER, FapiaoCommon


@tagged("post_install", "-at_install")
class TestDunningWaitsForTheFapiao(FapiaoCommon):
    """Dunning does not chase an invoice whose fapiao is not issued (when the company asks it to wait), nor
    one whose term counts from the fapiao's receipt before the receipt is entered."""

    def test_the_rule_is_one_condition_more(self):
        run = self.env["smec.collection.run"].new({"company_id": self.company.id, "date": DUE})
        conditions = run._smec_dunning_candidate_conditions(SQL("aml"), SQL("p.commercial_partner_id"))
        ours = [c for c in conditions if "smec_fapiao_state" in c.code]
        self.assertEqual(len(ours), 1)
        self.assertTrue(ours[0].code.startswith("NOT "))
        reversed_ = run.with_context(smec_fapiao_waiting=True)._smec_dunning_candidate_conditions(
            SQL("aml"), SQL("p.commercial_partner_id")
        )
        self.assertEqual(next(c for c in reversed_ if "smec_fapiao_state" in c.code).code, ours[0].code[4:])

    def test_a_reminder_waits_until_the_fapiao_is_issued(self):
        """Two invoices of 300 and 200 due on 2 March, the 200's fapiao issued. On day 8 (10 March) the
        friendly reminder's stage (7 days) is reached: the email and the call chase 200 only, and their
        reason names the 300's invoice, not chased until its fapiao is issued. Issued on 10 March, it is
        chased on day 15 (the stage's interval of 7 days past: the 500 together)."""
        self.company.smec_fapiao_dunning = True
        waiting = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        issued = self.make_invoice(self.customer, 200, DUE - timedelta(days=60), DUE)
        issued.write({"fapiao": PAPER, "smec_fapiao_date": DUE - timedelta(days=59)})
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(sorted(self.contacts(self.customer)), [(8, 7, "call", "sent"), (8, 7, "email", "sent")])
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual(email.amount_total, 200.0)
        self.assertEqual(email.line_ids.move_id, issued)
        self.assertEqual(email.reason, f"Not chased until their fapiao is issued: {waiting.name}.")
        self.assertNotIn(waiting.name, email.mail_id.body_html)

        waiting.write({"fapiao": DIGITAL, "smec_fapiao_date": DUE + timedelta(days=8)})
        self.run_day(DUE + timedelta(days=15))
        latest = self.Contact.search(
            [("partner_id", "=", self.customer.id), ("channel", "=", "email")], order="date desc", limit=1
        )
        self.assertEqual(((latest.date - DUE).days, latest.amount_total, latest.reason), (15, 500.0, False))

    def test_a_customer_with_nothing_else_is_logged(self):
        """Only an invoice without its fapiao: no contact, and the run's log says why."""
        self.company.smec_fapiao_dunning = True
        waiting = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(self.contacts(self.customer), [])
        run = self.env["smec.collection.run"].search([("company_id", "=", self.company.id)], order="id desc", limit=1)
        self.assertIn(f"{self.customer.name}: Not chased until their fapiao is issued: {waiting.name}.", run.log)

    def test_without_the_setting_an_invoice_without_fapiao_is_chased(self):
        """Installing changes nothing until the company asks: the same invoice is chased on day 8."""
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(sorted(self.contacts(self.customer)), [(8, 7, "call", "sent"), (8, 7, "email", "sent")])

    def test_a_term_from_receipt_waits_for_the_receipt(self):
        """Invoiced 1 January on 票到30天付款: provisionally due 31 January. Fapiao issued 5 January, the
        receipt not entered: on 10 March (38 days after the provisional date) nothing is chased, the
        setting off. Received on 20 January: due 19 February, 20 days overdue on 11 March: the friendly
        reminder (7 days) for the 1,000."""
        invoice = self.make_term_invoice(1000, date(2026, 1, 1))
        self.assertEqual(invoice.invoice_date_due, date(2026, 1, 31))
        invoice.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 1, 5)})
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(self.contacts(self.customer), [])
        invoice.smec_fapiao_received_date = date(2026, 1, 20)
        self.assertEqual(invoice.invoice_date_due, date(2026, 2, 19))
        self.run_day(DUE + timedelta(days=9))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual((email.days_overdue, email.stage_id.days_overdue, email.amount_total), (20, 7, 1000.0))
        self.assertEqual(email.line_ids.date_maturity, date(2026, 2, 19))


@tagged("post_install", "-at_install")
class TestFapiaoOnPaper(FapiaoCommon):
    """The statement of account and the demand letter give each invoice's fapiao number beside its own."""

    def text(self, report, ids):
        html = self.env["ir.actions.report"]._render_qweb_html(report, ids)[0].decode()
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    def test_statement_and_letter(self):
        digital = self.make_invoice(self.customer, 1000, date(2026, 1, 10), date(2026, 2, 9))
        paper = self.make_invoice(self.customer, 500, date(2026, 3, 5), date(2026, 4, 4))
        bare = self.make_invoice(self.customer, 70, date(2026, 3, 6), date(2026, 4, 5))
        digital.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 1, 10)})
        paper.write({"fapiao": PAPER, "smec_fapiao_date": date(2026, 3, 5)})
        statement = self.env["smec.collection.statement"].create(
            {"partner_id": self.customer.id, "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
        )
        lines = {line["name"]: line["fapiao"] for line in statement._statement_lines()}
        self.assertEqual(lines, {paper.name: PAPER, bare.name: ""})
        text = self.text("smec_credit_collection.action_report_statement", statement.ids)
        self.assertIn(f"{paper.name} Fapiao No. {PAPER}", text)
        self.assertNotIn(DIGITAL, text, "dated before the period")

        self.run_day(DUE + timedelta(days=30))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual(email.line_ids.move_id, digital)
        text = self.text("smec_credit_collection.action_report_dunning_letter", email.ids)
        self.assertIn(f"{digital.name} Fapiao No. {DIGITAL}", text)

    def test_the_reminder_email_lists_the_fapiao_beside_each_invoice(self):
        """Two invoices of 300 and 200 due on 2 March, one with the fully digital fapiao 26442000000012345678, the
        other none yet: the friendly reminder emailed on day 8 lists each invoice with its fapiao number (empty
        for the second) in the column "Fapiao No." after the invoice's; a customer reading Chinese gets the
        column as 发票号码. An email whose invoices have no fapiao has no such column."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["smec_credit_collection", "smec_credit_fapiao"], ["zh_CN"])
        with_fapiao = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        without = self.make_invoice(self.customer, 200, DUE - timedelta(days=60), DUE)
        with_fapiao.write({"fapiao": DIGITAL, "smec_fapiao_date": DUE - timedelta(days=59)})
        self.run_day(DUE + timedelta(days=8))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual(email.line_ids.move_id, with_fapiao | without)
        self.assertEqual(
            self.table(email.mail_id.body_html),
            [
                ["Invoice", "Fapiao No.", "Due date", "Days overdue", "Open amount"],
                [with_fapiao.name, DIGITAL, "03/02/2026", "8", self.money(300)],
                [without.name, "", "03/02/2026", "8", self.money(200)],
            ],
        )
        # in the customer's language
        zh_customer = self.env["res.partner"].create(
            {"name": "顺德装饰公司", "is_company": True, "email": "ap@shunde.example.com", "lang": "zh_CN"}
        )
        invoice = self.make_invoice(zh_customer, 400, DUE - timedelta(days=60), DUE)
        invoice.write({"fapiao": PAPER, "smec_fapiao_date": DUE - timedelta(days=59)})
        self.run_day(DUE + timedelta(days=9))
        email = self.Contact.search([("partner_id", "=", zh_customer.id), ("channel", "=", "email")])
        rows = self.table(email.mail_id.body_html)
        self.assertEqual(rows[0][:2], ["发票", "发票号码"])
        self.assertEqual(rows[1][:2], [invoice.name, PAPER])
        # no fapiao among the invoices: no column
        other = self.env["res.partner"].create(
            {"name": "Nanhai Doors", "is_company": True, "email": "ap@nh.example.com"}
        )
        bare = self.make_invoice(other, 150, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=10))
        email = self.Contact.search([("partner_id", "=", other.id), ("channel", "=", "email")])
        self.assertEqual(
            self.table(email.mail_id.body_html)[:2],
            [["Invoice", "Due date", "Days overdue", "Open amount"], [bare.name, "03/02/2026", "10", self.money(150)]],
        )

    @staticmethod
    def table(body):
        """The rows of the email's table of invoices, each cell's text."""
        root = lxml.html.fromstring(str(body))
        return [
            [re.sub(r"\s+", " ", cell.text_content()).strip() for cell in row.xpath("./th|./td")]
            for row in root.xpath("//table[contains(@class, 'smec-dunning-invoices')]//tr")
        ]

    def money(self, amount):
        return re.sub(r"\s+", " ", format_amount(self.env, amount, self.company.currency_id))
