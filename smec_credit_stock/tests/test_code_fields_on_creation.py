"""A credit release's value and reasons, sent on creation (#28).

A release reads why its delivery is held and what it is worth once it exists.
Whoever asks for it (here the warehouse) may send them back as the code sets
them, as an export imported back would: accepted; another value is refused
with the field's name and no release is made, through the ORM and JSON-RPC.
"""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestReleaseFieldsOnCreation(SmecCreditStockCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # 10 bricks at 100.00 to deliver, to a customer 100 days late on 1,500: held
        _order, cls.picking = cls.sell(cls.customer, 10)
        cls.make_invoice(cls.customer, 1500, cls.today - timedelta(days=130), due_date=cls.today - timedelta(days=100))

    def releases(self):
        return self.env["smec.credit.delivery.release"].search_count([("picking_id", "=", self.picking.id)])

    def test_the_deliverys_value_and_reasons_are_accepted_others_refused(self):
        reasons = "\n".join(
            r["message"]
            for r in self.env["smec.credit.delivery.reasons"]._hold_reasons(self.picking, lock=False)[self.picking]
        )
        self.assertIn("100 days past due", reasons)
        Release = self.env["smec.credit.delivery.release"].with_user(self.stock_user)
        values = {"picking_id": self.picking.id, "request_note": "Paid on Friday"}
        # 10 x 100.00 at the order's price
        release = Release.create({**values, "amount": 1000, "reasons": reasons})
        self.assertEqual((release.amount, release.reasons, release.state), (1000, reasons, "draft"))
        with self.assertRaisesRegex(
            UserError, r"Delivery Value of a Credit Release of a Delivery cannot be set.*amount=1"
        ):
            Release.create({**values, "amount": 1})
        with self.assertRaisesRegex(
            UserError, r"Why the delivery is held of a Credit Release of a Delivery cannot be set"
        ):
            Release.create({**values, "reasons": "nothing"})
        self.assertEqual(self.releases(), 1)

    def test_over_json_rpc(self):
        values = {"picking_id": self.picking.id, "request_note": "Paid on Friday"}
        release_id = self.call_ok(self.stock_user, "smec.credit.delivery.release", "create", {**values, "amount": 1000})
        self.assertEqual(self.env["smec.credit.delivery.release"].browse(release_id).amount, 1000)
        self.call_refused(
            self.stock_user,
            "UserError",
            r"Delivery Value of a Credit Release of a Delivery cannot be set.*amount=1",
            "smec.credit.delivery.release",
            "create",
            {**values, "amount": 1},
        )
        # the workflow is still the buttons'
        self.call_refused(
            self.stock_user,
            "AccessError",
            "with its buttons only",
            "smec.credit.delivery.release",
            "create",
            {**values, "amount": 1000, "state": "released"},
        )
        self.assertEqual(self.releases(), 1)
