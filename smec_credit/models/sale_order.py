from collections import defaultdict
from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, plaintext2html

# cursor-scoped set (``cr.cache``) of the orders that action_confirm is confirming
# after they passed the credit gate: Odoo's own write of state 'sale' that follows
# is not checked a second time. Unlike a context key, no user can set it.
_GATE_PASSED = "smec_credit.gate_passed_order_ids"
# set (cursor-scoped) while sale.order.create runs: the lines of an order created
# confirmed are not checked one by one as amendments; create checks the order once
_CREATING = "smec_credit.creating_orders"


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "smec.guard.mixin"]

    # what the credit check and the exposure read that Odoo computes: a value
    # sent by a user has no effect (smec.guard.mixin), so a confirmed order's
    # total is always what its lines add up to
    _smec_code_fields = frozenset(
        {
            "amount_untaxed",
            "amount_tax",
            "amount_total",
            "invoice_status",
            "currency_rate",
            "currency_id",
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
    smec_credit_warning = fields.Char(compute="_compute_smec_credit_warning")
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
            order.smec_credit_held = bool(found)
            order.smec_credit_hold_reasons = "\n".join(r["message"] for r in found) if found else False

    @api.depends("partner_id", "partner_invoice_id")
    def _compute_require_payment(self):  # pylint: disable=missing-return
        # EXTENDS sale: a grade that asks for a prepayment makes the customer pay online first
        super()._compute_require_payment()
        for order in self:
            if order._smec_policy_prepayment():
                order.require_payment = True

    @api.depends("partner_id", "partner_invoice_id")
    def _compute_prepayment_percent(self):  # pylint: disable=missing-return
        # EXTENDS sale: the share comes from the customer's credit policy (Odoo's own prepayment)
        super()._compute_prepayment_percent()
        for order in self:
            share = order._smec_policy_prepayment()
            if share:
                order.prepayment_percent = share

    def _smec_credit_partner(self):
        """The customer whose credit this order uses: the company invoiced (its
        invoice address's commercial partner), as the exposure counts it."""
        self.ensure_one()
        return (self.partner_invoice_id or self.partner_id).commercial_partner_id

    def _smec_policy_prepayment(self):
        """The prepayment share (0-1) the customer's credit policy asks for, 0 if none."""
        self.ensure_one()
        if not self.partner_id or not self.company_id:
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
        cache = self.env.cr.cache
        outer = not cache.get(_CREATING)
        cache[_CREATING] = True
        try:
            orders = super().create(vals_list)
        finally:
            if outer:
                cache.pop(_CREATING, None)
        # created confirmed (an import, an RPC call): the same gate
        orders.filtered(lambda o: o.state == "sale")._smec_check_confirmed(self._smec_direct_confirmation_message)
        return orders

    def write(self, vals):
        entering = self.browse()
        if vals.get("state") == "sale":
            passed = self.env.cr.cache.get(_GATE_PASSED, ())
            entering = self.filtered(lambda o: o.state != "sale" and o.id not in passed)
        keys = {}
        if {"partner_id", "partner_invoice_id", "company_id", "pricelist_id", "currency_id"} & vals.keys():
            keys = {order.id: order._smec_approval_key() for order in self}
        result = super().write(vals)
        changed = self.browse()
        if keys:
            changed = self.filtered(lambda o: o._smec_approval_key() != keys[o.id])
            changed._smec_lapse_approvals_on_change()
        # set to 'sale' other than by action_confirm (an RPC call, an import): the same gate
        entering._smec_check_confirmed(self._smec_direct_confirmation_message)
        # a confirmed order moved to another customer (or company, or currency)
        # weighs on that customer's credit now: the same gate
        (changed.filtered(lambda o: o.state == "sale") - entering)._smec_check_confirmed(self._smec_change_message)
        return result

    # ------------------------------------------------------------
    # CREDIT GATE
    # ------------------------------------------------------------

    def _smec_credit_gate(self, lock=True, extra=None):
        """The credit rules that hold each order: {order: [{"code", "message"}]}.

        One database call reads everything the check needs, whatever the
        partners' history (``smec.credit.order.check._order_check_facts``); with
        ``lock`` it first serialises concurrent checks of the same partners.
        Orders of one partner checked together are added up in order.
        Records are only read to word the reasons of orders that are held.
        ``extra`` ({order: amount in order currency}) checks orders as if their
        totals were that much higher: an amendment asked for in advance.
        """
        result = {order: [] for order in self}
        by_id = {order.id: order for order in self}
        running = defaultdict(float)
        for facts in self.env["smec.credit.order.check"].sudo()._order_check_facts(self, lock=lock):
            order = by_id[facts["order_id"]]
            if extra and extra.get(order):
                facts = order._smec_facts_with_extra(facts, extra[order])
            key = (facts["partner_id"], facts["company_id"])
            running[key] += facts["amount"]
            if self._smec_passes_anyway(facts, running[key]):
                continue
            company = self.env["res.company"].browse(facts["company_id"])
            result[order] = order._smec_hold_reasons(company, facts, running[key])
        return result

    def _smec_facts_with_extra(self, facts, extra):
        """``facts`` of this order as if its total were higher by ``extra`` (order
        currency), converted as the check converts the order: a quotation at
        today's rate, a confirmed order at its own."""
        self.ensure_one()
        company = self.company_id
        if self.state == "sale":
            added = extra / (self.currency_rate or 1.0)
        else:
            today = fields.Date.context_today(self)
            added = self.currency_id._convert(extra, company.currency_id, company, today, round=False)
        return {**facts, "amount_total": facts["amount_total"] + extra, "amount": facts["amount"] + added}

    @api.model
    def _smec_passes_anyway(self, facts, added):
        """Paid in advance in full, or approved once for (at least) this total.

        Paid in advance: online, or otherwise (a bank transfer booked as a
        customer payment not yet matched) when the customer's unapplied
        payments cover everything it owes and will owe, ``added`` (the orders
        checked with this one, this one included) too: nothing is at risk.
        """
        rounding = facts["rounding"]
        total = facts["amount_total"]
        if total > 0 and float_compare(facts["paid"], total, precision_rounding=rounding) >= 0:
            return True
        covered = facts["exposure"]["total"] + added
        if float_compare(covered, 0.0, precision_rounding=facts["company_rounding"]) <= 0:
            return True
        return facts["approved"] is not None and (
            float_compare(total, facts["approved"], precision_rounding=rounding) <= 0
        )

    def _smec_hold_reasons(self, company, facts, added):
        """The reasons (code, message) why this order is held, with their numbers.

        ``facts`` is what ``smec.credit.order.check._order_check_facts`` read for
        it; ``added`` is what the orders checked together add up to for its
        partner (this one included), in company currency. The partner's
        records are only read to word the reasons found.
        """
        exposure, policy = facts["exposure"], facts["policy"]
        reasons = []
        limit = policy["limit"]
        if limit > 0:
            limit_now = limit + policy["temporary_increase"]
            total = exposure["total"] + added
            if float_compare(total, limit_now, precision_rounding=facts["company_rounding"]) > 0:
                fmt = company.currency_id.format
                reasons.append(
                    {
                        "code": "limit",
                        "message": _(
                            "Credit limit exceeded: exposure with this order would be %(total)s "
                            "(open receivables %(ar)s + draft invoices %(drafts)s "
                            "+ confirmed orders not invoiced %(orders)s + this order %(order)s), "
                            "over the limit of %(limit)s by %(over)s.",
                            total=fmt(total),
                            ar=fmt(exposure["receivable"]),
                            drafts=fmt(exposure["draft_invoices"]),
                            orders=fmt(exposure["uninvoiced_orders"]),
                            order=fmt(facts["amount"]),
                            limit=fmt(limit_now),
                            over=fmt(total - limit_now),
                        ),
                    }
                )
        days = exposure["max_overdue_days"]
        if days > facts["block_overdue_days"]:
            reasons.append(
                {
                    "code": "overdue",
                    "message": _(
                        "Overdue: an open invoice is %(days)s days past due (more than %(max)s days); "
                        "%(amount)s is overdue in all.",
                        days=days,
                        max=facts["block_overdue_days"],
                        amount=company.currency_id.format(exposure["overdue_amount"]),
                    ),
                }
            )
        for flag in self.env["smec.credit.risk.flag"].sudo().browse(policy["flag_ids"]):
            reasons.append(
                {
                    "code": "flag",
                    "message": _("Risk flag: %(flag)s since %(date)s.", flag=flag.display_name, date=flag.date),
                }
            )
        # a blocking flag is reason enough; otherwise the grade's policy
        if not policy["flag_ids"] and policy["grade_policy"] in ("approval", "block"):
            grade = self.env["smec.credit.grade"].sudo().browse(policy["grade_id"])
            reasons.append(
                {
                    "code": "grade",
                    "message": _(
                        "Credit policy of grade %(grade)s: orders %(policy)s unless paid in advance.",
                        grade=grade.display_name,
                        policy=_("need a credit approval")
                        if policy["grade_policy"] == "approval"
                        else _("are blocked"),
                    ),
                }
            )
        return reasons

    def _smec_hold_message(self, order, reasons):
        return _(
            'Order %(order)s is on credit hold:\n- %(reasons)s\n\nNext step: click "Request Credit Approval" on the '
            "order, or take a prepayment for the full amount.",
            order=order.name,
            reasons=self._smec_bullets(reasons),
        )

    def _smec_warning_message(self, order, reasons):
        """What the chatter keeps when a company only warns: the order went ahead."""
        return _(
            "Order %(order)s went ahead although it breaks the credit rules (this company only warns):\n- %(reasons)s",
            order=order.name,
            reasons=self._smec_bullets(reasons),
        )

    @api.model
    def _smec_bullets(self, reasons):
        """The reasons' messages as the lines of a list in a message."""
        return "\n- ".join(r["message"] for r in reasons)

    def _smec_is_interactive(self):
        """An internal user at the screen: a held order raises. Portal, public and
        automated (sudo) confirmations keep the order unconfirmed instead."""
        return not self.env.su and not self.env.user.share

    def _smec_gate_skipped(self):
        """Server code (tests, a migration of past orders) may confirm without the
        credit check, in superuser mode only: the context key alone, which any
        user can send with a call, is ignored."""
        return self.env.su and bool(self.env.context.get("smec_credit_skip_gate"))

    @contextmanager
    def _smec_gate_passed(self):
        """While these orders are confirmed after passing the gate, their write of
        state 'sale' is not checked again."""
        passed = self.env.cr.cache.setdefault(_GATE_PASSED, set())
        added = set(self.ids) - passed
        passed |= added
        try:
            yield
        finally:
            passed -= added

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_confirm(self):
        if self._smec_gate_skipped():
            with self._smec_gate_passed():
                return super().action_confirm()
        gate = self._smec_credit_gate()
        held = self.browse([order.id for order, reasons in gate.items() if reasons])
        warned = held.filtered(lambda o: o.company_id.smec_hold_mode == "warn")
        for order in warned:
            order.message_post(body=self._smec_warning_message(order, gate[order]))
        held -= warned
        if held and self._smec_is_interactive():
            first = held[0]
            raise UserError(self._smec_hold_message(first, gate[first]))
        if held:
            held._smec_hold_softly(gate)
        to_confirm = self - held
        if not to_confirm:
            return True
        with to_confirm._smec_gate_passed():
            return super(SaleOrder, to_confirm).action_confirm()

    def _smec_hold_softly(self, gate):
        """Keep the orders unconfirmed, tell the credit managers, flag them for the portal."""
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        for order in self:
            order.sudo().smec_portal_held = True
            message = self._smec_hold_message(order, gate[order])
            order.sudo().message_post(body=message)
            for manager in managers:
                order.sudo().activity_schedule(
                    "smec_credit.mail_activity_credit_approval",
                    user_id=manager.id,
                    summary=_("Order accepted online but on credit hold"),
                    note=plaintext2html(message),
                )

    def action_smec_open_exposure(self):
        """The customer's credit tab: exposure with its breakdown."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self._smec_credit_partner().id,
            "view_mode": "form",
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

    def _smec_lapse_approvals(self):
        """One-off approvals lapse when the order total rose above the approved one."""
        lapsed = self.sudo().smec_approval_ids.filtered(
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

    def _smec_approval_key(self):
        """What a credit approval of this order was given for, besides its total."""
        return (self._smec_credit_partner().id, self.company_id.id, self.currency_id.id)

    def _smec_lapse_approvals_on_change(self):
        """The customer, company or currency of these orders changed: their one-off
        approvals and the requests still waiting for a decision lapse."""
        lapsed = self.sudo().smec_approval_ids.filtered(
            lambda a: a.state == "requested" or (a.state == "approved" and a.decision == "once")
        )
        lapsed._lapse(_("Lapsed: the order's customer, company or currency changed after the request."))

    def _smec_after_amount_change(self, totals_before):
        """After lines changed: one-off approvals of orders whose total rose lapse,
        and confirmed orders whose total rose go through the gate again."""
        raised = self.filtered(
            lambda o: o.currency_id.compare_amounts(o.amount_total, totals_before.get(o.id, o.amount_total)) > 0
        )
        if not raised:
            return
        raised._smec_lapse_approvals()
        if not self.env.cr.cache.get(_CREATING):
            raised.filtered(lambda o: o.state == "sale")._smec_check_confirmed(self._smec_amendment_message)

    def _smec_check_confirmed(self, message):
        """Run the gate on these confirmed orders and refuse (raise) the change that
        confirmed or raised them if one is held; in warn mode, log the hold on the
        order instead. ``message(order, reasons)`` words the refusal."""
        if not self or self._smec_gate_skipped():
            return
        gate = self._smec_credit_gate()
        for order, reasons in gate.items():
            if reasons and order.company_id.smec_hold_mode == "hold":
                raise UserError(message(order, reasons))
        for order, reasons in gate.items():
            if reasons:
                order.message_post(body=self._smec_warning_message(order, reasons))

    def _smec_amendment_message(self, order, reasons):
        return _(
            "This change raises confirmed order %(order)s to %(total)s and puts it on credit hold:"
            '\n- %(reasons)s\n\nNext step: click "Request Credit Approval" on the order and ask for the new '
            "total, or take a prepayment for the full amount.",
            order=order.name,
            total=order.currency_id.format(order.amount_total),
            reasons=self._smec_bullets(reasons),
        )

    def _smec_change_message(self, order, reasons):
        return _(
            "Confirmed order %(order)s cannot change customer, company or currency this way: it would be on "
            "credit hold:\n- %(reasons)s\n\nAsk a Credit Manager to raise the customer's credit limit, "
            "or take a prepayment for the full amount.",
            order=order.name,
            reasons=self._smec_bullets(reasons),
        )

    @api.model
    def _smec_after_contact_move(self, orders):
        """``orders`` ({order: commercial partner id before}) are invoiced to
        contacts that moved: those now counted for another company lose their
        approvals and go through the gate there."""
        moved = self.browse([order.id for order, before in orders.items() if order._smec_credit_partner().id != before])
        moved._smec_lapse_approvals_on_change()
        moved._smec_check_confirmed(self._smec_contact_move_message)

    def _smec_contact_move_message(self, order, reasons):
        return _(
            "%(contact)s cannot move to another company this way: confirmed order %(order)s, invoiced to it, "
            "would be on credit hold there:\n- %(reasons)s\n\nAsk a Credit Manager to raise that company's "
            "credit limit, or move the contact once the order is invoiced.",
            contact=order.partner_invoice_id.display_name,
            order=order.name,
            reasons=self._smec_bullets(reasons),
        )

    def _smec_direct_confirmation_message(self, order, reasons):
        return _(
            "Order %(order)s cannot be set to confirmed this way: it is on credit hold:\n- %(reasons)s"
            '\n\nConfirm it with the "Confirm" button once a credit approval covers it, '
            "or take a prepayment for the full amount.",
            order=order.name,
            reasons=self._smec_bullets(reasons),
        )
