from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.smec_credit_risk_flag import BLOCKING_BY_DEFAULT, FLAG_TYPES
from ..tools import uscc

COLUMNS = ("uscc", "name", "flag_type", "date", "source", "reference", "note")


class SmecCreditFlagImport(models.TransientModel):
    """Import risk flags from a registry extract saved as CSV or xlsx.

    Columns (first row): uscc, name, flag_type, date (YYYY-MM-DD), source,
    reference, note. A row is matched to a partner by USCC, else by exact
    company name; a flag of the same partner, type and date is reported as
    matched (already known) rather than created twice.
    """

    _name = "smec.credit.flag.import"
    _inherit = ["smec.credit.table.import"]
    _description = "Import Risk Flags"
    _smec_columns = COLUMNS
    company_id = fields.Many2one(
        "res.company",
        help="Empty: the flags apply to every company when a Credit Manager imports them, to your current "
        "company otherwise (only Credit Managers record flags shared by every company).",
    )
    line_ids = fields.One2many("smec.credit.flag.import.line", "wizard_id", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    created_count = fields.Integer(compute="_compute_counts")
    matched_count = fields.Integer(compute="_compute_counts")
    rejected_count = fields.Integer(compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.created_count = statuses.count("created")
            wizard.matched_count = statuses.count("matched")
            wizard.rejected_count = statuses.count("rejected")

    def _smec_check_header(self, header):
        if "flag_type" not in header or not {"uscc", "name"} & set(header):
            raise UserError(_("The first row must name the columns; required: flag_type and uscc or name."))

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group("smec_credit.group_credit_user"):
            raise UserError(_("Only credit users can import risk flags."))
        rows = self._read_rows()
        company = self.company_id or (
            self.env["res.company"] if self.env["smec.credit.risk.flag"]._may_share() else self.env.company
        )
        codes = {uscc.normalize(str(r["uscc"])) for _n, r in rows if r["uscc"]}
        names = {str(r["name"]).strip() for _n, r in rows if r["name"]}
        Partner = self.env["res.partner"].with_context(active_test=False)
        partners = Partner.search(
            ["&", ("is_company", "=", True), "|", ("smec_uscc", "in", list(codes)), ("name", "in", list(names))]
        )
        by_code = {p.smec_uscc: p for p in partners if p.smec_uscc}
        by_name = {}
        for partner in partners:
            by_name.setdefault(partner.name, self.env["res.partner"])
            by_name[partner.name] |= partner
        Flag = self.env["smec.credit.risk.flag"]
        existing = {(f.partner_id.id, f.flag_type, f.date) for f in Flag.search([("partner_id", "in", partners.ids)])}
        valid_types = {key for key, _label in FLAG_TYPES}
        lines = []
        for number, row in rows:
            line = {"wizard_id": self.id, "row": number, "uscc": row["uscc"], "name": row["name"]}
            partner, error = self._match_partner(row, by_code, by_name)
            flag_type = str(row["flag_type"]).strip().lower()
            flag_date = self._parse_date(row["date"], default=fields.Date.today())
            if not error and flag_type not in valid_types:
                error = _(
                    "Unknown flag type %(type)s (use one of: %(types)s).",
                    type=row["flag_type"],
                    types=", ".join(sorted(valid_types)),
                )
            if not error and flag_date is None:
                error = _("Unreadable date %s: use YYYY-MM-DD.", row["date"])
            if error:
                lines.append({**line, "status": "rejected", "message": error})
                continue
            key = (partner.id, flag_type, flag_date)
            if key in existing:
                lines.append(
                    {
                        **line,
                        "status": "matched",
                        "partner_id": partner.id,
                        "message": _("Already known: nothing created."),
                    }
                )
                continue
            flag = Flag.create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "flag_type": flag_type,
                    "date": flag_date,
                    "source": row["source"] or self.filename,
                    "reference": row["reference"],
                    "note": row["note"],
                    "blocking": flag_type in BLOCKING_BY_DEFAULT,
                }
            )
            existing.add(key)
            lines.append(
                {
                    **line,
                    "status": "created",
                    "partner_id": partner.id,
                    "flag_id": flag.id,
                    "message": _("Flag created."),
                }
            )
        self.env["smec.credit.flag.import.line"].create(lines)
        self.state = "done"
        return self._reopen()

    def _match_partner(self, row, by_code, by_name):
        # a method, not a static one: _() takes the user's language from self
        code = uscc.normalize(str(row["uscc"])) if row["uscc"] else ""
        if code:
            if uscc.validate(code) == uscc.BAD_FORMAT:
                return None, _("%s is not a unified social credit code.", row["uscc"])
            if code in by_code:
                return by_code[code], None
        name = str(row["name"]).strip()
        matches = by_name.get(name)
        if matches and len(matches) == 1:
            return matches, None
        if matches:
            return None, _("Several companies are named %s: give the USCC.", name)
        return None, _("No company with this USCC or name.")


class SmecCreditFlagImportLine(models.TransientModel):
    _name = "smec.credit.flag.import.line"
    _description = "Risk Flag Import Row"
    _order = "row"

    wizard_id = fields.Many2one("smec.credit.flag.import", required=True, ondelete="cascade")
    row = fields.Integer()
    uscc = fields.Char(string="USCC")
    name = fields.Char()
    status = fields.Selection([("created", "Created"), ("matched", "Matched"), ("rejected", "Rejected")])
    message = fields.Char()
    partner_id = fields.Many2one("res.partner")
    flag_id = fields.Many2one("smec.credit.risk.flag")
