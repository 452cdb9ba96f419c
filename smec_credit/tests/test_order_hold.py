from datetime import timedelta

from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestOrderHold(SmecCreditCommon):
    """Customer with a 10,000 limit and an open invoice of 4,000 (not due yet)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.sudo().credit_limit = 10000
        cls.make_invoice(cls.customer, 4000, cls.today, cls.today + timedelta(days=30))
        cls.customer.user_id = cls.salesman

    def test_order_within_limit_is_confirmed(self):
        order = self.make_order(self.customer, 6000, user=self.salesman)
        self.assertFalse(order.smec_credit_held)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_order_over_limit_is_held_with_reason_and_next_step(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        self.assertTrue(order.smec_credit_held)
        self.assertIn("over the limit of", order.smec_credit_hold_reasons)
        with self.assertRaisesRolledBack(UserError, r"(?s)credit hold.*10,500.*by .*500\.00.*Request Credit Approval"):
            order.action_confirm()
        self.assertEqual(order.state, "draft")

    def test_forms_show_the_hold_and_the_exposure(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        form = Form(order.with_user(self.salesman))
        self.assertTrue(form.smec_credit_held)
        self.assertIn("over the limit", form.smec_credit_hold_reasons)
        self.assertEqual((form.smec_partner_exposure, form.smec_partner_limit), (4000.0, 10000.0))
        partner_form = Form(self.customer.with_user(self.credit_manager))
        self.assertEqual(partner_form.smec_exposure, 4000.0)
        self.assertEqual(partner_form.smec_credit_utilisation, 40.0)

    def test_the_check_is_one_query_whatever_the_history(self):
        """Lock, exposure, policy, approvals and payments: one database call,
        however many invoices and orders the customer has."""

        def check_queries(order):
            order.read(["company_id", "state"])  # the order itself is read anyway at confirmation
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            gate = order._smec_credit_gate()
            return self.env.cr.sql_log_count - before, gate[order]

        self.assertEqual(check_queries(self.make_order(self.customer, 10)), (1, []))
        for days in range(1, 13):
            self.make_invoice(self.customer, 100, self.today - timedelta(days=days), self.today + timedelta(days=days))
        for _i in range(3):
            self.make_order(self.customer, 200, confirm=True)
        order = self.make_order(self.customer, 10)
        # 4,000 + 12 x 100 + 3 x 200 + 10 = 5,810: within the limit, still one call
        self.assertEqual(check_queries(order), (1, []))
        self.assertEqual(self.customer.smec_exposure, 5800.0)

    def test_overdue_beyond_threshold_holds(self):
        self.make_invoice(self.customer, 100, self.today - timedelta(days=130), self.today - timedelta(days=95))
        order = self.make_order(self.customer, 10, user=self.salesman)
        reasons = order._smec_credit_gate(lock=False)[order]
        self.assertEqual([r["code"] for r in reasons], ["overdue"])
        self.assertIn("95 days past due (more than 90 days)", reasons[0]["message"])
        self.company.smec_block_overdue_days = 120
        self.assertEqual(order._smec_credit_gate(lock=False)[order], [])

    def test_overdue_warning_from_seven_days(self):
        order = self.make_order(self.customer, 10, user=self.salesman)
        self.assertFalse(order.smec_credit_warning)
        self.make_invoice(self.customer, 100, self.today - timedelta(days=38), self.today - timedelta(days=8))
        order.invalidate_recordset(["smec_credit_warning"])
        self.assertIn("overdue for 8 days", order.smec_credit_warning)
        order.action_confirm()  # a warning does not hold
        self.assertEqual(order.state, "sale")

    def test_blocking_flag_and_grade_d_hold(self):
        self.env["smec.credit.risk.flag"].create({"partner_id": self.customer.id, "flag_type": "dishonest_debtor"})
        order = self.make_order(self.customer, 10, user=self.salesman)
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["flag"])
        with self.assertRaisesRolledBack(UserError, "Risk flag"):
            order.action_confirm()

    def test_grade_policy_approval_or_block(self):
        self.customer.sudo().smec_grade_id = self.grade["D"]
        order = self.make_order(self.customer, 10, user=self.salesman)
        reasons = order._smec_credit_gate(lock=False)[order]
        self.assertEqual([r["code"] for r in reasons], ["grade"])
        self.assertIn("are blocked", reasons[0]["message"])
        self.grade["D"].confirmation_policy = "approval"
        self.assertIn("need a credit approval", order._smec_credit_gate(lock=False)[order][0]["message"])

    def test_grade_prepayment_uses_odoos_own_prepayment(self):
        newcomer = self.env["res.partner"].create({"name": "Newcomer Ltd", "is_company": True})
        order = self.make_order(newcomer, 1000)
        # new customers follow grade C: 30 % paid online before the order is confirmed
        self.assertTrue(order.require_payment)
        self.assertEqual(order.prepayment_percent, 0.3)
        self.assertEqual(order._get_prepayment_required_amount(), 300.0)
        self.customer.sudo().smec_grade_id = self.grade["A"]
        self.assertEqual(
            self.make_order(self.customer, 1000).prepayment_percent,
            self.company.prepayment_percent,
            "grade A asks for none: the company's setting stays",
        )
        # a company that asks every order to be paid online, in full: grade C's 30 % does not lower it
        self.company.write({"portal_confirmation_pay": True, "prepayment_percent": 1.0})
        self.assertEqual(self.make_order(newcomer, 1000).prepayment_percent, 1.0)
        # asking 20 %, grade C's 30 % raises it
        self.company.prepayment_percent = 0.2
        order = self.make_order(newcomer, 1000)
        self.assertEqual(order.prepayment_percent, 0.3)
        self.assertEqual(order._get_prepayment_required_amount(), 300.0)

    def test_negative_limit_is_refused(self):
        with self.assertRaisesRolledBack(ValidationError, "cannot be negative"):
            self.customer.with_user(self.credit_manager).sudo().write({"credit_limit": -5})
        self.assertEqual(self.customer.credit_limit, 10000.0)

    def test_new_customer_gets_the_conservative_limit(self):
        newcomer = self.env["res.partner"].create({"name": "Newcomer Ltd", "is_company": True})
        # not assessed, no limit of its own: grade C's starting limit of 20,000 applies
        self.assertEqual(newcomer.with_company(self.company).smec_applied_limit, 20000.0)
        small = self.make_order(newcomer, 20000)
        self.assertEqual(small._smec_credit_gate(lock=False)[small], [])
        big = self.make_order(newcomer, 20001)
        self.assertEqual([r["code"] for r in big._smec_credit_gate(lock=False)[big]], ["limit"])

    def test_policy_query_agrees_with_the_partner_fields(self):
        """The gate reads limit, grade, flags and increases in one query: each
        configuration gives what the partner form shows."""
        Exposure = self.env["smec.credit.exposure"]
        newcomer = self.env["res.partner"].create({"name": "Newcomer Ltd", "is_company": True})
        graded = self.env["res.partner"].create({"name": "Graded Ltd", "is_company": True})
        graded.sudo().smec_grade_id = self.grade["B"]
        partners = self.customer | newcomer | graded

        def check(expected_limits):
            policy = Exposure._credit_policy(partners, self.company)
            partners.invalidate_recordset()
            for partner, limit in zip(partners, expected_limits, strict=True):
                self.assertEqual(policy[partner.id]["limit"], limit, partner.name)
                self.assertEqual(partner.with_company(self.company).smec_applied_limit, limit, partner.name)
                self.assertEqual(policy[partner.id]["grade_id"], partner.smec_effective_grade_id.id, partner.name)

        # own limit; new customer: grade C's 20,000; graded without a limit: none
        check([10000.0, 20000.0, 0.0])
        # a company-wide default limit applies to every partner without its own
        self.env["ir.default"].set("res.partner", "credit_limit", 3000.0, company_id=self.company.id)
        check([10000.0, 3000.0, 3000.0])
        # a limit set to 0 on the partner itself is kept: no company default for it
        graded.sudo().credit_limit = 0
        self.assertEqual(graded.credit_limit, 0.0)
        check([10000.0, 3000.0, 0.0])
        # the exposure list applies the same limits (to customers with something open)
        for partner in newcomer | graded:
            self.make_order(partner, 100, confirm=True)
        self.env.flush_all()
        rows = self.env["smec.credit.exposure.report"].search([("partner_id", "in", partners.ids)])
        self.assertEqual(
            {row.partner_id: row.credit_limit for row in rows if row.company_id == self.company},
            {self.customer: 10000.0, newcomer: 3000.0, graded: 0.0},
        )

        # blocking flags: active ones of this company or shared, not lifted, not another company's
        Flag = self.env["smec.credit.risk.flag"]
        other = self.setup_other_company()["company"]
        shared = Flag.create({"partner_id": graded.id, "flag_type": "dishonest_debtor"})
        Flag.create({"partner_id": graded.id, "flag_type": "dishonest_debtor", "company_id": other.id})
        Flag.create(
            {"partner_id": graded.id, "flag_type": "bankruptcy", "date": self.days(-30), "date_end": self.days(-1)}
        )
        Flag.create({"partner_id": graded.id, "flag_type": "bankruptcy", "date": self.days(5)})  # not yet
        Flag.create({"partner_id": newcomer.id, "flag_type": "litigation"})  # not blocking
        policy = Exposure._credit_policy(partners, self.company)
        self.assertEqual([policy[p.id]["flag_ids"] for p in partners], [[], [], shared.ids])

    def test_warn_mode_confirms_and_logs(self):
        self.company.smec_hold_mode = "warn"
        order = self.make_order(self.customer, 6500, user=self.salesman)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertIn("over the limit", order.message_ids[0].body)
        self.assertIn("this company only warns", order.message_ids[0].body)
        self.assertNotIn("Request Credit Approval", order.message_ids[0].body)

    def _paid_online(self, order, amount, reference):
        """A done online payment of ``amount`` for ``order`` (a test provider)."""
        method = self.env.ref("payment.payment_method_unknown").sudo()
        provider = (
            self.env["payment.provider"]
            .sudo()
            .create({"name": "Test", "code": "none", "state": "test", "payment_method_ids": [Command.set(method.ids)]})
        )
        method.active = True
        tx = (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": method.id,
                    "amount": amount,
                    "currency_id": order.currency_id.id,
                    "partner_id": order.partner_id.id,
                    "reference": reference,
                    "sale_order_ids": [Command.set(order.ids)],
                    "operation": "online_redirect",
                }
            )
        )
        tx._set_done()
        return tx

    def test_prepaid_in_full_is_never_held(self):
        order = self.make_order(self.customer, 50000)
        self.assertTrue(order.smec_credit_held)
        tx = self._paid_online(order, order.amount_total, "SMEC-TX-1")
        order.invalidate_recordset(["amount_paid", "smec_credit_held"])
        self.assertEqual(order.amount_paid, 50000.0)
        self.assertFalse(order.smec_credit_held)
        tx._check_amount_and_confirm_order()
        self.assertEqual(order.state, "sale")

    def test_paid_in_advance_by_bank_transfer_is_never_held(self):
        # grade D blocks every order not paid in advance; the customer wires 5,000, booked
        # as a payment not yet matched: 4,000 open - 5,000 = 1,000 in the customer's favour
        self.customer.sudo().smec_grade_id = self.grade["D"]
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 5000,
                "journal_id": self.company_data["default_journal_bank"].id,
                "date": self.today,
            }
        )
        payment.action_post()
        self.assertEqual(self.customer.smec_exposure, -1000.0)
        # an order of 1,001 is not covered (exposure 1 with it): held by the grade
        order = self.make_order(self.customer, 1001, user=self.salesman)
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["grade"])
        # an order of 1,000 is covered (exposure 0 with it): confirmed
        order.order_line.price_unit = 1000
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        # the money is used up: the next order of 10 (exposure 10 with it) is held again
        second = self.make_order(self.customer, 10, user=self.salesman)
        with self.assertRaisesRolledBack(UserError, "Credit policy of grade"):
            second.with_user(self.salesman).action_confirm()
        # two orders checked together add up: 600 + 500 = 1,100 against a credit of 1,000
        # as an administrator: with purchase_stock, Odoo's own cancellation reads purchase lines
        order.sudo()._action_cancel()
        first, other = self.make_order(self.customer, 600), self.make_order(self.customer, 500)
        gate = (first | other)._smec_credit_gate(lock=False)
        self.assertEqual((gate[first], [r["code"] for r in gate[other]]), ([], ["grade"]))

    def test_online_deposit_on_a_held_order_is_not_taken_as_a_confirmation(self):
        # exposure 4,000 + 6,500 = 10,500 over 10,000: held; the customer pays the 30 % deposit online
        order = self.make_order(self.customer, 6500)
        order.write({"require_payment": True, "prepayment_percent": 0.3})
        order.action_quotation_sent()
        tx = self._paid_online(order, 1950.0, "SMEC-TX-DEPOSIT")
        self.assertTrue(order._is_confirmation_amount_reached())
        # Odoo confirms the order and, for the orders it did not confirm, mails that the payment arrived
        confirmed = tx._check_amount_and_confirm_order()
        self.assertEqual(order.state, "sent", "held: the deposit does not confirm it")
        self.assertTrue(order.smec_portal_held)
        self.assertNotIn(order, confirmed, "so the customer gets Odoo's 'payment received' mail, not silence")

    def test_approval_request_approve_once_then_lapse(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        form = Form(
            self.env["smec.credit.approval"].with_user(self.salesman).with_context(default_order_id=order.id),
            view="smec_credit.smec_credit_approval_view_form_request",
        )
        form.request_note = "Long-standing customer, pays in 45 days"
        approval = form.save()
        approval.action_request()
        self.assertEqual(approval.state, "requested")
        self.assertEqual(approval.order_amount, 6500.0)
        self.assertIn("over the limit", approval.reasons)
        self.assertEqual(len(approval.activity_ids), len(self.env.ref("smec_credit.group_credit_manager").user_ids))

        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager"):
            approval.with_user(self.credit_user).action_approve()
        with self.assertRaisesRolledBack(UserError, "reason for your decision"):
            approval.with_user(self.credit_manager).action_approve()
        approval.with_user(self.credit_manager).decision_note = "Exception for the season"
        approval.with_user(self.credit_manager).action_approve()
        self.assertEqual(approval.state, "approved")
        self.assertFalse(order.smec_credit_held)
        self.assertEqual(self.customer.smec_approval_ids, approval, "traceable on the partner")
        self.assertIn("Exception for the season", order.message_ids[0].body)

        # the salesperson raises the total before confirming: the approval lapses
        order.order_line.with_user(self.salesman).price_unit = 7000
        self.assertEqual(approval.state, "lapsed")
        with self.assertRaisesRolledBack(UserError, "credit hold"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_approval_covers_the_order_then_amendment_is_checked(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "Please"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).write({"decision_note": "OK once"})
        approval.with_user(self.credit_manager).action_approve()
        # the approval cannot be moved to cover another order
        other = self.make_order(self.customer, 6500, user=self.salesman)
        with self.assertRaisesRolledBack(UserError, "stays with the order"):
            approval.with_user(self.salesman).write({"order_id": other.id})
        self.assertEqual([r["code"] for r in other._smec_credit_gate(lock=False)[other]], ["limit"])
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        # amending the confirmed order upwards runs the gate again and refuses
        with self.assertRaisesRolledBack(UserError, r"(?s)raises confirmed order .* to .*9,500\.00.*credit hold"):
            order.with_user(self.salesman).write(
                {"order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 3000})]}
            )
        order.invalidate_recordset()
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(approval.state, "approved", "the refused amendment changed nothing")
        # the one-off approval covered 6,500: even a rise of 1 (exposure 4,000 + 6,501 = 10,501) needs a new one
        with self.assertRaisesRolledBack(UserError, "raises confirmed order"):
            order.with_user(self.salesman).write(
                {"order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 1})]}
            )

    def test_amendment_approved_in_advance_for_its_new_total(self):
        # 4,000 open + 5,000 confirmed = 9,000 of the 10,000 limit
        order = self.make_order(self.customer, 5000, user=self.salesman)
        order.with_user(self.salesman).action_confirm()
        add_line = {
            "order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 2500})]
        }
        # to 7,500: 4,000 + 7,500 = 11,500, over by 1,500; the refusal names the way forward
        with self.assertRaisesRolledBack(
            UserError,
            r"(?s)raises confirmed order .* to .*7,500\.00.*by .*1,500\.00.*Request Approval of a Higher Total",
        ):
            order.with_user(self.salesman).write(add_line)
        Approval = self.env["smec.credit.approval"].with_user(self.salesman)
        # bad totals are refused and create nothing
        with self.assertRaisesRolledBack(UserError, r"is confirmed at .*5,000\.00: enter the new total"):
            Approval.create({"order_id": order.id, "request_note": "Bigger project"})
        with self.assertRaisesRolledBack(UserError, r"is confirmed at .*5,000\.00: enter the new total"):
            Approval.with_context(default_order_id=order.id).create({"request_note": "The order from the context"})
        with self.assertRaisesRolledBack(UserError, r"cannot be below the order's current total of .*5,000\.00"):
            Approval.create({"order_id": order.id, "request_note": "Bigger project", "requested_total": 4000})
        # to 5,500 (exposure 9,500) the order would pass: nothing to approve
        with self.assertRaisesRolledBack(UserError, r"At .*5,500\.00, order .* would not be on credit hold"):
            Approval.create({"order_id": order.id, "request_note": "Bigger project", "requested_total": 5500})
        self.assertFalse(order.smec_approval_ids)

        form = Form(
            Approval.with_context(default_order_id=order.id), view="smec_credit.smec_credit_approval_view_form_request"
        )
        form.requested_total = 7500
        form.request_note = "Second phase of the showroom, same terms"
        approval = form.save()
        approval.action_request()
        self.assertEqual((approval.state, approval.order_amount), ("requested", 7500.0))
        # the reasons are worked out for the new total: 4,000 + 7,500 = 11,500, over by 1,500
        self.assertRegex(approval.reasons, r"would be .*11,500\.00 .*this order .*7,500\.00.*by .*1,500\.00")
        self.assertRegex(order.message_ids[0].body, r"for a total of .*7,500\.00")
        with self.assertRaisesRolledBack(UserError, "cannot change once it is sent"):
            approval.write({"requested_total": 9000})
        approval.with_user(self.credit_manager).write({"decision_note": "Showroom project, guaranteed"})
        approval.with_user(self.credit_manager).action_approve()

        # the amendment to 7,500 now goes through; one unit more is refused again
        order.with_user(self.salesman).write(add_line)
        self.assertEqual((order.amount_total, approval.state), (7500.0, "approved"))
        with self.assertRaisesRolledBack(UserError, r"raises confirmed order .* to .*7,501\.00"):
            order.with_user(self.salesman).write(
                {"order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 1})]}
            )
        self.assertEqual(order.amount_total, 7500.0)

    def test_amendment_request_in_a_foreign_currency_counts_at_the_order_rate(self):
        foreign = self.setup_other_currency("EUR", rates=[("2020-01-01", 2.0), (str(self.today), 4.0)])
        pricelist = self.env["product.pricelist"].create({"name": "EUR", "currency_id": foreign.id})
        order = self.make_order(self.customer, 8000, currency_pricelist=pricelist, user=self.salesman)
        order.with_user(self.salesman).action_confirm()
        order.sudo().currency_rate = 2.0  # as if confirmed on a day of rate 2.0 (Odoo's field: code only)
        # EUR 8,000 at 2.0 = 4,000: exposure 8,000. EUR 12,000 would add 2,000 more at the
        # order's rate (not 1,000 at today's): 4,000 + 6,000 = 10,000, within the limit
        with self.assertRaisesRolledBack(UserError, "would not be on credit hold"):
            self.env["smec.credit.approval"].with_user(self.salesman).create(
                {"order_id": order.id, "request_note": "More", "requested_total": 12000}
            )
        # EUR 14,000: 4,000 + 7,000 = 11,000, over by 1,000
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "More", "requested_total": 14000})
        )
        self.assertRegex(approval.reasons, r"would be .*11,000\.00 .*this order .*7,000\.00.*by .*1,000\.00")

    def test_unit_of_measure_change_that_raises_a_confirmed_order_is_checked(self):
        # 6 tiles at the list price of 100: exposure 4,000 + 600, within the 10,000 limit
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 6})],
            }
        )
        order.with_user(self.salesman).action_confirm()
        self.assertEqual((order.state, order.amount_total), ("sale", 600.0))
        # in dozens, Odoo prices the line again: 6 x 1,200 = 7,200, exposure 4,000 + 7,200 = 11,200
        dozen = self.env.ref("uom.product_uom_dozen")
        with self.assertRaisesRolledBack(
            UserError, r"(?s)raises confirmed order .* to .*7,200\.00.*over the limit of .*10,000\.00 by .*1,200\.00"
        ):
            order.order_line.with_user(self.salesman).write({"product_uom_id": dozen.id})
        order.invalidate_recordset()
        self.assertEqual((order.amount_total, order.order_line.product_uom_id), (600.0, self.tile.uom_id))

    def test_moving_a_confirmed_order_to_another_customer_is_checked(self):
        other = self.env["res.partner"].create({"name": "Dongfang Trading", "is_company": True})
        other.sudo().credit_limit = 1000
        self.make_order(other, 500, confirm=True)
        order = self.make_order(self.customer, 900, user=self.salesman)
        order.with_user(self.salesman).action_confirm()
        # at the other customer: 500 + 900 = 1,400, over its 1,000 limit by 400
        with self.assertRaisesRolledBack(
            UserError, r"(?s)Confirmed order .* cannot change customer, company or currency.*1,400\.00.*by .*400\.00"
        ):
            order.with_user(self.salesman).write({"partner_id": other.id})
        order.invalidate_recordset()
        self.assertEqual(order.partner_id, self.customer)
        # warn-only: the move goes through and the hold is logged on the order
        self.company.smec_hold_mode = "warn"
        order.with_user(self.salesman).write({"partner_id": other.id})
        self.assertEqual(order.partner_id, other)
        self.assertIn("1,400.00", order.message_ids[0].body)

    def test_moving_a_contact_with_confirmed_orders_to_another_company_is_checked(self):
        other = self.env["res.partner"].create({"name": "Dongfang Trading", "is_company": True})
        other.sudo().credit_limit = 1000
        self.make_order(other, 500, confirm=True)
        branch = self.env["res.partner"].create({"name": "Shenzhen branch", "parent_id": self.customer.id})
        order = self.make_order(branch, 900, user=self.salesman)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order._smec_credit_partner(), self.customer)
        # a user who may edit contacts moves the branch under the other company: its order
        # would count there, 500 + 900 = 1,400, over that company's 1,000 limit by 400
        editor = self._user("smec_contact_editor", "sales_team.group_sale_salesman,base.group_partner_manager")
        with self.assertRaisesRolledBack(
            UserError,
            r"(?s)Shenzhen branch cannot move to another company.*confirmed order .*1,400\.00.*by .*400\.00"
            r".*once the order is invoiced",
        ):
            branch.with_user(editor).write({"parent_id": other.id})
        branch.invalidate_recordset()
        self.assertEqual(branch.commercial_partner_id, self.customer, "the refused move changed nothing")
        self.assertEqual(other.smec_exposure, 500.0)
        # under a company with room (no limit, nothing open), the branch moves
        room = self.env["res.partner"].create({"name": "Nanfang Holding", "is_company": True})
        branch.with_user(editor).write({"parent_id": room.id})
        self.assertEqual(order._smec_credit_partner(), room)
        self.assertEqual(room.smec_exposure, 900.0)

    def test_order_invoiced_to_another_company_uses_that_company_credit(self):
        # the head office is invoiced and bears the risk: limit 1,000, a confirmed order of 500
        head_office = self.env["res.partner"].create({"name": "Huaxin Holding", "is_company": True})
        head_office.sudo().credit_limit = 1000
        self.make_order(head_office, 500, confirm=True)
        order = self.make_order(self.customer, 900, user=self.salesman)
        self.assertFalse(order.smec_credit_held, "the customer itself has room: 4,000 + 900 of 10,000")
        order.partner_invoice_id = head_office
        # 500 + 900 = 1,400, over the head office's 1,000 by 400
        self.assertTrue(order.smec_credit_held)
        self.assertRegex(order.smec_credit_hold_reasons, r"1,400\.00.*over the limit of .*1,000\.00 by .*400\.00")
        self.assertEqual(
            (order.smec_partner_exposure, order.smec_partner_limit), (500.0, 1000.0), "the order shows whose credit"
        )
        with self.assertRaisesRolledBack(UserError, "on credit hold"):
            order.with_user(self.salesman).action_confirm()
        approval = self._decided(order)
        self.assertEqual(approval.partner_id, head_office)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            self.env["smec.credit.exposure"]._exposure(head_office, self.company)[head_office.id]["uninvoiced_orders"],
            1400.0,
        )

    def test_changing_the_invoice_address_lapses_the_approval(self):
        head_office = self.env["res.partner"].create({"name": "Huaxin Holding", "is_company": True})
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = self._decided(order)
        order.partner_invoice_id = head_office
        self.assertEqual(approval.state, "lapsed")

    def _decided(self, order, **decision):
        """A request for ``order`` by the salesperson, approved by the Credit Manager."""
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "Please"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).write({"decision_note": "OK", **decision})
        approval.with_user(self.credit_manager).action_approve()
        return approval

    def test_changing_the_customer_lapses_the_approval(self):
        """Approved once for this customer's 6,500; the order then moves to another
        customer (limit 1,000): the approval lapses and the order is held."""
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = self._decided(order)
        self.assertFalse(order.smec_credit_held)
        other = self.env["res.partner"].create({"name": "Other customer", "is_company": True})
        other.sudo().credit_limit = 1000
        order.with_user(self.salesman).partner_id = other
        self.assertEqual(approval.state, "lapsed")
        self.assertEqual(approval.partner_id, self.customer, "the approval keeps the customer it was asked for")
        with self.assertRaisesRolledBack(UserError, r"(?s)credit hold.*6,500\.00.*over the limit of .*1,000\.00"):
            order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_temporary_increase_stays_with_its_customer(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = self._decided(order, decision="temporary", temp_limit_increase=1000, temp_until=self.days(10))
        other = self.env["res.partner"].create({"name": "Other customer", "is_company": True})
        other.sudo().credit_limit = 1000
        order.with_user(self.salesman).partner_id = other
        self.assertEqual(approval.state, "approved")
        self.assertEqual(self.customer.smec_approval_ids, approval)
        # the moved order: 6,500 against the other customer's 1,000, no increase
        self.assertIn(
            "over the limit of $\xa01,000.00 by $\xa05,500.00", order._smec_credit_gate(lock=False)[order][0]["message"]
        )
        # the customer keeps its 11,000 until the date: 4,000 + 6,500 passes
        again = self.make_order(self.customer, 6500, user=self.salesman)
        self.assertEqual(again._smec_credit_gate(lock=False)[again], [])

    def test_temporary_limit_increase_until_a_date(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "Season peak"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).write(
            {
                "decision": "temporary",
                "temp_limit_increase": 1000,
                "temp_until": self.days(10),
                "decision_note": "Peak season",
            }
        )
        approval.with_user(self.credit_manager).action_approve()
        # 10,000 + 1,000 until the date: another order of 6,500 (4,000 + 6,500 = 10,500) passes
        other = self.make_order(self.customer, 6500, user=self.salesman)
        self.assertEqual(other._smec_credit_gate(lock=False)[other], [])
        # once the date has passed, it no longer counts
        approval.sudo().temp_until = self.days(-1)
        self.assertEqual([r["code"] for r in other._smec_credit_gate(lock=False)[other]], ["limit"])

    def test_self_approval_and_bad_input(self):
        order = self.make_order(self.customer, 6500, user=self.credit_manager)
        approval = self.env["smec.credit.approval"].with_user(self.credit_manager).create({"order_id": order.id})
        with self.assertRaisesRolledBack(UserError, "Explain to the Credit Manager"):
            approval.action_request()
        approval.request_note = "Mine"
        approval.with_user(self.credit_manager).action_request()
        approval.decision_note = "I approve myself"
        with self.assertRaisesRolledBack(UserError, "another Credit Manager"):
            approval.with_user(self.credit_manager).action_approve()
        self.company.smec_allow_self_approval = True
        approval.with_user(self.credit_manager).action_approve()
        self.assertEqual(approval.state, "approved")
        approval2 = self.env["smec.credit.approval"].create({"order_id": order.id, "request_note": "x"})
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                approval2.sudo().temp_limit_increase = -5  # the database's own check, under the ORM's
                approval2.flush_recordset()

    def test_salesperson_cannot_bypass(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        with self.assertRaises(AccessError):
            self.customer.with_user(self.salesman).write({"credit_limit": 100000})
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "x"})
        )
        approval.action_request()
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager can set the decision"):
            approval.decision_note = "self-service"
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager can decide"):
            approval.with_user(self.salesman).action_approve()
        self.assertEqual(approval.state, "requested")
        # nor by writing the approval's fields with a call
        with self.assertRaisesRolledBack(UserError, "with its buttons only"):
            approval.write({"state": "approved"})
        with self.assertRaisesRolledBack(UserError, "Approved Order Total of a Credit Approval Request cannot be set"):
            approval.write({"order_amount": 1000000})
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager can set the decision"):
            approval.write({"decision": "temporary", "temp_limit_increase": 1000000, "temp_until": self.days(30)})
        Approval = self.env["smec.credit.approval"].with_user(self.salesman)
        with self.assertRaisesRolledBack(UserError, "with its buttons only"):
            Approval.create({"order_id": order.id, "request_note": "x", "state": "approved", "order_amount": 1000000})
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager can set the decision"):
            Approval.create({"order_id": order.id, "decision": "temporary", "temp_limit_increase": 1000000})
        approval.invalidate_recordset()
        self.assertEqual((approval.state, approval.decision, approval.temp_limit_increase), ("requested", "once", 0))
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["limit"])

    def test_credit_manager_decides_with_the_buttons_only(self):
        order = self.make_order(self.customer, 6500, user=self.salesman)
        approval = self.env["smec.credit.approval"].with_user(self.credit_manager).create({"order_id": order.id})
        as_manager = approval.with_user(self.credit_manager)
        # approving one's own request by writing the state: refused as by the button
        with self.assertRaisesRolledBack(UserError, "with its buttons only"):
            as_manager.write({"state": "approved", "decision_note": "mine"})
        with self.assertRaisesRolledBack(UserError, "only be set while it is requested"):
            as_manager.write({"decision_note": "too early"})
        approval.with_user(self.salesman).write({"request_note": "Big customer"})
        approval.with_user(self.salesman).action_request()
        # the form leaves the decision to the Credit Managers
        with self.assertRaises(AssertionError):
            Form(approval.with_user(self.salesman)).decision_note = "not mine to write"
        as_manager_2 = approval.with_user(self.credit_manager_2)
        with Form(as_manager_2) as form:
            form.decision = "temporary"
            form.temp_limit_increase = 1000
            form.temp_until = self.days(5)
            form.decision_note = "Peak"
        as_manager_2.action_approve()
        # an approved increase cannot be widened afterwards
        with self.assertRaisesRolledBack(UserError, "only be set while it is requested"):
            as_manager_2.write({"temp_limit_increase": 100000})
        self.assertEqual(approval.temp_limit_increase, 1000)
        self.assertEqual(approval.decided_by_id, self.credit_manager_2)

    def test_salesperson_cannot_skip_the_check(self):
        """The skip key sent with a call, a direct write of the state, an order
        created confirmed, an amendment with the key: the same gate, refused."""
        order = self.make_order(self.customer, 6500, user=self.salesman)
        with self.assertRaisesRolledBack(UserError, r"(?s)credit hold.*10,500\.00"):
            order.with_user(self.salesman).with_context(smec_credit_skip_gate=True).action_confirm()
        self.assertEqual(order.state, "draft")

        with self.assertRaisesRolledBack(
            UserError, r"(?s)cannot be set to confirmed this way.*10,500\.00.*\"Confirm\""
        ):
            order.with_user(self.salesman).write({"state": "sale"})
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")

        orders_before = self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)])
        with self.assertRaisesRolledBack(UserError, r"(?s)cannot be set to confirmed this way.*10,500\.00"):
            self.env["sale.order"].with_user(self.salesman).create(
                {
                    "partner_id": self.customer.id,
                    "state": "sale",
                    "order_line": [Command.create({"product_id": self.tile.id, "price_unit": 6500})],
                }
            )
        self.assertEqual(self.env["sale.order"].search_count([("partner_id", "=", self.customer.id)]), orders_before)

        # within the limit (4,000 + 6,000 = 10,000), a direct write goes through
        fine = self.make_order(self.customer, 6000, user=self.salesman)
        fine.with_user(self.salesman).write({"state": "sale"})
        self.assertEqual(fine.state, "sale")
        # raising it by 100 (10,100) with the key is refused as any amendment
        with self.assertRaisesRolledBack(UserError, r"(?s)raises confirmed order.*10,100\.00"):
            fine.with_user(self.salesman).with_context(smec_credit_skip_gate=True).write(
                {"order_line": [Command.create({"product_id": self.tile.id, "price_unit": 100})]}
            )
        fine.invalidate_recordset()
        self.assertEqual(fine.amount_total, 6000)

    def test_warn_mode_logs_a_direct_confirmation(self):
        self.company.smec_hold_mode = "warn"
        order = self.make_order(self.customer, 6500, user=self.salesman)
        order.with_user(self.salesman).write({"state": "sale"})
        self.assertEqual(order.state, "sale")
        self.assertIn("went ahead although it breaks the credit rules", order.message_ids[0].body)
        self.assertIn("10,500.00", order.message_ids[0].body)

    def test_portal_acceptance_keeps_the_order_and_tells_the_managers(self):
        order = self.make_order(self.customer, 6500)
        order.action_quotation_sent()
        portal_user = self.env["res.users"].create(
            {
                "name": "Customer portal",
                "login": "smec_portal",
                "partner_id": self.customer.id,
                "group_ids": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        order.with_user(portal_user).sudo()._validate_order()
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.smec_portal_held)
        activity = order.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("smec_credit.mail_activity_credit_approval")
        )
        self.assertEqual(activity.user_id, self.env.ref("smec_credit.group_credit_manager").user_ids)
        # once approved, the order goes ahead by itself
        approval = self.env["smec.credit.approval"].create({"order_id": order.id, "request_note": "Signed online"})
        approval.with_user(self.salesman).sudo().write({"state": "requested", "requested_by_id": self.salesman.id})
        approval.with_user(self.credit_manager).write({"decision_note": "OK"})
        approval.with_user(self.credit_manager).action_approve()
        self.assertEqual(order.state, "sale")

    def test_hold_reasons_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "smec_credit")])._update_translations(["zh_CN"])
        order = self.make_order(self.customer, 6500, user=self.salesman)
        reasons = order.with_context(lang="zh_CN")._smec_credit_gate(lock=False)[order]
        self.assertIn("超出信用额度", reasons[0]["message"])
        self.assertIn(self.currency.format(10500), reasons[0]["message"])
        self.salesman.lang = "zh_CN"
        with self.assertRaisesRolledBack(UserError, "已被信用冻结"):
            order.with_user(self.salesman).action_confirm()
        # the translated form keeps its markup: the hold banner's two spans
        arch = order.with_context(lang="zh_CN").get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("或收取全额预付款。", arch)
        self.assertIn("已申请信用审批。", arch)
