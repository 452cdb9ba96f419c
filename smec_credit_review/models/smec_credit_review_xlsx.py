"""The review as a workbook: the same tables as the screen, with native charts drawn by xlsxwriter, in the
reader's language."""

import io

import xlsxwriter
from markupsafe import Markup

from odoo import _, models
from odoo.tools import html2plaintext

from odoo.addons.smec_credit.tools import scoring


class SmecCreditReview(models.Model):
    _inherit = "smec.credit.review"  # pylint: disable=consider-merging-classes-inherited

    def _export_filename(self):
        self.ensure_one()
        return f"scorecard-review-{self.scorecard_id.id}-{self.date}.xlsx"

    def _export_xlsx(self):
        """The workbook as bytes: summary, grades, scores, migration, criteria, proposal and what-if."""
        self.ensure_one()
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        fmt = {
            "title": book.add_format({"bold": True, "font_size": 14}),
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
            "pct": book.add_format({"num_format": "0.0"}),
            "num": book.add_format({"num_format": "0.000"}),
            "money": book.add_format({"num_format": "#,##0.00"}),
            "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        }
        self._xlsx_summary(book, fmt)
        self._xlsx_grades(book, fmt)
        self._xlsx_scores(book, fmt)
        self._xlsx_migration(book, fmt)
        self._xlsx_criteria(book, fmt)
        self._xlsx_changes(book, fmt)
        book.close()
        return output.getvalue()

    @staticmethod
    def _xlsx_table(sheet, row, headers, rows, fmt, formats=None):
        sheet.write_row(row, 0, headers, fmt["head"])
        for offset, values in enumerate(rows, start=1):
            for col, value in enumerate(values):
                cell_format = (formats or {}).get(col)
                sheet.write(row + offset, col, value, fmt[cell_format] if cell_format else None)
        return row + len(rows)

    def _xlsx_summary(self, book, fmt):
        sheet = book.add_worksheet(_("Summary"))
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, 1, 60)
        sheet.write(0, 0, self.name, fmt["title"])
        figures = [
            (_("Scorecard"), self.scorecard_id.display_name),
            (_("Date"), str(self.date)),
            (_("Horizon (months)"), self.horizon_months),
            (_("Bad after (days past due)"), int(self.days_past_due)),
            (_("Customers reviewed"), self.customer_count),
            (_("Bad outcomes"), self.bad_count),
            (_("Bad rate (%)"), round(self.bad_rate, 1)),
            (_("Invoiced in the horizon"), self.invoiced_amount),
            (_("Amount past due"), self.bad_amount),
            (_("Amount written off"), self.written_off_amount),
            (_("AUC"), round(self.auc, 3) if self.enough_data else _("too little data")),
            (_("Gini"), round(self.gini, 3) if self.enough_data else _("too little data")),
            (_("KS"), round(self.ks, 3) if self.enough_data else _("too little data")),
            (_("Population stability (PSI)"), round(self.psi, 3) if self.previous_review_id else _("first review")),
            (_("Grades ordered"), _("yes") if self.grades_ordered else _("no")),
        ]
        row = self._xlsx_table(sheet, 2, [_("Figure"), _("Value")], figures, fmt)
        sheet.write(row + 2, 0, _("What the review can and cannot conclude"), fmt["head"])
        text = html2plaintext(self.conclusion or Markup(""))
        sheet.merge_range(row + 3, 0, row + 3, 1, text, fmt["wrap"])
        sheet.set_row(row + 3, 15 * (text.count("\n") + 4))

    def _xlsx_grades(self, book, fmt):
        sheet = book.add_worksheet(_("Grades"))
        sheet.set_column(0, 11, 14)
        headers = [
            _("Grade"),
            _("From"),
            _("To"),
            _("Customers"),
            _("Bad"),
            _("Bad rate (%)"),
            _("95 % interval from (%)"),
            _("95 % interval to (%)"),
            _("Graded today"),
            _("Proposed from"),
            _("Proposed to"),
            _("Bad rate (%) (proposal)"),
        ]
        lines = self.grade_line_ids
        rows = [
            [
                line.grade_id.code or "",
                line.min_score,
                line.max_score,
                line.customer_count,
                line.bad_count,
                line.bad_rate,
                line.ci_low,
                line.ci_high,
                line.population_count,
                line.proposed_min if self.proposal_possible else "",
                line.proposed_max if self.proposal_possible else "",
                line.proposed_bad_rate if self.proposal_possible else "",
            ]
            for line in lines
        ]
        last = self._xlsx_table(sheet, 0, headers, rows, fmt, {5: "pct", 6: "pct", 7: "pct", 11: "pct"})
        if not lines:
            return
        chart = book.add_chart({"type": "column"})
        name = _("Grades")
        chart.add_series(
            {
                "name": _("Bad rate (%)"),
                "categories": [name, 1, 0, last, 0],
                "values": [name, 1, 5, last, 5],
                "y_error_bars": {
                    "type": "custom",
                    "plus_values": [max(line.ci_high - line.bad_rate, 0) for line in lines],
                    "minus_values": [max(line.bad_rate - line.ci_low, 0) for line in lines],
                },
            }
        )
        if self.proposal_possible:
            chart.add_series(
                {
                    "name": _("Bad rate (%) (proposal)"),
                    "categories": [name, 1, 0, last, 0],
                    "values": [name, 1, 11, last, 11],
                }
            )
        chart.set_title({"name": _("Bad rate by grade")})
        chart.set_y_axis({"name": _("Bad rate (%)")})
        sheet.insert_chart(last + 2, 0, chart, {"x_scale": 1.5, "y_scale": 1.3})

    def _xlsx_scores(self, book, fmt):
        sheet = book.add_worksheet(_("Scores"))
        name = _("Scores")
        sheet.set_column(0, 4, 18)
        kinds = ["good", "bad", "population", "previous"]
        shares = {(line.kind, line.bin_start): line.share for line in self.bin_ids}
        labels = dict(self.env["smec.credit.review.bin"]._fields["kind"]._description_selection(self.env))
        headers = [_("Score"), *(labels[kind] for kind in kinds)]
        starts = sorted({line.bin_start for line in self.bin_ids}) or list(range(0, 100, 10))
        rows = [[f"{start}-{start + 10}", *(shares.get((kind, start), 0.0) for kind in kinds)] for start in starts]
        last = self._xlsx_table(sheet, 0, headers, rows, fmt, {1: "pct", 2: "pct", 3: "pct", 4: "pct"})
        chart = book.add_chart({"type": "column"})
        for col in (1, 2):
            chart.add_series(
                {
                    "name": [name, 0, col],
                    "categories": [name, 1, 0, last, 0],
                    "values": [name, 1, col, last, col],
                }
            )
        chart.set_title({"name": _("Scores of the good and the bad customers (share %)")})
        sheet.insert_chart(last + 2, 0, chart, {"x_scale": 1.5, "y_scale": 1.3})
        population = book.add_chart({"type": "line"})
        for col in (3, 4):
            population.add_series(
                {"name": [name, 0, col], "categories": [name, 1, 0, last, 0], "values": [name, 1, col, last, col]}
            )
        population.set_title({"name": _("Population stability")})
        sheet.insert_chart(last + 2, 8, population, {"x_scale": 1.2, "y_scale": 1.3})

    def _xlsx_migration(self, book, fmt):
        sheet = book.add_worksheet(_("Migration"))
        name = _("Migration")
        grades = self.grade_line_ids.grade_id
        none = _("No valid grade")
        columns = [*grades.mapped("code"), none]
        counts = {}
        for line in self.migration_ids:
            counts[(line.from_grade_id.id, line.to_grade_id.id)] = line.count
        sheet.set_column(0, len(columns), 16)
        sheet.write(0, 0, _("Grade then \\ at the horizon's end"), fmt["head"])
        sheet.write_row(0, 1, columns, fmt["head"])
        for row, grade in enumerate(grades, start=1):
            sheet.write(row, 0, grade.code, fmt["head"])
            for col, target in enumerate([*grades.ids, False], start=1):
                sheet.write(row, col, counts.get((grade.id, target), 0))
        last = len(grades)
        chart = book.add_chart({"type": "column", "subtype": "percent_stacked"})
        for col in range(1, len(columns) + 1):
            chart.add_series(
                {"name": [name, 0, col], "categories": [name, 1, 0, last, 0], "values": [name, 1, col, last, col]}
            )
        chart.set_title({"name": _("Grade migration")})
        sheet.insert_chart(last + 2, 0, chart, {"x_scale": 1.3, "y_scale": 1.3})

    def _xlsx_criteria(self, book, fmt):
        sheet = book.add_worksheet(_("Criteria"))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 8, 14)
        dimensions = dict(self.env["smec.credit.criterion"]._fields["dimension"]._description_selection(self.env))
        headers = [
            _("Criterion"),
            _("C"),
            _("Answered (%)"),
            _("AUC alone"),
            _("Information value"),
            _("Weight in the score (%)"),
            _("Proposed weight in the score (%)"),
            _("Fitted effect"),
        ]
        rows = [
            [
                line.criterion_id.name,
                dimensions.get(line.dimension, ""),
                line.answer_rate,
                line.auc if line.enough else _("too little data"),
                line.iv if line.enough else "",
                line.current_weight,
                line.proposed_weight if self.proposal_possible else "",
                line.coefficient if self.proposal_possible else "",
            ]
            for line in self.criterion_line_ids
        ]
        last = self._xlsx_table(
            sheet, 0, headers, rows, fmt, {2: "pct", 3: "num", 4: "num", 5: "pct", 6: "pct", 7: "num"}
        )
        if self.proposal_possible:
            row = last + 2
            sheet.write_row(row, 0, [_("C"), _("Weight (%)"), _("Proposed weight (%)")], fmt["head"])
            for offset, dim in enumerate(scoring.DIMENSIONS, start=1):
                sheet.write_row(
                    row + offset,
                    0,
                    [dimensions[dim], self.scorecard_id[f"weight_{dim}"], self[f"proposed_weight_{dim}"]],
                )

    def _xlsx_changes(self, book, fmt):
        sheet = book.add_worksheet(_("What-if"))
        sheet.set_column(0, 0, 36)
        sheet.set_column(1, 5, 14)
        headers = [_("Customer"), _("Score"), _("Grade"), _("Proposed score"), _("Proposed grade"), _("Exposure")]
        changes = self.change_ids
        partners = {partner.id: partner.display_name for partner in changes.partner_id.sudo()}
        rows = [
            [
                partners.get(change.partner_id.id, ""),
                change.score,
                change.grade_id.code or "",
                change.proposed_score,
                change.proposed_grade_id.code or "",
                change.exposure,
            ]
            for change in changes
        ]
        self._xlsx_table(sheet, 0, headers, rows, fmt, {5: "money"})
