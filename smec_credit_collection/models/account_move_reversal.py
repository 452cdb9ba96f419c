from odoo import _, models
from odoo.exceptions import UserError


class AccountMoveReversal(models.TransientModel):
    """Odoo's reversal, opened from a dispute, makes the dispute's credit notes."""

    _inherit = "account.move.reversal"

    def reverse_moves(self, is_modify=False):
        action = super().reverse_moves(is_modify=is_modify)
        dispute_id = self.env.context.get("smec_dispute_id")
        if dispute_id:
            dispute = self.env["smec.collection.dispute"].browse(int(dispute_id)).exists()
            if not dispute or dispute.state not in ("open", "negotiation"):
                raise UserError(_("The dispute this credit note was for is no longer open."))
            dispute.check_access("write")
            refunds = self.new_move_ids.filtered(lambda m: m.reversed_entry_id in dispute.line_ids.move_id)
            refunds.sudo().write({"smec_dispute_id": dispute.id})
            dispute.message_post(
                body=_("Credit note %(refunds)s created.", refunds=", ".join(refunds.mapped("display_name")))
            )
        return action
