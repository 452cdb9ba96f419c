"""The set-up's dunning part: each business profile paces the company's default
dunning plan (the days of its stages), shown beside today's days and applied with
the rest of the set-up (the set-up itself: smec_credit_setup's tests)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestDunningSetup(SmecCreditCommon):
    def fresh_company(self, name):
        company = self.env["res.company"].create({"name": name, "currency_id": self.currency.id})
        for user in (self.env.user, self.credit_manager):
            user.sudo().company_ids |= company
        return company

    def new_setup(self, company, profile, **vals):
        Setup = self.env["smec.credit.setup"].with_user(self.credit_manager).with_company(company)
        return Setup.create({"company_id": company.id, "profile_id": profile.id, **vals})

    def stage_days(self, company):
        plan = (
            self.env["smec.collection.plan"].sudo().search([("company_id", "=", company.id), ("is_default", "=", True)])
        )
        return plan.stage_ids.sorted("days_overdue").mapped("days_overdue")

    def test_each_profile_paces_the_default_plan(self):
        paces = {
            "micro": [-3, 10, 30, 60, 90],
            "startup": [-3, 5, 20, 45, 60],
            "family": [-3, 15, 45, 90, 120],
            "ecommerce": [-3, 7, 15, 30, 60],
            "wholesale": [-3, 7, 30, 60, 90],
            "manufacturing": [-7, 15, 45, 90, 120],
        }
        profiles = self.env["smec.credit.profile"].search([])
        self.assertEqual({p.code: p._dunning_day_values() for p in profiles}, paces)
        for profile in profiles:
            with self.subTest(profile=profile.code):
                company = self.fresh_company(f"Paced {profile.code}")
                self.assertEqual(self.stage_days(company), [-3, 7, 30, 60, 90], "the default plan")
                setup = self.new_setup(company, profile)
                setup.line_ids.filtered("needs_confirm").confirmed = True
                setup.action_apply()
                self.assertEqual(self.stage_days(company), paces[profile.code])
                # applied again, the same profile changes nothing
                self.assertFalse(self.new_setup(company, profile).change_count)

    def test_a_micro_business_moves_one_stage(self):
        company = self.fresh_company("Guangzhou Tiles Wholesale")
        setup = self.new_setup(company, self.env.ref("smec_credit_setup.profile_wholesale"))
        self.assertFalse(setup.line_ids.filtered(lambda line: line.area == "Dunning"), "the default plan's pace")
        setup.profile_id = self.env.ref("smec_credit_setup.profile_micro")
        dunning = setup.line_ids.filtered(lambda line: line.area == "Dunning")
        self.assertEqual(
            [(line.current, line.proposed) for line in dunning], [("7", "10")], "-3, 30, 60, 90 stay as they are"
        )
        setup.line_ids.filtered("needs_confirm").confirmed = True
        setup.action_apply()
        self.assertEqual(self.stage_days(company), [-3, 10, 30, 60, 90])
        self.assertTrue(dunning.applied)

    def test_a_pace_rises_and_fits_the_plan(self):
        startup = self.env.ref("smec_credit_setup.profile_startup")
        with self.assertRaisesRolledBack(ValidationError, "rise from one stage"):
            startup.dunning_days = "7,3"
        with self.assertRaisesRolledBack(ValidationError, "as numbers"):
            startup.dunning_days = "7,thirty"
        # a pace of another number of stages than the plan's leaves the plan as it is, and says so
        startup.dunning_days = "-3,7,30"
        setup = self.new_setup(self.fresh_company("Shenzhen Start-up"), startup)
        dunning = setup.line_ids.filtered(lambda line: line.area == "Dunning")
        self.assertEqual(
            [(line.kind, line.current, line.proposed) for line in dunning],
            [("info", "5 stages", "Unchanged: the profile paces a plan of 3 stages")],
        )
