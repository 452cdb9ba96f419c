import io
import re
from datetime import date, timedelta

import xlsxwriter
from markupsafe import Markup

from odoo import _, api, fields, models


class SmecCreditAgingWizard(models.TransientModel):
    """Aged receivables (or payables) as of a date: screen, xlsx and PDF."""

    _name = "smec.credit.aging.wizard"
    _description = "Aging Report"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    as_of = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    basis = fields.Selection([("due", "Due date"), ("invoice", "Invoice date")], required=True, default="due")
    account_type = fields.Selection(
        [("asset_receivable", "Receivables (our customers)"), ("liability_payable", "Payables (what we owe)")],
        required=True,
        default="asset_receivable",
    )
    partner_ids = fields.Many2many("res.partner", string="Partners")
    user_ids = fields.Many2many("res.users", string="Salespeople")
    grade_ids = fields.Many2many("smec.credit.grade", string="Grades")
    with_detail = fields.Boolean(
        string="Detail",
        default=True,
        help="Every open item: a sheet of the workbook, pages after the summary in the PDF.",
    )

    def _aging_params(self):
        self.ensure_one()
        self.env["smec.credit.aging"]._check_as_of(self.as_of)
        self.company_id._smec_aging_limits()
        return {
            "as_of": self.as_of,
            "basis": self.basis,
            "account_type": self.account_type,
            "partner_ids": self.partner_ids.ids or None,
            "user_ids": self.user_ids.ids or None,
            "grade_ids": self.grade_ids.ids or None,
        }

    def _aging_context(self):
        params = self._aging_params()
        return {
            "smec_aging_date": fields.Date.to_string(params["as_of"]),
            "smec_aging_basis": params["basis"],
            "smec_aging_account_type": params["account_type"],
            "smec_aging_partner_ids": params["partner_ids"],
            "smec_aging_user_ids": params["user_ids"],
            "smec_aging_grade_ids": params["grade_ids"],
            "allowed_company_ids": [self.company_id.id],
        }

    def action_open(self):
        title = _("Aged receivables") if self.account_type == "asset_receivable" else _("Our payables")
        return {
            "type": "ir.actions.act_window",
            "name": _("%(title)s as of %(date)s", title=title, date=self.as_of),
            "res_model": "smec.credit.aging.line",
            "view_mode": "list,pivot",
            "views": [
                (self.env.ref("smec_credit_receivable.smec_credit_aging_line_view_list").id, "list"),
                (self.env.ref("smec_credit_receivable.smec_credit_aging_line_view_pivot").id, "pivot"),
            ],
            "context": {**self._aging_context(), "group_by": ["partner_id"]},
        }

    # ------------------------------------------------------------
    # XLSX
    # ------------------------------------------------------------

    def action_export_xlsx(self):
        """Download the workbook: built by the route when the browser asks for
        it, so that no copy of it is left in the database."""
        self.ensure_one()
        self._aging_params()  # a bad choice is refused here, on the form
        return {"type": "ir.actions.act_url", "url": f"/smec_credit/aging/{self.id}/xlsx", "target": "self"}

    def _title(self):
        self.ensure_one()
        return _("Aged receivables") if self.account_type == "asset_receivable" else _("Our payables")

    def _subtitle(self):
        """What the figures are: whose, as of when, by which date, in which currency."""
        self.ensure_one()
        return _(
            "%(company)s, as of %(date)s, by %(basis)s, in %(currency)s",
            company=self.company_id.name,
            date=self.as_of,
            basis=dict(self._fields["basis"]._description_selection(self.env))[self.basis].lower(),
            currency=self.company_id.currency_id.name,
        )

    @api.model
    def _pdf_page_label(self, index, count):
        return _("Page %(page)s of %(pages)s", page=index + 1, pages=count)

    def _export_filename(self, extension="xlsx"):
        """The file's name in the reader's language: 应收账款账龄 YourCompany 2026-12-07.xlsx."""
        self.ensure_one()
        name = f"{self._title()} {self.company_id.name} {self.as_of}"
        return "{}.{}".format(re.sub(r'[\\/:*?"<>|]+', "-", name), extension)

    def _export_xlsx(self):
        """The workbook as bytes: a summary per partner and, optionally, the items.

        Written row by row with xlsxwriter's constant_memory mode; headers in the
        user's language; the figures are those of the screen, to the cent.
        """
        self.ensure_one()
        params = self._aging_params()
        company = self.company_id
        Aging = self.env["smec.credit.aging"]
        labels = company._smec_aging_labels()
        # with the detail, one query gives both sheets: the items, and their sums
        items = Aging._aging_export_rows(company, **params) if self.with_detail else None
        summary = Aging._aging_by_partner(company, **params) if items is None else self._sum_by_partner(items, labels)
        partners = self.env["res.partner"].browse([pid for pid in summary if pid]).sudo()
        names = {partner.id: partner.display_name for partner in partners}
        rows = sorted(summary.items(), key=lambda item: (names.get(item[0]) or "").lower())
        if items:
            # the items as the summary lists their partners, each partner's from the oldest due date
            items = sorted(
                items, key=lambda i: ((names.get(i[0]) or "").lower(), i[0] or 0, i[3] is None, i[3] or 0, i[1] or "")
            )

        output = io.BytesIO()
        # every text is written as text: a partner named "=HYPERLINK(...)" is a
        # name, never a formula or a link
        book = xlsxwriter.Workbook(
            output,
            {"constant_memory": True, "in_memory": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        digits = company.currency_id.decimal_places
        money = book.add_format({"num_format": "#,##0." + "0" * digits if digits else "#,##0"})
        money_bold = book.add_format({"num_format": money.num_format, "bold": True, "top": 1})
        bold = book.add_format({"bold": True})
        header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True})
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        title = self._title()
        subtitle = self._subtitle()

        sheet = book.add_worksheet(_("Summary"))
        sheet.write(0, 0, title, bold)
        sheet.write(1, 0, subtitle)
        # related parties (relatives, friends, employees...) are shown apart: their
        # relation in a column, and what they owe below the total
        relation = dict(self.env["res.partner"]._fields["smec_related_type"]._description_selection(self.env))
        related = {partner.id: relation[partner.smec_related_type] for partner in partners if partner.smec_related_type}
        columns = [_("Partner"), *labels, _("Total"), *([_("Related Party")] if related else [])]
        sheet.write_row(3, 0, columns, header)
        sheet.set_column(0, 0, 40)
        sheet.set_column(1, len(columns), 14)
        sheet.freeze_panes(4, 1)
        row = 4
        totals = [0.0] * (len(labels) + 1)
        related_totals = [0.0] * (len(labels) + 1)
        for partner_id, amounts in rows:
            values = [*amounts[: len(labels)], amounts[-1]]
            sheet.write_string(row, 0, names.get(partner_id) or _("No partner"))
            for col, value in enumerate(values):
                sheet.write_number(row, col + 1, round(value, digits), money)
                totals[col] += value
                if partner_id in related:
                    related_totals[col] += value
            if partner_id in related:
                sheet.write_string(row, len(values) + 1, related[partner_id])
            row += 1
        sheet.autofilter(3, 0, max(row - 1, 3), len(columns) - 1)
        sheet.write(row, 0, _("Total"), bold)
        for col, value in enumerate(totals):
            sheet.write_number(row, col + 1, round(value, digits), money_bold)
        if related:
            row += 1
            sheet.write(row, 0, _("Of which related parties"), bold)
            for col, value in enumerate(related_totals):
                sheet.write_number(row, col + 1, round(value, digits), money)

        if self.with_detail:
            detail = book.add_worksheet(_("Detail"))
            # the columns other modules add after the number (the fapiao's), the query's last values
            extra = self._detail_extra_labels()
            shift = len(extra)
            detail_columns = [
                _("Partner"),
                _("Number"),
                *extra,
                _("Date"),
                _("Due Date"),
                _("Days"),
                _("Bucket"),
                _("Original"),
                _("Open"),
                _("Open (Currency)"),
                _("Currency"),
            ]
            detail.write(0, 0, title, bold)
            detail.write(1, 0, subtitle)
            detail.write_row(3, 0, detail_columns, header)
            detail.set_column(0, 0, 40)
            detail.set_column(1, 1 + shift, 22)
            detail.set_column(2 + shift, len(detail_columns), 13)
            detail.freeze_panes(4, 1)
            currencies = {c.id: c.name for c in self.env["res.currency"].search([])}
            company_currency = company.currency_id.id
            no_partner = _("No partner")
            # one typed call per cell, straight from the query's tuples: the
            # sheet has ten cells for each of tens of thousands of open items
            write_string, write_number = detail.write_string, detail.write_number
            line_row = 4
            for item in items:
                partner_id, number, day, due, days, bucket, original, open_, open_currency, currency_id = item[:10]
                write_string(line_row, 0, names.get(partner_id) or no_partner)
                write_string(line_row, 1, number)
                for col, text in enumerate(item[11:], start=2):
                    if text:
                        write_string(line_row, col, text)
                write_number(line_row, 2 + shift, day, date_format)
                write_number(line_row, 3 + shift, due, date_format)
                write_number(line_row, 4 + shift, days)
                write_string(line_row, 5 + shift, labels[bucket])
                write_number(line_row, 6 + shift, original, money)
                write_number(line_row, 7 + shift, open_, money)
                # the amount in the item's own currency, for items in another currency
                # only, as Odoo's own aged balance shows it
                if currency_id != company_currency:
                    write_number(line_row, 8 + shift, open_currency, money)
                    write_string(line_row, 9 + shift, currencies.get(currency_id, ""))
                line_row += 1
            detail.autofilter(3, 0, max(line_row - 1, 3), len(detail_columns) - 1)
        book.close()
        return output.getvalue()

    @api.model
    def _sum_by_partner(self, items, labels):
        """{partner_id: [amount per bucket] + [total]} of ``items``
        (``_aging_export_rows``), as ``smec.credit.aging._aging_by_partner``."""
        size = len(labels)
        result = {}
        for item in items:
            row = result.get(item[0])
            if row is None:
                row = result[item[0]] = [0.0] * (size + 1)
            row[item[5]] += item[10]
            row[size] += item[10]
        return result

    # ------------------------------------------------------------
    # PDF
    # ------------------------------------------------------------

    def action_print_pdf(self):
        self.ensure_one()
        self._aging_params()
        return self.env.ref("smec_credit_receivable.action_report_aging_summary").report_action(self)

    def _pdf_rows(self):
        """[(partner name, [amount per bucket..., total])] for the PDF summary."""
        self.ensure_one()
        summary = self.env["smec.credit.aging"]._aging_by_partner(self.company_id, **self._aging_params())
        partners = self.env["res.partner"].browse([pid for pid in summary if pid]).sudo()
        names = {partner.id: partner.display_name for partner in partners}
        size = len(self.company_id._smec_aging_labels())
        rows = [(names.get(pid) or _("No partner"), [*amounts[:size], amounts[-1]]) for pid, amounts in summary.items()]
        return sorted(rows, key=lambda row: row[0].lower())

    def _detail_extra_labels(self):
        """The headers of the columns other modules add to the detail after each item's number."""
        self.ensure_one()
        return [label for label, _column in self.env["smec.credit.aging"]._aging_detail_columns(self.company_id)]

    def _pdf_detail_rows(self):
        """The detail pages' rows, the open items partner by partner as the summary lists them, each partner's
        from the oldest due date: [(partner name, number, [text of each of the engine's
        ``_aging_detail_columns``], date, due date, days, bucket label, open amount)]; none without the detail."""
        self.ensure_one()
        if not self.with_detail:
            return []
        items = self.env["smec.credit.aging"]._aging_export_rows(self.company_id, **self._aging_params())
        partners = self.env["res.partner"].browse({item[0] for item in items if item[0]}).sudo()
        names = {partner.id: partner.display_name for partner in partners}
        labels = self.company_id._smec_aging_labels()
        no_partner = _("No partner")
        day_zero = date(1899, 12, 30)  # the query's dates are spreadsheet serial numbers
        rows = [
            (
                names.get(item[0]) or no_partner,
                item[1],
                list(item[11:]),
                day_zero + timedelta(days=item[2]),
                day_zero + timedelta(days=item[3]),
                item[4],
                labels[item[5]],
                item[7],
                (item[0] or 0, item[3]),
            )
            for item in items
        ]
        rows.sort(key=lambda row: (row[0].lower(), row[8], row[1]))
        return [row[:8] for row in rows]

    # rows on a landscape A4 page under the letterhead, one line each (names cut to the column): 28 and the
    # headers fill it under the full letterhead (smec_base's), as printed with the styles (22 left a third empty)
    _PDF_ROWS_PER_PAGE = 28

    @api.model
    def _pdf_pages(self, rows):
        """``rows`` cut into the PDF's pages, whole rows only; one page when there is none."""
        size = self._PDF_ROWS_PER_PAGE
        return [rows[start : start + size] for start in range(0, len(rows), size)] or [[]]

    def _pdf_cjk_font(self):
        """The CJK font family of the reader's script, traditional or simplified."""
        lang = self.env.lang or ""
        return Markup('"Noto Sans CJK TC"' if lang in ("zh_TW", "zh_HK") else '"Noto Sans CJK SC"')

    @api.model
    def _pdf_totals(self, rows):
        return [sum(values) for values in zip(*(amounts for _name, amounts in rows), strict=True)] if rows else []
