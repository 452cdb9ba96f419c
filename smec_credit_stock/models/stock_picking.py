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

What ``button_validate`` decided travels with the transfers to ``_action_done``
as the order gate's decisions do (smec_credit's ``smec_credit_gate.py``): a
``GateScope`` in their context, which only Python code makes (a key sent with a
call decides nothing), and which a flushing savepoint rolled back on the way
leaves as it was (it clears the cursor's cache, never a context).
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.smec_credit.models.smec_credit_gate import GateScope

# the transfers the hold decided on in this call of button_validate
_HOLD_KEY = "smec_credit_stock_hold"


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
    def _smec_hold_decided(self):
        """The ids of the transfers the hold decided on in the call under way:
        only a ``GateScope`` counts, never a value sent with a call."""
        scope = self.env.context.get(_HOLD_KEY)
        return scope.decided if isinstance(scope, GateScope) else {}

    def _smec_hold_scoped(self, decided):
        """These transfers carrying the hold's decision on ``decided`` (transfers)."""
        scope = GateScope({**self._smec_hold_decided(), **dict.fromkeys(decided.ids, ())})
        return self.with_context(**{_HOLD_KEY: scope})

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
        todo -= todo.browse(list(self._smec_hold_decided()))
        held = todo._smec_credit_hold()
        if held:
            over = {p: r for p, r in held.items() if {c["code"] for c in r} == {"over_delivery"}}
            if len(over) == len(held) and not self.env.su and not self.env.user.share:
                return self.env["smec.credit.overdelivery"]._smec_offer(over)
            self._smec_credit_refuse(held)
        result = super(StockPicking, self._smec_hold_scoped(todo)).button_validate()
        if isinstance(result, dict) and isinstance(result.get("context"), dict):
            # a wizard Odoo opens (a backorder's) gets the context of the call: not the decision, which ends here
            result["context"] = {key: value for key, value in result["context"].items() if key != _HOLD_KEY}
        return result

    def _action_done(self):
        # EXTENDS stock: transfers validated other than by button_validate
        todo = self.filtered(lambda p: p.picking_type_code == "outgoing")
        todo -= todo.browse(list(self._smec_hold_decided()))
        held = todo._smec_credit_hold()
        if held:
            self._smec_credit_refuse(held)
        return super(StockPicking, self._smec_hold_scoped(todo))._action_done()

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
