"""Which plan a customer follows: the plan set on it by hand, else the first plan
of its grade, else of its customer type, else the company's default plan. A
Collection Manager sets the plans up and chooses one by hand over HTTP; the
scheduled run then writes each customer's contact from its own plan's stages.
Every customer owes 1,000 due on 2 March 2026 (DUE); the run is on day 12."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestPlanChoice(DunningCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls._user(
            "smec_plan_manager", "smec_credit_collection.group_collection_manager,base.group_partner_manager"
        )
        Partner = cls.env["res.partner"]
        cls.plain = cls.customer
        cls.graded_d = Partner.create({"name": "Grade D Ltd", "is_company": True, "email": "ap@d.example.com"})
        cls.owner = Partner.create(
            {
                "name": "Owner's Shop",
                "is_company": True,
                "email": "boss@shop.example.com",
                "smec_customer_type": "owner",
            }
        )
        # grade D and an owner: the grade comes first
        cls.owner_d = Partner.create(
            {"name": "Owner D", "is_company": True, "email": "boss@d.example.com", "smec_customer_type": "owner"}
        )
        # grade D, an owner, and a plan by hand: the hand comes first
        cls.chosen = Partner.create(
            {"name": "Key Account", "is_company": True, "email": "ap@key.example.com", "smec_customer_type": "owner"}
        )
        (cls.graded_d | cls.owner_d | cls.chosen).with_company(cls.company).sudo().smec_grade_id = cls.grade["D"]
        for partner in cls.plain | cls.graded_d | cls.owner | cls.owner_d | cls.chosen:
            cls.make_invoice(partner, 1000, DUE - timedelta(days=30), DUE)

    def new_plan(self, name, days, channels, **vals):
        """A plan of one stage made by the manager over HTTP."""
        stage = {"name": f"{name}: day {days}", "days_overdue": days, **{f"channel_{c}": True for c in channels}}
        [plan_id] = self.call_ok(
            self.manager,
            "smec.collection.plan",
            "create",
            [{"name": name, "company_id": self.company.id, "stage_ids": [Command.create(stage)], **vals}],
        )
        return self.env["smec.collection.plan"].browse(plan_id)

    def test_the_hand_then_the_grade_then_the_customer_type_then_the_default(self):
        by_grade = self.new_plan(
            "Grade D: letter at once", 5, ["letter", "email"], grade_ids=[Command.set(self.grade["D"].ids)]
        )
        by_type = self.new_plan("Owners: a call first", 10, ["call"], customer_type="owner")
        by_hand = self.new_plan("Key accounts: an email", 3, ["email"])
        self.call_ok(
            self.manager, "res.partner", "write", self.chosen.ids, {"smec_collection_plan_id": by_hand.id},
            context={"allowed_company_ids": self.company.ids},
        )  # fmt: skip
        self.run_day(DUE + timedelta(days=12))
        contacts = self.Contact.search(
            [("partner_id", "in", (self.plain | self.graded_d | self.owner | self.owner_d | self.chosen).ids)]
        )
        written = {(c.partner_id.name, c.plan_id.name, c.stage_id.days_overdue, c.channel) for c in contacts}
        self.assertEqual(
            written,
            {
                # the default plan: 12 days overdue, the friendly reminder's email and call
                (self.plain.name, self.plan.name, 7, "email"),
                (self.plain.name, self.plan.name, 7, "call"),
                (self.graded_d.name, by_grade.name, 5, "letter"),
                (self.graded_d.name, by_grade.name, 5, "email"),
                (self.owner.name, by_type.name, 10, "call"),
                (self.owner_d.name, by_grade.name, 5, "letter"),
                (self.owner_d.name, by_grade.name, 5, "email"),
                (self.chosen.name, by_hand.name, 3, "email"),
            },
        )
        # an owner's wording on the owner's contacts, whichever plan they follow
        self.assertEqual(
            set(contacts.filtered(lambda c: c.partner_id == self.owner).mapped("customer_type")), {"owner"}
        )

    def test_an_archived_plan_by_hand_or_another_companys_is_not_followed(self):
        by_hand = self.new_plan("Key accounts: an email", 3, ["email"])
        self.chosen.with_company(self.company).sudo().smec_grade_id = False
        self.chosen.with_company(self.company).smec_collection_plan_id = by_hand
        by_hand.active = False
        # archived: the customer type's plan (none here), then the default plan
        self.run_day(DUE + timedelta(days=12))
        self.assertEqual(
            {(c.plan_id, c.stage_id.days_overdue) for c in self.Contact.search([("partner_id", "=", self.chosen.id)])},
            {(self.plan, 7)},
        )
        other = self.setup_other_company()["company"]
        foreign = self.env["smec.collection.plan"].search([("company_id", "=", other.id), ("is_default", "=", True)])
        self.call_refused(
            self.manager, "ValidationError", "follows a plan of", "res.partner", "write", self.chosen.ids,
            {"smec_collection_plan_id": foreign.id}, context={"allowed_company_ids": self.company.ids},
        )  # fmt: skip
