from datetime import timedelta

from odoo import Command
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.smec_credit_collection.tests.test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestDunningRule(DunningCommon):
    """This module's rule, added in Python to the dunning selection's own: a
    customer with the tag is not dunned, the others are as before."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tag = cls.env.ref("test_smec_dunning_rule.category_no_dunning")
        cls.other = cls.customer.copy({"name": "Other Ltd", "email": "ap@other.example.com"})

    def test_the_rule_is_one_condition_more(self):
        run = self.env["smec.collection.run"].new({"company_id": self.company.id, "date": DUE})
        conditions = run._smec_dunning_candidate_conditions(SQL("aml"), SQL("p.commercial_partner_id"))
        # the module's own two (no follow-up, open promise) first, and this one once among the rules the
        # installed add-ons add (smec_credit_fapiao adds its own too)
        self.assertIn("no_followup", conditions[0].code)
        self.assertIn("smec_collection_promise", conditions[1].code)
        self.assertEqual(sum("res_partner_res_partner_category_rel" in c.code for c in conditions[2:]), 1)

    def test_the_rule_excludes_the_tagged_customer(self):
        """Both owe 300 due on 2 March; on day 8 the friendly reminder's stage (7 days) is
        reached: an email and a call task each, except for the tagged customer, which gets
        nothing, also through a contact of its company. Untagged on day 9, it is dunned then."""
        self.customer.category_id = [Command.link(self.tag.id)]
        accounts = self.env["res.partner"].create(
            {"name": "Accounts", "parent_id": self.customer.id, "type": "invoice", "email": "pay@huaxin.example.com"}
        )
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.make_invoice(accounts, 200, DUE - timedelta(days=60), DUE)
        self.make_invoice(self.other, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(self.contacts(self.customer), [])
        self.assertEqual(sorted(self.contacts(self.other)), [(8, 7, "call", "sent"), (8, 7, "email", "sent")])

        self.customer.category_id = [Command.unlink(self.tag.id)]
        self.run_day(DUE + timedelta(days=9))
        self.assertEqual(sorted(self.contacts(self.customer)), [(9, 7, "call", "sent"), (9, 7, "email", "sent")])
        chased = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual(chased.amount_total, 500.0)
        # the other customer's reminders are within their interval (7 days): nothing new
        self.assertEqual(len(self.contacts(self.other)), 2)
