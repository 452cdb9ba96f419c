from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

APPROVAL_STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("lapsed", "Lapsed"),
]


class SmecCreditApproval(models.Model):
    """A salesperson's request to confirm a held order, and the Credit Manager's answer."""

    _name = "smec.credit.approval"
    _description = "Credit Approval Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.credit.decision.mixin"]
    _smec_decision_activity = "smec_credit.mail_activity_credit_approval"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: the customer and company follow the order, the total
    # approved and the reasons are the order's when the request is created, the
    # workflow and its stamps are set by the buttons only (in superuser mode),
    # and a decided approval is history: nothing that decides its effect changes
    _smec_code_fields = frozenset({"partner_id", "company_id", "order_amount", "reasons"})
    _smec_action_fields = frozenset({"state", "requested_by_id", "decided_by_id", "decided_on"})
    _smec_locked_states = frozenset({"approved", "rejected", "lapsed"})

    name = fields.Char(readonly=True, copy=False, default=lambda self: _("New"))
    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade", check_company=True)
    # the customer and company the approval was asked for: they do not follow a
    # later change of the order's customer (a temporary increase stays with it)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_partner_company", store=True, precompute=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_partner_company", store=True, precompute=True, index=True
    )
    user_id = fields.Many2one(related="order_id.user_id", string="Salesperson")
    currency_id = fields.Many2one(related="order_id.currency_id")
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    order_amount = fields.Monetary(
        string="Approved Order Total", readonly=True, help="The approval lapses if the order total rises above it."
    )
    requested_total = fields.Monetary(
        string="Total to Approve",
        compute="_compute_requested_total",
        store=True,
        readonly=False,
        precompute=True,
        copy=False,
        help="The order total the approval should cover: the order's current total to start with. For a "
        "confirmed order: the new total it is to be amended to.",
    )
    order_state = fields.Selection(related="order_id.state", string="Order Status")
    reasons = fields.Text(string="Why the order is held", readonly=True)
    request_note = fields.Text(string="Salesperson's justification")
    requested_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(APPROVAL_STATES, default="draft", required=True, tracking=True, index=True)
    decision = fields.Selection(
        [("once", "Approve this order once"), ("temporary", "Temporary limit increase")],
        default="once",
        tracking=True,
    )
    temp_limit_increase = fields.Monetary(currency_field="company_currency_id", tracking=True)
    temp_until = fields.Date(string="Increase Valid Until", tracking=True)

    can_decide = fields.Boolean(compute="_compute_can_decide", help="The current user is a Credit Manager.")

    # the decision: a Credit Manager's, while the request waits for it
    _DECISION_FIELDS = frozenset({"decision", "temp_limit_increase", "temp_until", "decision_note"})

    _temp_limit_positive = models.Constraint(
        "CHECK(temp_limit_increase IS NULL OR temp_limit_increase >= 0)",
        "A temporary limit increase cannot be negative.",
    )

    @api.depends("order_id")
    def _compute_partner_company(self):
        for approval in self:
            approval.partner_id = approval.order_id._smec_credit_partner() if approval.order_id else False
            approval.company_id = approval.order_id.company_id

    @api.depends("order_id")
    def _compute_requested_total(self):
        # the order's total as it is when the request is written; fixed once it is sent
        for approval in self:
            approval.requested_total = approval.order_id.amount_total

    @api.depends_context("uid")
    def _compute_can_decide(self):
        self.can_decide = self.env.user.has_group("smec_credit.group_credit_manager")

    def _check_protected_fields(self, vals_list):
        """What a request and a decision may change, and when: the order never,
        the total to approve and the justification while the request is a
        draft, the decision by a Credit Manager while it is requested. The
        workflow itself is smec.guard.mixin's. Raises before anything is
        written."""
        if self.env.su:
            return
        for vals in vals_list:
            if "order_id" in vals and any(approval.order_id.id != vals["order_id"] for approval in self):
                raise UserError(_("A credit approval stays with the order it was requested for."))
            if "requested_total" in vals and any(approval.state != "draft" for approval in self):
                raise UserError(_("The total to approve is set with the request and cannot change once it is sent."))
            if "request_note" in vals and any(approval.state != "draft" for approval in self):
                raise UserError(_("The justification is part of the request and cannot change once it is sent."))
            if any(f in vals for f in self._DECISION_FIELDS):
                if not self.env.user.has_group("smec_credit.group_credit_manager"):
                    raise UserError(_("Only a Credit Manager can set the decision on a credit approval."))
                if any(approval.state != "requested" for approval in self):
                    raise UserError(_("The decision on a credit approval can only be set while it is requested."))

    def _smec_locked_message(self):
        return _("This credit approval is decided: it is kept as it is. Request a new one if needed.")

    @api.model_create_multi
    def create(self, vals_list):
        # decision fields left at their defaults are no decision
        self.browse()._check_protected_fields(
            [{k: v for k, v in vals.items() if not (k == "decision" and v == "once") and v} for vals in vals_list]
        )
        for vals in vals_list:
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("smec.credit.approval") or _("New")
        return super().create(vals_list)

    def _smec_fill_code_fields(self):
        # the total approved and the reasons, read from the order once the request exists (smec.guard.mixin)
        for approval in self:
            order = approval.order_id
            # refused here, the whole creation is undone with the error
            self._check_requested_total(order, approval.requested_total)
            total = approval.requested_total or order.amount_total
            reasons = order._smec_credit_gate(lock=False, extra={order: total - order.amount_total})[order]
            if not reasons and order.state == "sale":
                raise UserError(
                    _(
                        "At %(total)s, order %(order)s would not be on credit hold: amend it, no approval is needed.",
                        total=order.currency_id.format(total),
                        order=order.name,
                    )
                )
            approval.sudo().write({"order_amount": total, "reasons": "\n".join(r["message"] for r in reasons)})
        return super()._smec_fill_code_fields()

    @api.model
    def _check_requested_total(self, order, total):
        """The total an approval is asked for: not below the order's, and above it
        for a confirmed order (an amendment, since the order went ahead as it is)."""
        currency = order.currency_id
        if total and currency.compare_amounts(total, order.amount_total) < 0:
            raise UserError(
                _(
                    "The total to approve (%(total)s) cannot be below the order's current total of %(current)s.",
                    total=currency.format(total),
                    current=currency.format(order.amount_total),
                )
            )
        if order.state == "sale" and (not total or currency.compare_amounts(total, order.amount_total) <= 0):
            raise UserError(
                _(
                    "Order %(order)s is confirmed at %(current)s: enter the new total you want to amend it to.",
                    order=order.name,
                    current=currency.format(order.amount_total),
                )
            )

    def write(self, vals):
        if not self.env.su:
            # the workflow first: a state sent with a decision is refused as such
            vals = self._smec_guard_vals(vals, creating=False)
        self._check_protected_fields([vals])
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_request(self):
        for approval in self:
            if approval.state != "draft":
                raise UserError(_("This request was already sent."))
            if not approval.request_note:
                raise UserError(_("Explain to the Credit Manager why this order should go ahead."))
            approval.sudo().write({"state": "requested", "requested_by_id": self.env.uid})
            body = _(
                "Credit approval requested by %(user)s for a total of %(total)s: %(note)s\n"
                "Reasons of the hold:\n%(reasons)s",
                user=self.env.user.name,
                total=approval.currency_id.format(approval.order_amount),
                note=approval.request_note,
                reasons=approval.reasons,
            )
            approval.message_post(body=body)
            approval.order_id.message_post(body=body)
            approval._smec_ask_deciders(_("Credit approval for %s", approval.order_id.name))
        return {"type": "ir.actions.act_window_close"}

    def action_approve(self):
        self._check_decider()
        for approval in self:
            if approval.decision == "temporary" and (
                approval.temp_limit_increase <= 0
                or not approval.temp_until
                or approval.temp_until < fields.Date.context_today(self)
            ):
                raise UserError(_("A temporary increase needs a positive amount and a date from today on."))
        self._smec_decide({"state": "approved"})
        self._notify_decision(_("approved"))
        # orders the customer signed on the portal go ahead as soon as they are approved
        for order in self.order_id.filtered(lambda o: o.smec_portal_held and o.state in ("draft", "sent")):
            order.sudo().action_confirm()
        return True

    def action_reject(self):
        self._check_decider()
        self._smec_decide({"state": "rejected"})
        self._notify_decision(_("rejected"))
        return True

    def _check_decider(self):
        self._smec_check_decider(_("Only a Credit Manager can decide on a credit approval."))
        for approval in self:
            if approval.state != "requested":
                raise UserError(_("Only a requested approval can be decided."))
            if not approval.decision_note:
                raise UserError(_("Give the reason for your decision."))
            if approval.requested_by_id == self.env.user and not approval.company_id.smec_allow_self_approval:
                raise UserError(_("You requested this approval: another Credit Manager must decide on it."))

    def _lapse_on_total_rise(self):
        """One-off approvals lapse when their order's total rose above the approved one."""
        lapsed = self.sudo().filtered(
            lambda a: (
                a.state == "approved"
                and a.decision == "once"
                and a.order_id.currency_id.compare_amounts(a.order_id.amount_total, a.order_amount) > 0
            )
        )
        for approval in lapsed:
            approval._lapse(
                _(
                    "Lapsed: the order total rose from %(old)s to %(new)s.",
                    old=approval.currency_id.format(approval.order_amount),
                    new=approval.currency_id.format(approval.order_id.amount_total),
                )
            )

    def _lapse_on_order_change(self):
        """Their order's customer, company or currency changed: one-off approvals
        and the requests still waiting for a decision lapse."""
        lapsed = self.sudo().filtered(
            lambda a: a.state == "requested" or (a.state == "approved" and a.decision == "once")
        )
        lapsed._lapse(_("Lapsed: the order's customer, company or currency changed after the request."))

    def _lapse_on_confirmation(self):
        """Their order was confirmed without them (what held it was lifted: a payment came in, the limit was
        raised, the grade changed): the requests no Credit Manager decided lapse, with their activities."""
        today = fields.Date.context_today(self)
        for approval in self.sudo().filtered(lambda a: a.state in ("draft", "requested")):
            approval._lapse(
                _(
                    "Lapsed: order %(order)s was confirmed on %(date)s without this approval: nothing held it any "
                    "more.",
                    order=approval.order_id.name,
                    date=today,
                )
            )

    def _lapse(self, message):
        """The approvals no longer apply: lapsed, with ``message`` in their chatter;
        a request still waiting loses its activities for the Credit Managers."""
        for approval in self:
            approval.sudo().write({"state": "lapsed"})
            approval.activity_unlink(["smec_credit.mail_activity_credit_approval"])
            approval.message_post(body=message)

    def _notify_decision(self, verb):
        for approval in self:
            body = _(
                "Credit approval %(verb)s by %(user)s: %(note)s",
                verb=verb,
                user=self.env.user.name,
                note=approval.decision_note,
            )
            approval.message_post(body=body)
            # a Credit Manager need not have sales rights to leave a note on the order
            order = approval.order_id.sudo()
            order.message_post(body=body, author_id=self.env.user.partner_id.id)
            if approval.requested_by_id:
                order.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=approval.requested_by_id.id,
                    summary=_("Credit approval %s", verb),
                    note=plaintext2html(approval.decision_note or ""),
                )
