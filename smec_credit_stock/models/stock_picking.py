"""The delivery hold (暫停發貨): a delivery to a customer the credit rules
hold does not leave the warehouse.

Every way a transfer is validated ends in ``_action_done``; the Validate button
(the web client, an RPC call, a barcode scanner's immediate validation of a
draft transfer) goes through ``button_validate`` first, where the hold decides
before anything moves (before Odoo confirms a draft transfer, asks about a
backorder or moves a unit): refused with the reasons and the next step, or,
when the only reason is a delivery beyond the order that would pass the
limit, a choice to deliver the ordered quantities only. ``_action_done``
decides for the transfers ``button_validate`` did not (other add-ons' code).

The transfer shows what holds it (``smec_credit_hold_reasons``), computed from
the same check whenever it is read: never stored, never stale.
"""

from contextlib import contextmanager

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# the transfers the hold decided on in this call of button_validate (see the
# gate's scope in smec_credit's sale_order_credit_gate.py: a cursor's cache is
# out of every caller's reach, a context key is not)
_HOLD_SCOPE = "smec_credit_stock.decided"


class StockPicking(models.Model):
    _inherit = "stock.picking"

    smec_credit_hold_reasons = fields.Text(
        string="Credit Hold",
        compute="_compute_smec_credit_hold",
        help="What the credit rules say of this delivery today: computed when the transfer is shown.",
    )
    smec_credit_held = fields.Boolean(
        string="Held for Credit",
        compute="_compute_smec_credit_hold",
        search="_search_smec_credit_held",
        help="The credit rules stop this delivery (暫停發貨): it cannot be validated until the reason is cleared "
        "or a Credit Manager releases it.",
    )
    smec_credit_would_hold = fields.Boolean(
        string="Would Be Held for Credit",
        compute="_compute_smec_credit_hold",
        help="The credit rules would stop this delivery, but the company's credit control is not live yet, or "
        "only warns.",
    )
    smec_credit_release_ids = fields.One2many(
        "smec.credit.delivery.release", "picking_id", string="Credit Releases", readonly=True
    )
    smec_credit_released = fields.Boolean(string="Released for Credit", compute="_compute_smec_credit_released")

    # ------------------------------------------------------------
    # COMPUTE AND SEARCH
    # ------------------------------------------------------------

    @api.depends_context("uid")
    def _compute_smec_credit_hold(self):
        pickings = self.filtered("id")  # not a transfer being created
        (self - pickings).update(
            {"smec_credit_hold_reasons": False, "smec_credit_held": False, "smec_credit_would_hold": False}
        )
        gate = self.env["smec.credit.delivery.reasons"]._hold_reasons(pickings._origin, lock=False)
        for picking in pickings:
            reasons = gate.get(picking._origin) or []
            held = bool(reasons) and reasons[0]["live"] and reasons[0]["mode"] == "hold"
            picking.smec_credit_held = held
            picking.smec_credit_would_hold = bool(reasons) and not held
            picking.smec_credit_hold_reasons = "\n".join(r["message"] for r in reasons) or False

    def _compute_smec_credit_released(self):
        for picking in self:
            picking.smec_credit_released = "released" in picking.sudo().smec_credit_release_ids.mapped("state")

    def _search_smec_credit_held(self, operator, value):
        """The open deliveries the credit rules hold today: one check of them all."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search the deliveries held for credit with 'is set' or 'is not set'."))
        candidates = self.sudo().search(
            [
                ("picking_type_code", "=", "outgoing"),
                ("state", "not in", ("done", "cancel")),
                ("return_id", "=", False),
                ("company_id", "in", self.env.companies.ids),
            ]
        )
        gate = self.env["smec.credit.delivery.reasons"]._hold_reasons(candidates, lock=False)
        held = [p.id for p, r in gate.items() if r and r[0]["live"] and r[0]["mode"] == "hold"]
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", held)]

    # ------------------------------------------------------------
    # THE HOLD
    # ------------------------------------------------------------

    def _smec_credit_hold(self):
        """Check the deliveries among these transfers, taking their customers'
        locks: {picking: reasons} of those held. A company that only warns gets
        the reasons in the transfer's chatter and the delivery goes ahead;
        before go-live nothing is held."""
        if not self:
            return {}
        gate = self.env["smec.credit.delivery.reasons"]._hold_reasons(self, lock=True)
        held = {picking: reasons for picking, reasons in gate.items() if reasons and reasons[0]["live"]}
        for picking in [p for p, reasons in held.items() if reasons[0]["mode"] == "warn"]:
            picking.message_post(body=picking._smec_credit_message("warning", held.pop(picking)))
        return held

    def _smec_credit_message(self, situation, reasons):
        """What the hold tells about this delivery in ``situation``:
        ``validation`` (refused), ``over_delivery`` (refused beyond the order)
        or ``warning`` (what the chatter keeps when the company only warns)."""
        self.ensure_one()
        codes = {reason["code"] for reason in reasons}
        values = {
            "picking": self.name,
            "partner": self.partner_id.commercial_partner_id.display_name,
            "reasons": "\n- ".join(r["message"] for r in reasons),
        }
        if situation == "warning":
            return _(
                "Delivery %(picking)s went out although the credit rules would stop it (this company only warns):"
                "\n- %(reasons)s",
                **values,
            )
        if situation == "over_delivery":
            return _(
                "Delivery %(picking)s to %(partner)s delivers more than ordered, and the credit rules stop that:"
                "\n- %(reasons)s\n\nNext step: deliver the ordered quantities only, or ask a Credit Manager to "
                "release this delivery or to raise the customer's limit.",
                **values,
            )
        if codes <= {"overdue", "limit"}:
            next_step = _(
                "Next step: the customer pays the overdue invoices (once the payment is booked, validate again), "
                'or a Credit Manager releases this delivery ("Request Credit Release" on the transfer).'
            )
        else:
            next_step = _(
                'Next step: a Credit Manager decides; ask for a release with "Request Credit Release" on the transfer.'
            )
        return _(
            "Delivery %(picking)s to %(partner)s is on credit hold (暫停發貨):\n- %(reasons)s\n\n%(next)s",
            next=next_step,
            **values,
        )

    @api.model
    def _smec_hold_scope(self):
        return self.env.cr.cache.setdefault(_HOLD_SCOPE, set())

    @contextmanager
    def _smec_hold_decided(self):
        """While Odoo validates these transfers, the hold has decided on them."""
        decided = self._smec_hold_scope()
        added = set(self.ids) - decided
        decided.update(added)
        try:
            yield
        finally:
            decided.difference_update(added)

    def _smec_credit_refuse(self, held):
        picking, reasons = next(iter(held.items()))
        situation = "over_delivery" if {r["code"] for r in reasons} == {"over_delivery"} else "validation"
        raise UserError(picking._smec_credit_message(situation, reasons))

    # ------------------------------------------------------------
    # VALIDATION, IN ODOO'S OWN CHAIN
    # ------------------------------------------------------------

    def button_validate(self):
        # EXTENDS stock: the hold decides before anything moves
        todo = self.filtered(lambda p: p.state != "done" and p.picking_type_code == "outgoing")
        todo -= todo.browse(self._smec_hold_scope())
        held = todo._smec_credit_hold()
        if held:
            over = {p: r for p, r in held.items() if {c["code"] for c in r} == {"over_delivery"}}
            if len(over) == len(held) and not self.env.su and not self.env.user.share:
                return self.env["smec.credit.overdelivery"]._smec_offer(over)
            self._smec_credit_refuse(held)
        with todo._smec_hold_decided():
            return super().button_validate()

    def _action_done(self):
        # EXTENDS stock: transfers validated other than by button_validate
        todo = self.filtered(lambda p: p.picking_type_code == "outgoing") - self.browse(self._smec_hold_scope())
        held = todo._smec_credit_hold()
        if held:
            self._smec_credit_refuse(held)
        with todo._smec_hold_decided():
            return super()._action_done()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_smec_credit_release(self):
        """Ask for (or, as a Credit Manager, give) a release of this delivery."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Credit Release of %s", self.name),
            "res_model": "smec.credit.delivery.release",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_id": self.id},
        }
