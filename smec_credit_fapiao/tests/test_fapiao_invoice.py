from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import DIGITAL, PAPER, FapiaoCommon


@tagged("post_install", "-at_install")
class TestFapiaoNumber(FapiaoCommon):
    """A customer invoice's fapiao: 20 digits (数电票) or 8 (paper), nothing else."""

    def test_twenty_and_eight_digits_are_accepted(self):
        first = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        second = self.make_invoice(self.customer, 200, date(2026, 3, 2))
        first.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 3, 3)})
        second.fapiao = PAPER
        self.assertEqual((first.fapiao, first.smec_fapiao_state), (DIGITAL, "issued"))
        self.assertEqual((second.fapiao, second.smec_fapiao_state), (PAPER, "issued"))
        # the column holds the 20 digits (l10n_cn made it 8 wide)
        self.env.flush_all()
        self.env.cr.execute("SELECT fapiao FROM account_move WHERE id = %s", [first.id])
        self.assertEqual(self.env.cr.fetchone()[0], DIGITAL)

    def test_a_bad_number_is_refused_naming_the_field(self):
        invoice = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        for bad in ("0441012", "044101234", "2644200000001234567X", "2644-2000-0000-1234", "264420000000123456789"):
            with self.subTest(bad=bad), self.assertRaisesRolledBack(ValidationError, r"Fapiao Number of .*is not a"):
                invoice.fapiao = bad
        invoice.invalidate_recordset()
        self.assertFalse(invoice.fapiao)
        self.assertEqual(invoice.smec_fapiao_state, "to_issue")

    def test_the_refusal_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["l10n_cn", "smec_credit_fapiao"], ["zh_CN"])
        invoice = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        with self.assertRaisesRolledBack(ValidationError, r"发票号码.*不是发票号码.*20 位.*8 位"):
            invoice.with_context(lang="zh_CN").fapiao = "12345"

    def test_dates_need_the_number_and_their_order(self):
        invoice = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        with self.assertRaisesRolledBack(ValidationError, r"Fapiao Received On of .* needs the fapiao's number"):
            invoice.smec_fapiao_received_date = date(2026, 3, 5)
        with self.assertRaisesRolledBack(ValidationError, r"Fapiao Received On .*\(2026-03-04\) is before"):
            invoice.write(
                {"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 3, 5), "smec_fapiao_received_date": date(2026, 3, 4)}
            )
        with self.assertRaisesRolledBack(ValidationError, r"Fapiao Issued On .* a day still to come"):
            invoice.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2099, 1, 1)})
        invoice.write(
            {"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 3, 5), "smec_fapiao_received_date": date(2026, 3, 5)}
        )
        self.assertEqual(invoice.smec_fapiao_state, "received")

    def test_other_documents_have_no_fapiao_state(self):
        refund = self.make_invoice(self.customer, 100, date(2026, 3, 2), move_type="out_refund")
        self.assertFalse(refund.smec_fapiao_state)
        self.assertEqual(self.make_invoice(self.customer, 1, date(2026, 3, 2)).smec_fapiao_state, "to_issue")


@tagged("post_install", "-at_install")
class TestTermFromReceipt(FapiaoCommon):
    """票到30天付款: 30 days from the day the customer received the fapiao."""

    def test_due_date_follows_the_receipt_on_a_posted_invoice(self):
        """Invoiced 2 March: provisionally due 1 April (2 March + 30). Fapiao issued 5 March, received
        10 March: due 9 April (10 March + 30), on the invoice and on its receivable line; the amount
        stays. Received entered wrong, corrected to 12 March: 11 April. Cleared: back to 1 April."""
        invoice = self.make_term_invoice(1000, date(2026, 3, 2))
        self.assertEqual(invoice.invoice_date_due, date(2026, 4, 1))
        invoice.write({"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 3, 5)})
        self.assertEqual(invoice.invoice_date_due, date(2026, 4, 1), "issued only: still from the invoice date")
        invoice.smec_fapiao_received_date = date(2026, 3, 10)
        self.assertEqual((invoice.invoice_date_due, self.term_dates(invoice)), (date(2026, 4, 9), [date(2026, 4, 9)]))
        self.assertEqual((invoice.state, invoice.amount_residual), ("posted", 1000.0))
        invoice.smec_fapiao_received_date = date(2026, 3, 12)
        self.assertEqual((invoice.invoice_date_due, self.term_dates(invoice)), (date(2026, 4, 11), [date(2026, 4, 11)]))
        invoice.smec_fapiao_received_date = False
        self.assertEqual((invoice.invoice_date_due, self.term_dates(invoice)), (date(2026, 4, 1), [date(2026, 4, 1)]))

    def test_due_date_follows_the_receipt_on_a_draft_invoice(self):
        invoice = self.make_term_invoice(500, date(2026, 3, 2), post=False)
        invoice.write(
            {"fapiao": PAPER, "smec_fapiao_date": date(2026, 3, 2), "smec_fapiao_received_date": date(2026, 3, 20)}
        )
        invoice.action_post()
        # 20 March + 30 = 19 April
        self.assertEqual((invoice.invoice_date_due, self.term_dates(invoice)), (date(2026, 4, 19), [date(2026, 4, 19)]))

    def test_an_ordinary_term_ignores_the_receipt(self):
        term = self.env.ref("account.account_payment_term_30days")
        invoice = self.make_term_invoice(300, date(2026, 3, 2), post=False)
        invoice.invoice_payment_term_id = term
        invoice.action_post()
        invoice.write(
            {"fapiao": PAPER, "smec_fapiao_date": date(2026, 3, 2), "smec_fapiao_received_date": date(2026, 3, 20)}
        )
        self.assertEqual(invoice.invoice_date_due, date(2026, 4, 1))

    def test_instalments_from_the_receipt(self):
        """Half at 30 days, half at 60, from a receipt on 10 March: 9 April and 9 May."""
        self.term.line_ids = [
            (5, 0, 0),
            (0, 0, {"value": "percent", "value_amount": 50, "nb_days": 30}),
            (0, 0, {"value": "percent", "value_amount": 50, "nb_days": 60}),
        ]
        invoice = self.make_term_invoice(1000, date(2026, 3, 2))
        self.assertEqual(self.term_dates(invoice), [date(2026, 4, 1), date(2026, 5, 1)])
        invoice.write(
            {"fapiao": DIGITAL, "smec_fapiao_date": date(2026, 3, 5), "smec_fapiao_received_date": date(2026, 3, 10)}
        )
        self.assertEqual(self.term_dates(invoice), [date(2026, 4, 9), date(2026, 5, 9)])
        self.assertEqual(invoice.invoice_date_due, date(2026, 5, 9))


@tagged("post_install", "-at_install")
class TestFapiaoUsers(FapiaoCommon, HttpCase):
    """The accountant records the fapiao (logged in the chatter with who and when); a collector reads it and
    the accountant's lists, and cannot change it: through the ORM and over JSON-RPC."""

    def call_kw(self, model, method, args, kwargs=None):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            },
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def test_accountant_records_collector_reads(self):
        invoice = self.make_term_invoice(1000, date(2026, 3, 2))
        other = self.make_invoice(self.customer, 200, date(2026, 3, 2))
        self.authenticate(self.accountant.login, self.accountant.login)
        vals = {"fapiao": DIGITAL, "smec_fapiao_date": "2026-03-05", "smec_fapiao_received_date": "2026-03-10"}
        self.assertIs(self.call_kw("account.move", "write", [[invoice.id], vals])["result"], True)
        invoice.invalidate_recordset()
        self.assertEqual((invoice.fapiao, invoice.invoice_date_due), (DIGITAL, date(2026, 4, 9)))
        # a bad number over RPC: refused, naming the field; nothing written
        error = self.call_kw("account.move", "write", [[other.id], {"fapiao": "1234567"}])["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("Fapiao Number of", error["message"])
        other.invalidate_recordset()
        self.assertFalse(other.fapiao)
        # the chatter says who recorded the receipt, and when
        tracked = invoice.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "smec_fapiao_received_date"
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.mail_message_id.author_id, self.accountant.partner_id)
        self.assertEqual(str(tracked.new_value_datetime.date()), "2026-03-10")

        # the collector: the two lists, read; no write
        self.authenticate(self.collector.login, self.collector.login)
        found = self.call_kw(
            "account.move",
            "search_read",
            [[("smec_fapiao_state", "=", "to_issue"), ("state", "=", "posted"), ("partner_id", "=", self.customer.id)]],
            {"fields": ["name", "fapiao"]},
        )["result"]
        self.assertEqual([row["id"] for row in found], other.ids)
        error = self.call_kw("account.move", "write", [[other.id], {"fapiao": PAPER}])["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        with self.assertRaises(AccessError):
            other.with_user(self.collector).smec_fapiao_received_date = date(2026, 3, 10)
        other.invalidate_recordset()
        self.assertFalse(other.fapiao)

    def test_the_lists_are_one_click_away(self):
        """The two menus under Invoicing > Customers open the invoices with their filter on."""
        issued = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        issued.write({"fapiao": PAPER, "smec_fapiao_date": date(2026, 3, 3)})
        to_issue = self.make_invoice(self.customer, 100, date(2026, 3, 2))
        Move = self.env["account.move"].with_user(self.accountant)
        for xmlid, expected in (
            ("smec_credit_fapiao.account_move_action_fapiao_to_issue", to_issue),
            ("smec_credit_fapiao.account_move_action_fapiao_not_received", issued),
        ):
            action = self.env.ref(xmlid)
            self.assertEqual(self.env.ref(xmlid.replace("_action_", "_menu_")).action, action)
            view = Move.get_views([(action.search_view_id.id, "search")])["views"]["search"]["arch"]
            name = next(key for key in action.context.split("'") if key.startswith("search_default_"))
            self.assertIn(f'name="{name.removeprefix("search_default_")}"', view)
            domain = {
                "smec_fapiao_to_issue": [("smec_fapiao_state", "=", "to_issue"), ("state", "=", "posted")],
                "smec_fapiao_not_received": [("smec_fapiao_state", "=", "issued"), ("state", "=", "posted")],
            }[name.removeprefix("search_default_")]
            found = Move.search([*domain, ("move_type", "=", "out_invoice"), ("partner_id", "=", self.customer.id)])
            self.assertEqual(found, expected)
