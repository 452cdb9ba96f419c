"""The toolkit an enrolled trainee downloads: a customer credit evaluation form,
a receivables tracking sheet and a collection script sheet, made as real
workbooks (xlsxwriter) whose totals, grades, days overdue and aging buckets are
formulas, in the reader's language. (The registration form is a PDF report.)"""

import io

import xlsxwriter

from odoo import _, api, models

TRACKING_ROWS = 50


class SmecTrainingToolkit(models.AbstractModel):
    _name = "smec.training.toolkit"
    _description = "Trainee Toolkit"

    @api.model
    def _documents(self):
        """(key, title, file name) of each document, in the order shown."""
        return [
            ("evaluation", _("Customer credit evaluation form"), "credit-evaluation.xlsx"),
            ("tracking", _("Receivables tracking sheet"), "receivables-tracking.xlsx"),
            ("script", _("Collection script sheet"), "collection-scripts.xlsx"),
        ]

    @api.model
    def _build(self, key):
        """The workbook ``key`` as bytes; a ``KeyError`` for an unknown key."""
        builder = {
            "evaluation": self._build_evaluation,
            "tracking": self._build_tracking,
            "script": self._build_script,
        }[key]
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        styles = {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
            "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
            "input": book.add_format({"border": 1, "bg_color": "#FFF2CC"}),
            "money": book.add_format({"border": 1, "num_format": "#,##0.00"}),
            "date": book.add_format({"border": 1, "num_format": "yyyy-mm-dd", "bg_color": "#FFF2CC"}),
            "total": book.add_format({"bold": True, "border": 1, "num_format": "#,##0.00"}),
        }
        builder(book, styles)
        book.close()
        return buffer.getvalue()

    def _build_evaluation(self, book, st):
        sheet = book.add_worksheet(_("5C evaluation"))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 10)
        sheet.set_column(2, 2, 60)
        sheet.set_column(3, 4, 14)
        sheet.write(0, 0, _("Customer credit evaluation form"), st["title"])
        for row, label in enumerate(
            [_("Customer"), _("Unified social credit code"), _("Evaluated on"), _("Evaluated by")], start=2
        ):
            sheet.write(row, 0, label, st["head"])
            sheet.write(row, 1, "", st["input"])
        heads = [_("Criterion"), _("Weight"), _("What to check"), _("Score (0-100)"), _("Weighted")]
        sheet.write_row(7, 0, heads, st["head"])
        criteria = [
            (_("Character"), 0.30, _("Payment history with us, honesty, litigation, dishonest-debtor list")),
            (_("Capacity"), 0.25, _("Revenue, cash flow, years in business")),
            (_("Capital"), 0.20, _("Paid-up capital, equity")),
            (_("Collateral"), 0.15, _("Guarantees, deposits, insured cover")),
            (_("Conditions"), 0.10, _("Industry and economic environment")),
        ]
        for index, (name, weight, check) in enumerate(criteria):
            row = 8 + index
            sheet.write(row, 0, name, st["cell"])
            sheet.write_number(row, 1, weight, st["cell"])
            sheet.write(row, 2, check, st["cell"])
            sheet.write_number(row, 3, 0, st["input"])
            sheet.write_formula(row, 4, f"=B{row + 1}*D{row + 1}", st["money"])
        sheet.data_validation(8, 3, 12, 3, {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 100})
        sheet.write(13, 3, _("Score"), st["head"])
        sheet.write_formula(13, 4, "=SUM(E9:E13)", st["total"])
        sheet.write(15, 0, _("High-risk signal (Y/N)"), st["head"])
        signals = [_("Dishonest judgment-debtor list"), _("Abnormal-operation list"), _("Several overdue records")]
        for index, signal in enumerate(signals):
            sheet.write(16 + index, 0, signal, st["cell"])
            sheet.write(16 + index, 1, "N", st["input"])
        sheet.data_validation(16, 1, 18, 1, {"validate": "list", "source": ["Y", "N"]})
        sheet.write(20, 0, _("Grade"), st["head"])
        sheet.write_formula(
            20, 1, '=IF(COUNTIF(B17:B19,"Y")>0,"D",IF(E14>=80,"A",IF(E14>=65,"B",IF(E14>=50,"C","D"))))', st["total"]
        )
        sheet.write(21, 0, _("Monthly sales"), st["head"])
        sheet.write_number(21, 1, 0, st["input"])
        sheet.write(22, 0, _("Credit period (months)"), st["head"])
        sheet.write_number(22, 1, 1, st["input"])
        sheet.write(23, 0, _("Suggested limit"), st["head"])
        # limit = monthly sales x credit period x grade factor (A 1.0, B 0.7, C 0.4, D 0: cash or prepayment)
        sheet.write_formula(23, 1, '=B22*B23*IF(B21="A",1,IF(B21="B",0.7,IF(B21="C",0.4,0)))', st["total"])
        sheet.write(24, 0, _("Grade D: cash or prepayment only, no credit."), st["cell"])

    def _build_tracking(self, book, st):
        sheet = book.add_worksheet(_("Receivables"))
        heads = [
            _("Customer"),
            _("Invoice"),
            _("Invoice date"),
            _("Due date"),
            _("Amount"),
            _("Paid"),
            _("Open"),
            _("Days overdue"),
            _("Aging bucket"),
            _("Next action"),
            _("Responsible"),
        ]
        sheet.write(0, 0, _("Receivables tracking sheet"), st["title"])
        sheet.write_row(2, 0, heads, st["head"])
        sheet.set_column(0, 10, 14)
        for row in range(3, 3 + TRACKING_ROWS):
            n = row + 1
            for col in (0, 1, 9, 10):
                sheet.write_blank(row, col, None, st["input"])
            sheet.write_blank(row, 2, None, st["date"])
            sheet.write_blank(row, 3, None, st["date"])
            sheet.write_blank(row, 4, None, st["input"])
            sheet.write_blank(row, 5, None, st["input"])
            sheet.write_formula(row, 6, f"=E{n}-F{n}", st["money"])
            sheet.write_formula(row, 7, f'=IF(OR(G{n}<=0,D{n}=""),0,MAX(0,TODAY()-D{n}))', st["cell"])
            sheet.write_formula(
                row,
                8,
                f'=IF(G{n}<=0,"",IF(H{n}=0,"current",IF(H{n}<=30,"1-30",IF(H{n}<=60,"31-60",'
                f'IF(H{n}<=90,"61-90",IF(H{n}<=180,"91-180","180+"))))))',
                st["cell"],
            )
        last = 3 + TRACKING_ROWS
        summary = last + 2
        sheet.write(summary, 7, _("Aging bucket"), st["head"])
        sheet.write(summary, 8, _("Open"), st["head"])
        for index, bucket in enumerate(["current", "1-30", "31-60", "61-90", "91-180", "180+"], start=1):
            sheet.write(summary + index, 7, bucket, st["cell"])
            sheet.write_formula(
                summary + index, 8, f"=SUMIF(I4:I{last},H{summary + index + 1},G4:G{last})", st["money"]
            )
        sheet.write(summary + 7, 7, _("Total"), st["head"])
        sheet.write_formula(summary + 7, 8, f"=SUM(G4:G{last})", st["total"])

    def _build_script(self, book, st):
        sheet = book.add_worksheet(_("Scripts"))
        sheet.set_column(0, 1, 18)
        sheet.set_column(2, 4, 48)
        sheet.write(0, 0, _("Collection script sheet"), st["title"])
        sheet.write_row(
            2,
            0,
            [_("Stage"), _("When"), _("Small-business owner"), _("Large company (finance department)"), _("Never")],
            st["head"],
        )
        never = _("Threats, calls between 22:00 and 08:00, telling third parties about the debt.")
        stages = [
            (
                _("Reminder"),
                _("3 days before due"),
                _("A friendly note: the invoice falls due on Friday, thank you for the smooth cooperation."),
                _("Send the invoice and delivery note to the accounts payable contact with the due date."),
            ),
            (
                _("Friendly reminder"),
                _("7 days overdue"),
                _("Call the owner: stress the long-term relationship, ask when the payment can be made."),
                _("Ask finance which approval step the invoice is at and what document is missing."),
            ),
            (
                _("Formal demand"),
                _("30 days overdue"),
                _("Send the demand letter by courier and keep the signed-for proof."),
                _("Address the demand letter to the finance department, with the statement of account."),
            ),
            (
                _("Third-party assistance"),
                _("60 days overdue"),
                _("A lawyer's letter or mediation; offer a payment plan."),
                _("A lawyer's letter to the legal department; propose mediation."),
            ),
            (
                _("Legal preparation"),
                _("90 days overdue"),
                _("Hold new orders, gather the evidence, prepare a payment order or suit."),
                _("Hold new orders, gather the evidence, prepare a payment order or suit."),
            ),
        ]
        for index, stage in enumerate(stages, start=3):
            sheet.write_row(index, 0, [*stage, never], st["cell"])
        log = book.add_worksheet(_("Call log"))
        log.set_column(0, 5, 18)
        log.write_row(
            0, 0, [_("Date"), _("Customer"), _("Contact"), _("Outcome"), _("Promised date"), _("Notes")], st["head"]
        )
        outcomes = [_("reached"), _("promised"), _("disputed"), _("refused"), _("no answer")]
        log.data_validation(1, 3, 200, 3, {"validate": "list", "source": outcomes})
