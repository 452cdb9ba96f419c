"""The toolkit's workbooks compute: filled in as a trainee would, then recalculated
by a spreadsheet engine (the ``formulas`` package reads and computes Excel
workbooks), and checked against figures worked out by hand."""

import datetime
import io
import os
import tempfile

import formulas
import openpyxl

from odoo.tests import TransactionCase, tagged


def computed(book):
    """{cell: value} of the first sheet of ``book`` (openpyxl) after a recalculation."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "book.xlsx")
        book.save(path)
        solution = formulas.ExcelModel().loads(path).finish().calculate()
    values = {}
    for ref, value in solution.items():
        sheet, _sep, cell = ref.rpartition("!")
        if sheet.upper().endswith(book.sheetnames[0].upper() + "'") and ":" not in cell:
            values[cell] = value.value[0][0]
    return values


@tagged("post_install", "-at_install")
class TestToolkitFormulas(TransactionCase):
    def workbook(self, key):
        return openpyxl.load_workbook(io.BytesIO(self.env["smec.training.toolkit"]._build(key)))

    def test_the_credit_evaluation_form_scores_grades_and_limits(self):
        book = self.workbook("evaluation")
        sheet = book.active
        # character 90, capacity 70, capital 60, collateral 50, conditions 80
        for row, score in zip(range(9, 14), (90, 70, 60, 50, 80), strict=True):
            sheet[f"D{row}"] = score
        sheet["B22"] = 100000  # monthly sales
        sheet["B23"] = 2  # credit period, months
        values = computed(book)
        # 0.30 x 90 + 0.25 x 70 + 0.20 x 60 + 0.15 x 50 + 0.10 x 80 = 27 + 17.5 + 12 + 7.5 + 8 = 72
        self.assertEqual([values[f"E{row}"] for row in range(9, 14)], [27, 17.5, 12, 7.5, 8])
        self.assertEqual(values["E14"], 72)
        # 72: at least 65, under 80: grade B, whose factor is 0.7: 100,000 x 2 x 0.7
        self.assertEqual((values["B21"], values["B24"]), ("B", 140000))
        # a dishonest-debtor listing makes it D whatever the score: cash or prepayment, no credit
        sheet["B17"] = "Y"
        values = computed(book)
        self.assertEqual((values["E14"], values["B21"], values["B24"]), (72, "D", 0))

    def test_the_receivables_tracking_sheet_ages_and_sums(self):
        book = self.workbook("tracking")
        sheet = book.active
        today = datetime.date.today()  # the sheet counts days overdue from TODAY()
        rows = [
            ("Jinhe Hardware", -10, 10000, 4000),  # 6,000 open, 10 days overdue
            ("Hengda Construction", -45, 5000, 0),  # 5,000, 45 days
            ("Ruixiang Tiles", 5, 3000, 0),  # 3,000, due in five days: current
            ("Yongsheng Decoration", -200, 2000, 2000),  # paid: no bucket
            ("Baoli Building", -100, 1500, 500),  # 1,000, 100 days
        ]
        for row, (customer, due_in, amount, paid) in enumerate(rows, start=4):
            sheet[f"A{row}"] = customer
            sheet[f"D{row}"] = today + datetime.timedelta(days=due_in)
            sheet[f"E{row}"] = amount
            sheet[f"F{row}"] = paid
        values = computed(book)
        self.assertEqual([values[f"G{row}"] for row in range(4, 9)], [6000, 5000, 3000, 0, 1000])
        self.assertEqual([values[f"H{row}"] for row in range(4, 9)], [10, 45, 0, 0, 100])
        self.assertEqual([values[f"I{row}"] for row in range(4, 9)], ["1-30", "31-60", "current", "", "91-180"])
        # the summary by bucket: current, 1-30, 31-60, 61-90, 91-180, 180+, then the total
        self.assertEqual(
            [values[f"H{row}"] for row in range(57, 63)], ["current", "1-30", "31-60", "61-90", "91-180", "180+"]
        )
        self.assertEqual([values[f"I{row}"] for row in range(57, 64)], [3000, 6000, 5000, 0, 1000, 0, 15000])
