"""The credit gate of sale orders: one entry, its situations, its messages.

Every way an order can come to weigh more on a customer's credit goes
through ``_smec_enforce_credit(situation)``:

========================  ====================================================
situation                 path
========================  ====================================================
``confirmation``          ``action_confirm`` (the Confirm button, an RPC call;
                          the portal and online payments call it too, in
                          superuser mode: the order is held softly there)
``direct_confirmation``   an order written to state ``sale`` other than by
                          ``action_confirm``, or created in it (import, RPC)
``amendment``             a confirmed order whose total rises by any change of
                          its lines (``sale_order_line.py``)
``customer_change``       a confirmed order moved to another customer,
                          invoice address, company or currency
``contact_move``          the invoice contact of confirmed orders moved to
                          another company (``res_partner.py`` hands over)
========================  ====================================================

The reasons come from ``smec.credit.order.check`` (the lock and one
statement); the gate decides what they mean: refuse the change (with the
reasons and the next step, worded by ``_smec_credit_message``), hold the
order softly (portal, online payment), or, when the company only warns, log
them on the order and let it go ahead. Until the company goes live
(``res.company._smec_credit_live``, read by the same statement) the gate
lets every order go ahead: the order only shows what would hold it.
"""

from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

# The gate's scope: the one record of what the gate already decided in this
# transaction. Odoo's own steps after a decision write the order again
# (action_confirm writes state 'sale'; sale.order.create creates the lines
# with the order): the gate must not decide twice on them, and no caller may
# claim it did. A context key would not do, since any RPC caller can send one;
# the cursor's cache is per transaction and out of every caller's reach. It
# holds, while action_confirm runs, the reasons found for each order it
# confirms (an empty list: it passed), and while sale.order.create runs, a
# count of the creations under way (their lines are no amendments).
_GATE_SCOPE = "smec_credit.gate"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------
    # THE CREDIT GATE
    # ------------------------------------------------------------

    def _smec_credit_gate(self, lock=True, extra=None):
        """What holds each order: {order: [{"code", "message"}]}, read by
        ``smec.credit.order.check`` and worded by ``smec.credit.order.reasons``
        (see ``_hold_reasons``)."""
        return self.env["smec.credit.order.reasons"]._hold_reasons(self, lock=lock, extra=extra)

    def _smec_enforce_credit(self, situation):
        """The one entry of the credit gate (the situations are in this file's
        docstring). Orders held in a company that only warns get the reasons in
        their chatter and go ahead. Otherwise the change is refused with the
        reasons and the next step; except at a confirmation, where a held order
        is left to Odoo's own refusal (``_confirmation_error_message``) when a
        user is at the screen, and held softly for the portal and online
        payments. Returns {order: reasons} of the orders held at a confirmation."""
        if not self or self._smec_gate_skipped():
            return {}
        gate = self._smec_credit_gate()
        # nothing is held before the order's company goes live (res_company_live.py)
        held = {order: reasons for order, reasons in gate.items() if reasons and reasons[0]["live"]}
        for order in [o for o in held if o.company_id.smec_hold_mode == "warn"]:
            order.message_post(body=order._smec_credit_message("warning", held.pop(order)))
        if situation == "confirmation":
            if not self._smec_is_interactive():
                self.browse([o.id for o in held])._smec_hold_softly(held)
            return held
        if held:
            order, reasons = next(iter(held.items()))
            raise UserError(order._smec_credit_message(situation, reasons))
        return {}

    def _smec_credit_message(self, situation, reasons):
        """What the gate tells about this order in ``situation`` (or
        ``warning``: what the chatter keeps when the company only warns)."""
        self.ensure_one()
        values = {
            "order": self.name,
            "reasons": "\n- ".join(r["message"] for r in reasons),
            "total": self.currency_id.format(self.amount_total),
            "contact": self.partner_invoice_id.display_name,
        }
        if situation == "confirmation":
            return self._smec_confirmation_message(values)
        if situation == "direct_confirmation":
            return _(
                "Order %(order)s cannot be set to confirmed this way: it is on credit hold:\n- %(reasons)s"
                '\n\nConfirm it with the "Confirm" button once a credit approval covers it, '
                "or take a prepayment for the full amount.",
                **values,
            )
        if situation == "amendment":
            return _(
                "This change raises confirmed order %(order)s to %(total)s and puts it on credit hold:"
                '\n- %(reasons)s\n\nNext step: click "Request Approval of a Higher Total" on the order and ask for '
                "the new total, or take a prepayment for the full amount.",
                **values,
            )
        if situation == "customer_change":
            return _(
                "Confirmed order %(order)s cannot change customer, company or currency this way: it would be on "
                "credit hold:\n- %(reasons)s\n\nAsk a Credit Manager to raise the customer's credit limit, "
                "or take a prepayment for the full amount.",
                **values,
            )
        if situation == "contact_move":
            return _(
                "%(contact)s cannot move to another company this way: confirmed order %(order)s, invoiced to it, "
                "would be on credit hold there:\n- %(reasons)s\n\nAsk a Credit Manager to raise that company's "
                "credit limit, or move the contact once the order is invoiced.",
                **values,
            )
        return _(
            "Order %(order)s went ahead although it breaks the credit rules (this company only warns):\n- %(reasons)s",
            **values,
        )

    def _smec_confirmation_message(self, values):
        """Why a held order cannot be confirmed, and the next step: the request
        already sent, and what it waits for, when there is one."""
        self.ensure_one()
        last = self.sudo().smec_approval_ids.filtered(lambda a: a.state in ("requested", "rejected"))[:1]
        if last.state == "requested":
            return _(
                "Order %(order)s is on credit hold:\n- %(reasons)s\n\nCredit approval %(approval)s was requested by "
                "%(user)s on %(date)s and waits for a Credit Manager's decision: the order can be confirmed once it "
                "is approved, or now with a prepayment for the full amount.",
                approval=last.name,
                user=last.requested_by_id.name,
                date=fields.Date.context_today(self, last.create_date),
                **values,
            )
        if last.state == "rejected":
            return _(
                "Order %(order)s is on credit hold:\n- %(reasons)s\n\nCredit approval %(approval)s was rejected by "
                '%(user)s: %(note)s\nNext step: take a prepayment for the full amount, or click "Request Credit '
                'Approval" again with what has changed.',
                approval=last.name,
                user=last.decided_by_id.name,
                note=last.decision_note or "",
                **values,
            )
        return _(
            'Order %(order)s is on credit hold:\n- %(reasons)s\n\nNext step: click "Request Credit Approval" on '
            "the order, or take a prepayment for the full amount.",
            **values,
        )

    def _smec_is_interactive(self):
        """An internal user at the screen: a held order is refused. Portal,
        public and automated (superuser) confirmations hold it softly instead."""
        return not self.env.su and not self.env.user.share

    def _smec_gate_skipped(self):
        """Server code (tests, a migration of past orders) may confirm without the
        credit check, in superuser mode only: the context key alone, which any
        user can send with a call, is ignored."""
        return self.env.su and bool(self.env.context.get("smec_credit_skip_gate"))

    def _smec_gate_scope(self):
        """The gate's scope (see ``_GATE_SCOPE`` above)."""
        return self.env.cr.cache.setdefault(_GATE_SCOPE, {"decided": {}, "creating": 0})

    @contextmanager
    def _smec_gate_decided(self, decisions):
        """While Odoo confirms these orders, the gate has decided on them:
        ``decisions`` ({order id: reasons}) are not made again."""
        decided = self._smec_gate_scope()["decided"]
        added = {order_id: reasons for order_id, reasons in decisions.items() if order_id not in decided}
        decided.update(added)
        try:
            yield
        finally:
            for order_id in added:
                decided.pop(order_id, None)

    @contextmanager
    def _smec_creating(self):
        scope = self._smec_gate_scope()
        scope["creating"] += 1
        try:
            yield
        finally:
            scope["creating"] -= 1

    # ------------------------------------------------------------
    # CONFIRMATION, IN ODOO'S OWN CHAIN
    # ------------------------------------------------------------

    def action_confirm(self):
        # EXTENDS sale: the gate decides first; Odoo's chain then refuses the
        # held orders of a user at the screen (_confirmation_error_message)
        if self._smec_gate_skipped():
            with self._smec_gate_decided({order_id: [] for order_id in self.ids}):
                return super().action_confirm()
        held = self._smec_enforce_credit("confirmation")
        softly = self.browse([order.id for order in held]) if not self._smec_is_interactive() else self.browse()
        to_confirm = self - softly
        if not to_confirm:
            return True
        with self._smec_gate_decided({order.id: held.get(order, []) for order in to_confirm}):
            return super(SaleOrder, to_confirm).action_confirm()

    def _confirmation_error_message(self):
        # EXTENDS sale: a held order is refused with its reasons and the next step
        message = super()._confirmation_error_message()
        if message:
            return message
        reasons = self._smec_gate_scope()["decided"].get(self.id)
        return self._smec_credit_message("confirmation", reasons) if reasons else False

    def _smec_hold_softly(self, held):
        """Keep the orders unconfirmed, tell the credit managers, flag them for
        the portal. ``held``: {order: reasons}."""
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        for order in self:
            order.sudo().smec_portal_held = True
            message = order._smec_credit_message("confirmation", held[order])
            order.sudo().message_post(body=message)
            for manager in managers:
                order.sudo().activity_schedule(
                    "smec_credit.mail_activity_credit_approval",
                    user_id=manager.id,
                    summary=_("Order accepted online but on credit hold"),
                    note=plaintext2html(message),
                )

    # ------------------------------------------------------------
    # WHAT CHANGES AN ORDER'S WEIGHT
    # ------------------------------------------------------------

    def _smec_after_amount_change(self, totals_before):
        """After lines changed: one-off approvals of orders whose total rose lapse,
        and confirmed orders whose total rose go through the gate again (not
        while they are being created: create checks them once)."""
        raised = self.filtered(
            lambda o: o.currency_id.compare_amounts(o.amount_total, totals_before.get(o.id, o.amount_total)) > 0
        )
        raised.smec_approval_ids._lapse_on_total_rise()
        if raised and not self._smec_gate_scope()["creating"]:
            raised.filtered(lambda o: o.state == "sale")._smec_enforce_credit("amendment")

    @api.model
    def _smec_orders_invoiced_to(self, contacts):
        """The confirmed orders not fully invoiced whose invoice address is one of
        ``contacts`` or their descendants, with the company each one's credit is
        counted for now: {order: commercial partner id}. Moving the contacts to
        another company moves what those orders weigh on."""
        orders = self.sudo().search(
            [
                ("partner_invoice_id", "child_of", contacts.ids),
                ("state", "=", "sale"),
                ("invoice_status", "!=", "invoiced"),
            ]
        )
        return {order: order._smec_credit_partner().id for order in orders}

    @api.model
    def _smec_after_contact_move(self, orders):
        """``orders`` ({order: commercial partner id before}) are invoiced to
        contacts that moved: those now counted for another company lose their
        approvals and go through the gate there."""
        moved = self.browse([order.id for order, before in orders.items() if order._smec_credit_partner().id != before])
        moved.smec_approval_ids._lapse_on_order_change()
        moved._smec_enforce_credit("contact_move")
