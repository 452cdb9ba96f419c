"""Disputes: the disputed part leaves dunning and the overdue hold, the rest is
still chased; a resolution needs the Odoo document it names."""

from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestDisputes(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "smec_dispute_agent",
            groups="smec_credit_collection.group_collection_agent,account.group_account_invoice,sales_team.group_sale_salesman",
            company_id=cls.company.id,
        )
        cls.Dispute = cls.env["smec.collection.dispute"].with_user(cls.agent)

    def dispute(self, invoice, amount, **vals):
        return self.Dispute.create(
            {
                "name": "Broken tiles",
                "partner_id": self.customer.id,
                "line_ids": [Command.create({"move_id": invoice.id, "amount": amount})],
                **vals,
            }
        )

    def chased(self, day):
        self.run_day(day)
        contacts = self.Contact.search([("partner_id", "=", self.customer.id), ("date", "=", day)])
        return sorted({(c.channel, c.amount_total) for c in contacts})

    def test_only_the_disputed_part_leaves_dunning(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        dispute = self.dispute(invoice, 400)
        # 7 days overdue: the friendly reminder chases the undisputed 600
        self.assertEqual(self.chased(DUE + timedelta(days=8)), [("call", 600.0), ("email", 600.0)])
        letter_line = self.Contact.search([("partner_id", "=", self.customer.id)], limit=1).line_ids
        self.assertEqual(letter_line.amount_residual, 600.0)
        # rejected: the whole invoice is chased again at the next contact
        dispute.resolution_note = "The delivery note is signed without reserve."
        dispute.action_reject()
        self.assertEqual(self.chased(DUE + timedelta(days=15)), [("call", 1000.0), ("email", 1000.0)])

    def test_a_wholly_disputed_invoice_is_not_chased(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        other = self.make_invoice(self.customer, 300, DUE - timedelta(days=30), DUE + timedelta(days=1))
        self.dispute(invoice, 1000)
        self.assertEqual(self.chased(DUE + timedelta(days=8)), [("call", 300.0), ("email", 300.0)])
        lines = self.Contact.search([("partner_id", "=", self.customer.id)]).line_ids
        self.assertEqual(lines.move_id, other)

    def test_the_disputed_part_leaves_the_overdue_hold(self):
        """The gate holds orders past 90 days overdue (the company's default)."""
        old = self.make_invoice(self.customer, 1000, self.today - timedelta(days=130), self.today - timedelta(days=95))
        self.make_invoice(self.customer, 500, self.today - timedelta(days=40), self.today - timedelta(days=10))
        Exposure = self.env["smec.credit.exposure"]
        order = self.make_order(self.customer, 10, user=self.salesman)
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["overdue"])
        # part of the old invoice disputed: still 600 overdue 95 days, still held
        dispute = self.dispute(old, 400)
        facts = Exposure._exposure(self.customer, self.company)[self.customer.id]
        self.assertEqual((facts["overdue_amount"], facts["max_overdue_days"]), (1100.0, 95))
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["overdue"])
        # all of it disputed: what is overdue is the other invoice, 10 days
        dispute.line_ids.amount = 1000
        facts = Exposure._exposure(self.customer, self.company)[self.customer.id]
        self.assertEqual((facts["overdue_amount"], facts["max_overdue_days"]), (500.0, 10))
        self.assertEqual(order._smec_credit_gate(lock=False)[order], [])
        # the receivable (the credit limit's exposure) still counts the disputed invoice
        self.assertEqual(facts["receivable"], 1500.0)
        dispute.action_cancel()
        self.assertEqual([r["code"] for r in order._smec_credit_gate(lock=False)[order]], ["overdue"])

    def test_a_disputed_amount_is_set_against_the_most_overdue_instalment(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "Half in 10 days, half in 40",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 10}),
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 40}),
                ],
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": self.today - timedelta(days=100),
                "invoice_payment_term_id": term.id,
                "invoice_line_ids": [
                    Command.create({"name": "Tiles", "quantity": 1, "price_unit": 1000, "tax_ids": [Command.clear()]})
                ],
            }
        )
        invoice.action_post()
        # instalments 500 due 90 days ago and 500 due 60 days ago; 600 disputed:
        # the first wholly, 100 of the second
        self.dispute(invoice, 600)
        facts = self.env["smec.credit.exposure"]._exposure(self.customer, self.company)[self.customer.id]
        self.assertEqual((facts["overdue_amount"], facts["max_overdue_days"]), (400.0, 60))

    def test_bad_disputes_are_refused(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        with self.assertRaises(ValidationError) as caught:
            self.dispute(invoice, 1000.01)
        self.assertIn("cannot be disputed on it", str(caught.exception))
        self.dispute(invoice, 700)
        with self.assertRaises(ValidationError):  # 700 + 400 > 1,000 open
            self.dispute(invoice, 400)
        with self.assertRaises(ValidationError):
            self.dispute(invoice, 0)
        self.assertEqual(self.env["smec.collection.dispute"].search_count([("partner_id", "=", self.customer.id)]), 1)

    def test_a_credit_note_through_odoo_reversal_resolves_it(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        dispute = self.dispute(invoice, 200, reason="quality", resolution="credit_note")
        dispute.action_negotiate()
        self.assertEqual(dispute.state, "negotiation")
        with self.assertRaises(UserError) as caught:
            dispute.action_resolve()
        self.assertIn("posted credit note", str(caught.exception))
        action = dispute.action_create_credit_note()
        wizard = Form(self.env[action["res_model"]].with_user(self.agent).with_context(**action["context"]))
        wizard.save().refund_moves()
        refund = dispute.refund_ids
        # the disputed 200, not the invoice's 1,000
        self.assertEqual(
            (refund.move_type, refund.reversed_entry_id, refund.amount_total), ("out_refund", invoice, 200.0)
        )
        refund.action_post()
        dispute.action_resolve()
        self.assertEqual(dispute.state, "resolved")
        self.assertEqual(dispute.date_closed, self.today)

    def test_a_replacement_order_resolves_it(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        invoice.invoice_line_ids.product_id = self.tile
        dispute = self.dispute(invoice, 1000, reason="quality", resolution="replacement")
        with self.assertRaises(UserError):
            dispute.action_resolve()
        dispute.action_create_replacement()
        order = dispute.replacement_order_id
        self.assertEqual(
            (order.partner_id, order.order_line.product_id, order.order_line.price_unit, order.amount_total),
            (self.customer, self.tile, 0.0, 0.0),
        )
        dispute.action_resolve()
        self.assertEqual(dispute.state, "resolved")

    def test_withdrawn_needs_no_document_and_rejected_needs_a_reason(self):
        invoice = self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        withdrawn = self.dispute(invoice, 100, resolution="withdrawn")
        withdrawn.action_resolve()
        self.assertEqual(withdrawn.state, "resolved")
        rejected = self.dispute(invoice, 100)
        with self.assertRaises(UserError) as caught:
            rejected.action_reject()
        self.assertIn("why the dispute is rejected", str(caught.exception))
        rejected.resolution_note = "Signed delivery note without reserve"
        rejected.action_reject()
        with self.assertRaises(UserError):
            rejected.action_resolve()

    def test_disputes_are_shown_on_the_partner_aging_and_statement(self):
        invoice = self.make_invoice(
            self.customer, 1000, self.today - timedelta(days=60), self.today - timedelta(days=30)
        )
        self.dispute(invoice, 400)
        self.customer.invalidate_recordset()
        self.assertEqual((self.customer.smec_dispute_count, self.customer.smec_disputed_amount), (1, 400.0))
        self.env.flush_all()
        line = self.env["smec.credit.aging.line"].with_company(self.company).search([("move_id", "=", invoice.id)])
        self.assertEqual((len(line), line.smec_disputed_amount), (1, 400.0))
        statement = self.env["smec.collection.statement"].create({"partner_id": self.customer.id})
        rows = {row["name"]: row for row in statement._statement_lines()}
        self.assertEqual(rows[invoice.name]["disputed"], 400.0)

    def test_the_order_check_function_follows_install_and_uninstall(self):
        def definition():
            self.env.cr.execute("SELECT pg_get_functiondef('smec_credit_order_check'::regproc)")
            return self.env.cr.fetchone()[0]

        self.assertIn("smec_collection_dispute_line", definition())
        # what the uninstall hook leaves: a function that no longer reads the table
        self.env["smec.credit.order.check"].with_context(smec_collection_uninstall=True)._init_order_check()
        self.assertNotIn("smec_collection_dispute_line", definition())
        self.env["smec.credit.order.check"]._init_order_check()
        self.assertIn("smec_collection_dispute_line", definition())

    def test_disputes_feed_the_character_criteria(self):
        """12 months' sales 3,000; 600 disputed in two disputes, one rejected."""
        invoices = [
            self.make_invoice(self.customer, 1000, self.today - timedelta(days=d), self.today - timedelta(days=d - 30))
            for d in (40, 70, 100)
        ]
        self.dispute(invoices[0], 200)
        rejected = self.dispute(invoices[1], 400, resolution_note="No ground")
        rejected.action_reject()
        facts = self.env["smec.credit.assessment"]._payment_behaviour(self.customer, self.company)[self.customer.id]
        self.assertEqual(facts["dispute_count"], 2)
        self.assertEqual(facts["dispute_amount_share"], 20.0)
        self.assertEqual(facts["dispute_rejected_count"], 1)

    def test_the_next_assessment_reads_disputes_and_promises(self):
        invoices = [
            self.make_invoice(self.customer, 1000, self.today - timedelta(days=d), self.today - timedelta(days=d - 30))
            for d in (40, 70, 100)
        ]
        rejected = self.dispute(invoices[1], 300, resolution_note="No ground")
        rejected.action_reject()
        assessment = self.env["smec.credit.assessment"].create({"partner_id": self.customer.id})
        answers = {a.criterion_id.source: a for a in assessment.answer_ids}
        # 1 dispute, 300 of 3,000 sales = 10 %, 1 rejected; no promise settled: not applicable
        self.assertEqual(
            [
                (answers[s].value, answers[s].applicable)
                for s in ("dispute_count", "dispute_amount_share", "dispute_rejected_count", "promise_kept_share")
            ],
            [(1.0, True), (10.0, True), (1.0, True), (0.0, False)],
        )
        self.assertEqual(answers["dispute_count"].criterion_id.dimension, "character")


@tagged("post_install", "-at_install")
class TestDisputeCreditNote(DunningCommon, RpcCase):
    """The collector makes a dispute's credit note over HTTP, as the web client does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            "smec_credit_note_agent",
            groups="smec_credit_collection.group_collection_agent,account.group_account_invoice",
            company_id=cls.company.id,
        )
        vat = cls.env["account.tax"].create(
            {"name": "VAT 13 %", "amount": 13, "type_tax_use": "sale", "company_id": cls.company.id}
        )
        # 600 + 400 of tiles, 13 % VAT: 1,130 to pay
        cls.invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": cls.customer.id,
                "invoice_date": DUE - timedelta(days=30),
                "invoice_date_due": DUE,
                "invoice_line_ids": [
                    Command.create({"name": "Floor tiles", "quantity": 60, "price_unit": 10, "tax_ids": vat.ids}),
                    Command.create({"name": "Wall tiles", "quantity": 40, "price_unit": 10, "tax_ids": vat.ids}),
                ],
            }
        )
        cls.invoice.action_post()

    def credit_note(self, dispute):
        action = self.call_ok(self.agent, dispute._name, "action_create_credit_note", dispute.ids)
        # what the form sends: the journal its onchange proposes
        values = {"journal_id": self.invoice.journal_id.id}
        wizard = self.call_ok(self.agent, action["res_model"], "create", [values], context=action["context"])
        self.call_ok(self.agent, action["res_model"], "refund_moves", wizard, context=action["context"])
        return dispute.refund_ids

    def test_it_credits_the_disputed_part_with_its_taxes(self):
        """339 of the 1,130 disputed (30 %): the credit note credits 180 + 120 and
        39 of VAT, 339 in all; the invoice keeps 791 open."""
        dispute = (
            self.env["smec.collection.dispute"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Broken tiles",
                    "partner_id": self.customer.id,
                    "resolution": "credit_note",
                    "line_ids": [Command.create({"move_id": self.invoice.id, "amount": 339})],
                }
            )
        )
        refund = self.credit_note(dispute)
        self.assertEqual(
            (refund.amount_untaxed, refund.amount_tax, refund.amount_total, refund.reversed_entry_id),
            (300.0, 39.0, 339.0, self.invoice),
        )
        self.assertEqual(sorted(refund.invoice_line_ids.mapped("price_subtotal")), [120.0, 180.0])
        self.call_ok(self.agent, refund._name, "action_post", refund.ids)
        self.assertEqual(self.invoice.amount_residual, 791.0)
        self.call_ok(self.agent, dispute._name, "action_resolve", dispute.ids)
        self.assertEqual(dispute.state, "resolved")

    def test_a_discount_credits_the_part_the_resolution_grants(self):
        """500 disputed, 100 granted as a discount: the credit note credits 100,
        VAT included (88.50 + 11.50), the last cent rounding on the largest line."""
        dispute = (
            self.env["smec.collection.dispute"]
            .with_user(self.agent)
            .create(
                {
                    "name": "Late delivery",
                    "partner_id": self.customer.id,
                    "reason": "delivery",
                    "resolution": "discount",
                    "line_ids": [Command.create({"move_id": self.invoice.id, "amount": 500})],
                }
            )
        )
        self.call_refused(
            self.agent, "ValidationError", "at most the .* disputed", dispute.line_ids._name, "write",
            dispute.line_ids.ids, {"credit_amount": 600},
        )  # fmt: skip
        self.call_ok(self.agent, dispute.line_ids._name, "write", dispute.line_ids.ids, {"credit_amount": 100})
        refund = self.credit_note(dispute)
        self.assertEqual((refund.amount_untaxed, refund.amount_tax, refund.amount_total), (88.5, 11.5, 100.0))
        context = {"active_model": "account.move", "active_ids": self.invoice.ids, "smec_dispute_id": dispute.id}
        values = {"journal_id": self.invoice.journal_id.id}
        wizard = self.call_ok(self.agent, "account.move.reversal", "create", [values], context=context)
        self.call_refused(
            self.agent, "UserError", "use Reverse", "account.move.reversal", "modify_moves", wizard, context=context
        )
        self.assertEqual(dispute.refund_ids, refund, "nothing reversed in full")
