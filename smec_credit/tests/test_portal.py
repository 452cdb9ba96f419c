from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPortalAcceptance(SmecCreditCommon, HttpCase):
    """The customer signs a quotation on the portal: the real route, over HTTP."""

    PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="

    def test_signed_order_over_the_limit_stays_unconfirmed_with_a_polite_notice(self):
        self.customer.sudo().credit_limit = 1000
        self.customer.email = "buyer@example.com"
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 5000})],
            }
        )
        order.action_quotation_sent()
        token = order._portal_ensure_token()
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": token, "name": "Wang Fang", "signature": self.PNG},
        )
        self.assertNotIn("error", result)
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent", "held: not confirmed")
        self.assertTrue(order.smec_portal_held)
        self.assertTrue(order.signed_by)
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids
        activities = order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("smec_credit.mail_activity_credit_approval")
        )
        self.assertEqual(activities.user_id, managers)

        page = self.url_open(f"/my/orders/{order.id}?access_token={token}&message=sign_ok")
        self.assertEqual(page.status_code, 200)
        self.assertIn("smec_credit_review_notice", page.text)
        self.assertIn("will confirm it", page.text)
