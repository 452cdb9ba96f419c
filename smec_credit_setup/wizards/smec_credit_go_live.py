"""What going live would do, the preview of the go-live step (``smec_credit``'s ``smec.credit.go.live``):
the quotations the credit check would hold, with their reasons and amounts; ``smec_credit_collection_setup``
adds the customers by dunning stage, the emails, letters and call tasks the first run would send and the legal
stages it would open. It is a list on screen and an xlsx workbook, worked out when the step opens and again on
request; going live clears it.
"""

import io

import xlsxwriter

from odoo import _, api, fields, models

KINDS = [
    ("order", "Order held"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("call", "Call task"),
    ("legal", "Legal stage"),
]


class SmecCreditGoLive(models.TransientModel):
    _inherit = "smec.credit.go.live"

    line_ids = fields.One2many("smec.credit.go.live.line", "wizard_id", string="What Going Live Would Do")
    order_count = fields.Integer(string="Orders Held", compute="_compute_summary")
    order_amount = fields.Monetary(string="Amount Held", compute="_compute_summary")
    email_count = fields.Integer(string="Emails", compute="_compute_summary")
    letter_count = fields.Integer(string="Letters", compute="_compute_summary")
    call_count = fields.Integer(string="Call Tasks", compute="_compute_summary")
    legal_count = fields.Integer(string="Legal Stages", compute="_compute_summary")
    customer_count = fields.Integer(string="Customers Chased", compute="_compute_summary")

    @api.depends("line_ids.kind", "line_ids.amount", "line_ids.partner_id")
    def _compute_summary(self):
        for wizard in self:
            lines = wizard.line_ids
            orders = lines.filtered(lambda line: line.kind == "order")
            wizard.order_count = len(orders)
            wizard.order_amount = sum(orders.mapped("amount"))
            for kind in ("email", "letter", "call", "legal"):
                wizard[f"{kind}_count"] = len(lines.filtered(lambda line, kind=kind: line.kind == kind))
            wizard.customer_count = len((lines - orders).partner_id)

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._make_lines()
        return wizards

    # ------------------------------------------------------------
    # THE PREVIEW
    # ------------------------------------------------------------

    def action_preview(self):
        """Work the preview out again (after changing a choice, or later in the day)."""
        self._make_lines()
        return self._reopen()

    def _make_lines(self):
        for wizard in self:
            wizard.line_ids.unlink()
            if wizard.company_id._smec_credit_live():
                continue
            lines = wizard._preview_lines()
            self.env["smec.credit.go.live.line"].create(
                [{**line, "wizard_id": wizard.id, "sequence": index} for index, line in enumerate(lines)]
            )

    def _preview_lines(self):
        """[line values] of what going live today would do; other add-ons add theirs (dunning)."""
        self.ensure_one()
        return self._held_order_lines()

    def _held_order_lines(self):
        """The company's quotations the credit check would hold once live, with the reasons and their totals in
        the company's currency (one statement for all of them)."""
        company = self.company_id
        orders = (
            self.env["sale.order"]
            .sudo()
            .search([("company_id", "=", company.id), ("state", "in", ("draft", "sent"))], order="date_order, id")
        )
        held = {order: reasons for order, reasons in orders._smec_credit_gate(lock=False).items() if reasons}
        lines = []
        for order, reasons in held.items():
            lines.append(
                {
                    "kind": "order",
                    "partner_id": order._smec_credit_partner().id,
                    "document": order.name,
                    "amount": order.currency_id._convert(
                        order.amount_total, company.currency_id, company, fields.Date.context_today(self)
                    ),
                    "detail": "\n".join(reason["message"] for reason in reasons),
                }
            )
        return lines

    def action_go_live(self):
        action = super().action_go_live()
        self.line_ids.unlink()
        return action

    # ------------------------------------------------------------
    # XLSX
    # ------------------------------------------------------------

    def action_export_xlsx(self):
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": f"/smec_credit/go_live/{self.id}/xlsx", "target": "self"}

    def _export_filename(self):
        self.ensure_one()
        return _("go-live-preview-%(date)s.xlsx", date=fields.Date.context_today(self))

    def _export_xlsx(self):
        """The preview as a workbook: one row per line, as on the screen."""
        self.ensure_one()
        output = io.BytesIO()
        # every text is written as text: a customer named "=HYPERLINK(...)" is a name
        book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        digits = self.currency_id.decimal_places
        money = book.add_format({"num_format": "#,##0." + "0" * digits if digits else "#,##0"})
        header = book.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet = book.add_worksheet(_("Go-live preview"))
        sheet.write(
            0,
            0,
            _(
                "What going live would do: %(company)s, %(date)s",
                company=self.company_id.name,
                date=fields.Date.context_today(self),
            ),
            book.add_format({"bold": True}),
        )
        Line = self.env["smec.credit.go.live.line"]
        columns = [Line._fields[name]._description_string(self.env) for name in Line._EXPORTED]
        sheet.write_row(2, 0, columns, header)
        sheet.set_column(0, 0, 16)
        sheet.set_column(1, 3, 28)
        sheet.set_column(4, 4, 16)
        sheet.set_column(5, 5, 90)
        kinds = dict(Line._fields["kind"]._description_selection(self.env))
        for row, line in enumerate(self.line_ids.sorted("sequence"), start=3):
            sheet.write_string(row, 0, kinds[line.kind])
            sheet.write_string(row, 1, line.partner_id.display_name or "")
            sheet.write_string(row, 2, line.document or "")
            sheet.write_string(row, 3, line.stage or "")
            sheet.write_number(row, 4, round(line.amount, digits), money)
            sheet.write_string(row, 5, line.detail or "", wrap)
        sheet.freeze_panes(3, 0)
        book.close()
        return output.getvalue()


class SmecCreditGoLiveLine(models.TransientModel):
    _name = "smec.credit.go.live.line"
    _description = "What Going Live Would Do"
    _order = "sequence, id"

    _EXPORTED = ("kind", "partner_id", "document", "stage", "amount", "detail")

    wizard_id = fields.Many2one("smec.credit.go.live", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer()
    kind = fields.Selection(KINDS, string="What", required=True)
    partner_id = fields.Many2one("res.partner", string="Customer")
    document = fields.Char()
    stage = fields.Char(string="Dunning Stage")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    amount = fields.Monetary()
    detail = fields.Text(string="Why")
