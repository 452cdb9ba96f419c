from odoo import _, api, fields, models
from odoo.exceptions import UserError

COLUMNS = ("industry", "period", "period_end", "bad_debt_rate", "overdue_rate", "source")


class SmecCreditIndustryFigureImport(models.TransientModel):
    """Import industry reference figures from a CSV or xlsx file: one row per
    industry and period (industry, period, period_end, bad_debt_rate,
    overdue_rate, source; rates in %). Each row is reported; a bad row creates
    nothing, the good ones are created and the alerts they raise are sent."""

    _name = "smec.credit.industry.figure.import"
    _inherit = ["smec.credit.table.import"]
    _description = "Import Industry Reference Figures"
    _smec_columns = COLUMNS

    line_ids = fields.One2many("smec.credit.industry.figure.import.line", "wizard_id", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    created_count = fields.Integer(compute="_compute_counts")
    rejected_count = fields.Integer(compute="_compute_counts")
    alert_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.status", "line_ids.figure_id.alert")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.created_count = statuses.count("created")
            wizard.rejected_count = statuses.count("rejected")
            wizard.alert_count = len(wizard.line_ids.figure_id.filtered("alert"))

    def _smec_check_header(self, header):
        missing = [col for col in ("industry", "period_end", "bad_debt_rate", "source") if col not in header]
        if missing:
            raise UserError(
                _(
                    "The first row must name the columns; missing: %(missing)s (expected: %(columns)s).",
                    missing=", ".join(missing),
                    columns=", ".join(COLUMNS),
                )
            )

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group("smec_credit.group_credit_manager"):
            raise UserError(_("Only a Credit Manager imports industry reference figures."))
        rows = self._read_rows()
        Industry = self.env["res.partner.industry"].with_context(active_test=False)
        industries = {}
        # industries are a short list, kept by hand
        for industry in Industry.search([]):  # pylint: disable=no-search-all
            for key in (industry.name, industry.full_name):
                if key:
                    industries.setdefault(key.strip().lower(), industry)
        Figure = self.env["smec.credit.industry.figure"]
        existing = {
            (f.industry_id.id, f.date, f.source)
            for f in Figure.search([("industry_id", "in", list({i.id for i in industries.values()}))])
        }
        lines, figures = [], Figure
        for number, row in rows:
            line = {"wizard_id": self.id, "row": number, "industry": str(row["industry"]).strip()}
            vals, error = self._row_values(row, industries)
            if not error and (vals["industry_id"], vals["date"], vals["source"]) in existing:
                error = _("Already imported: this industry has a figure for this period end and source.")
            if error:
                lines.append({**line, "status": "rejected", "message": error})
                continue
            figure = Figure.create(vals)
            existing.add((vals["industry_id"], vals["date"], vals["source"]))
            figures |= figure
            lines.append(
                {
                    **line,
                    "status": "created",
                    "figure_id": figure.id,
                    "message": _("Alert: %s", figure.alert_reason) if figure.alert else _("Figure created."),
                }
            )
        self.env["smec.credit.industry.figure.import.line"].create(lines)
        figures._notify_alerts()
        self.state = "done"
        return self._reopen()

    def _row_values(self, row, industries):
        """(values of the figure, None) or (None, why the row is refused)."""
        industry = industries.get(str(row["industry"]).strip().lower())
        if not industry:
            return None, _("Unknown industry %s: create it under Credit > Configuration > Industries.", row["industry"])
        end = self._parse_date(row["period_end"])
        if not end:
            return None, _("Unreadable period end %s: use YYYY-MM-DD.", row["period_end"] or '""')
        rates = {}
        for col in ("bad_debt_rate", "overdue_rate"):
            value = self._parse_number(row[col])
            if value is None and (col == "bad_debt_rate" or str(row[col]).strip()):
                return None, _("Unreadable %(column)s %(value)s: give a percentage.", column=col, value=row[col])
            if value is not None and not 0 <= value <= 100:
                return None, _("%(column)s %(value)s is not a percentage between 0 and 100.", column=col, value=value)
            rates[col] = value or 0.0
        source = str(row["source"]).strip()
        if not source:
            return None, _("Say where the figure comes from (source).")
        return {
            "industry_id": industry.id,
            "date": end,
            "period": str(row["period"]).strip() or str(end.year),
            "source": source,
            "company_id": False,
            **rates,
        }, None


class SmecCreditIndustryFigureImportLine(models.TransientModel):
    _name = "smec.credit.industry.figure.import.line"
    _description = "Industry Figure Import Row"
    _order = "row"

    wizard_id = fields.Many2one("smec.credit.industry.figure.import", required=True, ondelete="cascade")
    row = fields.Integer()
    industry = fields.Char()
    status = fields.Selection([("created", "Created"), ("rejected", "Rejected")])
    figure_id = fields.Many2one("smec.credit.industry.figure")
    message = fields.Char()
