"""Sale orders: the credit they use, shown on the order. The credit gate that
holds them is the room ``smec.credit.gate`` (``smec_credit_gate.py``): the
overrides below only call its entries."""

from collections import defaultdict

from odoo import _, api, fields, models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "smec.guard.mixin"]

    # what Odoo computes and its screens never write, which the credit check
    # and the exposure read: a value that changes it is refused with a message
    # (smec.guard.mixin), so a confirmed order's total is always what its lines
    # add up to. The currency is applied as Odoo applies it (the rate follows,
    # a confirmed order goes through the credit gate again: write below).
    _smec_code_fields = frozenset(
        {
            "amount_untaxed",
            "amount_tax",
            "amount_total",
            "invoice_status",
            "currency_rate",
            "smec_portal_held",
        }
    )

    # confirmed orders not fully invoiced, by invoice address: what a credit
    # check adds to the exposure, without reading the customer's order history
    # (written with OR, not COALESCE, so that the planner's column statistics
    # show how few rows it holds)
    _smec_open_idx = models.Index(
        "(partner_invoice_id, company_id) "
        "WHERE state = 'sale' AND (invoice_status IS NULL OR invoice_status != 'invoiced')"
    )

    # ------------------------------------------------------------
    # FIELDS
    # ------------------------------------------------------------

    smec_credit_hold_reasons = fields.Text(
        string="Credit Hold",
        compute="_compute_smec_credit_hold",
        help="Why this order cannot be confirmed without a credit approval.",
    )
    smec_credit_held = fields.Boolean(compute="_compute_smec_credit_hold")
    smec_credit_pending = fields.Boolean(
        string="Would Be Held",
        compute="_compute_smec_credit_hold",
        help="The credit rules would hold this order, but the company's credit control is not live yet.",
    )
    smec_credit_warning = fields.Char(compute="_compute_smec_credit_warning")
    smec_credit_live = fields.Boolean(
        string="Credit Control Live",
        compute="_compute_smec_credit_live",
        help="The company's credit control is live: its rules act on this order.",
    )
    smec_approval_ids = fields.One2many("smec.credit.approval", "order_id", string="Credit Approvals")
    smec_approval_state = fields.Selection(related="smec_approval_ids.state", string="Credit Approval")
    smec_portal_held = fields.Boolean(
        copy=False,
        readonly=True,
        help="The customer accepted the order online but it was held: it is confirmed once approved.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    smec_hold_mode = fields.Selection(related="company_id.smec_hold_mode", string="Credit Hold Mode")
    smec_partner_exposure = fields.Monetary(
        string="Customer Exposure", compute="_compute_smec_partner_credit", currency_field="company_currency_id"
    )
    smec_partner_limit = fields.Monetary(
        string="Limit", compute="_compute_smec_partner_credit", currency_field="company_currency_id"
    )
    smec_grade_id = fields.Many2one("smec.credit.grade", string="Credit Policy", compute="_compute_smec_partner_credit")

    # ------------------------------------------------------------
    # COMPUTE METHODS
    # ------------------------------------------------------------

    @api.depends("partner_id", "partner_invoice_id", "amount_total", "company_id", "state", "currency_id", "date_order")
    def _compute_smec_credit_hold(self):
        todo = self.filtered(lambda o: o.state in ("draft", "sent") and o.partner_id and o.company_id)
        reasons = todo._origin._smec_credit_gate(lock=False) if todo._origin else {}
        for order in self:
            found = reasons.get(order._origin) if order in todo else None
            # before the company goes live, the reasons say what would hold it
            order.smec_credit_held = bool(found) and found[0]["live"]
            order.smec_credit_pending = bool(found) and not found[0]["live"]
            order.smec_credit_hold_reasons = "\n".join(r["message"] for r in found) if found else False

    @api.depends("company_id")
    def _compute_smec_credit_live(self):
        for order in self:
            order.smec_credit_live = bool(order.company_id) and order.company_id._smec_credit_live()

    # Odoo's ``partner_credit_warning`` is left as Odoo computes it (its text, for Odoo's code and whoever reads
    # it); once the company is live, the form shows SMEC Credit's banner in its place (the view hides Odoo's)

    @api.depends("partner_id", "partner_invoice_id")
    def _compute_require_payment(self):  # pylint: disable=missing-return
        # EXTENDS sale: a grade that asks for a prepayment makes the customer pay online first (a default the
        # order takes with its customer: a user may untick it, and it stays unticked)
        super()._compute_require_payment()
        for order in self:
            if order._smec_policy_prepayment():
                order.require_payment = True

    @api.depends("partner_id", "partner_invoice_id")
    def _compute_prepayment_percent(self):  # pylint: disable=missing-return
        # EXTENDS sale: the default share comes from the customer's credit policy (Odoo's own prepayment); a
        # company that already asks every order to be paid online keeps its share when the policy asks for less:
        # a credit policy only ever raises what is paid before confirmation. A share a user sets is applied.
        super()._compute_prepayment_percent()
        for order in self:
            share = order._smec_policy_prepayment()
            if share:
                # Odoo's share is asked of every order, or a user ticks Online payment on the form (onchange)
                ticked = order.require_payment and self.env.context.get("smec_prepayment_ticked")
                if order.company_id.portal_confirmation_pay or ticked:
                    share = max(share, order.prepayment_percent)
                order.prepayment_percent = share

    def onchange(self, values, field_names, fields_spec):
        # EXTENDS web: a user ticking Online payment on the form asks for Odoo's share, the company's, never less
        # than the policy's, as over the API (``write``); the key can only raise the share shown
        if "require_payment" in field_names and values.get("require_payment"):
            self = self.with_context(smec_prepayment_ticked=True)  # pylint: disable=self-cls-assignment
        return super().onchange(values, field_names, fields_spec)

    def _smec_prepayment_ticked(self, vals):
        """The orders of ``self`` whose Online payment ``vals`` ticks without a share and whose customer's policy
        asks for one: Odoo computes the share again whenever Online payment is written (the company's), and so
        does SMEC Credit, never less than the policy's (``_smec_apply_ticked_prepayment``)."""
        if not vals.get("require_payment") or "prepayment_percent" in vals:
            return self.browse()
        return self.filtered(lambda o: o._smec_policy_prepayment())

    def _smec_apply_ticked_prepayment(self):
        for order in self:
            share = max(order._smec_policy_prepayment(), order.company_id.prepayment_percent)
            if order.prepayment_percent != share:
                order.prepayment_percent = share

    def _compute_payment_term_id(self):  # pylint: disable=missing-return
        # EXTENDS sale: a customer without payment terms of its own gets its credit policy's (the grade an
        # assessment gave it, or the new customers'), once the company's credit control is live
        super()._compute_payment_term_id()
        for order in self:
            if not order.payment_term_id:
                order.payment_term_id = order._smec_customer_payment_term()

    def _smec_customer_payment_term(self):
        """The payment terms the customer's agreement gives this order: its own for the order's company, else
        its credit grade's (live companies only)."""
        self.ensure_one()
        own = self.partner_id.with_company(self.company_id).property_payment_term_id
        if own or not self.partner_id or not self.company_id or not self.company_id._smec_credit_live():
            return own
        return self._smec_credit_partner().with_company(self.company_id).sudo().smec_effective_grade_id.payment_term_id

    @api.model
    def _smec_quotations_on_terms(self, partners):
        """{quotation: its payment terms} of the open quotations of ``partners`` that carry the terms their
        customer's agreement gives them now (no salesperson chose others): those follow a change of the
        customer's grade or terms (``_smec_follow_terms``); none before the company goes live, when Odoo's
        quotations keep the terms they were written with."""
        orders = self.sudo().search(
            [("partner_id", "child_of", partners.commercial_partner_id.ids), ("state", "in", ("draft", "sent"))]
        )
        return {
            order: order.payment_term_id
            for order in orders
            if order.company_id._smec_credit_live() and order.payment_term_id == order._smec_customer_payment_term()
        }

    @api.model
    def _smec_follow_terms(self, before):
        """The quotations of ``before`` ({quotation: its terms}) take the terms their customer's new grade or
        terms give them, said in their chatter: a quotation written while the customer was new is confirmed on
        the terms its assessment gave it."""
        for order, term in before.items():
            new = order._smec_customer_payment_term()
            if new != term:
                order.payment_term_id = new
                order.message_post(
                    body=_(
                        "Payment terms changed from %(old)s to %(new)s: the customer's credit terms changed.",
                        old=term.display_name or _("none"),
                        new=new.display_name or _("none"),
                    )
                )

    def _smec_credit_gate(self, lock=True, extra=None):
        """What holds each order: {order: [{"code", "message", "live"}]}, read by
        ``smec.credit.order.check`` and worded by ``smec.credit.order.reasons``
        (see ``_hold_reasons``); with ``lock``, the customers' locks are taken.
        The credit gate (``smec.credit.gate._decide``) decides on what it says."""
        return self.env["smec.credit.order.reasons"]._hold_reasons(self, lock=lock, extra=extra)

    def _smec_credit_partner(self):
        """The customer whose credit this order uses: the company invoiced (its
        invoice address's commercial partner), as the exposure counts it."""
        self.ensure_one()
        return (self.partner_invoice_id or self.partner_id).commercial_partner_id

    def _smec_policy_prepayment(self):
        """The prepayment share (0-1) the customer's credit policy asks for, 0 if none (and before the company
        goes live: until then Odoo's own prepayment settings apply)."""
        self.ensure_one()
        if not self.partner_id or not self.company_id or not self.company_id._smec_credit_live():
            return 0.0
        grade = self._smec_credit_partner().with_company(self.company_id).sudo().smec_effective_grade_id
        return (grade.prepayment_percent or 0.0) / 100.0

    @api.depends("partner_id", "partner_invoice_id", "company_id")
    def _compute_smec_partner_credit(self):
        for order in self:
            partner = order._smec_credit_partner().with_company(order.company_id)
            order.smec_partner_exposure = partner.smec_exposure
            order.smec_partner_limit = partner.smec_applied_limit
            order.smec_grade_id = partner.smec_effective_grade_id

    @api.depends("partner_id", "partner_invoice_id", "company_id")
    def _compute_smec_credit_warning(self):
        by_company = defaultdict(lambda: self.browse())
        for order in self:
            by_company[order.company_id] |= order
        for company, orders in by_company.items():
            partners = self.env["res.partner"].union(*(order._smec_credit_partner() for order in orders))
            exposure = self.env["smec.credit.exposure"].sudo()._exposure(partners, company) if company else {}
            for order in orders:
                facts = exposure.get(order._smec_credit_partner().id, {})
                days = facts.get("max_overdue_days", 0)
                order.smec_credit_warning = (
                    _(
                        "%(partner)s has invoices overdue for %(days)s days (%(amount)s overdue).",
                        partner=order._smec_credit_partner().name,
                        days=days,
                        amount=company.currency_id.format(facts.get("overdue_amount", 0)),
                    )
                    if company and days > company.smec_warn_overdue_days
                    else False
                )

    # ------------------------------------------------------------
    # CRUD METHODS
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # EXTENDS sale: orders created confirmed go through the credit gate
        gate = self.env["smec.credit.gate"]
        orders = super(SaleOrder, gate._creating(self)).create(vals_list).with_env(self.env)
        # Online payment ticked without a share: Odoo's share for it, never less than the policy's
        ticked = [order for order, vals in zip(orders, vals_list, strict=True) if order._smec_prepayment_ticked(vals)]
        self.browse().union(*ticked)._smec_apply_ticked_prepayment()
        gate._creation(orders)
        return orders

    def write(self, vals):
        # EXTENDS sale: a direct confirmation, a change of customer, company or currency go through the gate
        ticked = self._smec_prepayment_ticked(vals)
        with self.env["smec.credit.gate"]._order_write(self, vals):
            result = super().write(vals)
            ticked._smec_apply_ticked_prepayment()
        return result

    def action_confirm(self):
        # EXTENDS sale: the credit gate decides first; Odoo's chain then refuses
        # the held orders of a user at the screen (_confirmation_error_message)
        to_confirm = self.env["smec.credit.gate"]._confirmation(self)
        return super(SaleOrder, to_confirm).action_confirm() if to_confirm else True

    def _confirmation_error_message(self):
        # EXTENDS sale: a held order is refused with its reasons and the next step
        return super()._confirmation_error_message() or self.env["smec.credit.gate"]._confirmation_refusal(self)

    def _action_confirm(self):
        # EXTENDS sale: a request still waiting for a decision is moot once its order went ahead
        result = super()._action_confirm()
        self.smec_approval_ids._lapse_on_confirmation()
        return result

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_smec_open_exposure(self):
        """The customer's exposure, line by line (receivables, draft invoices,
        orders not invoiced), with its limit, what is left and the links to the
        items behind each line: a dialog of its own, not the customer's form."""
        self.ensure_one()
        partner = self._smec_credit_partner()
        return {
            "type": "ir.actions.act_window",
            "name": _("Credit Exposure of %s", partner.name),
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "views": [(self.env.ref("smec_credit.res_partner_view_form_exposure").id, "form")],
            "target": "new",
            "context": {"form_view_initial_mode": "readonly"},
        }

    def action_smec_request_approval(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Request Credit Approval"),
            "res_model": "smec.credit.approval",
            "view_mode": "form",
            "views": [(self.env.ref("smec_credit.smec_credit_approval_view_form_request").id, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def _smec_approval_key(self):
        """What a credit approval of this order was given for, besides its total."""
        return (self._smec_credit_partner().id, self.company_id.id, self.currency_id.id)
