from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestDisputesHoldTheirRules(SmecCreditCommon, RpcCase):
    """A collection agent writes disputes over HTTP as any client can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_hostile_agent", "smec_credit_collection.group_collection_agent")
        cls.invoice = cls.make_invoice(
            cls.customer, 1200, cls.today - timedelta(days=40), cls.today - timedelta(days=10)
        )
        cls.stranger = cls.env["res.partner"].create({"name": "Someone Else Ltd", "is_company": True})
        cls.foreign_invoice = cls.make_invoice(cls.stranger, 5000, cls.today - timedelta(days=40))

    def test_a_dispute_lists_only_its_customers_posted_invoices(self):
        Dispute = self.env["smec.collection.dispute"]
        count = Dispute.search_count([])
        draft = self.make_invoice(self.customer, 300, self.today, post=False)
        for invoices in (self.invoice | self.foreign_invoice, draft):
            with self.subTest(invoices=invoices.mapped("display_name")):
                self.call_refused(
                    self.agent,
                    "ValidationError",
                    "can only list its own posted invoices",
                    "smec.collection.dispute",
                    "create",
                    [{"name": "Broken tiles", "partner_id": self.customer.id, "invoice_ids": [(6, 0, invoices.ids)]}],
                )
        self.assertEqual(Dispute.search_count([]), count)
        dispute_id = self.call_ok(
            self.agent,
            "smec.collection.dispute",
            "create",
            [{"name": "Broken tiles", "partner_id": self.customer.id, "invoice_ids": [(6, 0, self.invoice.ids)]}],
        )[0]
        self.call_refused(
            self.agent,
            "ValidationError",
            "can only list its own posted invoices",
            "smec.collection.dispute",
            "write",
            [dispute_id],
            {"invoice_ids": [(4, self.foreign_invoice.id)]},
        )
        # its amount is the invoices' open amount: another amount sent is refused, naming it
        self.call_refused(
            self.agent,
            "UserError",
            r"Disputed Amount of a Collection Dispute cannot be set.*amount=99999",
            "smec.collection.dispute",
            "write",
            [dispute_id],
            {"amount": 99999},
        )
        dispute = Dispute.browse(dispute_id)
        self.assertEqual((dispute.invoice_ids, dispute.amount), (self.invoice, 1200.0))

    def test_a_dispute_is_resolved_by_its_button_with_a_resolution(self):
        dispute = (
            self.env["smec.collection.dispute"]
            .with_user(self.agent)
            .create(
                {"name": "Short delivery", "partner_id": self.customer.id, "invoice_ids": [(6, 0, self.invoice.ids)]}
            )
        )
        for vals in ({"state": "resolved"}, {"state": "resolved", "resolution": "withdrawn"}, {"state": "cancelled"}):
            with self.subTest(vals=vals):
                self.call_refused(
                    self.agent, "AccessError", "buttons only", "smec.collection.dispute", "write", [dispute.id], vals
                )
        self.call_refused(
            self.agent,
            "AccessError",
            "buttons only",
            "smec.collection.dispute",
            "create",
            [{"name": "Closed at birth", "partner_id": self.customer.id, "state": "resolved"}],
        )
        self.call_refused(
            self.agent,
            "UserError",
            "how the dispute was resolved",
            "smec.collection.dispute",
            "action_resolve",
            [dispute.id],
        )
        dispute.invalidate_recordset()
        self.assertEqual((dispute.state, dispute.resolution), ("open", False))
        # the rule holds for server code too
        with self.assertRaisesRolledBack(ValidationError, "says how it was resolved"):
            dispute.sudo().write({"state": "resolved"})
        self.call_ok(self.agent, "smec.collection.dispute", "write", [dispute.id], {"resolution": "withdrawn"})
        self.call_ok(self.agent, "smec.collection.dispute", "action_resolve", [dispute.id])
        dispute.invalidate_recordset()
        self.assertEqual(dispute.state, "resolved")
        # closed: history
        self.call_refused(
            self.agent,
            "AccessError",
            "This dispute is closed",
            "smec.collection.dispute",
            "write",
            [dispute.id],
            {"resolution": ""},
        )
