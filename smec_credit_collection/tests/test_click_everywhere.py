from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import ClickEverywhereCase, SmecCreditCommon


@tagged("post_install", "-at_install")
class TestCollectionClickEverywhere(SmecCreditCommon, ClickEverywhereCase):
    """Every menu, view and filter of the Collection app opens without error for
    a Collection Agent and a Collection Manager, with a dispute in the lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.agent = cls._user("smec_agent", "smec_credit_collection.group_collection_agent")
        cls.collection_manager = cls._user("smec_collection_manager", "smec_credit_collection.group_collection_manager")
        invoice = cls.make_invoice(cls.customer, 1200, cls.today, due_date=cls.today)
        cls.env["smec.collection.dispute"].create(
            {"name": "Broken tiles", "partner_id": cls.customer.id, "invoice_ids": [(6, 0, invoice.ids)]}
        )

    def test_agent_and_manager_open_every_menu_view_and_filter(self):
        # one test for both roles: each test builds the web client's assets again
        for user in (self.agent, self.collection_manager):
            with self.subTest(user=user.login):
                self.click_everywhere("smec_credit_collection.smec_collection_menu_root", user.login)
