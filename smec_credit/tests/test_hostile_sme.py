"""The SME realities against the users they restrain, over HTTP (#30): a
payment collected on the owner's card stays in the Credit Manager's review
whatever the accountant writes, a partner's credit-relevant fields are a
Credit Manager's and logged, a copy of a related party or of a flagged
customer keeps its hold. Each refused call changes nothing."""

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestSmeRealitiesHold(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._user("smec_sme_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.accountant = cls._user("smec_sme_accountant", "account.group_account_invoice,base.group_partner_manager")
        cls.boss = cls._user("smec_sme_boss", "smec_credit.group_credit_manager,base.group_partner_manager")
        cls.card = cls.company_data["default_journal_bank"].copy(
            {"name": "Owner's card", "code": "OWNC", "smec_private_account": True}
        )

    def done(self, user, model, method, *args, **kwargs):
        """A call that must succeed, whatever it returns."""
        answer = self.call(user, model, method, *args, **kwargs)
        self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))

    def no_effect(self, user, model, method, *args, **kwargs):
        """The call is refused, or done without effect: the test then reads what the database kept."""
        answer = self.call(user, model, method, *args, **kwargs)
        if "error" in answer:
            self.assertIn(
                answer["error"]["data"]["name"],
                ("odoo.exceptions.AccessError", "odoo.exceptions.UserError", "odoo.exceptions.ValidationError"),
                answer["error"]["data"]["message"],
            )

    # ------------------------------------------------------------
    # 2. a payment collected on the owner's card
    # ------------------------------------------------------------

    def test_the_accountant_cannot_clear_a_payments_review(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 300,
                "journal_id": self.company_data["default_journal_bank"].id,
                "smec_payer_account": "6222 0000 1111 2222",
            }
        )
        payment.action_post()
        self.assertEqual((payment.smec_foreign_payer, payment.smec_review_state), (True, "to_review"))
        Payment = self.env["account.payment"]
        queue = Payment.search_count([("smec_review_state", "=", "to_review")])
        for vals in (
            {"smec_review_state": "accepted"},
            {"smec_review_state": False},
            {"smec_foreign_payer": False},
            {"smec_review_required": False},
            {"smec_review_decision": "accepted"},
        ):
            with self.subTest(vals=vals):
                self.no_effect(self.accountant, "account.payment", "write", [payment.id], vals)
                payment.invalidate_recordset()
                self.assertEqual(payment.smec_review_state, "to_review")
        # the account it came from, cleared after posting or after a reset to draft: still to review
        self.call_ok(self.accountant, "account.payment", "write", [payment.id], {"smec_payer_account": False})
        self.done(self.accountant, "account.payment", "action_draft", [payment.id])
        self.done(self.accountant, "account.payment", "action_post", [payment.id])
        payment.invalidate_recordset()
        self.assertEqual((payment.smec_foreign_payer, payment.smec_review_state), (False, "to_review"))
        self.assertEqual(Payment.search_count([("smec_review_state", "=", "to_review")]), queue)
        tracked = payment.message_ids.tracking_value_ids.filtered(lambda t: t.field_id.name == "smec_payer_account")
        self.assertEqual(tracked.old_value_char, "6222 0000 1111 2222")
        # the Credit Manager decides
        self.done(self.boss, "account.payment", "action_smec_review_accept", [payment.id])
        payment.invalidate_recordset()
        self.assertEqual((payment.smec_review_state, payment.smec_reviewed_by_id), ("accepted", self.boss))

    def test_a_payment_on_the_owners_card_is_flagged_at_creation(self):
        vals = {
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": self.customer.id,
            "amount": 300,
            "journal_id": self.card.id,
        }
        # a review state sent, in the values or as a default of the context: refused, nothing created
        count = self.env["account.payment"].search_count([])
        self.call_refused(
            self.accountant,
            "UserError",
            "Credit Review of a Payments cannot be set",
            "account.payment",
            "create",
            [{**vals, "smec_review_state": "accepted", "smec_review_required": False}],
        )
        self.call_refused(
            self.accountant,
            "UserError",
            r"Credit Review of a Payments cannot be set.*smec_review_state='accepted'",
            "account.payment",
            "create",
            [vals],
            context={"default_smec_review_state": "accepted"},
        )
        self.assertEqual(self.env["account.payment"].search_count([]), count)
        payment_id = self.call_ok(self.accountant, "account.payment", "create", [vals])[0]
        self.done(self.accountant, "account.payment", "action_post", [payment_id])
        self.assertEqual(self.env["account.payment"].browse(payment_id).smec_review_state, "to_review")

    # ------------------------------------------------------------
    # 6. credit-relevant partner fields
    # ------------------------------------------------------------

    def test_credit_relevant_fields_are_a_credit_managers_and_logged(self):
        """The customer's size (who must pay within 60 days) is a Credit Manager's, logged with the reason; a
        platform's settlement cycle is tried the same way in smec_credit_platform."""
        Log = self.env["smec.credit.log"]
        logs = Log.search_count([])
        self.call_refused(
            self.seller,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_debtor_size": "public"},
        )
        self.call_refused(
            self.seller,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "create",
            [{"name": "Fake Ministry", "is_company": True, "smec_debtor_size": "public"}],
        )
        self.customer.invalidate_recordset()
        self.assertFalse(self.customer.smec_debtor_size)
        self.assertEqual(Log.search_count([]), logs)
        # a new customer typed in the form is the salesperson's to create
        self.call_ok(self.seller, "res.partner", "create", [{"name": "Plain Customer Ltd", "is_company": True}])
        self.call_ok(
            self.boss,
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_debtor_size": "public", "smec_change_reason": "A county hospital"},
        )
        changes = Log.search([("partner_id", "=", self.customer.id)], order="id")
        self.assertEqual(
            [(log.field, log.old_value, log.new_value, log.user_id, log.reason) for log in changes],
            [("debtor_size", "", "Public body", self.boss, "A county hospital")],
        )

    # ------------------------------------------------------------
    # 9. a copy keeps the holds
    # ------------------------------------------------------------

    def test_a_copy_of_a_related_or_flagged_customer_is_held_too(self):
        self.customer.sudo().write(
            {"smec_related_type": "family", "smec_related_note": "The owner's brother", "credit_limit": 100000}
        )
        copy_id = self.call_ok(self.seller, "res.partner", "copy", [self.customer.id], default={"name": "Huaxin 2"})[0]
        duplicate = self.env["res.partner"].browse(copy_id)
        self.assertEqual(
            (duplicate.smec_related_type, duplicate.smec_related_note, duplicate.smec_related_by_id),
            ("family", "The owner's brother", self.seller),
        )
        order = self.make_order(duplicate, 100, user=self.seller)
        self.call_refused(self.seller, "UserError", "Related party", "sale.order", "action_confirm", [order.id])
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        # a customer on the dishonest-debtor list: its copy is on it too
        stranger = self.env["res.partner"].create({"name": "Dishonest Ltd", "is_company": True})
        self.env["smec.credit.risk.flag"].create(
            {"partner_id": stranger.id, "flag_type": "dishonest_debtor", "source": "zxgk.court.gov.cn"}
        )
        copy_id = self.call_ok(self.seller, "res.partner", "copy", [stranger.id])[0]
        flag = self.env["res.partner"].browse(copy_id).smec_risk_flag_ids
        self.assertEqual((flag.flag_type, flag.blocking, flag.source), ("dishonest_debtor", True, "zxgk.court.gov.cn"))
        self.assertIn("Dishonest Ltd", flag.note)
        self.assertTrue(self.env["res.partner"].browse(copy_id).smec_has_blocking_flag)
