"""The credit control against the users it restrains, over HTTP.

Each test logs in as an ordinary user (a salesperson, an accountant, a Credit
User, a Credit Manager) and calls the server through Odoo's JSON-RPC as any
client can, with any field and any context key, then reads what the database
kept.
"""

import xmlrpc.client

from odoo import Command
from odoo.tests import get_db_name, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestHostileUsers(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo gives new users contact creation by default: the worst case
        cls.seller = cls._user("smec_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.accountant = cls._user("smec_accountant", "account.group_account_invoice,base.group_partner_manager")
        cls.own_seller = cls._user("smec_own_seller", "sales_team.group_sale_salesman")
        # a Credit Manager who edits contacts, as credit managers of an SME do
        cls.boss = cls._user("smec_boss", "smec_credit.group_credit_manager,base.group_partner_manager")
        cls.customer.sudo().credit_limit = 1000

    def held(self, order):
        return [r["code"] for r in order._smec_credit_gate(lock=False)[order]]

    # ------------------------------------------------------------
    # 1. fields only the code computes
    # ------------------------------------------------------------

    def test_a_sent_total_is_refused_and_the_quotation_stays_held(self):
        order = self.make_order(self.customer, 1799, user=self.seller)
        self.call_refused(
            self.seller,
            "UserError",
            r"Total, Untaxed Amount of a Sales Order cannot be set.*amount_total=1, amount_untaxed=1",
            "sale.order",
            "write",
            [order.id],
            {"amount_total": 1, "amount_untaxed": 1},
        )
        order.invalidate_recordset()
        self.assertEqual(order.amount_total, 1799.0)
        # 1,799 against 1,000: over by 799
        message = self.call_refused(
            self.seller, "UserError", "on credit hold", "sale.order", "action_confirm", [order.id]
        )
        self.assertIn("over the limit of $\xa01,000.00 by $\xa0799.00", message)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")

    def test_a_held_quotation_is_read_in_a_read_only_transaction(self):
        """The web client reads a form with web_read, which Odoo runs in a read-only transaction: the credit
        check the form shows writes nothing there (PostgreSQL refused the locking statement, logged an error and
        Odoo had to read again)."""
        order = self.make_order(self.customer, 1799, user=self.seller)
        with self.assertNoLogs("odoo.sql_db", level="ERROR"):
            [read] = self.call_ok(
                self.seller,
                "sale.order",
                "web_read",
                [order.id],
                {"smec_credit_held": {}, "smec_credit_hold_reasons": {}},
            )
        self.assertTrue(read["smec_credit_held"])
        self.assertIn("over the limit of $\xa01,000.00 by $\xa0799.00", read["smec_credit_hold_reasons"])

    def test_xmlrpc_meets_the_same_rules(self):
        """XML-RPC ends in the same model methods as JSON-RPC: the same total and
        the same confirmation are refused."""
        order = self.make_order(self.customer, 1799, user=self.seller)

        def execute(method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                get_db_name(), self.seller.id, self.seller.login, "sale.order", method, list(args), kwargs
            )

        with self.assertRaises(xmlrpc.client.Fault) as refused:
            execute("write", [order.id], {"amount_total": 1})
        self.assertIn("Total of a Sales Order cannot be set", refused.exception.faultString)
        order.invalidate_recordset()
        self.assertEqual(order.amount_total, 1799.0)
        with self.assertRaises(xmlrpc.client.Fault) as refused:
            execute("action_confirm", [order.id], context={"smec_credit_skip_gate": True})
        self.assertIn("over the limit of $\xa01,000.00 by $\xa0799.00", refused.exception.faultString)
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")

    def test_writing_a_confirmed_orders_statuses_frees_no_credit(self):
        confirmed = self.make_order(self.customer, 900, confirm=True, user=self.seller)
        line = confirmed.order_line
        self.assertEqual(self.customer.smec_exposure, 900.0)
        for model, record, vals, label in (
            ("sale.order", confirmed, {"invoice_status": "invoiced"}, "Invoice Status"),
            ("sale.order", confirmed, {"currency_rate": 1000.0}, "Currency Rate"),
            ("sale.order.line", line, {"qty_invoiced": 1, "price_total": 0}, "Invoiced Quantity, Total"),
        ):
            self.call_refused(
                self.seller, "UserError", f"{label} of a .* cannot be set", model, "write", record.ids, vals
            )
        confirmed.invalidate_recordset()
        line.invalidate_recordset()
        self.assertEqual((confirmed.invoice_status, confirmed.currency_rate), ("to invoice", 1.0))
        self.assertEqual((line.qty_invoiced, line.price_total), (0.0, 900.0))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.smec_exposure, 900.0)
        # so the next order is still held: 900 + 200 = 1,100 against 1,000
        order = self.make_order(self.customer, 200, user=self.seller)
        message = self.call_refused(
            self.seller, "UserError", "on credit hold", "sale.order", "action_confirm", [order.id]
        )
        self.assertIn("would be $\xa01,100.00", message)

    def test_a_line_flagged_as_down_payment_still_counts(self):
        confirmed = self.make_order(self.customer, 900, confirm=True, user=self.seller)
        # a line of 600 created as a "down payment" while the order is confirmed
        self.call_refused(
            self.seller,
            "UserError",
            "on credit hold",
            "sale.order",
            "write",
            [confirmed.id],
            {"order_line": [Command.create({"product_id": self.tile.id, "price_unit": 600, "is_downpayment": True})]},
        )
        self.assertEqual(len(confirmed.order_line), 1)

    # ------------------------------------------------------------
    # 2. credit terms on create, import and copy
    # ------------------------------------------------------------

    def test_credit_terms_are_protected_on_create_import_and_copy(self):
        Partner = self.env["res.partner"]
        count, logs = Partner.search_count([]), self.env["smec.credit.log"].search_count([])
        self.call_refused(
            self.seller,
            "AccessError",
            "Only a Credit Manager can change Credit Grade",
            "res.partner",
            "create",
            [{"name": "Grade A Ltd", "is_company": True, "smec_grade_id": self.grade["A"].id}],
        )
        self.call_refused(
            self.accountant,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "create",
            [{"name": "Big Limit Ltd", "is_company": True, "credit_limit": 5_000_000}],
        )
        imported = self.call_ok(
            self.accountant,
            "res.partner",
            "load",
            ["name", "is_company", "credit_limit"],
            [["Import Ltd", "1", "3000000"]],
        )
        self.assertFalse(imported["ids"])
        self.assertRegex(imported["messages"][0]["message"], "Only a Credit Manager can change")
        self.call_refused(
            self.accountant,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "copy",
            [self.customer.id],
            default={"credit_limit": 5_000_000},
        )
        self.assertEqual(Partner.search_count([]), count)
        self.assertEqual(self.env["smec.credit.log"].search_count([]), logs)
        # a Credit Manager may, and it is logged as theirs
        partner_id = self.call_ok(
            self.boss,
            "res.partner",
            "create",
            [{"name": "Known Ltd", "is_company": True, "credit_limit": 50_000, "smec_change_reason": "Bank guarantee"}],
        )[0]
        log = Partner.browse(partner_id).smec_log_ids
        self.assertEqual((log.field, log.old_value, log.new_value), ("credit_limit", "", "$\xa050,000.00"))
        self.assertEqual((log.user_id, log.reason), (self.boss, "Bank guarantee"))

    # ------------------------------------------------------------
    # 3. and 8. approvals
    # ------------------------------------------------------------

    def test_a_decided_approval_cannot_move_reset_or_be_rewritten(self):
        other = self.env["res.partner"].create({"name": "Other Tiles", "is_company": True, "credit_limit": 1000})
        order = self.make_order(self.customer, 1500, user=self.seller)
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.seller)
            .create({"order_id": order.id, "request_note": "Peak season"})
        )
        approval.action_request()
        approval.with_user(self.credit_manager).write(
            {"decision": "temporary", "temp_limit_increase": 1000, "temp_until": self.days(10), "decision_note": "ok"}
        )
        approval.with_user(self.credit_manager).action_approve()
        # moving the temporary increase to another customer is refused
        self.call_refused(
            self.seller,
            "UserError",
            "Customer of a Credit Approval Request cannot be set",
            "smec.credit.approval",
            "write",
            [approval.id],
            {"partner_id": other.id},
        )
        approval.invalidate_recordset()
        self.assertEqual(approval.partner_id, self.customer)
        held = self.make_order(other, 1500, user=self.seller)
        self.assertEqual(self.held(held), ["limit"])
        # reset to draft, a new justification, a new decision: refused
        self.call_refused(
            self.seller,
            "AccessError",
            "buttons only",
            "smec.credit.approval",
            "write",
            [approval.id],
            {"state": "draft"},
        )
        self.call_refused(
            self.seller,
            "UserError",
            "cannot change once it is sent",
            "smec.credit.approval",
            "write",
            [approval.id],
            {"request_note": "The CFO said yes"},
        )
        self.call_refused(
            self.credit_manager,
            "UserError",
            "only be set while it is requested",
            "smec.credit.approval",
            "write",
            [approval.id],
            {"temp_limit_increase": 100000},
        )
        approval.invalidate_recordset()
        self.assertEqual(
            (approval.state, approval.request_note, approval.temp_limit_increase), ("approved", "Peak season", 1000)
        )

    def test_approvals_follow_the_rules_of_their_orders(self):
        theirs = self.make_order(self.customer, 1500, user=self.seller)
        approval = (
            self.env["smec.credit.approval"].with_user(self.seller).create({"order_id": theirs.id, "request_note": "x"})
        )
        mine = self.make_order(self.customer, 1200, user=self.own_seller)
        seen = self.call_ok(self.own_seller, "smec.credit.approval", "search_read", [], ["order_id"])
        self.assertNotIn(approval.id, [row["id"] for row in seen])
        self.call_refused(
            self.own_seller, "AccessError", r"\w", "smec.credit.approval", "read", [approval.id], ["request_note"]
        )
        self.call_refused(
            self.own_seller,
            "AccessError",
            r"\w",
            "smec.credit.approval",
            "create",
            [{"order_id": theirs.id, "request_note": "not my order"}],
        )
        self.assertEqual(self.env["smec.credit.approval"].search_count([("order_id", "=", theirs.id)]), 1)
        # their own order: as before
        created = self.call_ok(
            self.own_seller, "smec.credit.approval", "create", [{"order_id": mine.id, "request_note": "mine"}]
        )
        self.assertEqual(len(created), 1)

    # ------------------------------------------------------------
    # 4. drafts free no credit
    # ------------------------------------------------------------

    def test_a_draft_credit_note_frees_no_credit(self):
        self.make_invoice(self.customer, 900, self.today)
        self.make_invoice(self.customer, 500, self.today, move_type="out_refund", post=False)
        self.customer.invalidate_recordset()
        # the draft credit note of 500 counts as nothing: exposure 900, not 400
        self.assertEqual((self.customer.smec_exposure, self.customer.smec_exposure_drafts), (900.0, 0.0))
        order = self.make_order(self.customer, 500, user=self.seller)
        message = self.call_refused(
            self.seller, "UserError", "on credit hold", "sale.order", "action_confirm", [order.id]
        )
        self.assertIn("would be $\xa01,400.00", message)
        # a blocking flag is not lifted by a draft credit note of 100 either
        flagged = self.env["res.partner"].create({"name": "Flagged Ltd", "is_company": True})
        self.env["smec.credit.risk.flag"].create({"partner_id": flagged.id, "flag_type": "dishonest_debtor"})
        self.make_invoice(flagged, 100, self.today, move_type="out_refund", post=False)
        small = self.make_order(flagged, 50, user=self.seller)
        self.call_refused(self.seller, "UserError", "Risk flag", "sale.order", "action_confirm", [small.id])
        self.assertEqual((order.state, small.state), ("draft", "draft"))

    # ------------------------------------------------------------
    # 5. and 9. the partner's credit face
    # ------------------------------------------------------------

    def test_a_salesperson_neither_stops_expiry_nor_writes_a_score(self):
        assessment = self.new_assessment()
        self.fill_new_customer(assessment)
        assessment.action_submit()
        assessment.with_user(self.credit_manager).action_approve()
        self.assertEqual((self.customer.smec_assessment_id, self.customer.smec_credit_score), (assessment, 59.73))
        self.call_refused(
            self.seller,
            "UserError",
            r"Credit Score, Current Assessment of a Contact cannot be set.*smec_assessment_id=False",
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_assessment_id": False, "smec_credit_score": 99},
        )
        self.customer.invalidate_recordset()
        self.assertEqual((self.customer.smec_assessment_id, self.customer.smec_credit_score), (assessment, 59.73))

    def test_the_audit_reason_is_the_users_own(self):
        before = self.customer.smec_log_ids
        self.call_ok(
            self.boss,
            "res.partner",
            "write",
            [self.customer.id],
            {"credit_limit": 2000},
            context={"smec_credit_reason": "Approved by the CFO"},
        )
        self.call_ok(
            self.boss,
            "res.partner",
            "write",
            [self.customer.id],
            {"credit_limit": 3000, "smec_change_reason": "Paid early for a year"},
        )
        self.customer.invalidate_recordset()
        logs = (self.customer.smec_log_ids - before).sorted("id")
        self.assertEqual(logs.mapped("reason"), ["Edited on the partner", "Paid early for a year"])
        self.assertEqual(logs.mapped("new_value"), ["$\xa02,000.00", "$\xa03,000.00"])
        self.assertEqual(logs.user_id, self.boss)

    # ------------------------------------------------------------
    # 6. the assessment workflow
    # ------------------------------------------------------------

    def test_a_credit_user_cannot_forge_the_assessment_workflow(self):
        assessment = self.new_assessment(user=self.credit_user)
        self.fill_new_customer(assessment)
        self.call_refused(
            self.credit_user,
            "AccessError",
            "buttons only",
            "smec.credit.assessment",
            "write",
            [assessment.id],
            {"state": "approved", "decided_by_id": self.credit_manager.id, "decided_on": "2026-01-01 00:00:00"},
        )
        self.call_refused(
            self.credit_user,
            "UserError",
            "Proposed Grade, Total Score of a Credit Assessment cannot be set",
            "smec.credit.assessment",
            "write",
            [assessment.id],
            {"grade_id": self.grade["A"].id, "total_score": 99},
        )
        assessment.invalidate_recordset()
        self.assertEqual((assessment.state, assessment.total_score), ("draft", 59.73))
        self.assertEqual(assessment.grade_id, self.grade["C"])
        # automatic criteria come from the ledger
        automatic = assessment.answer_ids.filtered(lambda a: a.source == "industry_risk")
        self.call_refused(
            self.credit_user,
            "AccessError",
            "answered from the ledger",
            "smec.credit.assessment.answer",
            "write",
            automatic.ids,
            {"value": 1},
        )
        self.call_ok(self.credit_user, "smec.credit.assessment", "action_submit", [assessment.id])
        assessment.invalidate_recordset()
        self.assertEqual(assessment.submitted_by_id, self.credit_user)
        self.call_ok(self.credit_manager, "smec.credit.assessment", "action_approve", [assessment.id])
        assessment.invalidate_recordset()
        self.assertEqual((assessment.state, assessment.decided_by_id), ("approved", self.credit_manager))
        # approved: history. Neither reopened nor re-answered nor re-scored
        self.call_refused(
            self.credit_user,
            "AccessError",
            "buttons only",
            "smec.credit.assessment",
            "write",
            [assessment.id],
            {"state": "draft"},
        )
        self.call_refused(
            self.credit_user,
            "AccessError",
            "part of the partner's history",
            "smec.credit.assessment",
            "write",
            [assessment.id],
            {"valid_until": "2099-12-31"},
        )
        manual = assessment.answer_ids.filtered(lambda a: a.criterion_id.name == "Years in business")
        self.call_refused(
            self.credit_user,
            "AccessError",
            "part of the partner's history",
            "smec.credit.assessment.answer",
            "write",
            manual.ids,
            {"value": 30},
        )
        assessment.invalidate_recordset()
        self.assertEqual((assessment.state, assessment.total_score, manual.value), ("approved", 59.73, 6.0))

    def test_a_credit_manager_does_not_approve_their_own_assessment(self):
        assessment = self.new_assessment(user=self.credit_manager)
        self.fill_new_customer(assessment)
        assessment.with_user(self.credit_manager).action_submit()
        self.call_refused(
            self.credit_manager,
            "UserError",
            "another Credit Manager must approve it",
            "smec.credit.assessment",
            "action_approve",
            [assessment.id],
        )
        self.assertEqual(assessment.state, "submitted")
        self.company.smec_allow_self_approval = True
        self.call_ok(self.credit_manager, "smec.credit.assessment", "action_approve", [assessment.id])
        assessment.invalidate_recordset()
        self.assertEqual(assessment.state, "approved")

    # ------------------------------------------------------------
    # 10. text in HTML notes
    # ------------------------------------------------------------

    def test_decision_notes_are_escaped_in_activities(self):
        order = self.make_order(self.customer, 1500, user=self.seller)
        approval = (
            self.env["smec.credit.approval"].with_user(self.seller).create({"order_id": order.id, "request_note": "x"})
        )
        approval.action_request()
        note = '<img src=x onerror="alert(1)">\nSecond line'
        self.call_ok(self.credit_manager, "smec.credit.approval", "write", [approval.id], {"decision_note": note})
        self.call_ok(self.credit_manager, "smec.credit.approval", "action_approve", [approval.id])
        activity = order.activity_ids.filtered(lambda a: a.user_id == self.seller)
        self.assertEqual(len(activity), 1)
        self.assertNotIn("<img", str(activity.note))
        self.assertIn("&lt;img src=x onerror=", str(activity.note))
        self.assertIn("<br>Second line", str(activity.note))

    # ------------------------------------------------------------
    # 11. bad input: a clear error, nothing changed
    # ------------------------------------------------------------

    def test_bad_input_gets_a_clear_error_and_changes_nothing(self):
        self.call_refused(
            self.boss,
            "ValidationError",
            "A credit limit is an amount",
            "res.partner",
            "write",
            [self.customer.id],
            {"credit_limit": "a lot"},
        )
        self.call_refused(
            self.boss,
            "ValidationError",
            "cannot be negative",
            "res.partner",
            "create",
            [{"name": "Negative Ltd", "credit_limit": -5}],
        )
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.credit_limit, 1000.0)
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        self.call_refused(
            admin,
            "ValidationError",
            "between 0 and 100",
            "res.company",
            "write",
            [self.company.id],
            {"smec_review_cut_percent": 150},
        )
        self.company.invalidate_recordset()
        self.assertEqual(self.company.smec_review_cut_percent, 30.0)

    # ------------------------------------------------------------
    # 12. flags every company relies on
    # ------------------------------------------------------------

    def test_a_shared_flag_is_the_credit_managers(self):
        shared = self.env["smec.credit.risk.flag"].create(
            {"partner_id": self.customer.id, "flag_type": "dishonest_debtor"}
        )
        self.call_refused(
            self.credit_user,
            "AccessError",
            "only a Credit Manager",
            "smec.credit.risk.flag",
            "action_lift",
            [shared.id],
        )
        self.call_refused(
            self.credit_user,
            "AccessError",
            "only a Credit Manager",
            "smec.credit.risk.flag",
            "create",
            [{"partner_id": self.customer.id, "flag_type": "bankruptcy"}],
        )
        shared.invalidate_recordset()
        self.assertFalse(shared.date_end)
        # their own company's flags are theirs
        own = self.call_ok(
            self.credit_user,
            "smec.credit.risk.flag",
            "create",
            [{"partner_id": self.customer.id, "flag_type": "litigation", "company_id": self.company.id}],
        )
        self.call_ok(self.credit_user, "smec.credit.risk.flag", "action_lift", own)
        self.call_ok(self.credit_manager, "smec.credit.risk.flag", "action_lift", [shared.id])
        shared.invalidate_recordset()
        self.assertEqual(shared.date_end, self.today)

    # ------------------------------------------------------------
    # related parties
    # ------------------------------------------------------------

    def test_a_salesperson_marks_a_related_party_but_cannot_unmark_it_over_http(self):
        self.call_ok(
            self.seller,
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_related_type": "employee", "smec_related_note": "Owned by our warehouse manager"},
        )
        for vals in ({"smec_related_type": False}, {"smec_related_type": "affiliate"}):
            self.call_refused(
                self.seller,
                "AccessError",
                "Only a Credit Manager unmarks",
                "res.partner",
                "write",
                [self.customer.id],
                vals,
            )
        # an import of the column meets the same rule
        loaded = self.call_ok(
            self.seller, "res.partner", "load", [".id", "smec_related_type"], [[str(self.customer.id), ""]]
        )
        self.assertFalse(loaded["ids"])
        self.assertIn("Only a Credit Manager unmarks", loaded["messages"][0]["message"])
        # a duplicate is related too (test_hostile_sme.py): the mark is not dropped by copying
        copy_id = self.call_ok(self.seller, "res.partner", "copy", [self.customer.id])[0]
        self.assertEqual(self.env["res.partner"].browse(copy_id).smec_related_type, "employee")
        self.customer.invalidate_recordset()
        self.assertEqual((self.customer.smec_related_type, self.customer.smec_related_by_id), ("employee", self.seller))
        order = self.make_order(self.customer, 100, user=self.seller)
        self.assertEqual(self.held(order), ["related"])
        self.call_refused(self.seller, "UserError", "Related party", "sale.order", "action_confirm", [order.id])
        self.call_ok(
            self.boss,
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_related_type": False, "smec_change_reason": "The manager sold the business"},
        )
        self.assertEqual(self.held(order), [])

    def test_only_a_credit_manager_reviews_a_privately_collected_payment_over_http(self):
        journal = self.company_data["default_journal_bank"].copy(
            {"name": "Owner's card", "code": "OWN2", "smec_private_account": True}
        )
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 300,
                "journal_id": journal.id,
            }
        )
        payment.action_post()
        self.assertEqual(payment.smec_review_state, "to_review")
        for user in (self.accountant, self.seller):
            self.call_refused(
                user, "AccessError", "Credit Manager", "account.payment", "action_smec_review_accept", [payment.id]
            )
        self.call_refused(
            self.accountant,
            "AccessError",
            "buttons only",
            "account.payment",
            "write",
            [payment.id],
            {"smec_review_decision": "accepted", "smec_reviewed_by_id": self.accountant.id},
        )
        self.call_ok(self.boss, "account.payment", "action_smec_review_accept", [payment.id])
        payment.invalidate_recordset()
        self.assertEqual((payment.smec_review_state, payment.smec_reviewed_by_id), ("accepted", self.boss))
