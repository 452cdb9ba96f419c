"""The credit gate of sale orders: one room, one entry per situation, one
place that decides.

Every way an order can come to weigh more on a customer's credit enters here
by the entry of its situation; the overrides of ``sale.order``,
``sale.order.line`` and ``res.partner`` only call these entries:

=======================  ==========================  ===========================================
situation                entry (called by)           path
=======================  ==========================  ===========================================
``confirmation``         ``_confirmation``,          ``action_confirm`` (the Confirm button, an
                         ``_confirmation_refusal``   RPC call; the portal and online payments
                         (``sale.order``'s           call it too, in superuser mode: the order
                         ``action_confirm``,         is held softly there)
                         ``_confirmation_error_
                         message``)
``direct_confirmation``  ``_creation``, ``_order_    an order written to state ``sale`` other
                         write`` (``sale.order``'s   than by ``action_confirm``, or created in it
                         ``create``, ``write``)      (import, RPC)
``amendment``            ``_lines_change``           a confirmed order whose total rises by any
                         (``sale.order.line``'s      change of its lines
                         ``create``, ``write``)
``customer_change``      ``_order_write``            a confirmed order moved to another customer,
                                                     invoice address, company or currency
``contact_move``         ``_contact_move``           the invoice contact of confirmed orders
                         (``res.partner.write``)     moved to another company
=======================  ==========================  ===========================================

``_decide`` is the one place that decides: the reasons come from
``sale.order._smec_credit_gate`` (``smec.credit.order.check``: the lock and one
statement); the gate refuses the change (with the reasons and the next step,
worded by ``_message``), holds the order softly (portal, online payment), or,
when the company only warns, logs them on the order and lets it go ahead.
Until the company goes live (``res.company._smec_credit_live``, read by the
same statement) the gate lets every order go ahead.

No decision is kept on the cursor. Odoo's own steps after a decision come back
to the gate for the orders it decided on (``action_confirm`` asks
``_confirmation_error_message`` and writes state ``sale``; ``create`` creates
the lines with their order): the decision travels with the records, in their
environment's context, as a ``GateScope``. Only Python code makes one: a
JSON-RPC or XML-RPC caller sends a context of JSON values, so a key sent with
a call decides nothing (``tests/test_gate_scope.py``). A flushing savepoint
rolled back on the way clears the cursor's cache, never the context: the
gate gives the same answer and the same message after it.
"""

from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import frozendict, plaintext2html

_SCOPE_KEY = "smec_credit_gate"

# what makes an approval of a confirmed order lapse (sale.order._smec_approval_key reads them)
_CUSTOMER_FIELDS = frozenset({"partner_id", "partner_invoice_id", "company_id", "pricelist_id", "currency_id"})


class GateScope:
    """What the gate decided in the call under way, carried by the records'
    context: ``decided`` ({order id: reasons}, an empty list when it passed)
    are the orders ``action_confirm`` is confirming, ``creating`` says orders
    are being created (their lines are no amendments). Immutable."""

    __slots__ = ("creating", "decided")

    def __init__(self, decided=None, creating=False):
        object.__setattr__(self, "decided", frozendict(decided or {}))
        object.__setattr__(self, "creating", creating)

    def __setattr__(self, name, value):
        raise AttributeError("a gate scope is not changed: make another")

    # a context copied is the same context: the scope goes with it as it is
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __repr__(self):
        return f"GateScope(decided={sorted(self.decided)}, creating={self.creating})"


_NO_SCOPE = GateScope()


