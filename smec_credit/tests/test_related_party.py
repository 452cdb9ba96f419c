"""Related-party credit sales: a customer marked related (by anyone, saying
why; unmarked by a Credit Manager only) has every credit sale held for a
Credit Manager's approval whatever its limit, and its receivables are shown
apart in the exposure list (the aging and the KPIs: smec_credit_receivable)."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestRelatedParty(SmecCreditCommon):
    """Huaxin (limit 10,000) owes 4,000; Brother-in-law Trading, the owner's
    brother-in-law, the same limit, owes 1,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.sudo().credit_limit = 10000
        cls.relative = cls.env["res.partner"].create({"name": "Brother-in-law Trading", "is_company": True})
        cls.relative.sudo().credit_limit = 10000
        cls.make_invoice(cls.customer, 4000, cls.today, cls.today + timedelta(days=30))
        cls.make_invoice(cls.relative, 1000, cls.today, cls.today + timedelta(days=30))
        # a salesperson who edits customers (Odoo's Contact Creation)
        cls.seller = cls._user("smec_related_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.manager = cls._user("smec_related_manager", "smec_credit.group_credit_manager,base.group_partner_manager")

    def mark(self, user=None):
        partner = self.relative.with_user(user or self.seller)
        partner.write({"smec_related_type": "family", "smec_related_note": "The owner's brother-in-law"})
        return partner

    def test_anyone_marks_a_related_party_saying_why_a_credit_manager_unmarks_it(self):
        with self.assertRaisesRolledBack(ValidationError, "Say why Brother-in-law Trading is a related party"):
            self.relative.with_user(self.seller).smec_related_type = "family"
        self.mark()
        self.assertEqual((self.relative.smec_related_by_id, self.relative.smec_related_date), (self.seller, self.today))
        log = self.relative.smec_log_ids.filtered(lambda g: g.field == "related")
        self.assertEqual(
            (log.field, log.old_value, log.new_value, log.reason, log.user_id),
            ("related", "", "Family", "The owner's brother-in-law", self.seller),
        )
        # the salesperson can neither unmark it nor call it something milder
        for value in (False, "friend"):
            with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager unmarks a related party"):
                self.relative.with_user(self.seller).smec_related_type = value
        self.assertEqual(self.relative.smec_related_type, "family")
        # the stamps are the code's: a value sent for them is refused
        with self.assertRaisesRolledBack(UserError, "Marked Related By of a Contact cannot be set"):
            self.relative.with_user(self.seller).write({"smec_related_by_id": self.credit_manager.id})
        self.assertEqual(self.relative.smec_related_by_id, self.seller)
        self.relative.with_user(self.manager).write(
            {"smec_related_type": False, "smec_change_reason": "Sold his shares in 2025"}
        )
        self.assertFalse(self.relative.smec_related_by_id)
        self.assertEqual(
            self.relative.smec_log_ids.filtered(lambda g: g.field == "related")[0].mapped(
                lambda g: (g.old_value, g.new_value, g.reason)
            ),
            [("Family", "", "Sold his shares in 2025")],
        )

    def test_a_credit_sale_to_a_related_party_needs_an_approval_whatever_its_limit(self):
        self.mark()
        # 1,000 + 500 is far under the limit of 10,000, and still held
        order = self.make_order(self.relative, 500, user=self.salesman)
        reasons = order._smec_credit_gate(lock=False)[order]
        self.assertEqual([r["code"] for r in reasons], ["related"])
        self.assertIn(
            "Related party (Family): a credit sale to Brother-in-law Trading needs a Credit Manager's approval "
            "whatever its limit (The owner's brother-in-law)",
            reasons[0]["message"],
        )
        with self.assertRaisesRolledBack(UserError, "Related party"):
            order.with_user(self.salesman).action_confirm()
        # the ordinary approval flow, with this reason
        form = Form(
            self.env["smec.credit.approval"].with_user(self.salesman).with_context(default_order_id=order.id),
            view="smec_credit.smec_credit_approval_view_form_request",
        )
        form.request_note = "Family discount, pays at month end"
        approval = form.save()
        approval.action_request()
        self.assertIn("Related party (Family)", approval.reasons)
        approval.with_user(self.credit_manager).decision_note = "Once, for the season"
        approval.with_user(self.credit_manager).action_approve()
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        # an unrelated customer's order of the same size goes through
        other = self.make_order(self.customer, 500, user=self.salesman)
        self.assertEqual(other._smec_credit_gate(lock=False)[other], [])

    def test_related_receivables_are_shown_apart(self):
        """Receivables 4,000 (Huaxin) + 1,000 (the relative): 1,000 related, 20 %."""
        self.mark()
        Exposure = self.env["smec.credit.exposure.report"].with_user(self.credit_user)
        [(related_type, receivable)] = Exposure._read_group(
            [("related_type", "!=", False), ("company_id", "=", self.company.id)],
            ["related_type"],
            ["receivable:sum"],
        )
        self.assertEqual((related_type, receivable), ("family", 1000.0))
