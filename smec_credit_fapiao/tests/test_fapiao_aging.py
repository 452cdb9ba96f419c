import io
import re
from datetime import date, datetime

import openpyxl
import pypdfium2

from odoo.tests import tagged

from .common import DIGITAL, FapiaoCommon

AS_OF = date(2026, 3, 31)


def pdf_lines(pdf):
    """The PDF's text lines as a reader extracts them, pages in order, spaces squeezed."""
    document = pypdfium2.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


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

    def wizard(self, basis):
        return self.env["smec.credit.aging.wizard"].create(
            {"as_of": AS_OF, "basis": basis, "partner_ids": [(6, 0, self.customer.ids)], "with_detail": True}
        )

    def test_three_bases(self):
        """As of 31 March. By due date: 50 days (31-60) and 0 (current). By invoice date: 80 (61-90) and 30
        (1-30). By fapiao date: 58 days from 1 February (31-60); the invoice with no fapiao from its invoice
        date, 30 (1-30)."""
        self.assertEqual(self.days_and_buckets("due"), {self.issued.id: (50, 2), self.bare.id: (0, 0)})
        self.assertEqual(self.days_and_buckets("invoice"), {self.issued.id: (80, 3), self.bare.id: (30, 1)})
        self.assertEqual(self.days_and_buckets("fapiao"), {self.issued.id: (58, 2), self.bare.id: (30, 1)})

    def test_the_screen_by_fapiao_date_with_the_numbers(self):
        wizard = self.wizard("fapiao")
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

    def test_each_basis_end_to_end_screen_workbook_and_pdf(self):
        """The same two invoices aged as of 31 March by each basis the wizard offers, read on the screen, in the
        workbook (summary and detail) and in the PDF (summary and detail pages), worked by hand:

        ========  ==============================  ==============================  =======================
        basis     INV 1,000 (10 Jan, due 9 Feb,   INV 400 (1 Mar, due 31 Mar,     summary 1-30 / 31-60 /
                  fapiao 1 Feb)                   no fapiao)                      61-90 / current
        ========  ==============================  ==============================  =======================
        due       50 days, 31-60                  0 days, Current                 0 / 1,000 / 0 / 400
        invoice   80 days, 61-90                  30 days, 1-30                   400 / 0 / 1,000 / 0
        fapiao    58 days, 31-60 (from 1 Feb)     30 days, 1-30 (invoice date)    400 / 1,000 / 0 / 0
        ========  ==============================  ==============================  =======================
        """
        expected = {
            "due": {"label": "due date", "issued": (50, "31-60"), "bare": (0, "Current")},
            "invoice": {"label": "invoice date", "issued": (80, "61-90"), "bare": (30, "1-30")},
            "fapiao": {"label": "fapiao date", "issued": (58, "31-60"), "bare": (30, "1-30")},
        }
        summaries = {
            # Current, 1-30, 31-60, 61-90, 91-180, Over 180, Total
            "due": [400, 0, 1000, 0, 0, 0, 1400],
            "invoice": [0, 400, 0, 1000, 0, 0, 1400],
            "fapiao": [0, 400, 1000, 0, 0, 0, 1400],
        }
        self.assertEqual(set(self.env["smec.credit.aging.wizard"]._fields["basis"].get_values(self.env)), set(expected))
        self.env.flush_all()
        for basis, want in expected.items():
            with self.subTest(basis=basis):
                wizard = self.wizard(basis)
                # the screen (a new request: the lines of another basis are not in its cache)
                self.env.invalidate_all()
                context = wizard.action_open()["context"]
                lines = self.env["smec.credit.aging.line"].with_context(**context).search([])
                buckets = dict(lines._fields["bucket"]._description_selection(self.env))
                self.assertEqual(
                    {line.move_id: (line.days, buckets[line.bucket]) for line in lines},
                    {self.issued: want["issued"], self.bare: want["bare"]},
                )
                # the workbook: the summary's row, the detail's days and buckets
                book = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)
                summary, detail = book.worksheets
                self.assertIn(f"by {want['label']}", summary["A2"].value)
                self.assertEqual([cell.value for cell in summary[5]][1:], summaries[basis])
                rows = {row[1]: row for row in detail.iter_rows(min_row=5, values_only=True)}
                self.assertEqual(rows[self.issued.name][4:6], want["issued"])
                self.assertEqual(rows[self.bare.name][4:6], want["bare"])
                self.assertEqual(rows[self.issued.name][2:4], (datetime(2026, 1, 10), datetime(2026, 2, 9)))
                # the PDF: the subtitle, then each item's line on the detail page
                pdf, _kind = (
                    self.env["ir.actions.report"]
                    .with_context(force_report_rendering=True)
                    ._render_qweb_pdf("smec_credit_receivable.action_report_aging_summary", wizard.ids)
                )
                lines = pdf_lines(pdf)
                self.assertTrue(any(f"by {want['label']}" in line for line in lines), lines)
                for move, amount in ((self.issued, "1,000.00"), (self.bare, "400.00")):
                    key = "issued" if move == self.issued else "bare"
                    line = next(line for line in lines if line.startswith(self.customer.name) and move.name in line)
                    days, bucket = want[key]
                    self.assertRegex(line, rf"{re.escape(move.name)} .* {days} {re.escape(bucket)} .*{amount}")

    def test_the_workbook_and_the_pdf_give_the_fapiao_number_beside_the_invoices(self):
        """A company in China: the workbook's detail has a column "Fapiao No." after the invoice's number, with
        26442000000012345678 beside the first invoice and nothing beside the second; the PDF's detail gives the
        number on the invoice's line. Outside China, neither has the column."""
        wizard = self.wizard("due")
        book = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)
        self.assertEqual([cell.value for cell in book["Detail"][4]][:3], ["Partner", "Number", "Date"])
        self.company.account_fiscal_country_id = self.env.ref("base.cn")
        book = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)
        detail = book["Detail"]
        self.assertEqual(
            [cell.value for cell in detail[4]],
            [
                "Partner",
                "Number",
                "Fapiao No.",
                "Date",
                "Due Date",
                "Days",
                "Bucket",
                "Original",
                "Open",
                "Open (Currency)",
                "Currency",
            ],
        )
        rows = sorted(row[1:7] for row in detail.iter_rows(min_row=5, values_only=True))
        self.assertEqual(
            rows,
            sorted(
                [
                    (self.issued.name, DIGITAL, datetime(2026, 1, 10), datetime(2026, 2, 9), 50, "31-60"),
                    (self.bare.name, None, datetime(2026, 3, 1), datetime(2026, 3, 31), 0, "Current"),
                ]
            ),
        )
        pdf, _kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_receivable.action_report_aging_summary", wizard.ids)
        )
        lines = pdf_lines(pdf)
        self.assertIn("Partner Number Fapiao No. Date Due Date Days Bucket Open", lines)
        issued = next(line for line in lines if self.issued.name in line and line.startswith(self.customer.name))
        self.assertIn(f"{self.issued.name} {DIGITAL} 01/10/2026 02/09/2026 50 31-60", issued)
        bare = next(line for line in lines if self.bare.name in line and line.startswith(self.customer.name))
        self.assertIn(f"{self.bare.name} 03/01/2026 03/31/2026 0 Current", bare)