class SmecCreditGate(models.AbstractModel):
    _name = "smec.credit.gate"
    _description = "Credit Gate of Sale Orders"

    # ------------------------------------------------------------
    # ENTRIES, ONE PER SITUATION
    # ------------------------------------------------------------

    @api.model
    def _confirmation(self, orders):
        """``action_confirm`` of ``orders``: the orders Odoo's chain is to
        confirm, carrying the decision. Held orders of a user at the screen
        stay in, and Odoo's chain refuses them (``_confirmation_refusal``);
        held orders confirmed from the portal, by an online payment or by
        other automated code are held softly and left out."""
        held = self._decide(orders, "confirmation")
        if not self._interactive():
            softly = orders.browse([order.id for order in held])
            self._hold_softly(softly, held)
            orders -= softly
            held = {}
        return self._scoped(orders, decided={order.id: held.get(order, []) for order in orders})

    @api.model
    def _confirmation_refusal(self, order):
        """Why Odoo's chain refuses to confirm ``order`` (its
        ``_confirmation_error_message``): the decision its record carries."""
        reasons = self._scope(order).decided.get(order.id)
        return self._message(order, "confirmation", reasons) if reasons else False

    @api.model
    def _creating(self, model):
        """``model`` (``sale.order``) to create orders with: the lines created
        with an order are no amendments, the order is checked once
        (``_creation``)."""
        return self._scoped(model, creating=True)

    @api.model
    def _creation(self, orders):
        """Orders just created: those created confirmed (an import, an RPC call)."""
        self._decide(orders.filtered(lambda o: o.state == "sale"), "direct_confirmation")

    @contextmanager
    def _order_write(self, orders, vals):
        """Around a write of ``vals`` on ``orders``: orders set to confirmed
        other than by ``action_confirm`` (direct confirmation); confirmed
        orders moved to another customer, invoice address, company or currency
        lose their approvals and go through the gate again (customer change)."""
        entering = orders.browse()
        if vals.get("state") == "sale":
            decided = self._scope(orders).decided
            entering = orders.filtered(lambda o: o.state != "sale" and o.id not in decided)
        keys = {order.id: order._smec_approval_key() for order in orders} if _CUSTOMER_FIELDS & vals.keys() else {}
        yield
        changed = orders.filtered(lambda o: o._smec_approval_key() != keys[o.id]) if keys else orders.browse()
        changed.smec_approval_ids._lapse_on_order_change()
        self._decide(entering, "direct_confirmation")
        self._decide(changed.filtered(lambda o: o.state == "sale") - entering, "customer_change")

    @contextmanager
    def _lines_change(self, orders):
        """Around a change of lines of ``orders`` (created or written, whatever
        the field: Odoo prices a line again from others, a unit of measure in
        dozens multiplies its price by 12, so the totals are compared): one-off
        approvals of orders whose total rose lapse, and confirmed orders whose
        total rose go through the gate again (not while they are being created:
        ``_creation`` checks them once)."""
        before = {order.id: order.amount_total for order in orders}
        yield
        raised = orders.filtered(
            lambda o: o.currency_id.compare_amounts(o.amount_total, before.get(o.id, o.amount_total)) > 0
        )
        raised.smec_approval_ids._lapse_on_total_rise()
        if not self._scope(orders).creating:
            self._decide(raised.filtered(lambda o: o.state == "sale"), "amendment")

    @contextmanager
    def _contact_move(self, contacts, vals):
        """Around a write of ``vals`` on ``contacts``: confirmed orders not
        fully invoiced whose invoice contact moves to another company (or
        descends from one that does) are counted for that company now: they
        lose their approvals and go through the gate there."""
        before = self._orders_invoiced_to(contacts) if {"parent_id", "is_company"} & vals.keys() else {}
        yield
        moved_ids = [order.id for order, partner_id in before.items() if order._smec_credit_partner().id != partner_id]
        moved = self.env["sale.order"].sudo().browse(moved_ids)
        moved.smec_approval_ids._lapse_on_order_change()
        self._decide(moved, "contact_move")

    # ------------------------------------------------------------
    # THE DECISION
    # ------------------------------------------------------------

    @api.model
    def _decide(self, orders, situation):
        """The one place that decides on ``orders`` in ``situation``, taking
        their customers' locks: {order: reasons} of the orders held. Orders
        held in a company that only warns get the reasons in their chatter and
        go ahead. Otherwise a change is refused with the reasons and the next
        step, except at a confirmation, whose entry holds the orders softly or
        leaves them to Odoo's own refusal."""
        if not orders or self._skipped():
            return {}
        # nothing is held before the order's company goes live (res_company_live.py)
        held = {order: r for order, r in orders._smec_credit_gate().items() if r and r[0]["live"]}
        for order in [o for o in held if o.company_id.smec_hold_mode == "warn"]:
            order.message_post(body=self._message(order, "warning", held.pop(order)))
        if held and situation != "confirmation":
            order, reasons = next(iter(held.items()))
            raise UserError(self._message(order, situation, reasons))
        return held

    @api.model
    def _interactive(self):
        """An internal user at the screen: a held order is refused. Portal,
        public and automated (superuser) confirmations hold it softly instead."""
        return not self.env.su and not self.env.user.share

    @api.model
    def _skipped(self):
        """Server code (tests, a migration of past orders) may go without the
        credit check, in superuser mode only: the context key alone, which any
        user can send with a call, is ignored."""
        return self.env.su and bool(self.env.context.get("smec_credit_skip_gate"))

    @api.model
    def _scope(self, records):
        """The gate's scope ``records`` carry (see the module's docstring):
        only a ``GateScope`` counts, never a value sent with a call."""
        scope = records.env.context.get(_SCOPE_KEY)
        return scope if isinstance(scope, GateScope) else _NO_SCOPE

    @api.model
    def _scoped(self, records, decided=None, creating=False):
        """``records`` carrying their scope with these decisions and marks added."""
        scope = self._scope(records)
        added = GateScope({**scope.decided, **(decided or {})}, scope.creating or creating)
        return records.with_context(**{_SCOPE_KEY: added})

    @api.model
    def _orders_invoiced_to(self, contacts):
        """The confirmed orders not fully invoiced whose invoice address is one of
        ``contacts`` or their descendants, with the company each one's credit is
        counted for now: {order: commercial partner id}."""
        orders = (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_invoice_id", "child_of", contacts.ids),
                    ("state", "=", "sale"),
                    ("invoice_status", "!=", "invoiced"),
                ]
            )
        )
        return {order: order._smec_credit_partner().id for order in orders}

    @api.model
    def _hold_softly(self, orders, held):
        """Keep ``orders`` unconfirmed, tell the credit managers, flag them for
        the portal. ``held``: {order: reasons}."""
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        for order in orders:
            order.sudo().smec_portal_held = True
            message = self._message(order, "confirmation", held[order])
            order.sudo().message_post(body=message)
            for manager in managers:
                order.sudo().activity_schedule(
                    "smec_credit.mail_activity_credit_approval",
                    user_id=manager.id,
                    summary=_("Order accepted online but on credit hold"),
                    note=plaintext2html(message),
                )

    # ------------------------------------------------------------
    # WHAT THE GATE SAYS
    # ------------------------------------------------------------

    @api.model
    def _message(self, order, situation, reasons):
        """What the gate tells about ``order`` in ``situation`` (or ``warning``:
        what the chatter keeps when the company only warns)."""
        order.ensure_one()
        values = {
            "order": order.name,
            "reasons": "\n- ".join(r["message"] for r in reasons),
            "total": order.currency_id.format(order.amount_total),
            "contact": order.partner_invoice_id.display_name,
        }
        if situation == "confirmation":
            return self._confirmation_message(order, values)
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

    @api.model
    def _confirmation_message(self, order, values):
        """Why a held order cannot be confirmed, and the next step: the request
        already sent, and what it waits for, when there is one."""
        last = order.sudo().smec_approval_ids.filtered(lambda a: a.state in ("requested", "rejected"))[:1]
        if last.state == "requested":
            return _(
                "Order %(order)s is on credit hold:\n- %(reasons)s\n\nCredit approval %(approval)s was requested by "
                "%(user)s on %(date)s and waits for a Credit Manager's decision: the order can be confirmed once it "
                "is approved, or now with a prepayment for the full amount.",
                approval=last.name,
                user=last.requested_by_id.name,
                date=fields.Date.context_today(order, last.create_date),
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
