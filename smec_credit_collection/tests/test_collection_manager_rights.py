"""A Collection Manager keeps the customers' collection contacts and terms with the
rights of the role alone (no "contact creation" right given besides, as the demo's
user once needed): the collector, the plan, the address for notices, a finance
contact; not the credit terms a Credit Manager sets. A collector does none of it."""

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DunningCommon


@tagged("post_install", "-at_install")
class TestCollectionManagerRights(DunningCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user("smec_rights_manager", "smec_credit_collection.group_collection_manager")
        cls.collector = cls._user("smec_rights_collector", "smec_credit_collection.group_collection_agent")

    def test_collection_manager_keeps_collection_contacts_and_terms(self):
        self.assertFalse(self.manager.has_group("base.group_partner_manager"))
        partner = "res.partner"
        self.call_ok(
            self.manager,
            partner,
            "write",
            [self.customer.id],
            {
                "smec_collector_id": self.collector.id,
                "smec_customer_type": "owner",
                "smec_notice_email": "legal@huaxin.example.com",
                "smec_change_reason": "Clause 12 of the contract",
            },
        )
        contact_id = self.call_ok(
            self.manager,
            partner,
            "create",
            {"name": "Ms Liu, accounts payable", "parent_id": self.customer.id, "email": "liu@huaxin.example.com"},
        )
        customer = self.customer.with_company(self.company)
        self.assertEqual(
            (customer.smec_collector_id, customer.smec_customer_type, customer.smec_notice_email),
            (self.collector, "owner", "legal@huaxin.example.com"),
        )
        self.assertEqual(self.env[partner].browse(contact_id).commercial_partner_id, self.customer)
        # the credit terms stay a Credit Manager's
        self.call_refused(
            self.manager,
            "AccessError",
            "Only a Credit Manager",
            partner,
            "write",
            [self.customer.id],
            {"credit_limit": 90000},
        )
        # no deleting customers, and a collector edits none of it
        self.call_refused(self.manager, "AccessError", "not allowed", partner, "unlink", [contact_id])
        self.call_refused(
            self.collector,
            "AccessError",
            "not allowed",
            partner,
            "write",
            [self.customer.id],
            {"smec_customer_type": "large"},
        )
