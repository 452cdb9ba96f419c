from datetime import timedelta

from odoo import Command, api, fields, models


class SmecCreditDemoStock(models.AbstractModel):
    _inherit = "smec.credit.demo"

    @api.model
    def _smec_demo_delivery_hold(self, product_id, warehouse_user_id, credit_manager_id):
        """Demo data only: 東莞長安建材商行 owes an invoice 100 days past due (the company stops shipping after 90)
        and has two orders confirmed before it fell behind. The warehouse asked for the first delivery to go
        (the customer's site needed it, a payment was promised); the credit manager released it, once, and it
        went out. The second is held: the warehouse sees why on the transfer."""
        company = self.env.company
        today = fields.Date.context_today(self)
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        product = self.env["product.product"].browse(product_id)
        self.env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 500)
        customer = self.env["res.partner"].create(
            {"name": "东莞长安建材商行 (Dongguan Chang'an Building Supplies)", "is_company": True, "city": "Dongguan"}
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": today - timedelta(days=130),
                "invoice_date_due": today - timedelta(days=100),
                "invoice_line_ids": [Command.create({"product_id": product_id, "quantity": 80, "price_unit": 150})],
            }
        )
        invoice.invoice_date_due = today - timedelta(days=100)
        invoice.action_post()
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": customer.id,
                    "warehouse_id": warehouse.id,
                    "order_line": [
                        Command.create({"product_id": product_id, "product_uom_qty": qty, "price_unit": 150})
                    ],
                }
                for qty in (40, 20)
            ]
        )
        # confirmed before the customer fell behind
        orders.with_context(smec_credit_skip_gate=True).action_confirm()
        released, held = orders[0].picking_ids, orders[1].picking_ids
        warehouse_user = self.env["res.users"].browse(warehouse_user_id)
        release = (
            self.env["smec.credit.delivery.release"]
            .with_user(warehouse_user)
            .create({"picking_id": released.id, "request_note": "工地急需，客户承诺本周五付清逾期货款。"})  # noqa: RUF001
        )
        release.action_request()
        release = release.with_user(credit_manager_id)
        release.decision_note = "放行本次发货一次：客户已提供付款计划，其余发货待逾期款到账后再发。"  # noqa: RUF001
        release.action_release()
        released.with_user(warehouse_user).button_validate()
        return held
