from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .smec_collection_dispute import OPEN_STATES


class SmecCollectionDisputeLine(models.Model):
    """One disputed invoice of a dispute, with the part of it disputed."""

    _name = "smec.collection.dispute.line"
    _description = "Disputed Invoice"
    # its invoice is the dispute's customer's (smec.credit.customer.invoices)
    _inherit = ["smec.credit.customer.invoices"]
    _smec_invoice_paths = ("move_id",)
    _smec_customer_path = "dispute_id.partner_id"
    _smec_company_path = "dispute_id.company_id"
    _order = "dispute_id, id"
    _check_company_auto = True

    dispute_id = fields.Many2one("smec.collection.dispute", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="dispute_id.company_id", store=True)
    partner_id = fields.Many2one(related="dispute_id.partner_id", store=True, index=True)
    state = fields.Selection(related="dispute_id.state", store=True, index=True)
    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
        check_company=True,
    )
    currency_id = fields.Many2one(related="move_id.currency_id")
    amount = fields.Monetary(string="Disputed Amount", required=True)
    credit_amount = fields.Monetary(
        string="Amount to Credit",
        compute="_compute_credit_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="What a credit note of the dispute credits on the invoice, tax included: the disputed amount, or "
        "the smaller amount the resolution grants.",
    )
    move_residual = fields.Monetary(related="move_id.amount_residual", string="Open Amount")

    _move_unique = models.Constraint("UNIQUE(dispute_id, move_id)", "A dispute lists an invoice once.")

    @api.depends("amount")
    def _compute_credit_amount(self):
        for line in self:
            line.credit_amount = line.amount

    @api.constrains("amount", "credit_amount")
    def _check_credit_amount(self):
        for line in self:
            currency = line.move_id.currency_id
            if currency.compare_amounts(line.credit_amount, 0) <= 0 or (
                currency.compare_amounts(line.credit_amount, line.amount) > 0
            ):
                raise ValidationError(
                    _(
                        "The amount to credit on %(invoice)s is more than zero and at most the %(disputed)s disputed.",
                        invoice=line.move_id.display_name,
                        disputed=currency.format(line.amount),
                    )
                )

    @api.constrains("move_id", "amount", "dispute_id")
    def _check_move(self):
        for line in self:
            dispute, move = line.dispute_id, line.move_id
            if move.currency_id.compare_amounts(line.amount, 0) <= 0:
                raise ValidationError(
                    _("The disputed amount of %(invoice)s is more than zero.", invoice=move.display_name)
                )
            if dispute.state not in OPEN_STATES:
                continue
            disputed = sum(self.search([("move_id", "=", move.id), ("state", "in", OPEN_STATES)]).mapped("amount"))
            if move.currency_id.compare_amounts(disputed, move.amount_residual) > 0:
                raise ValidationError(
                    _(
                        "%(invoice)s has %(open)s open: %(disputed)s cannot be disputed on it.",
                        invoice=move.display_name,
                        open=move.currency_id.format(move.amount_residual),
                        disputed=move.currency_id.format(disputed),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.dispute_id._smec_check_locked({"line_ids": True})
        return lines

    def write(self, vals):
        self.dispute_id._smec_check_locked({"line_ids": True})
        return super().write(vals)

    def unlink(self):
        if not self.env.su and self.dispute_id.filtered(lambda d: d.state not in OPEN_STATES):
            raise AccessError(self.dispute_id[:1]._smec_locked_message())
        return super().unlink()

    @api.model
    def _disputed_sql(self, company_id, partners=None):
        """SQL rows (line_id, partner_id, date_maturity, disputed_currency,
        disputed): the part of each open receivable line under an open dispute,
        in the invoice's currency and the company's. An invoice's disputed
        amount is set against its most overdue instalments first. ``partners``:
        an SQL condition on ``d.partner_id`` (the commercial partner)."""
        return SQL(
            """
            SELECT line_id, partner_id, date_maturity,
                   LEAST(residual_currency, GREATEST(disputed - (running - residual_currency), 0))
                       AS disputed_currency,
                   LEAST(residual_currency, GREATEST(disputed - (running - residual_currency), 0))
                       * residual / NULLIF(residual_currency, 0) AS disputed
              FROM (
                  SELECT aml.id AS line_id, aml.partner_id, aml.date_maturity, d.disputed,
                         aml.amount_residual AS residual, aml.amount_residual_currency AS residual_currency,
                         SUM(aml.amount_residual_currency) OVER (
                             PARTITION BY aml.move_id ORDER BY aml.date_maturity, aml.id) AS running
                    FROM (SELECT d.move_id, SUM(d.amount) AS disputed
                            FROM smec_collection_dispute_line d
                           WHERE d.company_id = %(company)s AND d.state IN %(states)s AND %(partners)s
                           GROUP BY d.move_id) d
                    JOIN account_move_line aml ON aml.move_id = d.move_id
                    JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
                   WHERE NOT aml.reconciled AND aml.amount_residual > 0
              ) allocated
            """,
            company=company_id,
            states=OPEN_STATES,
            partners=partners if partners is not None else SQL("TRUE"),
        )
