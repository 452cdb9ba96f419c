"""The legal file of a customer: what is claimed, who acts, what it costs,
what proves it, whether a payment order (支付令) can be applied for, and when
each claim expires. Opened by the legal-preparation stage of dunning or by a
Collection Manager; only a Collection Manager moves it on or closes it."""

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

STATES = [
    ("preparing", "Preparing"),
    ("letter_sent", "Lawyer's letter sent"),
    ("order_filed", "Payment order filed"),
    ("suit_filed", "Suit filed"),
    ("judgment", "Judgment"),
    ("enforced", "Enforced"),
    ("closed", "Closed"),
]
# the states in which the claim was filed with a court: a restart of the limitation period
FILED_STATES = ("order_filed", "suit_filed")


class SmecCollectionLegalFile(models.Model):
    _name = "smec.collection.legal.file"
    _description = "Legal File"
    # the invoices it claims are its customer's (smec.credit.customer.invoices)
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "smec.guard.mixin",
        "smec.collection.legal.evidence.mixin",
        "smec.credit.customer.invoices",
    ]
    _order = "id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset({"name", "date_filed", "date_closed"})
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"closed"})

    name = fields.Char(readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, domain="[('is_company', '=', True)]"
    )
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, domain="[('share', '=', False)]"
    )
    lawyer_id = fields.Many2one(
        "res.partner",
        string="Lawyer or Law Firm",
        tracking=True,
        compute="_compute_lawyer_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    invoice_ids = fields.Many2many(
        "account.move",
        "smec_collection_legal_file_invoice_rel",
        "file_id",
        "move_id",
        string="Invoices Claimed",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted'), "
        "('commercial_partner_id', '=', partner_id), ('company_id', '=', company_id)]",
        check_company=True,
    )
    amount = fields.Monetary(string="Amount Claimed", compute="_compute_figures")
    interest = fields.Monetary(string="Late-Payment Interest Today", compute="_compute_figures")
    cost_ids = fields.One2many("smec.collection.legal.cost", "file_id", string="Costs")
    cost_total = fields.Monetary(string="Total Costs", compute="_compute_figures")
    expiry_date = fields.Date(
        string="First Claim Expires On",
        compute="_compute_figures",
        help="The earliest limitation expiry of the invoices claimed.",
    )
    expired_count = fields.Integer(string="Expired Claims", compute="_compute_figures")
    state = fields.Selection(STATES, default="preparing", required=True, tracking=True)
    date_filed = fields.Date(readonly=True, copy=False)
    date_closed = fields.Date(readonly=True, copy=False)
    contact_id = fields.Many2one("smec.collection.contact", string="Opened by Dunning", readonly=True)
    payment_order_ready = fields.Boolean(compute="_compute_payment_order")
    payment_order_check = fields.Text(string="Payment Order Conditions", compute="_compute_payment_order")
    payment_order_facts = fields.Text(string="Facts of the Application", compute="_compute_payment_order")
    note = fields.Html()

    @api.depends("company_id")
    def _compute_lawyer_id(self):
        """The company's law firm, unless the file names another."""
        for legal in self:
            if not legal.lawyer_id:
                legal.lawyer_id = legal.company_id.smec_lawyer_id

    @api.depends("invoice_ids.amount_residual_signed", "invoice_ids.smec_limitation_expiry", "cost_ids.amount")
    def _compute_figures(self):
        today = fields.Date.context_today(self)
        for legal in self:
            invoices = legal.invoice_ids.filtered(lambda m: m.amount_residual_signed > 0)
            interest = self.env["smec.collection.interest"]._interest(invoices, today) if invoices else {}
            legal.amount = sum(invoices.mapped("amount_residual_signed"))
            legal.interest = sum(figures["amount"] for figures in interest.values())
            legal.cost_total = sum(legal.cost_ids.mapped("amount"))
            expiries = invoices.mapped("smec_limitation_expiry")
            legal.expiry_date = min(expiries) if expiries else False
            legal.expired_count = len([d for d in expiries if d < today])

    @api.depends("invoice_ids", "partner_id.country_id", "partner_id.street", "partner_id.city")
    def _compute_payment_order(self):
        for legal in self:
            conditions = legal._payment_order_conditions() if legal.partner_id else []
            legal.payment_order_ready = bool(conditions) and all(met for _key, met, _label in conditions)
            legal.payment_order_check = "\n".join(("✔ " if met else "✘ ") + label for _key, met, label in conditions)
            legal.payment_order_facts = legal._payment_order_facts() if legal.partner_id else False

    def _smec_fill_code_fields(self):
        # numbered once it exists, in its company's sequence (smec.guard.mixin)
        for legal in self:
            legal.sudo().name = (
                self.env["ir.sequence"].with_company(legal.company_id).next_by_code("smec.collection.legal.file")
            )
        return super()._smec_fill_code_fields()

    def _smec_locked_message(self):
        return _("This legal file is closed.")

    @api.model
    def _open_for(self, contact):
        """The customer's open legal file, or a new one with the invoices the
        legal-preparation contact listed."""
        legal = self.sudo().search(
            [
                ("company_id", "=", contact.company_id.id),
                ("partner_id", "=", contact.partner_id.id),
                ("state", "!=", "closed"),
            ],
            limit=1,
        )
        invoices = contact.line_ids.move_id
        if legal:
            legal.invoice_ids = [Command.link(m.id) for m in invoices]
            return legal
        return self.sudo().create(
            {
                "company_id": contact.company_id.id,
                "partner_id": contact.partner_id.id,
                "user_id": contact._responsible(manager=True).id,
                "invoice_ids": [Command.set(invoices.ids)],
                "contact_id": contact.id,
            }
        )

    # ------------------------------------------------------------
    # ACTIONS: a Collection Manager's only
    # ------------------------------------------------------------

    def _check_manager(self):
        if not self.env.user.has_group("smec_credit_collection.group_collection_manager"):
            raise AccessError(_("Only a Collection Manager decides the legal steps of a file."))
        self.check_access("write")

    def _move_to(self, state, allowed):
        self._check_manager()
        if any(legal.state not in allowed for legal in self):
            label = dict(STATES)[state]
            raise UserError(_("The file cannot go to “%(state)s” from where it is.", state=label))
        vals = {"state": state}
        today = fields.Date.context_today(self)
        if state in FILED_STATES:
            vals["date_filed"] = today
        if state == "closed":
            vals["date_closed"] = today
        self._smec_action_write(vals)
        if state in FILED_STATES:
            self._record_filing(today)
        return True

    def action_lawyer_letter_sent(self):
        self._check_manager()
        if any(not legal.lawyer_id for legal in self):
            raise UserError(_("Name the lawyer or law firm who sent the letter first."))
        return self._move_to("letter_sent", ("preparing",))

    def action_file_payment_order(self):
        self._check_manager()
        for legal in self:
            missing = [label for _key, met, label in legal._payment_order_conditions() if not met]
            if missing:
                raise UserError(_("A payment order cannot be applied for yet: %(missing)s", missing="; ".join(missing)))
        return self._move_to("order_filed", ("preparing", "letter_sent"))

    def action_file_suit(self):
        return self._move_to("suit_filed", ("preparing", "letter_sent", "order_filed"))

    def action_judgment(self):
        return self._move_to("judgment", FILED_STATES)

    def action_enforced(self):
        return self._move_to("enforced", ("judgment", "order_filed"))

    def action_close(self):
        self._move_to("closed", [s for s, _label in STATES if s != "closed"])
        self._smec_release_hold()
        return True

    def _smec_manager(self):
        """Who decides the file's next step: its responsible, else a Collection Manager."""
        self.ensure_one()
        Users = self.env["res.users"]
        return Users._smec_people(self.user_id, self.company_id) or Users._smec_collection_managers(self.company_id)[:1]

    def _smec_release_hold(self):
        """A closed file whose claim is settled lifts the customer's legal hold;
        closed with invoices still open, a manager is asked to lift the hold
        or keep it (the last open file of the customer only)."""
        Flag = self.env["smec.credit.risk.flag"].sudo()
        for legal in self.sudo():
            if legal.search_count(
                [
                    ("partner_id", "=", legal.partner_id.id),
                    ("company_id", "=", legal.company_id.id),
                    ("state", "!=", "closed"),
                ]
            ):
                continue
            flags = Flag.search(
                [
                    ("partner_id", "=", legal.partner_id.id),
                    ("company_id", "=", legal.company_id.id),
                    ("flag_type", "=", "collection_legal"),
                    ("is_active_flag", "=", True),
                ]
            )
            if not flags:
                continue
            open_amount = sum(legal.invoice_ids.mapped("amount_residual_signed"))
            if not legal.currency_id.compare_amounts(open_amount, 0) > 0:
                flags._smec_lift(
                    _("Legal hold lifted: the legal file %(file)s is closed, its claim settled.", file=legal.name)
                )
                continue
            manager = legal._smec_manager()
            local = legal.with_context(lang=manager.lang or self.env.lang).env
            legal.partner_id.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=local._(
                    "Legal file closed: lift the legal hold of %(partner)s, or keep it", partner=legal.partner_id.name
                ),
                note=local._(
                    "The legal file %(file)s is closed with %(amount)s still open. Its orders stay held until the "
                    "legal-preparation flag is lifted (Credit tab of the customer).",
                    file=legal.name,
                    amount=legal.currency_id.format(open_amount),
                ),
            )

    def _record_filing(self, day):
        """A filing restarts the limitation period of each claimed invoice."""
        Event = self.env["smec.collection.limitation.event"].sudo()
        for legal in self:
            Event.create(
                [
                    {"move_id": move.id, "kind": "filing", "date": day, "legal_file_id": legal.id}
                    for move in legal.invoice_ids.filtered(lambda m: m.amount_residual > 0)
                ]
            )

    # ------------------------------------------------------------
    # PAYMENT ORDER (支付令, Civil Procedure Law, 督促程序)
    # ------------------------------------------------------------

    def _payment_order_conditions(self):
        """[(key, met, what it means)]: a money claim, of a certain amount, with
        no counter-performance owed, against a debtor who can be served in China."""
        self.ensure_one()
        invoices = self.invoice_ids.filtered(lambda m: m.amount_residual > 0)
        orders = invoices.invoice_line_ids.sale_line_ids.order_id
        undelivered = orders.order_line.filtered(
            lambda line: line.product_id.type == "consu" and line.qty_delivered < line.product_uom_qty
        )
        disputed = invoices.filtered("smec_disputed_amount")
        partner = self.partner_id
        return [
            ("money", bool(invoices), _("a money claim: open invoices")),
            (
                "certain",
                bool(invoices) and not disputed,
                _("a certain amount: no invoice under dispute")
                if not disputed
                else _("a certain amount: %(invoices)s under dispute", invoices=", ".join(disputed.mapped("name"))),
            ),
            (
                "performed",
                bool(invoices) and not undelivered,
                _("no counter-performance owed: everything ordered was delivered")
                if not undelivered
                else _(
                    "no counter-performance owed: %(orders)s not fully delivered",
                    orders=", ".join(undelivered.order_id.mapped("name")),
                ),
            ),
            (
                "reachable",
                partner.country_id.code == "CN" and bool(partner.street) and bool(partner.city),
                _("a debtor who can be served in China: an address in China"),
            ),
        ]

    def _payment_order_facts(self):
        """The facts of the application, in the order the court form asks them."""
        self.ensure_one()
        company, partner = self.company_id, self.partner_id
        lines = [
            _(
                "Applicant: %(name)s, unified social credit code %(code)s, %(address)s",
                name=company.name,
                code=company.vat or "-",
                address=company.partner_id._display_address(True),
            ),
            _(
                "Respondent: %(name)s, unified social credit code %(code)s, %(address)s",
                name=partner.name,
                code=partner.vat or "-",
                address=partner._display_address(True),
            ),
            _(
                "Claim: %(amount)s, with late-payment interest of %(interest)s as of %(date)s and until paid.",
                amount=self.currency_id.format(self.amount),
                interest=self.currency_id.format(self.interest),
                date=fields.Date.context_today(self),
            ),
            _("Facts:"),
        ]
        for invoice in self.invoice_ids.filtered(lambda m: m.amount_residual > 0):
            lines.append(
                _(
                    "- invoice %(name)s of %(date)s, %(total)s due on %(due)s, %(open)s unpaid",
                    name=invoice.name,
                    date=invoice.invoice_date,
                    total=self.currency_id.format(invoice.amount_total_signed),
                    due=invoice.invoice_date_due,
                    open=self.currency_id.format(invoice.amount_residual_signed),
                )
            )
        for item in self.evidence_ids.filtered(lambda e: e.kind in ("demand", "statement", "acknowledgment")):
            lines.append(f"- {item.name}")
        return "\n".join(lines)


class SmecCollectionLegalCost(models.Model):
    _name = "smec.collection.legal.cost"
    _description = "Legal File Cost"
    _order = "date, id"

    file_id = fields.Many2one("smec.collection.legal.file", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True)
    currency_id = fields.Many2one(related="file_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(
        [("court", "Court fee"), ("lawyer", "Lawyer's fee"), ("preservation", "Preservation"), ("other", "Other")],
        required=True,
        default="lawyer",
    )
    name = fields.Char(string="Description")
    amount = fields.Monetary(required=True)

    def write(self, vals):
        self.file_id._smec_check_locked({"cost_ids": True})
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        costs = super().create(vals_list)
        costs.file_id._smec_check_locked({"cost_ids": True})
        return costs
