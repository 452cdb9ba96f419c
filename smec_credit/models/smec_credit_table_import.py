import base64
import csv
import io
from datetime import date, datetime

import openpyxl

from odoo import _, fields, models
from odoo.exceptions import UserError


class SmecCreditTableImport(models.AbstractModel):
    """A file of rows, saved as CSV (UTF-8) or xlsx, whose first row names the
    columns: read once, the same way, by every import of the credit add-ons.

    An import lists its ``_smec_columns`` and the header it cannot do without
    (``_smec_check_header``); ``_read_rows`` gives each non-empty row with its
    row number as the user sees it in the spreadsheet.
    """

    _name = "smec.credit.table.import"
    _description = "Import From a CSV or xlsx File"

    file = fields.Binary(required=True)
    filename = fields.Char()

    _smec_columns = ()

    def _smec_check_header(self, header):
        """Raise a UserError naming the missing columns."""

    def _read_rows(self):
        """[(row number, {column: value})] from the CSV or xlsx file."""
        data = base64.b64decode(self.file or b"")
        name = (self.filename or "").lower()
        if name.endswith(".xlsx"):
            try:
                sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            except Exception as exc:
                raise UserError(_("The file is not a readable xlsx workbook: %s", exc)) from exc
            rows = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
        elif name.endswith(".csv") or not name:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise UserError(_("Save the CSV file as UTF-8.")) from exc
            rows = list(csv.reader(io.StringIO(text)))
        else:
            raise UserError(_("Import a .csv or .xlsx file."))
        if not rows:
            raise UserError(_("The file is empty."))
        header = [str(h).strip().lower() for h in rows[0]]
        self._smec_check_header(header)
        return [
            (
                index,
                {
                    col: row[header.index(col)] if col in header and header.index(col) < len(row) else ""
                    for col in self._smec_columns
                },
            )
            for index, row in enumerate(rows[1:], start=2)
            if any(str(cell).strip() for cell in row)
        ]

    def _reopen(self):
        """The import again, in its dialog, to show its report."""
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @staticmethod
    def _parse_date(value, default=None):
        """A date from a cell (a date, or text as YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD); ``default`` when empty,
        None when unreadable."""
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value or "").strip()
        if not text:
            return default
        for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"):
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return None

    @staticmethod
    def _parse_number(value):
        """A number from a cell (``12.5``, ``"1,234.50"``, ``"3.2%"`` as 3.2); None when empty or unreadable."""
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value or "").strip().replace(",", "").rstrip("%").strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return None
