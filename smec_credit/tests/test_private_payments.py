"""Customer payments received on the owner's private account, or paid from an
account that is not the customer's own, wait for a Credit Manager's review (the
KPIs say how much was collected privately: smec_credit_receivable)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPrivatePayments(SmecCreditCommon):
    """Huaxin owes 3,000 and has the account 6222 0000 1111 2222. It pays 1,000
    into the company's bank, 800 into the owner's private card, and 500 into
    the company's bank from 6217 9999 8888 7777, its director's account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank = cls.company_data["default_journal_bank"]
        cls.private = cls.bank.copy({"name": "Owner's card", "code": "OWN", "smec_private_account": True})
        cls.env["res.partner.bank"].create({"partner_id": cls.customer.id, "acc_number": "6222 0000 1111 2222"})
        cls.invoice = cls.make_invoice(cls.customer, 3000, cls.today, cls.today)
        cls.accountant = cls._user("smec_pay_accountant", "account.group_account_invoice")
        cls.manager = cls._user("smec_pay_manager", "smec_credit.group_credit_manager")

    def receive(self, amount, journal, payer_account=False):
        payment = (
            self.env["account.payment"]
            .with_user(self.accountant)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.customer.id,
                    "amount": amount,
                    "journal_id": journal.id,
                    "date": self.today,
                    "smec_payer_account": payer_account,
                }
            )
        )
        payment.action_post()
        return payment

    def test_private_and_foreign_accounts_wait_for_a_credit_manager(self):
        company = self.receive(1000, self.bank, "6222-0000-1111-2222")  # the customer's own, written otherwise
        private = self.receive(800, self.private)
        foreign = self.receive(500, self.bank, "6217 9999 8888 7777")
        self.assertEqual(
            [(p.smec_review_state, p.smec_private_account, p.smec_foreign_payer) for p in (company, private, foreign)],
            [(False, False, False), ("to_review", True, False), ("to_review", False, True)],
        )
        Payment = self.env["account.payment"]
        self.assertEqual(Payment.search([("smec_review_state", "=", "to_review")]), private | foreign)
        # neither the accountant nor a credit user decides; nobody writes a decision
        for user in (self.accountant, self.credit_user):
            with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager or an accounting administrator"):
                private.with_user(user).action_smec_review_accept()
        with self.assertRaisesRolledBack(AccessError, "buttons only"):
            private.with_user(self.accountant).write({"smec_review_decision": "accepted"})
        # a rejection says why and what to do
        with self.assertRaisesRolledBack(UserError, "why the payment is rejected"):
            foreign.with_user(self.manager).action_smec_review_reject()
        foreign.with_user(self.manager).smec_review_note = "Ask Huaxin to pay from its own account from now on"
        foreign.with_user(self.manager).action_smec_review_reject()
        private.with_user(self.manager).action_smec_review_accept()
        self.assertEqual(
            [(p.smec_review_state, p.smec_reviewed_by_id) for p in (private, foreign)],
            [("accepted", self.manager), ("rejected", self.manager)],
        )
        self.assertIn("Credit review: Rejected", foreign.message_ids[0].body)
        with self.assertRaisesRolledBack(UserError, "waiting for its review"):
            private.with_user(self.manager).action_smec_review_reject()


@tagged("post_install", "-at_install")
class TestAccountantReviewsPayments(SmecCreditCommon, RpcCase):
    """The accountant who keeps the books (accounting administrator, credit user, and a salesperson of her own
    orders, as the demo's 陈静) finds the payments to review in her menu and accepts or rejects them over RPC,
    except one she recorded herself; the customer's Invoiced button shows her what it shows the Credit
    Manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.private = cls.company_data["default_journal_bank"].copy(
            {"name": "Owner's card", "code": "OWN2", "smec_private_account": True}
        )
        cls.clerk = cls._user("smec_pay_clerk", "account.group_account_invoice")
        cls.bookkeeper = cls._user(
            "smec_pay_bookkeeper",
            "account.group_account_manager,smec_credit.group_credit_user,sales_team.group_sale_salesman",
        )
        # invoiced 3,000 + 1,500 = 4,500 by the admin, none of it the bookkeeper's own sales
        cls.make_invoice(cls.customer, 3000, cls.today, cls.today)
        cls.make_invoice(cls.customer, 1500, cls.today, cls.today)

    def receive(self, user, amount):
        payment = (
            self.env["account.payment"]
            .with_user(user)
            .create(
                {
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": self.customer.id,
                    "amount": amount,
                    "journal_id": self.private.id,
                    "date": self.today,
                }
            )
        )
        payment.action_post()
        return payment

    def test_the_accountant_reviews_from_her_menu(self):
        by_clerk = self.receive(self.clerk, 800)
        by_herself = self.receive(self.bookkeeper, 200)
        menu = self.env.ref("smec_credit.smec_credit_payment_review_menu")

        def menus(user):
            return {int(key) for key in self.call_ok(user, "ir.ui.menu", "load_menus", False) if key != "root"}

        self.assertIn(menu.id, menus(self.bookkeeper))
        self.assertNotIn(menu.id, menus(self.clerk))
        # the page's buttons are hers
        arch = self.call_ok(
            self.bookkeeper,
            "account.payment",
            "get_views",
            [[self.env.ref("account.view_account_payment_form").id, "form"]],
        )["views"]["form"]["arch"]
        self.assertIn('name="action_smec_review_accept"', arch)
        self.assertIn('name="action_smec_review_reject"', arch)

        self.call_ok(self.bookkeeper, "account.payment", "action_smec_review_accept", [by_clerk.id])
        self.assertEqual((by_clerk.smec_review_state, by_clerk.smec_reviewed_by_id), ("accepted", self.bookkeeper))
        # four eyes: what she recorded herself another reviewer decides
        self.call_refused(
            self.bookkeeper,
            "UserError",
            "You recorded payment",
            "account.payment",
            "action_smec_review_accept",
            [by_herself.id],
        )
        self.call_ok(self.credit_manager, "account.payment", "action_smec_review_accept", [by_herself.id])
        self.assertEqual(by_herself.smec_review_state, "accepted")
        # the clerk who entered it does not decide
        self.call_refused(
            self.clerk,
            "AccessError",
            "accounting administrator",
            "account.payment",
            "action_smec_review_reject",
            [by_clerk.id],
        )

    def test_the_invoiced_button_shows_the_accountant_what_was_invoiced(self):
        for user in (self.bookkeeper, self.credit_manager, self.clerk):
            invoiced = self.call_ok(user, "res.partner", "read", [self.customer.id], ["total_invoiced"])[0]
            self.assertEqual(invoiced["total_invoiced"], 4500.0, user.login)
