from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.stock.models.stock_picking import StockPicking as OdooStockPicking

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestHoldAfterARolledBackSavepoint(SmecCreditStockCommon):
    """Another add-on's step in Odoo's validation, after the hold decided in
    ``button_validate`` and before ``_action_done``, tries something in a
    flushing savepoint and rolls it back: Odoo clears the transaction's caches,
    the cursor's with them. The hold is not asked again: one check, one
    warning."""

    def lock_checks(self):
        """How many credit checks took the customer's lock (smec_credit_partner_lock)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT COALESCE(SUM(checks), 0) FROM smec_credit_partner_lock WHERE partner_id = %s AND company_id = %s",
            [self.customer.id, self.company.id],
        )
        return self.env.cr.fetchone()[0]

    def test_a_delivery_that_goes_ahead_is_checked_and_logged_once(self):
        self.company.smec_hold_mode = "warn"
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        checks = self.lock_checks()
        cleared = []
        original = OdooStockPicking._sanity_check

        def step(pickings):
            pickings.env.cr.cache["smec_test_probe"] = True
            savepoint = pickings.env.cr.savepoint()  # flushing, as by default
            pickings.env["res.partner"].sudo().create({"name": "Undone"})
            pickings.env.flush_all()
            savepoint.close(rollback=True)
            cleared.append("smec_test_probe" not in pickings.env.cr.cache)
            return original(pickings)

        with patch.object(OdooStockPicking, "_sanity_check", step):
            picking.with_user(self.stock_user).button_validate()
        self.assertEqual(cleared, [True], "the step ran, and the rollback cleared the cursor's cache")
        self.assertEqual(picking.state, "done")
        warnings = picking.message_ids.filtered(lambda m: "this company only warns" in m.body)
        self.assertEqual(len(warnings), 1)
        self.assertIn("100 days past due", warnings.body)
        self.assertEqual(self.lock_checks(), checks + 1, "one check, which took the customer's lock once")


@tagged("post_install", "-at_install")
class TestHoldScopeCannotBeSent(SmecCreditStockCommon, HttpCase):
    """The hold's decision travels in the context as a Python object only: the
    key sent over JSON-RPC, with whatever value, decides nothing."""

    def test_the_scope_key_sent_with_a_call_decides_nothing(self):
        _order, picking = self.sell(self.customer, 10)
        self.overdue(self.customer, 1500, 100)
        self.authenticate(self.stock_user.login, self.stock_user.login)
        for value in (True, picking.ids, {str(picking.id): []}, f"GateScope(decided=[{picking.id}], creating=False)"):
            with self.subTest(value=value):
                response = self.opener.post(
                    f"{self.base_url()}/web/dataset/call_kw/stock.picking/button_validate",
                    json={
                        "id": 0,
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "stock.picking",
                            "method": "button_validate",
                            "args": [picking.ids],
                            "kwargs": {"context": {"smec_credit_stock_hold": value}},
                        },
                    },
                    timeout=60,
                )
                error = response.json()["error"]["data"]
                self.assertIn("is on credit hold", error["message"])
                self.assertIn(f"{self.currency.format(1500)} is overdue in all", error["message"])
        picking.invalidate_recordset()
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.on_hand(), 100)
