"""The legal file: opened by the legal-preparation stage, moved on by a
Collection Manager only, its evidence collected and exported, its payment-order
conditions checked, a filing restarting the limitation clock."""

import base64
import io
import zipfile
from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestLegalFile(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_legal_agent", "smec_credit_collection.group_collection_agent")
        cls.manager = cls._user("smec_legal_manager", "smec_credit_collection.group_collection_manager")
        cls.lawyer = cls.env["res.partner"].create({"name": "King & Wood Law Firm", "is_company": True})
        cls.customer.write({"country_id": cls.env.ref("base.cn").id, "street": "88 Century Avenue", "city": "Shanghai"})
        cls.invoice = cls.make_invoice(cls.customer, 1000, DUE - timedelta(days=30), DUE)
        cls.Legal = cls.env["smec.collection.legal.file"]

    def legal_file(self, invoices=None):
        return self.Legal.with_user(self.manager).create(
            {"partner_id": self.customer.id, "invoice_ids": [Command.set((invoices or self.invoice).ids)]}
        )

    def test_the_legal_preparation_stage_opens_the_file(self):
        """After a demand delivered and the lawyer's letter, legal preparation opens the file."""
        self.stage[90].needs_confirmation = False
        self.reached(self.customer, 30, DUE + timedelta(days=30), state="delivered")
        self.reached(self.customer, 60, DUE + timedelta(days=60))
        self.run_day(DUE + timedelta(days=91))
        legal = self.Legal.search([("partner_id", "=", self.customer.id)])
        self.assertEqual((legal.state, legal.invoice_ids, legal.amount), ("preparing", self.invoice, 1000.0))
        self.assertTrue(legal.name.startswith("LF/"))
        self.assertIn("legal file", legal.activity_ids.summary)
        self.assertTrue(legal.activity_ids.user_id.has_group("smec_credit_collection.group_collection_manager"))

    def test_only_a_collection_manager_moves_it_on(self):
        legal = self.legal_file()
        for action in ("action_lawyer_letter_sent", "action_file_suit", "action_close"):
            with self.assertRaises(AccessError):
                getattr(legal.with_user(self.agent), action)()
        with self.assertRaises(AccessError):
            legal.with_user(self.agent).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self.Legal.with_user(self.agent).create({"partner_id": self.customer.id})
        self.assertEqual(legal.state, "preparing")
        # a collector still files evidence
        legal.with_user(self.agent).write(
            {"evidence_ids": [Command.create({"kind": "bank", "name": "Bank statement, March"})]}
        )
        with self.assertRaises(UserError):
            legal.with_user(self.manager).action_lawyer_letter_sent()  # no lawyer named yet
        legal.lawyer_id = self.lawyer
        legal.with_user(self.manager).action_lawyer_letter_sent()
        legal.with_user(self.manager).action_close()
        with self.assertRaises(AccessError):
            legal.with_user(self.manager).write({"note": "reopened"})

    def test_a_filing_restarts_the_limitation_clock(self):
        legal = self.legal_file()
        self.assertEqual(self.invoice.smec_limitation_expiry.year, 2029)  # due 2 Mar 2026, provisional
        legal.with_user(self.manager).action_file_suit()
        event = self.invoice.smec_limitation_event_ids
        self.assertEqual((event.kind, event.date, event.legal_file_id), ("filing", self.today, legal))
        self.assertEqual(legal.date_filed, self.today)

    def test_payment_order_conditions(self):
        legal = self.legal_file()
        self.assertEqual([met for _key, met, _label in legal._payment_order_conditions()], [True, True, True, True])
        dispute = self.env["smec.collection.dispute"].create(
            {
                "name": "Short",
                "partner_id": self.customer.id,
                "line_ids": [Command.create({"move_id": self.invoice.id, "amount": 100})],
            }
        )
        self.customer.city = False
        conditions = {key: met for key, met, _label in legal._payment_order_conditions()}
        self.assertEqual(conditions, {"money": True, "certain": False, "performed": True, "reachable": False})
        with self.assertRaises(UserError) as caught:
            legal.with_user(self.manager).action_file_payment_order()
        self.assertIn("under dispute", str(caught.exception))
        dispute.action_cancel()
        self.customer.city = "Shanghai"
        legal.invalidate_recordset(["payment_order_ready", "payment_order_check"])
        self.assertTrue(legal.payment_order_ready)
        self.assertEqual(legal.payment_order_check.count("✔"), 4)
        legal.with_user(self.manager).action_file_payment_order()
        self.assertEqual(legal.state, "order_filed")
        facts = legal._payment_order_facts()
        self.assertIn(self.customer.name, facts)
        self.assertIn(self.invoice.name, facts)

    def test_evidence_is_collected_scored_and_exported(self):
        # a signed demand letter and a confirmed statement the dunning left
        letter = self.Contact.sudo().create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "currency_id": self.currency.id,
                "stage_id": self.stage[30].id,
                "channel": "letter",
                "date": DUE + timedelta(days=30),
                "state": "sent",
                "tracking_ref": "SF1234567",
                "signed_date": DUE + timedelta(days=33),
                "letter_attachment_id": self.env["ir.attachment"]
                .create({"name": "letter.pdf", "raw": b"%PDF-letter"})
                .id,
            }
        )
        legal = self.legal_file()
        legal.with_user(self.agent).action_collect_evidence()
        kinds = sorted(set(legal.evidence_ids.mapped("kind")))
        self.assertEqual(kinds, ["demand", "invoice"])
        demand = legal.evidence_ids.filtered(lambda e: e.kind == "demand")
        self.assertIn("SF1234567", demand.name)
        # 2 kinds of 7
        self.assertEqual(legal.evidence_score, 29)
        legal.with_user(self.agent).write(
            {
                "evidence_ids": [
                    Command.create(
                        {
                            "kind": "delivery",
                            "name": "Delivery note WH/OUT/0042, signed",
                            "attachment_ids": [
                                Command.create({"name": "delivery.jpg", "datas": base64.b64encode(b"jpeg")})
                            ],
                        }
                    )
                ]
            }
        )
        self.assertEqual(legal.evidence_score, 43)  # 3 of 7
        # collecting again keeps what was added by hand
        legal.with_user(self.agent).action_collect_evidence()
        self.assertEqual(len(legal.evidence_ids.filtered(lambda e: e.kind == "delivery")), 1)
        action = legal.with_user(self.agent).action_export_bundle()
        attachment = self.env["ir.attachment"].browse(int(action["url"].split("/")[3].split("?")[0]))
        with zipfile.ZipFile(io.BytesIO(attachment.raw)) as bundle:
            names = bundle.namelist()
            self.assertTrue(bundle.read("00-index.pdf").startswith(b"%PDF"))
            letter_file = next(n for n in names if "-demand-" in n)
            self.assertEqual(bundle.read(letter_file), b"%PDF-letter")
        self.assertEqual(names[0], "00-index.pdf")
        self.assertEqual([n.split("-")[1] for n in names[1:]], ["delivery", "invoice", "demand"])
        self.assertTrue(letter.exists())

    def test_expired_claims_are_marked(self):
        old = self.make_invoice(self.customer, 500, date(2022, 1, 10), date(2022, 2, 10))
        # 10 Feb 2025, a Monday: expired
        self.assertEqual(old.smec_limitation_expiry, date(2025, 2, 10))
        legal = self.legal_file(old | self.invoice)
        self.assertEqual((legal.expired_count, legal.expiry_date), (1, date(2025, 2, 10)))
        self.assertEqual(old.smec_limitation_status, "expired")
