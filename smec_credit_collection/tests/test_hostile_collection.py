"""A collector calls the collection models over HTTP with whatever ids and
values they like (#30): the evidence bundle renders only what the collector
may read, claims list their customer's invoices only, promises stay within
their bounds however they are written, and the day a letter was signed for is
evidence. Each refused call changes nothing."""

import base64
import io
import zipfile
from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DunningCommon


@tagged("post_install", "-at_install")
class TestCollectionHoldsItsRules(DunningCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_hostile_collector", "smec_credit_collection.group_collection_agent")
        cls.manager = cls._user("smec_hostile_collection_manager", "smec_credit_collection.group_collection_manager")
        cls.invoice = cls.make_invoice(
            cls.customer, 1000, cls.today - timedelta(days=60), cls.today - timedelta(days=30)
        )
        cls.second = cls.make_invoice(cls.customer, 400, cls.today - timedelta(days=50), cls.today - timedelta(days=20))
        cls.stranger = cls.env["res.partner"].create({"name": "Rival Trading Ltd", "is_company": True})
        cls.stranger_invoice = cls.make_invoice(cls.stranger, 700, cls.today - timedelta(days=40))
        # another company's invoice and order, which the collector may not read
        other = cls.setup_other_company()["company"]
        cls.foreign_invoice = (
            cls.env["account.move"]
            .with_company(other)
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": cls.customer.id,
                    "invoice_date": cls.today - timedelta(days=10),
                    "invoice_line_ids": [Command.create({"name": "Secret", "quantity": 1, "price_unit": 9999})],
                }
            )
        )
        cls.foreign_invoice.action_post()
        cls.foreign_order = (
            cls.env["sale.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": other.id,
                    "order_line": [Command.create({"product_id": cls.tile.id, "price_unit": 9999})],
                }
            )
        )
        cls.foreign_file = cls.env["ir.attachment"].create(
            {"name": "secret.pdf", "raw": b"%PDF secret", "res_model": "account.move", "res_id": cls.foreign_invoice.id}
        )
        cls.legal = cls.env["smec.collection.legal.file"].create(
            {"partner_id": cls.customer.id, "invoice_ids": [Command.set(cls.invoice.ids)]}
        )

    def upload(self, user, name="proof.pdf"):
        """A file the user uploads, as the web client does before saving a form."""
        return self.call_ok(
            user,
            "ir.attachment",
            "create",
            [{"name": name, "datas": base64.b64encode(b"%PDF proof").decode(), "res_model": "smec.collection.contact"}],
        )[0]

    # ------------------------------------------------------------
    # 1. records named by model and id, and files, are the collector's to read
    # ------------------------------------------------------------

    def test_the_evidence_bundle_holds_only_what_the_collector_may_read(self):
        Evidence = self.env["smec.collection.legal.evidence"]
        self.call_refused(
            self.agent, "AccessError", "access", "account.move", "read", [self.foreign_invoice.id], ["name"]
        )
        attempts = [
            {"res_model": "account.move", "res_id": self.foreign_invoice.id},
            {"res_model": "sale.order", "res_id": self.foreign_order.id},
            {"res_model": "account.move", "res_id": 999999999},
            {"res_model": "no.such.model", "res_id": 1},
            {"attachment_ids": [Command.set(self.foreign_file.ids)]},
            {"attachment_ids": [Command.link(self.foreign_file.id)]},
        ]
        for vals in attempts:
            with self.subTest(vals=vals):
                self.call_refused(
                    self.agent,
                    "AccessError",
                    "names a record you may not read",
                    "smec.collection.legal.evidence",
                    "create",
                    [{"file_id": self.legal.id, "kind": "invoice", "name": "Invoice", **vals}],
                )
                self.call_refused(
                    self.agent,
                    "AccessError",
                    "names a record you may not read",
                    "smec.collection.legal.file",
                    "write",
                    [self.legal.id],
                    {"evidence_ids": [Command.create({"kind": "invoice", "name": "Invoice", **vals})]},
                )
        self.assertFalse(Evidence.search([("file_id", "=", self.legal.id)]))
        # its own company's invoice is evidence; turning it into another company's afterwards is refused
        item_id = self.call_ok(
            self.agent,
            "smec.collection.legal.evidence",
            "create",
            [
                {
                    "file_id": self.legal.id,
                    "kind": "invoice",
                    "name": "Invoice",
                    "res_model": "account.move",
                    "res_id": self.invoice.id,
                }
            ],
        )[0]
        self.call_refused(
            self.agent,
            "AccessError",
            "names a record you may not read",
            "smec.collection.legal.evidence",
            "write",
            [item_id],
            {"res_id": self.foreign_invoice.id},
        )
        self.assertEqual(Evidence.browse(item_id).res_id, self.invoice.id)
        # a reference kept from before is checked again when the bundle is made: no zip, no leak
        Evidence.sudo().create(
            {
                "file_id": self.legal.id,
                "kind": "contract",
                "name": "Old",
                "res_model": "sale.order",
                "res_id": self.foreign_order.id,
            }
        )
        zips = self.env["ir.attachment"].search_count(
            [("res_model", "=", self.legal._name), ("res_id", "=", self.legal.id)]
        )
        self.call_refused(
            self.agent,
            "AccessError",
            "names a record you may not read",
            self.legal._name,
            "action_export_bundle",
            [self.legal.id],
        )
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", self.legal._name), ("res_id", "=", self.legal.id)]
            ),
            zips,
        )

    def test_the_bundle_of_what_the_collector_may_read(self):
        self.call_ok(self.agent, self.legal._name, "action_collect_evidence", [self.legal.id])
        action = self.call_ok(self.agent, self.legal._name, "action_export_bundle", [self.legal.id])
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        names = zipfile.ZipFile(io.BytesIO(attachment.raw)).namelist()
        self.assertEqual(names[0], "00-index.pdf")
        self.assertTrue(any(name.endswith(".pdf") and "invoice" in name for name in names), names)

    # ------------------------------------------------------------
    # 7. claims list their customer's invoices
    # ------------------------------------------------------------

    def test_claims_list_their_customers_invoices_only(self):
        self.call_refused(
            self.agent,
            "ValidationError",
            "can only list its own posted invoices",
            self.legal._name,
            "write",
            [self.legal.id],
            {"invoice_ids": [Command.link(self.stranger_invoice.id)]},
        )
        self.call_refused(
            self.manager,
            "ValidationError",
            "can only list its own posted invoices",
            self.legal._name,
            "write",
            [self.legal.id],
            {"partner_id": self.stranger.id},
        )
        self.legal.invalidate_recordset()
        self.assertEqual((self.legal.partner_id, self.legal.invoice_ids), (self.customer, self.invoice))
        dispute_id = self.call_ok(
            self.agent,
            "smec.collection.dispute",
            "create",
            [{"name": "Broken tiles", "partner_id": self.customer.id, "invoice_ids": [Command.set(self.invoice.ids)]}],
        )[0]
        promise_id = self.call_ok(
            self.agent,
            "smec.collection.promise",
            "create",
            [
                {
                    "partner_id": self.customer.id,
                    "invoice_ids": [Command.set(self.invoice.ids)],
                    "line_ids": [Command.create({"date": str(self.days(10)), "amount": 1000})],
                }
            ],
        )[0]
        for model, record_id in (("smec.collection.dispute", dispute_id), ("smec.collection.promise", promise_id)):
            with self.subTest(model=model):
                self.call_refused(
                    self.agent,
                    "ValidationError",
                    "can only list its own posted invoices",
                    model,
                    "write",
                    [record_id],
                    {"partner_id": self.stranger.id},
                )
                self.assertEqual(self.env[model].browse(record_id).partner_id, self.customer)
        line = self.env["smec.collection.dispute"].browse(dispute_id).line_ids
        self.call_refused(
            self.agent,
            "ValidationError",
            "can only list its own posted invoices",
            "smec.collection.dispute.line",
            "write",
            [line.id],
            {"move_id": self.stranger_invoice.id, "amount": 100},
        )
        self.assertEqual(line.move_id, self.invoice)

    # ------------------------------------------------------------
    # 3 and 4. promises within their bounds, however written
    # ------------------------------------------------------------

    def promise_vals(self, **vals):
        return {
            "partner_id": self.customer.id,
            "invoice_ids": [Command.set(self.invoice.ids)],
            "line_ids": [Command.create({"date": str(self.days(10)), "amount": 1000})],
            **vals,
        }

    def test_a_collector_promises_within_the_companys_bounds(self):
        Promise = self.env["smec.collection.promise"]
        count = Promise.search_count([])
        # horizon 90 days, grace at most the company's 3 days
        refused = [
            ({"grace_days": 36500}, "grace days are between 0 and the company's 3"),
            ({"grace_days": -1}, "grace days are between 0"),
            ({"line_ids": [Command.create({"date": "2099-12-31", "amount": 1000})]}, "at the latest"),
            ({"line_ids": [Command.create({"date": str(self.days(91)), "amount": 1000})]}, "at the latest"),
            (
                {
                    "line_ids": [Command.create({"date": str(self.days(5)), "amount": 0.01})],
                    "invoice_ids": [Command.set((self.invoice | self.second).ids)],
                },
                "does not reach",
            ),
            ({"date": "2020-01-01"}, "recorded on the day it is made"),
        ]
        for vals, message in refused:
            with self.subTest(vals=vals):
                self.call_refused(
                    self.agent, "ValidationError", message, Promise._name, "create", [self.promise_vals(**vals)]
                )
        self.assertEqual(Promise.search_count([]), count)
        # on the 90th day, three days of grace, two invoices the amount reaches: accepted
        ok = self.promise_vals(
            grace_days=3,
            invoice_ids=[Command.set((self.invoice | self.second).ids)],
            line_ids=[Command.create({"date": str(self.days(90)), "amount": 1000.01})],
        )
        promise = Promise.browse(self.call_ok(self.agent, Promise._name, "create", [ok])[0])
        self.assertEqual((promise.amount, promise.date_last, promise.state), (1000.01, self.days(90), "open"))

    def test_instalments_written_on_their_own_meet_the_promises_rules(self):
        """A kept promise raises the customer's score: instalments written
        directly cannot forge one (a negative amount, a day long past, a
        promise re-dated to count old payments)."""
        Promise = self.env["smec.collection.promise"]
        promise = Promise.browse(self.call_ok(self.agent, Promise._name, "create", [self.promise_vals()])[0])
        line = promise.line_ids
        for vals, message in (
            ({"amount": -5000, "date": "2020-01-01"}, "a day to come"),
            ({"amount": -5000}, "more than zero"),
            ({"date": "2020-01-01"}, "a day to come"),
            ({"date": "2099-12-31"}, "at the latest"),
        ):
            with self.subTest(vals=vals):
                self.call_refused(self.agent, "ValidationError", message, line._name, "write", [line.id], vals)
        self.call_refused(
            self.agent,
            "ValidationError",
            "more than zero",
            line._name,
            "create",
            [{"promise_id": promise.id, "date": str(self.days(20)), "amount": -5000}],
        )
        self.call_refused(
            self.agent,
            "ValidationError",
            "does not change",
            Promise._name,
            "write",
            [promise.id],
            {"date": "2020-01-01"},
        )
        promise.invalidate_recordset()
        self.assertEqual([(line.date, line.amount) for line in promise.line_ids], [(self.days(10), 1000.0)])
        self.assertEqual((promise.date, promise.amount), (self.today, 1000.0))
        # the settlement finds nothing kept: nothing was paid
        Promise._settle(self.company, self.today)
        self.assertEqual((promise.state, promise.paid_amount), ("open", 0.0))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.smec_promise_kept_rate, 0.0)

    # ------------------------------------------------------------
    # 5. the day a letter was signed for is evidence
    # ------------------------------------------------------------

    def letter(self, state, offset):
        line = self.invoice.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable")
        return self.Contact.sudo().create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "currency_id": self.currency.id,
                "plan_id": self.plan.id,
                "stage_id": self.stage[30].id,
                "channel": "letter",
                "date": self.days(offset),
                "state": state,
                "line_ids": [
                    Command.create({"move_line_id": line.id, "move_id": self.invoice.id, "amount_residual": 1000})
                ],
            }
        )

    def test_a_letters_signed_for_date_is_set_once_with_its_proof(self):
        Event = self.env["smec.collection.limitation.event"]
        draft, sent = self.letter("draft", -12), self.letter("sent", -10)
        proof = self.upload(self.agent)
        signed = str(self.days(-7))
        for letter, vals, message in (
            (
                draft,
                {"tracking_ref": "SF1", "signed_date": signed, "signed_proof_ids": [Command.set([proof])]},
                "never went out",
            ),
            (sent, {"signed_date": signed, "signed_proof_ids": [Command.set([proof])]}, "tracking number"),
            (sent, {"tracking_ref": "SF1", "signed_date": signed}, "Attach the proof"),
            (
                sent,
                {"tracking_ref": "SF1", "signed_date": str(self.days(1)), "signed_proof_ids": [Command.set([proof])]},
                "between",
            ),
            (
                sent,
                {"tracking_ref": "SF1", "signed_date": str(self.days(-11)), "signed_proof_ids": [Command.set([proof])]},
                "between",
            ),
        ):
            with self.subTest(vals=vals):
                self.call_refused(self.agent, "UserError", message, letter._name, "write", [letter.id], vals)
        self.assertFalse(Event.search([("contact_id", "in", (draft | sent).ids)]))
        self.assertEqual([(c.state, c.signed_date) for c in draft | sent], [("draft", False), ("sent", False)])
        self.call_ok(
            self.agent,
            sent._name,
            "write",
            [sent.id],
            {"tracking_ref": "SF1", "signed_date": signed, "signed_proof_ids": [Command.set([proof])]},
        )
        sent.invalidate_recordset()
        event = Event.search([("contact_id", "=", sent.id)])
        self.assertEqual((sent.state, event.date, event.evidence), ("delivered", self.days(-7), "signed"))
        self.assertTrue(any("proof.pdf" in message.body for message in sent.message_ids))
        # re-dated by the collector to restart the clock: refused, nothing moves
        self.call_refused(
            self.agent,
            "AccessError",
            "only a Collection Manager corrects it",
            sent._name,
            "write",
            [sent.id],
            {"signed_date": str(self.today)},
        )
        self.call_refused(
            self.agent,
            "AccessError",
            "only a Collection Manager corrects it",
            sent._name,
            "write",
            [sent.id],
            {"signed_date": False},
        )
        sent.invalidate_recordset()
        self.assertEqual((sent.signed_date, event.date), (self.days(-7), self.days(-7)))
        # the manager corrects it with the proof, logged
        self.call_ok(self.manager, sent._name, "write", [sent.id], {"signed_date": str(self.days(-8))})
        sent.invalidate_recordset()
        event.invalidate_recordset()
        self.assertEqual((sent.signed_date, event.date), (self.days(-8), self.days(-8)))
        self.assertTrue(
            any(self.manager.name in message.body and "proof.pdf" in message.body for message in sent.message_ids)
        )

    def test_a_restart_entered_by_hand_is_dated_once(self):
        Event = self.env["smec.collection.limitation.event"]
        proof = self.upload(self.agent, "acknowledgment.pdf")
        self.call_refused(
            self.agent,
            "ValidationError",
            "in the future",
            Event._name,
            "create",
            [
                {
                    "move_id": self.invoice.id,
                    "kind": "acknowledgment",
                    "date": str(self.days(2)),
                    "attachment_ids": [Command.set([proof])],
                }
            ],
        )
        event_id = self.call_ok(
            self.agent,
            Event._name,
            "create",
            [
                {
                    "move_id": self.invoice.id,
                    "kind": "acknowledgment",
                    "date": str(self.days(-3)),
                    "attachment_ids": [Command.set([proof])],
                }
            ],
        )[0]
        event = Event.browse(event_id)
        self.assertEqual((event.evidence, event.date), ("document", self.days(-3)))
        self.invoice.invalidate_recordset()
        self.assertTrue(any("acknowledgment.pdf" in message.body for message in self.invoice.message_ids))
        self.call_refused(
            self.agent,
            "AccessError",
            "only a Collection Manager corrects it",
            Event._name,
            "write",
            [event_id],
            {"date": str(self.today)},
        )
        event.invalidate_recordset()
        self.assertEqual(event.date, self.days(-3))
        self.call_ok(self.manager, Event._name, "write", [event_id], {"date": str(self.days(-4))})
        event.invalidate_recordset()
        self.assertEqual(event.date, self.days(-4))

    # ------------------------------------------------------------
    # 6. whom dunning writes to, the interest agreed, the address for notices
    # ------------------------------------------------------------

    def test_collection_terms_of_a_partner_are_restricted_and_logged(self):
        seller = self._user("smec_hostile_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        Log = self.env["smec.credit.log"]
        logs = Log.search_count([])
        attempts = [
            {"smec_guarantor_ids": [Command.link(self.stranger.id)]},
            {"smec_late_interest_rate": 0.01},
            # the customer's size (smec_credit's, which the interest reads)
            {"smec_debtor_size": "public"},
            {"smec_notice_email": "stranger@example.com"},
            {"smec_collection_plan_id": self.plan.id},
        ]
        for vals in attempts:
            with self.subTest(vals=vals):
                self.call_refused(seller, "AccessError", "can change", "res.partner", "write", [self.customer.id], vals)
        self.customer.invalidate_recordset()
        self.assertEqual(
            (
                self.customer.smec_guarantor_ids,
                self.customer.smec_late_interest_rate,
                self.customer.smec_notice_email,
                self.customer.smec_collection_plan_id,
            ),
            (self.stranger.browse(), 0.0, False, self.plan.browse()),
        )
        self.assertEqual(Log.search_count([]), logs)
        # a Collection Manager who edits contacts names the address for notices, not the guarantors
        manager = self._user(
            "smec_hostile_contacts_manager",
            "smec_credit_collection.group_collection_manager,base.group_partner_manager",
        )
        self.call_refused(
            manager,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_guarantor_ids": [Command.link(self.stranger.id)]},
        )
        self.call_ok(
            manager,
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_notice_email": "legal@huaxin.example.com", "smec_change_reason": "Clause 12 of the contract"},
        )
        log = Log.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(
            (log.field, log.old_value, log.new_value, log.user_id, log.reason),
            ("notice_email", "", "legal@huaxin.example.com", manager, "Clause 12 of the contract"),
        )
