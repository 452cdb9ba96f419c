from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

REASONS = [
    ("quality", "Quality"),
    ("quantity", "Quantity"),
    ("price", "Price"),
    ("delivery", "Delivery"),
    ("other", "Other"),
]
RESOLUTIONS = [
    ("credit_note", "Credit note"),
    ("replacement", "Replacement"),
    ("discount", "Discount"),
    ("withdrawn", "Withdrawn by the customer"),
]
# the resolutions that need their Odoo document before the dispute can close
REFUND_RESOLUTIONS = ("credit_note", "discount")
OPEN_STATES = ("open", "negotiation")


class SmecCollectionDispute(models.Model):
    """A customer disputes one or more invoices, or part of them. While the
    dispute is open or in negotiation, the disputed part leaves dunning and the
    overdue hold of the order gate; the undisputed rest is still chased. It is
    resolved by the Odoo document its resolution names (a credit note through
    Odoo's own reversal, a replacement order) or rejected."""

    _name = "smec.collection.dispute"
    _description = "Collection Dispute"
    # the invoices it disputes are its customer's (smec.credit.customer.invoices); the files it names, readable
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "smec.guard.mixin",
        "smec.credit.customer.invoices",
        "smec.reference.mixin",
    ]
    _order = "date desc, id desc"
    _smec_invoice_paths = ("line_ids.move_id",)
    _check_company_auto = True

    # smec.guard.mixin: the amount follows the lines, the state the buttons
    _smec_code_fields = frozenset({"amount", "replacement_order_id"})
    _smec_action_fields = frozenset({"state", "date_closed"})
    _smec_locked_states = frozenset({"resolved", "rejected", "cancelled"})

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, domain="[('is_company', '=', True)]"
    )
    user_id = fields.Many2one(
        "res.users", string="Owner", default=lambda self: self.env.user, tracking=True, domain="[('share', '=', False)]"
    )
    line_ids = fields.One2many("smec.collection.dispute.line", "dispute_id", string="Disputed Invoices")
    invoice_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        compute="_compute_invoice_ids",
        inverse="_inverse_invoice_ids",
        help="Adding an invoice here disputes its whole open amount; set a smaller amount on its line for a part.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(compute="_compute_amount", store=True, string="Disputed Amount")
    reason = fields.Selection(REASONS, required=True, default="quality", tracking=True)
    description = fields.Text(string="What the Customer Says")
    notes = fields.Html(string="Negotiation Notes")
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    date = fields.Date(default=fields.Date.context_today, required=True)
    date_closed = fields.Date(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("open", "Open"),
            ("negotiation", "In negotiation"),
            ("resolved", "Resolved"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        default="open",
        required=True,
        tracking=True,
    )
    resolution = fields.Selection(RESOLUTIONS, tracking=True)
    resolution_note = fields.Text(string="How It Ended")
    refund_ids = fields.One2many("account.move", "smec_dispute_id", string="Credit Notes", readonly=True)
    replacement_order_id = fields.Many2one("sale.order", readonly=True, copy=False)

    @api.depends("line_ids.amount")
    def _compute_amount(self):
        for dispute in self:
            dispute.amount = sum(dispute.line_ids.mapped("amount"))

    @api.depends("line_ids.move_id")
    def _compute_invoice_ids(self):
        for dispute in self:
            dispute.invoice_ids = dispute.line_ids.move_id

    def _inverse_invoice_ids(self):
        for dispute in self:
            lines = dispute.line_ids
            commands = [Command.unlink(line.id) for line in lines if line.move_id not in dispute.invoice_ids]
            commands += [
                Command.create({"move_id": move.id, "amount": move.amount_residual})
                for move in dispute.invoice_ids - lines.move_id
            ]
            if commands:
                dispute.line_ids = commands

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        if any(d.state == "resolved" and not d.resolution for d in self):
            raise ValidationError(_("A resolved dispute says how it was resolved."))

    def _smec_locked_message(self):
        return _("This dispute is closed: open a new one if the customer disputes again.")

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_state(self, states, message):
        if any(d.state not in states for d in self):
            raise UserError(message)

    def action_negotiate(self):
        self._check_state(("open",), _("Only an open dispute goes into negotiation."))
        self._smec_action_write({"state": "negotiation"})
        return True

    def action_create_credit_note(self):
        """Odoo's own reversal of the disputed invoices; the credit notes it
        creates are this dispute's (a discount is a credit note for less)."""
        self.ensure_one()
        self._check_state(OPEN_STATES, _("Only an open dispute gets a credit note."))
        if not self.line_ids:
            raise UserError(_("List the disputed invoices first."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Credit Note"),
            "res_model": "account.move.reversal",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move",
                "active_ids": self.line_ids.move_id.ids,
                "default_reason": self.name,
                "smec_dispute_id": self.id,
            },
        }

    def action_create_replacement(self):
        """A draft order replacing the disputed goods free of charge, for the
        salesperson to confirm and deliver."""
        self.ensure_one()
        self._check_state(OPEN_STATES, _("Only an open dispute gets a replacement."))
        if self.replacement_order_id and self.replacement_order_id.state != "cancel":
            raise UserError(_("This dispute already has its replacement order."))
        products = self.line_ids.move_id.invoice_line_ids.filtered(lambda line: line.product_id)
        if not products:
            raise UserError(_("The disputed invoices have no products to replace."))
        self.check_access("write")
        # the collector who handles the dispute asks for it; the order is the customer's salesperson's, who
        # confirms and delivers it (a collector may have no sales rights: the order is written on their behalf)
        salesperson = self.partner_id.user_id or self.env.user
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "company_id": self.company_id.id,
                    "user_id": salesperson.id,
                    "origin": self.name,
                    "client_order_ref": _("Replacement, dispute %(name)s", name=self.name),
                    "order_line": [
                        Command.create(
                            {"product_id": line.product_id.id, "product_uom_qty": line.quantity, "price_unit": 0.0}
                        )
                        for line in products
                    ],
                }
            )
        )
        self.sudo().replacement_order_id = order
        if salesperson != self.env.user:
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=salesperson.id,
                summary=_("Confirm and deliver the replacement of dispute %(name)s", name=self.name),
            )
        if not order.with_env(self.env).has_access("read"):
            return True
        return {"type": "ir.actions.act_window", "res_model": "sale.order", "res_id": order.id, "view_mode": "form"}

    def action_resolve(self):
        self._check_state(OPEN_STATES, _("Only an open dispute can be resolved."))
        for dispute in self:
            if not dispute.resolution:
                raise UserError(_("Choose how the dispute was resolved first."))
            dispute._check_resolution_document()
        self._smec_action_write({"state": "resolved", "date_closed": fields.Date.context_today(self)})
        return True

    def _check_resolution_document(self):
        self.ensure_one()
        if self.resolution in REFUND_RESOLUTIONS and not self.refund_ids.filtered(lambda m: m.state == "posted"):
            raise UserError(
                _(
                    "A %(resolution)s needs its posted credit note: create it with the Credit Note button.",
                    resolution=dict(RESOLUTIONS)[self.resolution].lower(),
                )
            )
        if self.resolution == "replacement" and (
            not self.replacement_order_id or self.replacement_order_id.state == "cancel"
        ):
            raise UserError(_("A replacement needs its order: create it with the Replacement button."))

    def action_reject(self):
        """The claim stands: the disputed part is chased again."""
        self._check_state(OPEN_STATES, _("Only an open dispute can be rejected."))
        if any(not (d.resolution_note or "").strip() for d in self):
            raise UserError(_("Write why the dispute is rejected first: the customer will be told."))
        self._smec_action_write({"state": "rejected", "date_closed": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self._check_state(("open",), _("Only an open dispute can be cancelled."))
        self._smec_action_write({"state": "cancelled", "date_closed": fields.Date.context_today(self)})
        return True
