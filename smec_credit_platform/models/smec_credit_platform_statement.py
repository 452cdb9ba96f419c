"""A marketplace platform's settlement statement, imported and reconciled.

The statement (CSV or xlsx, one row per order: order, gross, commission, fees,
net) is read into lines, each checked against the platform's open invoices and
reported. Only a statement whose every row is good is reconciled, in one
journal entry: the net received on the bank journal's outstanding receipts,
the commission and fees on the platform's fees account, and one receivable
credit per order reconciled with that order's invoice to the cent. An order
paid after the day the platform's cycle promised is flagged late, one paid less
than its invoice is flagged short; what is left open stays on the platform and
is aged like any receivable.
"""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

COLUMNS = ("order", "gross", "commission", "fees", "net", "currency")
# what the check reads: changed after it, the statement is to check again (its rows were checked against them)
CHECKED_FIELDS = frozenset({"platform_id", "company_id", "date", "file", "filename"})


class SmecCreditPlatformStatement(models.Model):
    _name = "smec.credit.platform.statement"
    _inherit = ["smec.credit.table.import", "mail.thread", "smec.guard.mixin"]
    _description = "Platform Settlement Statement"
    _order = "date desc, id desc"
    _smec_columns = COLUMNS
    _check_company_auto = True

    # smec.guard.mixin: checked and reconciled by the buttons, kept once reconciled
    _smec_action_fields = frozenset({"state", "move_id"})
    _smec_locked_states = frozenset({"reconciled"})

    name = fields.Char(string="Reference", required=True, default=lambda self: _("New statement"), tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    platform_id = fields.Many2one(
        "res.partner", required=True, domain="[('smec_is_platform', '=', True)]", tracking=True, index=True
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Received On",
        required=True,
        check_company=True,
        domain="[('type', '=', 'bank')]",
        help="The bank journal the platform pays into.",
    )
    date = fields.Date(string="Settled On", required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many("smec.credit.platform.statement.line", "statement_id", string="Rows", readonly=True)
    state = fields.Selection(
        [("draft", "To check"), ("checked", "Checked"), ("reconciled", "Reconciled")],
        default="draft",
        required=True,
        tracking=True,
    )
    move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True, copy=False)
    gross = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    commission = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    fees = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    net = fields.Monetary(compute="_compute_totals", currency_field="currency_id")
    rejected_count = fields.Integer(compute="_compute_totals")
    flagged_count = fields.Integer(string="Late Or Short", compute="_compute_totals")

    @api.depends("line_ids.gross", "line_ids.commission", "line_ids.fees", "line_ids.net", "line_ids.status")
    def _compute_totals(self):
        for statement in self:
            lines = statement.line_ids
            good = lines.filtered(lambda line: line.status != "rejected")
            statement.gross = sum(good.mapped("gross"))
            statement.commission = sum(good.mapped("commission"))
            statement.fees = sum(good.mapped("fees"))
            statement.net = sum(good.mapped("net"))
            statement.rejected_count = len(lines) - len(good)
            statement.flagged_count = len(good.filtered(lambda line: line.status != "ok"))

    def write(self, vals):
        result = super().write(vals)
        if CHECKED_FIELDS & vals.keys():
            checked = self.filtered(lambda s: s.state == "checked")
            if checked:
                checked.line_ids.sudo().unlink()
                checked.sudo().state = "draft"
                for statement in checked:
                    statement.message_post(body=_("Changed after its check: check it again before reconciling."))
        return result

    def unlink(self):
        if any(statement.state == "reconciled" for statement in self):
            raise UserError(_("A reconciled settlement is kept: reverse its journal entry instead."))
        return super().unlink()

    def _smec_check_header(self, header):
        missing = [col for col in ("order", "gross", "net") if col not in header]
        if missing:
            raise UserError(
                _(
                    "The first row must name the columns; missing: %(missing)s (expected: %(columns)s).",
                    missing=", ".join(missing),
                    columns=", ".join(COLUMNS),
                )
            )

    def _check_accountant(self):
        if not self.env.su and not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only accounting users import and reconcile platform settlements."))

    # ------------------------------------------------------------
    # CHECK: every row against the platform's open invoices
    # ------------------------------------------------------------

    def action_check(self):
        self._check_accountant()
        for statement in self:
            if statement.state == "reconciled":
                raise UserError(_("%s is reconciled: import a new statement.", statement.name))
            rows = statement._read_rows()
            statement.line_ids.sudo().unlink()
            self.env["smec.credit.platform.statement.line"].sudo().create(statement._check_rows(rows))
            statement.sudo().state = "checked"
        return True

    def _invoices_by_order(self, refs):
        """{order number: invoice} of the platform's posted customer invoices quoting these order numbers."""
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", self.platform_id.commercial_partner_id.id),
                "|",
                ("smec_platform_order_ref", "in", list(refs)),
                ("invoice_origin", "in", list(refs)),
            ]
        )
        result = {}
        for invoice in invoices:
            for ref in (invoice.smec_platform_order_ref, invoice.invoice_origin):
                if ref in refs:
                    result.setdefault(ref, invoice)
        return result

    def _check_rows(self, rows):
        """[line values] of the rows, each with its status and message."""
        currency = self.company_id.currency_id
        refs = [str(row["order"]).strip() for _number, row in rows]
        invoices = self._invoices_by_order({ref for ref in refs if ref})
        first_row = {}
        lines = []
        for (number, row), ref in zip(rows, refs, strict=True):
            amounts = {col: self._parse_number(row[col]) for col in ("gross", "commission", "fees", "net")}
            line = {
                "statement_id": self.id,
                "row": number,
                "order_ref": ref,
                **{col: value or 0.0 for col, value in amounts.items()},
            }
            error = None
            invoice = invoices.get(ref)
            row_currency = str(row["currency"] or "").strip().upper()
            if not ref:
                error = _("No order number.")
            elif ref in first_row:
                error = _(
                    "Order %(order)s appears twice in the file (rows %(first)s and %(row)s).",
                    order=ref,
                    first=first_row[ref],
                    row=number,
                )
            elif (
                amounts["gross"] is None
                or amounts["net"] is None
                or any(amounts[col] is None and str(row[col]).strip() for col in ("commission", "fees"))
            ):
                error = _("Unreadable amounts: gross and net are numbers, commission and fees numbers or empty.")
            elif any(value < 0 for value in amounts.values() if value):
                error = _("Amounts cannot be negative: a refund is settled with its credit note, not here.")
            elif row_currency and row_currency != currency.name:
                error = _(
                    "In %(row)s: the statement is in %(currency)s; import each currency's statement apart.",
                    row=row_currency,
                    currency=currency.name,
                )
            elif not currency.is_zero(
                amounts["gross"] - (amounts["commission"] or 0.0) - (amounts["fees"] or 0.0) - amounts["net"]
            ):
                error = _("The net %(net)s is not the gross less commission and fees.", net=amounts["net"])
            elif not invoice:
                error = _(
                    "No posted invoice of %(platform)s for order %(order)s.", platform=self.platform_id.name, order=ref
                )
            elif invoice.currency_id != currency:
                error = _(
                    "%(invoice)s is in %(currency)s: import that currency's statement apart.",
                    invoice=invoice.name,
                    currency=invoice.currency_id.name,
                )
            elif currency.is_zero(invoice.amount_residual):
                error = _("%(invoice)s (order %(order)s) is already settled.", invoice=invoice.name, order=ref)
            elif float_compare(amounts["gross"], invoice.amount_residual, precision_rounding=currency.rounding) > 0:
                error = _(
                    "Gross %(gross)s is more than the %(open)s still open on %(invoice)s.",
                    gross=amounts["gross"],
                    open=invoice.amount_residual,
                    invoice=invoice.name,
                )
            first_row.setdefault(ref, number)
            if error:
                lines.append(
                    {**line, "status": "rejected", "message": error, "move_id": invoice.id if invoice else False}
                )
                continue
            short = currency.round(invoice.amount_residual - amounts["gross"])
            late = (self.date - invoice.invoice_date_due).days if invoice.invoice_date_due else 0
            status = {(False, False): "ok", (True, False): "late", (False, True): "short", (True, True): "late_short"}[
                (late > 0, not float_is_zero(short, precision_rounding=currency.rounding))
            ]
            notes = []
            if late > 0:
                notes.append(_("%(days)s days late (due %(date)s)", days=late, date=invoice.invoice_date_due))
            if status in ("short", "late_short"):
                notes.append(_("short by %(amount)s", amount=currency.format(short)))
            lines.append(
                {
                    **line,
                    "move_id": invoice.id,
                    "expected_date": invoice.invoice_date_due,
                    "days_late": max(late, 0),
                    "short_amount": short,
                    "status": status,
                    "message": "; ".join(notes) or _("Settled as expected."),
                }
            )
        return lines

    # ------------------------------------------------------------
    # RECONCILE: one entry, each order to the cent
    # ------------------------------------------------------------

    def _receipts_account(self):
        """Where the net received is booked: the bank journal's outstanding receipts, as its payments are (matched
        with the bank statement line later), else its bank account, as Odoo books a payment without one."""
        journal = self.journal_id
        method = journal.inbound_payment_method_line_ids.filtered("payment_account_id")[:1]
        return method.payment_account_id or journal.default_account_id

    def action_reconcile(self):
        self._check_accountant()
        for statement in self:
            if statement.state != "checked" or not statement.line_ids:
                raise UserError(_("Check %s before reconciling it.", statement.name))
            if statement.rejected_count:
                raise UserError(
                    _(
                        "%(count)s rows of %(name)s are refused (see their messages): correct the file and check it "
                        "again. Nothing was written.",
                        count=statement.rejected_count,
                        name=statement.name,
                    )
                )
            statement._reconcile()
        return True

    def _reconcile(self):
        self.ensure_one()
        platform = self.platform_id.commercial_partner_id
        fee_account = platform.with_company(self.company_id).smec_platform_fee_account_id
        if not fee_account and (self.commission or self.fees):
            raise UserError(
                _("Set the platform fees account of %s (its Sales & Purchase tab) before reconciling.", platform.name)
            )
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.company_id.id)], limit=1
        )
        if not journal:
            raise UserError(_("%s has no miscellaneous journal to book the settlement in.", self.company_id.name))
        receipts = self._receipts_account()
        label = _("Settlement %(name)s of %(platform)s", name=self.name, platform=platform.name)
        receivables = {
            line: line.move_id.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable" and not ml.reconciled)
            for line in self.line_ids
        }
        move_lines = [
            Command.create({"name": label, "account_id": receipts.id, "partner_id": platform.id, "debit": self.net}),
        ]
        if self.commission or self.fees:
            move_lines.append(
                Command.create(
                    {
                        "name": _("%(label)s: commission and fees", label=label),
                        "account_id": fee_account.id,
                        "partner_id": platform.id,
                        "debit": self.commission + self.fees,
                    }
                )
            )
        move_lines += [
            Command.create(
                {
                    "name": self.env._("Order %s", line.order_ref),
                    "account_id": receivables[line][:1].account_id.id,
                    "partner_id": platform.id,
                    "credit": line.gross,
                    "smec_platform_statement_line_id": line.id,
                }
            )
            for line in self.line_ids
        ]
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "company_id": self.company_id.id,
                    "date": self.date,
                    "ref": label,
                    "line_ids": move_lines,
                }
            )
        )
        move.action_post()
        for line in self.line_ids:
            credit = move.line_ids.filtered(lambda ml, line=line: ml.smec_platform_statement_line_id == line)
            (receivables[line] | credit).reconcile()
            if line.status != "ok":
                line.move_id.sudo().write(
                    {"smec_settlement_flag": line.status, "smec_settlement_note": f"{self.name}: {line.message}"}
                )
        self.sudo().write({"state": "reconciled", "move_id": move.id})
        self.message_post(
            body=_(
                "Reconciled %(count)s orders in %(move)s: %(net)s received, %(fees)s of commission and fees, "
                "%(flagged)s late or short.",
                count=len(self.line_ids),
                move=move.name,
                net=self.currency_id.format(self.net),
                fees=self.currency_id.format(self.commission + self.fees),
                flagged=self.flagged_count,
            )
        )


