"""The credit set-up by business profile: each profile applied to a fresh
company, the changes shown beside today's values and then made; what a manager
decided is kept unless ticked; only a Credit Manager sets it up. The set-up's
own changes (the company's policy, the grades, the aging buckets); the dunning
plan's are the bridge's (smec_credit_collection_setup), which these tests leave
aside when it is installed."""

import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


def own(lines):
    """The set-up's own lines: not those another add-on adds (the dunning plan's)."""
    return lines.filtered(lambda line: line.kind != "field" or line.res_model in ("res.company", "smec.credit.grade"))


@tagged("post_install", "-at_install")
class TestCreditSetup(SmecCreditCommon):
    def fresh_company(self, name):
        company = self.env["res.company"].create({"name": name, "currency_id": self.currency.id})
        for user in (self.env.user, self.credit_manager):
            user.sudo().company_ids |= company
        return company

    def new_setup(self, company, profile, user=None, **vals):
        Setup = self.env["smec.credit.setup"].with_user(user or self.credit_manager).with_company(company)
        return Setup.create({"company_id": company.id, "profile_id": profile.id, **vals})

    def test_each_profile_on_a_fresh_company(self):
        profiles = self.env["smec.credit.profile"].search([])
        self.assertEqual(
            set(profiles.mapped("code")), {"micro", "startup", "family", "ecommerce", "wholesale", "manufacturing"}
        )
        for profile in profiles:
            with self.subTest(profile=profile.code):
                company = self.fresh_company(f"Fresh {profile.code}")
                setup = self.new_setup(company, profile)
                setup.line_ids.filtered("needs_confirm").confirmed = True
                setup.action_apply()
                self.assertEqual((setup.state, setup.applied_by_id), ("applied", self.credit_manager))
                self.assertTrue(all(line.applied for line in setup.line_ids if line.kind != "info"))
                self.assertEqual(company.smec_profile_id, profile)
                self.assertEqual(
                    (
                        company.smec_hold_mode,
                        company.smec_warn_overdue_days,
                        company.smec_block_overdue_days,
                        company.smec_review_raise_on_time,
                        company.smec_review_raise_percent,
                        company.smec_accounting_regime,
                        company.smec_full_5c_min_sales,
                    ),
                    (
                        profile.hold_mode,
                        profile.warn_overdue_days,
                        profile.block_overdue_days,
                        profile.raise_on_time,
                        profile.raise_percent,
                        profile.accounting_regime,
                        profile.full_5c_min_sales,  # a small company: factor 1
                    ),
                )
                self.assertEqual(company.smec_new_customer_grade_id.limit_amount, profile.start_limit)
                grades = self.env["smec.credit.grade"].search(
                    [("company_id", "=", company.id), ("partner_role", "=", "customer")]
                )
                self.assertEqual(
                    {g.code: (g.payment_term_id, g.prepayment_percent, g.credit_months) for g in grades},
                    {
                        line.code: (line.payment_term_id, line.prepayment_percent, line.credit_months)
                        for line in profile.grade_line_ids
                    },
                )
                buckets = company.smec_aging_bucket_ids.sorted(lambda b: (b.is_last, b.days_to))
                self.assertEqual(
                    [(None if b.is_last else b.days_to, b.provision_rate) for b in buckets], profile._bucket_values()
                )
                # applied again, the same profile changes nothing
                self.assertFalse(self.new_setup(company, profile).change_count)

    def test_the_changes_shown_for_a_wholesaler_and_a_micro_business(self):
        # the shipped policy is a wholesaler's but for the full-5C threshold and the starting limit
        company = self.fresh_company("Guangzhou Tiles Wholesale")
        wholesale = self.env.ref("smec_credit_setup.profile_wholesale")
        setup = self.new_setup(company, wholesale)
        self.assertEqual(
            [(line.label, line.current, line.proposed, line.needs_confirm) for line in own(setup.line_ids)],
            [
                ("Guangzhou Tiles Wholesale: Full 5C From Yearly Sales", "$\xa00.00", "$\xa01,000,000.00", False),
                ("C - Watch: Fixed / Starting Limit", "$\xa020,000.00", "$\xa030,000.00", False),
            ],
        )
        # a micro business (factor 0.5): a starting limit of 5,000 would lower the manager's 20,000
        micro = self.env.ref("smec_credit_setup.profile_micro")
        setup.profile_id = micro
        setup.size = "micro"
        lines = {line.label: line for line in setup.line_ids}
        limit = lines["C - Watch: Fixed / Starting Limit"]
        # amounts in the company's currency, as its screens show them ($ with a no-break space)
        self.assertEqual((limit.current, limit.proposed), ("$\xa020,000.00", "$\xa05,000.00"))
        self.assertTrue(limit.needs_confirm)
        self.assertEqual(lines["Guangzhou Tiles Wholesale: Full 5C From Yearly Sales"].proposed, "$\xa0100,000.00")
        self.assertEqual(lines["Guangzhou Tiles Wholesale: Credit Check"].proposed, "Warn only")
        self.assertEqual(
            lines["Aging buckets (up to days: provision rate)"].proposed,
            "0: 0 %, 30: 5 %, 90: 20 %, 180: 50 %, 365: 80 %, over: 100 %",
        )
        # a customer with a limit set by hand keeps it: shown, never changed
        self.customer.with_company(company).sudo().credit_limit = 8000
        setup.size = "small"
        setup.size = "micro"
        kept = setup.line_ids.filtered(lambda line: line.kind == "info")
        limit = setup.line_ids.filtered(lambda line: line.label == "C - Watch: Fixed / Starting Limit")
        self.assertEqual(
            (kept.current, kept.proposed), ("1 customers", "Unchanged: the set-up changes no customer's limit")
        )
        todo = self.env.ref("smec_credit_setup.todo_credit_setup")
        todo.state = "open"
        setup.action_apply()
        self.assertEqual(todo.state, "done", "offered on first use, until a set-up is applied")
        grade_c = company.smec_new_customer_grade_id
        self.assertEqual((grade_c.limit_amount, limit.applied), (20000.0, False), "not ticked: not applied")
        self.assertEqual(company.smec_hold_mode, "warn")
        self.assertEqual(self.customer.with_company(company).credit_limit, 8000.0)
        self.assertIn("changes made, 1 left as they were", setup.message_ids[0].body)
        with self.assertRaisesRolledBack(UserError, "was applied on"):
            setup.action_apply()
        with self.assertRaisesRolledBack(UserError, "kept as it was"):
            limit.confirmed = True

    def test_only_a_credit_manager_and_only_the_listed_changes(self):
        company = self.fresh_company("Shenzhen Start-up")
        startup = self.env.ref("smec_credit_setup.profile_startup")
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager sets up"):
            self.new_setup(company, startup, user=self.credit_user)
        setup = self.new_setup(company, startup)
        line = setup.line_ids.filtered(lambda line: line.field_name == "smec_block_overdue_days")
        self.assertEqual((line.current, line.proposed), ("90", "45"))
        # what a line changes is the set-up's: a value, a model or a field sent is refused
        with self.assertRaisesRolledBack(UserError, "cannot be set"):
            line.with_user(self.credit_manager).write(
                {"confirmed": True, "value": json.dumps(1), "res_model": "res.users", "field_name": "login"}
            )
        line.with_user(self.credit_manager).write({"confirmed": True})
        self.assertEqual(
            (line.value, line.res_model, line.field_name), ("45", "res.company", "smec_block_overdue_days")
        )
        with self.assertRaisesRolledBack(AccessError, "set with its buttons only"):
            setup.with_user(self.credit_manager).write({"state": "applied"})
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager sets up"):
            setup.with_user(self.credit_user).action_apply()
        with self.assertRaisesRolledBack(ValidationError, "is not a bucket"):
            startup.aging_buckets = "0:5,thirty:10,over:100"
