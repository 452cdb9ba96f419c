"""Two real transactions validate deliveries of one customer at the same time.

This test commits: it creates its own customer, product and orders in the test
database, and deletes them afterwards. Parallel transactions cannot be shown
otherwise, hence the commits below.
"""
# pylint: disable=invalid-commit

import threading

from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.service.model import retrying
from odoo.tests import get_db_name, tagged

from odoo.addons.smec_credit.tests.test_concurrency import ADMIN, ParallelCase


@tagged("post_install", "-at_install")
class TestConcurrentValidation(ParallelCase):
    """Limit 10,000.00; two orders of 2 bricks at 1,000.00 (exposure 4,000.00).
    Each delivery hands over 7 bricks, 5 beyond its order (5,000.00 more on
    the invoices): one alone fits (9,000.00), both would not (14,000.00). The
    two validations are serialised on the customer's lock row: the second sees
    the first's delivery and is stopped, nothing of it moved."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, ADMIN, {})
            company = env.company
            self.company_id, self.live_before = (
                company.id,
                (company.smec_credit_live_date or None, company.account_use_credit_limit),
            )
            company.sudo().write({"smec_credit_live_date": "2026-01-01", "account_use_credit_limit": True})
            warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
            product = env["product.product"].create(
                {
                    "name": "SMEC race brick",
                    "is_storable": True,
                    "invoice_policy": "delivery",
                    "taxes_id": [Command.clear()],
                }
            )
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 100)
            partner = env["res.partner"].create({"name": "SMEC race site", "is_company": True})
            partner.sudo().write({"credit_limit": 10000})
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "warehouse_id": warehouse.id,
                        "order_line": [
                            Command.create({"product_id": product.id, "product_uom_qty": 2, "price_unit": 1000})
                        ],
                    }
                    for _i in range(2)
                ]
            )
            orders.action_confirm()
            self.partner_id, self.product_id, self.order_ids = partner.id, product.id, orders.ids
            self.picking_ids = orders.picking_ids.ids
            self.stock_location_id = warehouse.lot_stock_id.id
            cr.commit()
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "UPDATE res_company SET smec_credit_live_date = %s, account_use_credit_limit = %s WHERE id = %s",
                [*self.live_before, self.company_id],
            )
            for table in ("stock_move_line", "stock_move", "stock_quant"):
                cr.execute(f"DELETE FROM {table} WHERE product_id = %s", [self.product_id])
            cr.execute("DELETE FROM stock_picking WHERE id = ANY(%s)", [self.picking_ids])
            cr.execute("DELETE FROM sale_order WHERE id = ANY(%s)", [self.order_ids])
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])
            cr.execute(
                "DELETE FROM product_template WHERE id IN (SELECT product_tmpl_id FROM product_product WHERE id = %s)",
                [self.product_id],
            )
            cr.commit()

    def test_only_what_fits_goes(self):
        barrier = threading.Barrier(2, timeout=30)
        outcome = {}

        def validate(picking_id):
            threading.current_thread().testing = True
            with self.registry.cursor() as cr:
                env = api.Environment(cr, ADMIN, {})
                env["stock.picking"].browse(picking_id).read(["state"])
                barrier.wait()

                def attempt():
                    env.invalidate_all()
                    picking = env["stock.picking"].browse(picking_id)
                    picking.move_ids.write({"quantity": 7, "picked": True})
                    return picking.button_validate()

                result = retrying(attempt, env)
                cr.commit()
                outcome[picking_id] = "done" if result is True else result["res_model"]

        threads = [threading.Thread(target=validate, args=(picking_id,)) for picking_id in self.picking_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(90)
        self.assertEqual(sorted(outcome.values()), ["done", "smec.credit.overdelivery"])
        with self.registry.cursor() as cr:
            cr.execute("SELECT id, state FROM stock_picking WHERE id = ANY(%s) ORDER BY id", [self.picking_ids])
            states = dict(cr.fetchall())
            stopped = next(pid for pid, result in outcome.items() if result != "done")
            self.assertEqual(states[stopped], "assigned")
            cr.execute(
                "SELECT SUM(quantity) FROM stock_quant WHERE product_id = %s AND location_id = %s",
                [self.product_id, self.stock_location_id],
            )
            self.assertEqual(cr.fetchone()[0], 93)  # 100 - the 7 of the one that went
