from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SmecCollectionDispute(models.Model):
    """A dispute (quality, quantity, price...) that pauses collection of its invoices."""

    _name = "smec.collection.dispute"
    _description = "Collection Dispute"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

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

    def action_resolve(self):
        if any(not d.resolution for d in self):
            raise UserError(_("Write how the dispute was resolved first."))
        self.write({"state": "resolved"})
        return True
