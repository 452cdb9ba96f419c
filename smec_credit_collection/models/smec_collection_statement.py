from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

KINDS = {"out_invoice": "invoice", "out_refund": "credit_note", "out_receipt": "invoice"}


class SmecCollectionStatement(models.Model):
    """A statement of account (對賬單) of a customer for a period: the opening
    balance, every receivable movement, the closing balance and its aging, with
    a slip for the customer to sign and return. The figures are fixed when it
    is issued; the returned slip is recorded against it."""

    _name = "smec.collection.statement"
    _description = "Statement of Account"
    # the day the slip came back is evidence (smec.evidence.mixin), the slip the user's to read (smec.reference.mixin)
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "smec.guard.mixin",
        "smec.collection.statement.portal",
        "smec.evidence.mixin",
        "smec.reference.mixin",
    ]
    _smec_evidence_dates = {"returned_date": "slip_attachment_ids"}
    _smec_evidence_manager_group = "smec_credit_collection.group_collection_manager"
    _order = "date_to desc, id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset(
        {
            "opening_balance",
            "closing_balance",
            "portal_signed_by",
            "portal_signed_on",
            "portal_signature",
            "portal_partner_id",
            "signed_attachment_id",
            "signed_hash",
        }
    )
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"confirmed", "disputed"})
    _smec_locked_writable = frozenset({"slip_attachment_ids"})

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one("res.partner", required=True, index=True, domain="[('is_company', '=', True)]")
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True, default=lambda self: fields.Date.context_today(self).replace(month=1, day=1))
    date_to = fields.Date(string="As of", required=True, default=fields.Date.context_today)
    opening_balance = fields.Monetary(readonly=True)
    closing_balance = fields.Monetary(readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("confirmed", "Confirmed"), ("disputed", "Disputed")],
        default="draft",
        required=True,
        tracking=True,
    )
    returned_date = fields.Date(string="Slip Returned On", tracking=True)
    confirmed_amount = fields.Monetary(string="Balance Confirmed by the Customer", tracking=True)
    slip_attachment_ids = fields.Many2many("ir.attachment", string="Signed Slip")
    slip_note = fields.Text(string="Customer's Remarks")
    recipient_partner_to = fields.Char(compute="_compute_recipient_partner_to")

    @api.depends("date_to")
    def _compute_name(self):
        for statement in self:
            statement.name = f"STM/{statement.date_to:%Y%m%d}/{statement.id:05d}" if statement.id else _("New")

    @api.depends("partner_id")
    def _compute_recipient_partner_to(self):
        for statement in self:
            recipients = statement.partner_id._smec_dunning_recipients() if statement.partner_id else None
            statement.recipient_partner_to = ",".join(str(pid) for pid in (recipients or statement.partner_id).ids)

    def _smec_evidence_earliest(self, fname):
        return self.date_to

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        if any(s.date_from > s.date_to for s in self):
            raise ValidationError(_("A statement's period starts before it ends."))

    def _smec_fill_code_fields(self):
        # the balances are read from the books once the statement exists (smec.guard.mixin)
        self._compute_balances()
        return super()._smec_fill_code_fields()

    def write(self, vals):
        res = super().write(vals)
        if {"date_from", "date_to", "partner_id"} & set(vals):
            if any(s.state != "draft" for s in self):
                raise UserError(_("A statement that was sent keeps its period: issue a new one."))
            self._compute_balances()
        return res

    # ------------------------------------------------------------
    # FIGURES
    # ------------------------------------------------------------

    def _movements_sql(self, until, since=None):
        return SQL(
            """
            SELECT aml.id, aml.date, am.name, am.ref, am.move_type, aml.date_maturity, aml.balance
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
              JOIN account_move am ON am.id = aml.move_id
              JOIN res_partner rp ON rp.id = aml.partner_id
             WHERE aml.company_id = %s AND aml.parent_state = 'posted' AND rp.commercial_partner_id = %s
               AND aml.date <= %s AND (%s::date IS NULL OR aml.date >= %s::date)
            """,
            self.company_id.id,
            self.partner_id.commercial_partner_id.id,
            until,
            since,
            since,
        )

    def _compute_balances(self):
        self.env.flush_all()
        for statement in self:
            opening, closing = statement.env.execute_query(
                SQL(
                    "SELECT COALESCE(SUM(balance) FILTER (WHERE date < %s), 0), COALESCE(SUM(balance), 0) FROM (%s) m",
                    statement.date_from,
                    statement._movements_sql(statement.date_to),
                )
            )[0]
            statement.sudo().write({"opening_balance": opening, "closing_balance": closing})

    def _statement_lines(self):
        """The period's movements with their running balance, as the report prints them."""
        self.ensure_one()
        self.env.flush_all()
        kinds = {
            "invoice": _("Invoice"),
            "credit_note": _("Credit note"),
            "payment": _("Payment"),
            "other": _("Other"),
        }
        rows = self.env.execute_query_dict(
            SQL("SELECT * FROM (%s) m ORDER BY date, id", self._movements_sql(self.date_to, self.date_from))
        )
        # the disputed part of each open invoice, shown against its line
        disputed = dict(
            self.env.execute_query(
                SQL(
                    "SELECT line_id, disputed FROM (%s) d",
                    self.env["smec.collection.dispute.line"]._disputed_sql(
                        self.company_id.id, SQL("d.partner_id = %s", self.partner_id.commercial_partner_id.id)
                    ),
                )
            )
        )
        balance = self.opening_balance
        for row in rows:
            row["disputed"] = float(disputed.get(row["id"], 0.0))
            balance += row["balance"]
            kind = KINDS.get(row["move_type"]) or ("payment" if row["balance"] < 0 else "other")
            row.update(
                kind=kinds[kind],
                debit=max(row["balance"], 0.0),
                credit=max(-row["balance"], 0.0),
                running=balance,
            )
        return rows

    def _interest_lines(self):
        """[(invoice, figures)] of the late-payment interest due as of the
        statement's date on the customer's overdue invoices, and the total."""
        self.ensure_one()
        invoices = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", self.date_to),
            ],
            order="invoice_date_due, id",
        )
        interest = self.env["smec.collection.interest"]._interest(invoices, self.date_to)
        lines = [(invoice, interest[invoice.id]) for invoice in invoices if interest.get(invoice.id, {}).get("amount")]
        return lines, sum(figures["amount"] for _invoice, figures in lines)

    def _aging_summary(self):
        """[(bucket label, amount)] of what is open as of the statement's date."""
        self.ensure_one()
        labels = self.company_id._smec_aging_labels()
        rows = self.env["smec.credit.aging"]._aging_by_partner(
            self.company_id, self.date_to, partner_ids=self.partner_id.commercial_partner_id.ids
        )
        amounts = rows.get(self.partner_id.commercial_partner_id.id) or [0.0] * (len(labels) + 1)
        return list(zip(labels, amounts[: len(labels)], strict=True))

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_print(self):
        return self.env.ref("smec_credit_collection.action_report_statement").report_action(self)

    def action_send(self):
        """Odoo's email composer with the statement template and its PDF."""
        self.ensure_one()
        template = self.env.ref("smec_credit_collection.mail_template_statement")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "smec_mark_statement_sent": True,
            },
        }

    def message_post(self, **kwargs):
        if self.env.context.get("smec_mark_statement_sent"):
            self.filtered(lambda s: s.state == "draft")._smec_action_write({"state": "sent"})
        return super().message_post(**kwargs)

    def action_record_slip(self):
        """The customer returned the slip: confirmed when it signs the closing
        balance, disputed (with its remarks) when it signs another amount."""
        for statement in self:
            if statement.state not in ("draft", "sent"):
                raise UserError(_("This statement's slip is already recorded."))
            if not statement.returned_date or not statement.slip_attachment_ids:
                raise UserError(_("Attach the signed slip and the day it came back first."))
            agreed = statement.currency_id.compare_amounts(statement.confirmed_amount, statement.closing_balance) == 0
            statement._smec_action_write({"state": "confirmed" if agreed else "disputed"})
            if agreed:
                statement._smec_record_acknowledgment()
        return True

    def _smec_record_acknowledgment(self):
        """A balance the customer signed acknowledges the debt (Civil Code Art.
        195): the limitation period of each invoice still open in it restarts on
        the day the customer signed."""
        self.ensure_one()
        day = self.returned_date
        invoices = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.company_id.id),
                    ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                    ("payment_state", "in", ("not_paid", "partial", "in_payment")),
                    ("invoice_date", "<=", min(self.date_to, day)),
                ]
            )
        )
        self.env["smec.collection.limitation.event"].sudo().create(
            [{"move_id": m.id, "kind": "confirmation", "date": day, "statement_id": self.id} for m in invoices]
        )
