"""A delivery beyond the order that the credit rules stop: deliver the ordered
quantities only, or leave it.

Delivering more than ordered of a product invoiced on delivery raises what the
order will invoice: an amendment, which the hold checks at validation like the
order gate checks an amendment. When that is all that holds the delivery, the
user at the screen gets this choice instead of a refusal; nothing has moved.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SmecCreditOverdelivery(models.TransientModel):
    _name = "smec.credit.overdelivery"
    _description = "Delivery Beyond the Order on Credit Hold"

    picking_ids = fields.Many2many("stock.picking", string="Deliveries", readonly=True)
    message = fields.Text(readonly=True)

    @api.model
    def _smec_offer(self, held):
        """The choice for the deliveries ``held`` ({picking: reasons}) by their extra only."""
        pickings = self.env["stock.picking"].browse([p.id for p in held])
        wizard = self.create(
            {
                "picking_ids": [fields.Command.set(pickings.ids)],
                "message": "\n\n".join(p._smec_credit_message("over_delivery", r) for p, r in held.items()),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": _("Delivery Beyond the Order on Credit Hold"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_deliver_ordered(self):
        """Bring each move down to what its order line has left to deliver, and a
        product the order does not have to nothing (it waits on the backorder),
        then validate. A move the warehouse added of a product the order has
        counts on the order's first line of it, as Odoo links it at validation."""
        self.ensure_one()
        pickings = self.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
        if not pickings:
            raise UserError(_("These deliveries are done or cancelled already."))
        pickings.check_access("write")
        for picking in pickings:
            open_moves = picking.move_ids.filtered(lambda m: m.state not in ("done", "cancel"))
            order = picking.sale_id
            order_lines = order.order_line if order.state == "sale" else picking.move_ids.sale_line_id
            first = {}
            for line in order_lines.filtered("product_id"):
                first.setdefault(line.product_id, line)
            for move in open_moves:
                if move.sale_line_id or move.product_id in first or not picking.sale_id:
                    continue
                if move.product_id.invoice_policy == "delivery":
                    move.quantity = 0.0
            for line in order_lines:
                left = max(line.product_uom_qty - line.qty_delivered, 0.0)
                moves = open_moves.filtered(
                    lambda m, line=line, first=first: (
                        m.sale_line_id == line or (not m.sale_line_id and first.get(m.product_id) == line)
                    )
                )
                for move in moves:
                    allowed = line.product_uom_id._compute_quantity(left, move.product_uom, round=False)
                    if move.product_uom.compare(move.quantity, allowed) > 0:
                        move.quantity = allowed
                    left = max(left - move.product_uom._compute_quantity(move.quantity, line.product_uom_id), 0.0)
        return pickings.button_validate()
