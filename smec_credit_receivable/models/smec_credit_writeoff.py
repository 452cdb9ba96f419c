from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

# Accounting Standards for Small Enterprises, Art. 10: when a receivable may be written off.
LOSS_CONDITIONS = [
    ("bankrupt", "Debtor declared bankrupt"),
    ("dissolved", "Debtor closed, dissolved, licence revoked or deregistered, assets insufficient"),
    ("deceased", "Debtor dead or missing, estate insufficient"),
    ("overdue_3y", "Overdue 3 years or more, with conclusive evidence it cannot be paid"),
    ("restructuring", "Not recoverable after debt restructuring"),
    ("force_majeure", "Force majeure"),
]


class SmecCreditWriteoff(models.Model):
    """The write-off of a customer's bad debts, and its recovery.

    CAS 22: Dr allowance / Cr receivable. Small enterprises: Dr non-operating
    expense / Cr receivable, only on an Art. 10 loss condition with evidence.
    The receivable lines are reconciled with the invoices.
    """

    _name = "smec.credit.writeoff"
    _description = "Bad-Debt Write-off"
    # its evidence files are the user's to read (smec.reference.mixin)
    _inherit = ["mail.thread", "smec.credit.decision.mixin", "smec.reference.mixin"]
    # smec.guard.mixin: posted and recovered by the buttons, which book the entries
    _smec_action_fields = frozenset(
        {"state", "move_id", "recovery_move_ids", "recovered_amount", "decided_by_id", "decided_on"}
    )
    _smec_locked_states = frozenset({"posted"})
    _smec_locked_writable = frozenset({"evidence_attachment_ids"})  # filed as it comes
    _order = "date desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    regime = fields.Selection(related="company_id.smec_accounting_regime")
    partner_id = fields.Many2one("res.partner", required=True, index=True, domain="[('is_company', '=', True)]")
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        domain="[('commercial_partner_id', '=', partner_id), ('move_type', '=', 'out_invoice'), "
        "('state', '=', 'posted'), ('payment_state', 'in', ('not_paid', 'partial')), ('company_id', '=', company_id)]",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Amount Written Off")
    loss_condition = fields.Selection(LOSS_CONDITIONS, help="Required under the small-enterprise standard (Art. 10).")
    evidence_attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    reason = fields.Text(required=True)
    state = fields.Selection([("draft", "Draft"), ("posted", "Posted")], default="draft", required=True, tracking=True)
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, copy=False)
    recovery_move_ids = fields.Many2many(
        "account.move", "smec_credit_writeoff_recovery_rel", string="Recoveries", readonly=True, copy=False
    )
    recovered_amount = fields.Monetary(readonly=True)

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for writeoff in self:
            writeoff.display_name = _(
                "Write-off of %(partner)s, %(date)s", partner=writeoff.partner_id.name or "", date=writeoff.date or ""
            )

    @api.depends("invoice_ids.amount_residual_signed", "state")
    def _compute_amount(self):
        for writeoff in self:
            if writeoff.state == "draft":
                writeoff.amount = sum(writeoff.invoice_ids.mapped("amount_residual_signed"))

    def _check_manager(self):
        self._smec_check_decider(_("Only a Credit Manager can write off or recover a bad debt."))

    def action_post(self):
        self._check_manager()
        for writeoff in self:
            writeoff._check_can_post()
            move = self.env["account.move"].sudo().create(writeoff._prepare_move_values())
            move.action_post()
            receivables = (writeoff.invoice_ids.line_ids | move.line_ids).filtered(
                lambda line: line.account_id.account_type == "asset_receivable" and not line.reconciled
            )
            receivables.sudo().reconcile()
            writeoff._smec_decide({"move_id": move.id, "state": "posted"})
        return True

    def _check_can_post(self):
        self.ensure_one()
        company = self.company_id
        if self.state != "draft":
            raise UserError(_("This write-off is already posted."))
        if not self.invoice_ids or self.currency_id.is_zero(self.amount):
            raise UserError(_("Choose the open invoices to write off."))
        if self.invoice_ids.commercial_partner_id != self.partner_id:
            raise UserError(_("Write off invoices of %s only.", self.partner_id.name))
        account = "smec_allowance_account_id" if self.regime == "cas22" else "smec_writeoff_account_id"
        if not company[account] or not company.smec_provision_journal_id:
            raise UserError(
                _(
                    "Set the %s and the provision journal in the Credit settings first.",
                    company._fields[account]._description_string(self.env).lower(),
                )
            )
        if self.date <= company._get_user_fiscal_lock_date(company.smec_provision_journal_id):
            raise UserError(_("The period of %s is locked: choose a later date for the write-off.", self.date))
        if self.regime == "small" and (not self.loss_condition or not self.evidence_attachment_ids):
            raise UserError(
                _(
                    "Small enterprises write a debt off only on a loss condition of Art. 10 of the standard, "
                    "with its evidence: choose the condition and attach the evidence."
                )
            )

    def _prepare_move_values(self):
        self.ensure_one()
        company = self.company_id
        debit_account = (
            company.smec_allowance_account_id if self.regime == "cas22" else company.smec_writeoff_account_id
        )
        lines = [
            Command.create(
                {
                    "account_id": debit_account.id,
                    "partner_id": self.partner_id.id,
                    "name": _("Bad debt written off"),
                    "debit": self.amount,
                    "credit": 0.0,
                }
            )
        ]
        for invoice in self.invoice_ids:
            receivable = invoice.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
            lines.append(
                Command.create(
                    {
                        "account_id": receivable[:1].account_id.id,
                        "partner_id": self.partner_id.id,
                        "name": _("Write-off of %s", invoice.name),
                        "debit": 0.0,
                        "credit": invoice.amount_residual_signed,
                    }
                )
            )
        return {
            "move_type": "entry",
            "journal_id": company.smec_provision_journal_id.id,
            "company_id": company.id,
            "date": self.date,
            "ref": _("Bad-debt write-off: %s", self.partner_id.name),
            "line_ids": lines,
        }

    def action_recover(self, amount, date=None):
        """A written-off debt is paid after all: reinstate the receivable for
        ``amount`` (to be matched with the payment) against the allowance (CAS 22)
        or a non-operating income (small enterprises)."""
        self._check_manager()
        self.ensure_one()
        company = self.company_id
        if self.state != "posted":
            raise UserError(_("Only a posted write-off can be recovered."))
        if amount <= 0 or self.currency_id.compare_amounts(self.recovered_amount + amount, self.amount) > 0:
            raise UserError(
                _(
                    "A recovery is positive and at most what was written off (%s).",
                    self.currency_id.format(self.amount - self.recovered_amount),
                )
            )
        credit_account = (
            company.smec_allowance_account_id if self.regime == "cas22" else company.smec_recovery_account_id
        )
        if not credit_account:
            raise UserError(_("Set the recovery income account in the Credit settings first."))
        receivable = self.move_id.line_ids.filtered(lambda line: line.account_id.account_type == "asset_receivable")
        move = (
            self.env["account.move"]
            .sudo()
            .create(
                {
                    "move_type": "entry",
                    "journal_id": company.smec_provision_journal_id.id,
                    "company_id": company.id,
                    "date": date or fields.Date.context_today(self),
                    "ref": _("Recovery of a written-off debt: %s", self.partner_id.name),
                    "line_ids": [
                        Command.create(
                            {
                                "account_id": receivable[:1].account_id.id,
                                "partner_id": self.partner_id.id,
                                "name": _("Written-off debt reinstated"),
                                "debit": amount,
                                "credit": 0.0,
                            }
                        ),
                        Command.create(
                            {
                                "account_id": credit_account.id,
                                "partner_id": self.partner_id.id,
                                "name": _("Recovery of a written-off debt"),
                                "debit": 0.0,
                                "credit": amount,
                            }
                        ),
                    ],
                }
            )
        )
        move.action_post()
        self._smec_action_write(
            {"recovery_move_ids": [Command.link(move.id)], "recovered_amount": self.recovered_amount + amount}
        )
        return move
