from odoo import _, models
from odoo.exceptions import UserError


class AccountMoveReversal(models.TransientModel):
    """Odoo's reversal, opened from a dispute, makes the dispute's credit notes:
    each credits what the dispute grants on its invoice (the disputed part, or
    the smaller amount the resolution names), not the whole invoice."""

    _inherit = "account.move.reversal"

    def reverse_moves(self, is_modify=False):
        dispute_id = self.env.context.get("smec_dispute_id")
        if not dispute_id:
            return super().reverse_moves(is_modify=is_modify)
        dispute = self.env["smec.collection.dispute"].browse(int(dispute_id)).exists()
        if not dispute or dispute.state not in ("open", "negotiation"):
            raise UserError(_("The dispute this credit note was for is no longer open."))
        dispute.check_access("write")
        if is_modify:
            # Odoo's "reverse and create invoice" posts a reversal of the whole invoice
            raise UserError(_("A dispute's credit note credits the part the dispute grants: use Reverse."))
        action = super().reverse_moves(is_modify=is_modify)
        refunds = self.new_move_ids.filtered(lambda m: m.reversed_entry_id in dispute.line_ids.move_id)
        for refund in refunds:
            lines = dispute.line_ids.filtered(lambda line, refund=refund: line.move_id == refund.reversed_entry_id)
            refund._smec_credit_only(sum(lines.mapped("credit_amount")))
        refunds.sudo().write({"smec_dispute_id": dispute.id})
        dispute.message_post(
            body=_(
                "Credit note %(refunds)s created.",
                refunds=", ".join(f"{r.display_name} ({r.currency_id.format(r.amount_total)})" for r in refunds),
            )
        )
        return action
