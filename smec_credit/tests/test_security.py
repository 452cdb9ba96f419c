from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestSmecCreditSecurity(SmecCreditCommon):
    def test_groups_privilege_and_implication(self):
        manager = self.env.ref("smec_credit.group_credit_manager")
        user = self.env.ref("smec_credit.group_credit_user")
        privilege = self.env.ref("smec_credit.res_groups_privilege_credit")
        self.assertEqual(manager.privilege_id, privilege)
        self.assertEqual(user.privilege_id, privilege)
        self.assertEqual(privilege.category_id, self.env.ref("smec_credit.module_category_credit"))
        self.assertIn(user, manager.implied_ids)
        self.assertTrue(self.credit_manager.has_group("smec_credit.group_credit_user"))
        self.assertFalse(self.credit_user.has_group("smec_credit.group_credit_manager"))

    def test_menus_by_right(self):
        root = self.env.ref("smec_credit.smec_credit_menu_root")
        config = self.env.ref("smec_credit.smec_credit_menu_config")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(root.id, Menu.with_user(self.salesman)._visible_menu_ids())
        self.assertIn(root.id, Menu.with_user(self.credit_user)._visible_menu_ids())
        self.assertNotIn(config.id, Menu.with_user(self.credit_user)._visible_menu_ids())
        self.assertIn(config.id, Menu.with_user(self.credit_manager)._visible_menu_ids())

    def test_every_model_has_access_rules(self):
        models = self.env["ir.model"].search([("model", "=like", "smec.credit.%"), ("transient", "=", False)])
        for model in models:
            if self.env[model.model]._abstract:
                continue
            self.assertTrue(
                self.env["ir.model.access"].search_count([("model_id", "=", model.id)]),
                f"{model.model} has no access rule",
            )

    def test_credit_user_cannot_change_policy(self):
        with self.assertRaises(AccessError):
            self.grade["A"].with_user(self.credit_user).write({"limit_amount": 1})
        with self.assertRaises(AccessError):
            self.card.with_user(self.credit_user).write({"weight_character": 35, "weight_capacity": 20})
        self.grade["A"].with_user(self.credit_manager).write({"limit_amount": 250000})
        self.assertEqual(self.grade["A"].limit_amount, 250000)

    def test_salesperson_cannot_edit_limit_or_grade(self):
        partner = self.customer.with_user(self.salesman)
        with self.assertRaises(AccessError):
            partner.write({"smec_grade_id": self.grade["A"].id})
        # the limit field itself is reserved to accounting and credit people
        with self.assertRaises(AccessError):
            partner.write({"credit_limit": 1_000_000})
        self.assertFalse(self.customer.smec_grade_id)

    def test_salesperson_cannot_approve_or_read_assessments(self):
        assessment = self.env["smec.credit.assessment"].create({"partner_id": self.customer.id})
        with self.assertRaises(AccessError):
            assessment.with_user(self.salesman).read(["total_score"])
        with self.assertRaises(UserError):
            assessment.with_user(self.credit_user).action_approve()

    def test_companies_are_kept_apart(self):
        other = self.setup_other_company()["company"]
        assessment = (
            self.env["smec.credit.assessment"]
            .with_company(other)
            .create({"partner_id": self.customer.id, "company_id": other.id})
        )
        self.assertEqual(assessment.company_id, other)
        Assessment = self.env["smec.credit.assessment"].with_user(self.credit_manager)
        self.assertNotIn(assessment, Assessment.search([]))
        with self.assertRaises(AccessError):
            assessment.with_user(self.credit_manager).read(["name"])
        # and each company has its own grades
        other_grades = self.env["smec.credit.grade"].search([("company_id", "=", other.id)])
        self.assertEqual(sorted(other_grades.mapped("code")), ["A", "A", "B", "B", "C", "C", "D", "D"])
        self.assertFalse(other_grades & self.env["smec.credit.grade"].with_user(self.credit_manager).search([]))
