"""An e-commerce seller's platform: orders sold through it are invoiced to it
and due on its cycle; its settlement statement is checked row by row and
reconciled to the cent, commissions and fees booked, late and short
settlements flagged; a bad file writes nothing."""

import base64
import io
from datetime import date

import openpyxl

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPlatformSettlement(SmecCreditCommon, RpcCase):
    """Tmall settles 7 days after delivery, paid out on Thursdays.

    T1001: 1,000 delivered Monday 2 November 2026 -> 9 November -> Thursday 12 November
    T1002:   500 delivered Monday 9 November -> 16 November -> Thursday 19 November
    T1003:   300 delivered Monday 9 November -> Thursday 19 November
    The statement of Monday 16 November pays T1001 4 days late, T1002 short by 20
    (gross 480), T1003 as expected:
      gross 1,000 + 480 + 300 = 1,780; commission 50 + 24 + 15 = 89; fees 10 + 0 + 3 = 13;
      net 940 + 456 + 282 = 1,678.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fees_account = cls.company_data["default_account_expense"]
        cls.platform = cls.env["res.partner"].create(
            {
                "name": "Tmall",
                "is_company": True,
                "smec_is_platform": True,
                "smec_settlement_basis": "delivery",
                "smec_settlement_days": 7,
                "smec_settlement_cutoff": "weekly",
                "smec_settlement_weekday": "3",
            }
        )
        cls.platform.with_company(cls.company).smec_platform_fee_account_id = cls.fees_account
        cls.buyer = cls.env["res.partner"].create({"name": "Wang Fang"})
        cls.invoices = {}
        for ref, amount, day in (
            ("T1001", 1000, date(2026, 11, 2)),
            ("T1002", 500, date(2026, 11, 9)),
            ("T1003", 300, date(2026, 11, 9)),
        ):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.buyer.id,
                    "partner_invoice_id": cls.platform.id,
                    "smec_platform_id": cls.platform.id,
                    "smec_platform_order_ref": ref,
                    "order_line": [Command.create({"product_id": cls.tile.id, "product_uom_qty": amount / 100})],
                }
            )
            order.action_confirm()
            invoice = order._create_invoices()
            invoice.invoice_date = day
            invoice.action_post()
            cls.invoices[ref] = invoice
        cls.accountant = cls._user("smec_platform_accountant", "account.group_account_invoice")

    def statement(self, rows, user=None, settled=date(2026, 11, 16)):
        text = "order,gross,commission,fees,net,currency\n" + "\n".join(rows) + "\n"
        statement = (
            self.env["smec.credit.platform.statement"]
            .with_user(user or self.accountant)
            .create(
                {
                    "name": "Tmall 2026-11-16",
                    "platform_id": self.platform.id,
                    "journal_id": self.company_data["default_journal_bank"].id,
                    "date": settled,
                    "file": base64.b64encode(text.encode()),
                    "filename": "tmall.csv",
                }
            )
        )
        statement.action_check()
        return statement

    def test_invoiced_to_the_platform_due_on_its_cycle(self):
        self.assertEqual(
            {ref: (inv.partner_id, inv.invoice_date_due) for ref, inv in self.invoices.items()},
            {
                "T1001": (self.platform, date(2026, 11, 12)),
                "T1002": (self.platform, date(2026, 11, 19)),
                "T1003": (self.platform, date(2026, 11, 19)),
            },
        )
        with self.assertRaisesRolledBack(ValidationError, "invoiced to the platform"):
            self.env["sale.order"].create(
                {"partner_id": self.buyer.id, "partner_invoice_id": self.buyer.id, "smec_platform_id": self.platform.id}
            )

    def test_statement_reconciled_to_the_cent(self):
        statement = self.statement(["T1001,1000,50,10,940,", "T1002,480,24,0,456,", "T1003,300,15,3,282,"])
        self.assertEqual(
            [(line.order_ref, line.status, line.message) for line in statement.line_ids],
            [
                ("T1001", "late", "4 days late (due 2026-11-12)"),
                ("T1002", "short", "short by $\xa020.00"),
                ("T1003", "ok", "Settled as expected."),
            ],
        )
        self.assertEqual(
            (statement.gross, statement.commission, statement.fees, statement.net), (1780.0, 89.0, 13.0, 1678.0)
        )
        statement.action_reconcile()
        move = statement.move_id
        self.assertEqual((statement.state, move.state), ("reconciled", "posted"))
        self.assertEqual(
            sorted((line.account_id, line.debit, line.credit) for line in move.line_ids if line.debit),
            sorted([(statement._receipts_account(), 1678.0, 0.0), (self.fees_account, 102.0, 0.0)]),
        )
        self.assertEqual(sorted(move.line_ids.mapped("credit")), [0.0, 0.0, 300.0, 480.0, 1000.0])
        residual = {ref: (inv.amount_residual, inv.smec_settlement_flag) for ref, inv in self.invoices.items()}
        self.assertEqual(residual, {"T1001": (0.0, "late"), "T1002": (20.0, "short"), "T1003": (0.0, False)})
        # the 20 left is the platform's, aged as a receivable due 19 November
        self.assertIn("short by", self.invoices["T1002"].smec_settlement_note)
        # the same order again is refused
        again = self.statement(["T1001,1000,50,10,940,"])
        self.assertEqual(again.line_ids.message, f"{self.invoices['T1001'].name} (order T1001) is already settled.")
        with self.assertRaisesRolledBack(UserError, "A reconciled settlement is kept"):
            statement.unlink()

    def test_a_statement_checked_against_one_platform_is_not_reconciled_as_another(self):
        """The rows were checked against Tmall's invoices: set to another
        platform afterwards, the statement is to check again, and nothing is
        reconciled until it is (over HTTP, as the accountant)."""
        jd = self.platform.copy({"name": "JD.com"})
        statement = self.statement(["T1001,1000,50,10,940,", "T1003,300,15,3,282,"])
        self.assertEqual((statement.state, len(statement.line_ids)), ("checked", 2))
        moves = self.env["account.move"].search_count([])
        self.call_ok(self.accountant, statement._name, "write", [statement.id], {"platform_id": jd.id})
        statement.invalidate_recordset()
        self.assertEqual((statement.state, statement.line_ids), ("draft", statement.line_ids.browse()))
        self.call_refused(self.accountant, "UserError", "Check", statement._name, "action_reconcile", [statement.id])
        # its rows written by hand are refused: they are the check's
        self.call_refused(
            self.accountant,
            "AccessError",
            "not allowed",
            statement._name,
            "write",
            [statement.id],
            {"line_ids": [Command.create({"order_ref": "T1001", "gross": 1000, "net": 940, "status": "ok"})]},
        )
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual([inv.amount_residual for inv in self.invoices.values()], [1000.0, 500.0, 300.0])
        # checked again against JD.com, its rows find no JD.com invoice
        self.call_ok(self.accountant, statement._name, "action_check", [statement.id])
        statement.invalidate_recordset()
        self.assertEqual(statement.rejected_count, 2)

    def test_a_bad_file_writes_nothing(self):
        moves = self.env["account.move"].search_count([])
        statement = self.statement(
            [
                "T9999,100,5,0,95,",  # unknown order
                "T1003,300,15,3,282,",
                "T1003,300,15,3,282,",  # twice
                "T1001,1000,-5,0,1005,",  # negative
                "T1002,500,25,0,475,EUR",  # another currency
                "T1002,500,25,0,470,",  # net not gross less deductions (but a duplicate first)
                ",100,0,0,100,",
            ]
        )
        messages = {line.row: (line.status, line.message) for line in statement.line_ids}
        self.assertEqual(messages[2], ("rejected", "No posted invoice of Tmall for order T9999."))
        self.assertEqual(messages[3][0], "ok")
        self.assertEqual(messages[4], ("rejected", "Order T1003 appears twice in the file (rows 3 and 4)."))
        self.assertEqual(
            messages[5], ("rejected", "Amounts cannot be negative: a refund is settled with its credit note, not here.")
        )
        self.assertEqual(
            messages[6], ("rejected", "In EUR: the statement is in USD; import each currency's statement apart.")
        )
        self.assertEqual(messages[7][0], "rejected")
        self.assertEqual(messages[8], ("rejected", "No order number."))
        self.assertEqual(statement.rejected_count, 6)
        with self.assertRaisesRolledBack(UserError, "6 rows of Tmall 2026-11-16 are refused"):
            statement.action_reconcile()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
        self.assertEqual([inv.amount_residual for inv in self.invoices.values()], [1000.0, 500.0, 300.0])
        more = self.statement(["T1002,600,30,0,570,", "T1001,1000,50,10,900,"])
        self.assertEqual(
            more.line_ids.mapped("message"),
            [
                f"Gross 600.0 is more than the 500.0 still open on {self.invoices['T1002'].name}.",
                "The net 900.0 is not the gross less commission and fees.",
            ],
        )

    def test_without_outstanding_receipts_the_net_goes_to_the_bank_account(self):
        bank = self.company_data["default_journal_bank"]
        bank.inbound_payment_method_line_ids.payment_account_id = False
        statement = self.statement(["T1003,300,15,3,282,"])
        statement.action_reconcile()
        debit = statement.move_id.line_ids.filtered(lambda line: line.debit == 282.0)
        self.assertEqual(debit.account_id, bank.default_account_id)
        self.assertEqual(self.invoices["T1003"].amount_residual, 0.0)

    def test_an_xlsx_statement(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Order", "Gross", "Commission", "Fees", "Net"])
        sheet.append(["T1003", 300, 15, 3, 282])
        buffer = io.BytesIO()
        book.save(buffer)
        statement = (
            self.env["smec.credit.platform.statement"]
            .with_user(self.accountant)
            .create(
                {
                    "name": "Tmall xlsx",
                    "platform_id": self.platform.id,
                    "journal_id": self.company_data["default_journal_bank"].id,
                    "date": date(2026, 11, 16),
                    "file": base64.b64encode(buffer.getvalue()),
                    "filename": "tmall.xlsx",
                }
            )
        )
        statement.action_check()
        self.assertEqual(
            [(line.order_ref, line.gross, line.net, line.status) for line in statement.line_ids],
            [("T1003", 300.0, 282.0, "ok")],
        )

    def test_only_accountants_import(self):
        with self.assertRaises(AccessError):
            self.statement(["T1003,300,15,3,282,"], user=self.salesman)
        statement = self.statement(["T1003,300,15,3,282,"])
        with self.assertRaisesRolledBack(AccessError, "Only accounting users"):
            statement.with_user(self.credit_user).action_reconcile()
        with self.assertRaisesRolledBack(AccessError, "set with its buttons only"):
            statement.write({"state": "reconciled"})
