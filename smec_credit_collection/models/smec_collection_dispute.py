from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class SmecCollectionDispute(models.Model):
    """A dispute (quality, quantity, price...) that pauses collection of its invoices."""

    _name = "smec.collection.dispute"
    _description = "Collection Dispute"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: the amount follows the invoices, the state the buttons
    _smec_code_fields = frozenset({"amount"})
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"resolved", "cancelled"})

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, domain="[('is_company', '=', True)]"
    )
    invoice_ids = fields.Many2many(
        "account.move",
        string="Disputed Invoices",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
        check_company=True,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Disputed Amount")
    reason = fields.Selection(
        [("quality", "Quality"), ("quantity", "Quantity / delivery"), ("price", "Price"), ("other", "Other")],
        required=True,
        default="quality",
    )
    description = fields.Text()
    date = fields.Date(default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [("open", "Open"), ("resolved", "Resolved"), ("cancelled", "Cancelled")],
        default="open",
        required=True,
        tracking=True,
    )
    resolution = fields.Text()

    @api.depends("invoice_ids.amount_residual_signed")
    def _compute_amount(self):
        for dispute in self:
            dispute.amount = sum(dispute.invoice_ids.mapped("amount_residual_signed"))

    @api.constrains("invoice_ids", "partner_id", "company_id")
    def _check_invoices(self):
        """Only the customer's own posted invoices of the company can be disputed,
        however the dispute is written (the form's domain is only a help)."""
        for dispute in self:
            partner, company = dispute.partner_id.commercial_partner_id, dispute.company_id
            foreign = dispute.invoice_ids.filtered(
                lambda m, partner=partner, company=company: (
                    m.move_type != "out_invoice"
                    or m.state != "posted"
                    or m.commercial_partner_id != partner
                    or m.company_id != company
                )
            )
            if foreign:
                raise ValidationError(
                    _(
                        "A dispute of %(partner)s can only list its own posted invoices: %(invoices)s cannot be "
                        "disputed here.",
                        partner=dispute.partner_id.display_name,
                        invoices=", ".join(foreign.mapped("display_name")),
                    )
                )

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        if any(d.state == "resolved" and not (d.resolution or "").strip() for d in self):
            raise ValidationError(_("A resolved dispute says how it was resolved."))

    def _smec_locked_message(self):
        return _("This dispute is closed: open a new one if the customer disputes again.")

    def action_resolve(self):
        if any(d.state != "open" for d in self):
            raise UserError(_("Only an open dispute can be resolved."))
        if any(not (d.resolution or "").strip() for d in self):
            raise UserError(_("Write how the dispute was resolved first."))
        self._smec_action_write({"state": "resolved"})
        return True

    def action_cancel(self):
        if any(d.state != "open" for d in self):
            raise UserError(_("Only an open dispute can be cancelled."))
        self._smec_action_write({"state": "cancelled"})
        return True
