from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestBeforeGoingLive(SmecCreditCommon, RpcCase):
    """A company that installed SMEC Credit and has not gone live works as before: the screens say what would
    happen, nothing is held, refused, sent or changed; then a Credit Manager previews going live and goes live."""

    credit_live = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the new-customer grade C: a limit of 20,000, 30 % paid in advance (the shipped defaults)
        cls.grade_c = cls.company.smec_new_customer_grade_id
        cls.grade_c.write({"limit_amount": 20000, "prepayment_percent": 30})
        cls.admin = cls._user("smec_admin", "base.group_system,sales_team.group_sale_manager")

    def test_installing_changes_no_odoo_setting(self):
        self.assertFalse(self.company._smec_credit_live())
        self.assertFalse(self.company.account_use_credit_limit, "Odoo's own credit warning stays as it was: off")

    def test_an_order_over_the_limit_goes_ahead_and_says_what_would_hold_it(self):
        order = self.make_order(self.customer, 30000, user=self.salesman)
        order = order.with_user(self.salesman)
        self.assertFalse(order.smec_credit_held)
        self.assertTrue(order.smec_credit_pending)
        # 30,000 against the new-customer grade's 20,000, nothing else open
        self.assertIn("over the limit of $\xa020,000.00 by $\xa010,000.00", order.smec_credit_hold_reasons)
        # Odoo's prepayment settings, not the grade's 30 %
        self.assertEqual(order.prepayment_percent, self.company.prepayment_percent)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        # an amendment that raises it further is not refused either
        order.order_line.write({"product_uom_qty": 2, "price_unit": 30000})
        self.assertEqual(order.amount_total, 60000)
        self.assertFalse(order.message_ids.filtered(lambda m: "credit" in (m.body or "").lower()))

    def test_quotations_keep_their_terms_as_in_odoo(self):
        """Before going live a quotation has its customer's own terms (none here), not its grade's, and keeps
        them when the customer's terms change, as in Odoo."""
        order = self.make_order(self.customer, 100, user=self.salesman)
        self.assertFalse(order.payment_term_id)
        self.customer.property_payment_term_id = self.env.ref("account.account_payment_term_30days")
        self.assertFalse(order.payment_term_id)

    def test_an_overdue_invoice_gives_nobody_an_activity(self):
        invoice = self.make_invoice(
            self.customer, 5000, self.today - timedelta(days=60), self.today - timedelta(days=30)
        )
        self.assertEqual(self.env["account.move"]._cron_overdue_activities(), 0)
        self.assertFalse(invoice.activity_ids)

    def test_installing_takes_no_right_on_odoos_credit_limit(self):
        """Odoo lets invoicing and accounting users set a customer's credit limit: until the company separates
        the roles, they still may (logged as theirs); a salesperson may not, as without SMEC Credit."""
        accountant = self._user("smec_billing", "account.group_account_invoice,base.group_partner_manager")
        self.call_ok(accountant, "res.partner", "write", [self.customer.id], {"credit_limit": 8000})
        self.assertEqual(self.customer.credit_limit, 8000)
        log = self.customer.smec_log_ids
        self.assertEqual((log.field, log.user_id), ("credit_limit", accountant))
        seller = self._user("smec_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        self.call_refused(
            seller,
            "AccessError",
            "credit_limit|Credit Limit",
            "res.partner",
            "write",
            [self.customer.id],
            {"credit_limit": 9000},
        )
        # once the company separates the roles, only Credit Managers
        self.company._smec_go_live({"smec_separate_credit_roles": True})
        self.call_refused(
            accountant,
            "AccessError",
            "Only a Credit Manager can change Credit Limit",
            "res.partner",
            "write",
            [self.customer.id],
            {"credit_limit": 9000},
        )
        boss = self._user("smec_boss", "smec_credit.group_credit_manager,base.group_partner_manager")
        self.call_ok(boss, "res.partner", "write", [self.customer.id], {"credit_limit": 9000})
        self.assertEqual(self.customer.credit_limit, 9000)

    def test_only_the_go_live_step_sets_the_day(self):
        self.call_refused(
            self.admin,
            "AccessError",
            "Go Live",
            "res.company",
            "write",
            [self.company.id],
            {"smec_credit_live_date": "2020-01-01"},
        )
        self.call_refused(
            self.salesman,
            "AccessError",
            "Credit Manager or an administrator",
            "smec.credit.go.live",
            "create",
            {"company_id": self.company.id},
        )
        self.assertFalse(self.company.smec_credit_live_date)

    def test_the_step_takes_the_company_live(self):
        """The go-live step over JSON-RPC, as the web client sends it (its preview is smec_credit_setup's)."""
        held = self.make_order(self.customer, 30000, user=self.salesman)
        wizard_id = self.call_ok(
            self.credit_manager,
            "smec.credit.go.live",
            "create",
            {"company_id": self.company.id, "separate_roles": True},
        )
        self.call_ok(self.credit_manager, "smec.credit.go.live", "action_go_live", [wizard_id])
        self.assertEqual(self.company.smec_credit_live_date, self.today)
        self.assertEqual(self.company.smec_credit_live_by_id, self.credit_manager)
        self.assertTrue(self.company.smec_separate_credit_roles, "the step's choice")
        self.assertTrue(self.company.account_use_credit_limit, "limits are what the check applies from now on")
        # now the order over the limit is held
        self.call_refused(self.salesman, "UserError", "on credit hold", "sale.order", "action_confirm", [held.id])
        self.call_refused(
            self.credit_manager, "UserError", "live already", "smec.credit.go.live", "action_go_live", [wizard_id]
        )

    def test_a_company_goes_live_alone(self):
        other = self.env["res.company"].create({"name": "Sister company"})
        self.env.user.company_ids |= other
        self.company._smec_go_live()
        self.assertTrue(self.company._smec_credit_live())
        self.assertFalse(other._smec_credit_live())
        self.assertEqual(
            self.env["res.company"].search(
                [("id", "in", (self.company | other).ids), ("smec_credit_live_date", "!=", False)]
            ),
            self.company,
        )


@tagged("post_install", "-at_install")
class TestLiveCompanyActs(SmecCreditCommon):
    def test_overdue_invoices_get_their_activity_once_live(self):
        invoice = self.make_invoice(
            self.customer, 5000, self.today - timedelta(days=60), self.today - timedelta(days=30)
        )
        self.assertEqual(self.env["account.move"]._cron_overdue_activities(), 1)
        self.assertEqual(len(invoice.activity_ids), 1)
        self.assertEqual(self.company.smec_new_customer_grade_id.prepayment_percent, 30)
        order = self.make_order(self.customer, 100)
        self.assertEqual(order.prepayment_percent, 0.3, "the grade's 30 % paid in advance, once live")