class SmecCreditPlatformStatementLine(models.Model):
    _name = "smec.credit.platform.statement.line"
    _description = "Platform Settlement Row"
    _order = "statement_id, row"

    statement_id = fields.Many2one("smec.credit.platform.statement", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    currency_id = fields.Many2one(related="statement_id.currency_id")
    row = fields.Integer()
    order_ref = fields.Char(string="Order")
    move_id = fields.Many2one("account.move", string="Invoice")
    gross = fields.Monetary()
    commission = fields.Monetary()
    fees = fields.Monetary()
    net = fields.Monetary()
    expected_date = fields.Date(string="Expected On")
    days_late = fields.Integer()
    short_amount = fields.Monetary(string="Short By")
    status = fields.Selection(
        [
            ("ok", "As expected"),
            ("late", "Late"),
            ("short", "Short"),
            ("late_short", "Late and short"),
            ("rejected", "Refused"),
        ]
    )
    message = fields.Char()


class AccountMoveLinePlatform(models.Model):
    _inherit = "account.move.line"

    # set by the statement's reconciliation only (smec.guard.mixin)
    _smec_code_fields = frozenset({"smec_platform_statement_line_id"})

    smec_platform_statement_line_id = fields.Many2one(
        "smec.credit.platform.statement.line",
        string="Settlement Row",
        readonly=True,
        index="btree_not_null",
        copy=False,
    )
