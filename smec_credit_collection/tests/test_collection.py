from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestCollection(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.agent = new_test_user(
            cls.env,
            "smec_agent",
            groups="smec_credit_collection.group_collection_agent",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )
        cls.collection_manager = new_test_user(
            cls.env,
            "smec_collection_manager",
            groups="smec_credit_collection.group_collection_manager",
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )

    def test_groups_privilege_and_menus(self):
        agent = self.env.ref("smec_credit_collection.group_collection_agent")
        manager = self.env.ref("smec_credit_collection.group_collection_manager")
        privilege = self.env.ref("smec_credit_collection.res_groups_privilege_collection")
        self.assertEqual((agent.privilege_id, manager.privilege_id), (privilege, privilege))
        self.assertEqual(privilege.category_id, self.env.ref("smec_credit.module_category_credit"))
        self.assertIn(agent, manager.implied_ids)
        root = self.env.ref("smec_credit_collection.smec_collection_menu_root")
        config = self.env.ref("smec_credit_collection.smec_collection_menu_config")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(root.id, Menu.with_user(self.salesman)._visible_menu_ids())
        self.assertIn(root.id, Menu.with_user(self.agent)._visible_menu_ids())
        self.assertNotIn(config.id, Menu.with_user(self.agent)._visible_menu_ids())
        self.assertIn(config.id, Menu.with_user(self.collection_manager)._visible_menu_ids())

    def test_default_stages_follow_the_compliant_sequence(self):
        stages = self.env["smec.collection.stage"].search([("company_id", "=", self.company.id)])
        self.assertEqual(stages.mapped("days_overdue"), [-3, 7, 30, 60, 90])
        self.assertEqual(len(stages.plan_id), 1)
        self.assertTrue(stages.plan_id.is_default)
        with self.assertRaises(AccessError):
            stages[0].with_user(self.agent).write({"days_overdue": 3})

    def test_dispute_amount_resolution_and_character_feed(self):
        invoice = self.make_invoice(
            self.customer, 1200, self.today - timedelta(days=40), self.today - timedelta(days=10)
        )
        dispute = (
            self.env["smec.collection.dispute"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Broken tiles",
                    "partner_id": self.customer.id,
                    "invoice_ids": [(6, 0, invoice.ids)],
                }
            )
        )
        self.assertEqual(dispute.amount, 1200.0)
        facts = self.env["smec.credit.assessment"]._payment_behaviour(self.customer, self.company)
        self.assertEqual(facts[self.customer.id]["dispute_count"], 1)
        with self.assertRaisesRolledBack(UserError, "how the dispute was resolved"):
            dispute.action_resolve()
        dispute.resolution = "withdrawn"
        dispute.action_resolve()
        self.assertEqual(dispute.state, "resolved")

    def test_disputes_are_kept_per_company(self):
        other = self.setup_other_company()["company"]
        dispute = self.env["smec.collection.dispute"].create(
            {"name": "Elsewhere", "partner_id": self.customer.id, "company_id": other.id}
        )
        with self.assertRaises(AccessError):
            dispute.with_user(self.agent).read(["name"])
        self.assertFalse(self.env["smec.collection.dispute"].with_user(self.agent).search([]))
