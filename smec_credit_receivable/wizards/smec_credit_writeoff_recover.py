from odoo import api, fields, models


class SmecCreditWriteoffRecover(models.TransientModel):
    """A written-off debt is paid after all: how much, and when."""

    _name = "smec.credit.writeoff.recover"
    _description = "Recover a Written-off Debt"

    writeoff_id = fields.Many2one("smec.credit.writeoff", required=True, ondelete="cascade")
    currency_id = fields.Many2one(related="writeoff_id.currency_id")
    amount = fields.Monetary(required=True, help="What the debtor paid of the written-off amount.")
    date = fields.Date(required=True, default=fields.Date.context_today)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        writeoff_id = values.get("writeoff_id") or self.env.context.get("default_writeoff_id")
        writeoff = self.env["smec.credit.writeoff"].browse(writeoff_id)
        if writeoff and "amount" in fields_list:
            values["amount"] = writeoff.amount - writeoff.recovered_amount
        return values

    def action_recover(self):
        self.ensure_one()
        move = self.writeoff_id.action_recover(self.amount, self.date)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
        }
