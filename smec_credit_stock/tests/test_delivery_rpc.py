from odoo.tests import HttpCase, tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestDeliveryHoldOverRpc(SmecCreditStockCommon, HttpCase):
    """The warehouse user calls the server as the web client (or a scanner's
    integration) would, over HTTP: a held delivery is refused and nothing moves,
    whatever context the call sends."""

    def call_kw(self, model, method, args, context=None):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": {"context": context or {}}},
            },
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def test_a_held_delivery_is_refused_over_rpc_and_nothing_moves(self):
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        self.authenticate(self.stock_user.login, self.stock_user.login)
        read = self.call_kw("stock.picking", "read", [[picking.id], ["smec_credit_held", "smec_credit_hold_reasons"]])
        self.assertIs(read["result"][0]["smec_credit_held"], True)
        self.assertIn("100 days past due", read["result"][0]["smec_credit_hold_reasons"])
        found = self.call_kw("stock.picking", "search", [[["smec_credit_held", "=", True]]])
        self.assertEqual(found["result"], picking.ids)
        contexts = (
            {},
            {"skip_backorder": True, "smec_credit_skip_gate": True, "bypass_risk": True, "cancel_backorder": True},
        )
        for context in contexts:
            with self.subTest(context=context):
                error = self.call_kw("stock.picking", "button_validate", [picking.ids], context)["error"]["data"]
                self.assertEqual(error["name"], "odoo.exceptions.UserError")
                self.assertIn("is on credit hold", error["message"])
                self.assertIn(f"{self.currency.format(1500)} is overdue in all", error["message"])
        picking.invalidate_recordset()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(set(picking.move_ids.mapped("state")), {"assigned"})
        self.assertEqual(self.on_hand(), 100)
        # the release's workflow is not a field anybody writes
        release = self.call_kw(
            "smec.credit.delivery.release", "create", [{"picking_id": picking.id, "state": "released"}]
        )
        self.assertEqual(release["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertTrue(picking.smec_credit_held)
