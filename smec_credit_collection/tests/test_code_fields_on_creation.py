"""Fields the collection's code fills once a record exists, sent on creation (#28).

A statement reads its balances from the books and a legal file takes its number
from the sequence only once they exist. Sending what the code sets is no change
and is accepted (a statement exported and imported back); another value is
refused with the field's name, through the ORM and over JSON-RPC, and nothing
is created.
"""

from datetime import date

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DunningCommon

MARCH = {"date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}


@tagged("post_install", "-at_install")
class TestCodeFieldsOnCreation(DunningCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_fill_agent", "smec_credit_collection.group_collection_agent")
        cls.manager = cls._user("smec_fill_manager", "smec_credit_collection.group_collection_manager")
        # opening on 1 March 1,000 + 500 = 1,500; in March a credit note of 200 and a payment of 600: closing 700
        invoice = cls.make_invoice(cls.customer, 1000, date(2026, 1, 10), date(2026, 2, 9))
        cls.make_invoice(cls.customer, 500, date(2026, 2, 20), date(2026, 3, 22))
        cls.make_invoice(cls.customer, 200, date(2026, 3, 5), move_type="out_refund")
        cls.pay(invoice, 600, date(2026, 3, 10))
        cls.invoice = invoice
        cls.Statement = cls.env["smec.collection.statement"]

    def statements(self):
        return self.Statement.search_count([("partner_id", "=", self.customer.id)])

    def test_a_statements_balances_as_the_books_give_them_are_accepted(self):
        sent = {"partner_id": self.customer.id, **MARCH, "opening_balance": 1500, "closing_balance": 700}
        statement = self.Statement.with_user(self.agent).create(sent)
        self.assertEqual((statement.opening_balance, statement.closing_balance), (1500.0, 700.0))
        with self.assertRaisesRegex(UserError, r"Closing Balance of a .* cannot be set.*closing_balance=1000"):
            self.Statement.with_user(self.agent).create({**sent, "closing_balance": 1000})
        self.assertEqual(self.statements(), 1)

    def test_a_statements_balances_over_json_rpc(self):
        sent = {"partner_id": self.customer.id, "date_from": "2026-03-01", "date_to": "2026-03-31"}
        statement_id = self.call_ok(
            self.agent, "smec.collection.statement", "create", {**sent, "opening_balance": 1500.0}
        )
        self.assertEqual(self.Statement.browse(statement_id).opening_balance, 1500.0)
        self.call_refused(
            self.agent,
            "UserError",
            r"Opening Balance of a .* cannot be set.*opening_balance=1\b",
            "smec.collection.statement",
            "create",
            {**sent, "opening_balance": 1, "closing_balance": 700.0},
        )
        self.assertEqual(self.statements(), 1)

    def test_a_legal_files_number_as_the_sequence_gives_it_is_accepted(self):
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "smec.collection.legal.file"), ("company_id", "in", (self.company.id, False))],
            order="company_id",
            limit=1,
        )
        values = {"partner_id": self.customer.id, "invoice_ids": [Command.set(self.invoice.ids)]}
        Legal = self.env["smec.collection.legal.file"]
        with self.assertRaisesRegex(UserError, r"Name of a Legal File cannot be set.*name='LF/0000'"):
            Legal.with_user(self.manager).create({**values, "name": "LF/0000"})
        self.assertFalse(Legal.search([("partner_id", "=", self.customer.id)]))
        # the number the sequence gives next (the refused attempt may have taken one)
        following = sequence.get_next_char(sequence.number_next_actual)
        legal_id = self.call_ok(self.manager, "smec.collection.legal.file", "create", {**values, "name": following})
        self.assertEqual(Legal.browse(legal_id).name, following)
        self.assertTrue(following.startswith("LF/"))
