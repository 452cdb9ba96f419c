from odoo.tests import HttpCase, tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestRpcCannotSkipTheCheck(SmecCreditCommon, HttpCase):
    """A salesperson calls the server as the web client would, over HTTP, asking
    to skip the credit check: the held order stays unconfirmed."""

    def call_kw(self, method, args, context):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/sale.order/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": "sale.order", "method": method, "args": args, "kwargs": {"context": context}},
            },
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def test_the_skip_key_and_a_direct_write_are_refused(self):
        self.customer.sudo().credit_limit = 1000
        order = self.make_order(self.customer, 5000, user=self.salesman)
        self.authenticate(self.salesman.login, self.salesman.login)
        skip = {"smec_credit_skip_gate": True}
        for method, args in (("action_confirm", [[order.id]]), ("write", [[order.id], {"state": "sale"}])):
            with self.subTest(method=method):
                error = self.call_kw(method, args, skip)["error"]["data"]
                self.assertEqual(error["name"], "odoo.exceptions.UserError")
                # 5,000 against a limit of 1,000, nothing else open
                self.assertIn("exposure with this order would be $\xa05,000.00", error["message"])
                self.assertIn("over the limit of $\xa01,000.00 by $\xa04,000.00", error["message"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        # within the limit the same call confirms
        self.customer.sudo().credit_limit = 6000
        self.assertIs(self.call_kw("action_confirm", [[order.id]], skip)["result"], True)
        order.invalidate_recordset()
        self.assertEqual(order.state, "sale")
