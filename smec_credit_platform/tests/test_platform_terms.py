"""A platform's settlement cycle sets when its invoices fall due: its terms are a Credit Manager's, over
HTTP, logged with the reason (smec_credit's change log); the fields the settlement writes are refused to
whoever sends them. Each refused call changes nothing."""

import re

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon

from ..models.smec_credit_platform import AccountMovePlatform
from ..models.smec_credit_platform_statement import AccountMoveLinePlatform


@tagged("post_install", "-at_install")
class TestPlatformTerms(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls._user("smec_pf_seller", "sales_team.group_sale_salesman,base.group_partner_manager")
        cls.accountant = cls._user("smec_pf_accountant", "account.group_account_invoice,base.group_partner_manager")
        cls.boss = cls._user("smec_pf_boss", "smec_credit.group_credit_manager,base.group_partner_manager")

    def test_a_platforms_terms_are_a_credit_managers_and_logged(self):
        Log = self.env["smec.credit.log"]
        logs = Log.search_count([])
        for vals in ({"smec_is_platform": True, "smec_settlement_days": 36500}, {"smec_settlement_days": 36500}):
            with self.subTest(vals=vals):
                self.call_refused(
                    self.seller,
                    "AccessError",
                    "Only a Credit Manager can change",
                    "res.partner",
                    "write",
                    [self.customer.id],
                    vals,
                )
        self.call_refused(
            self.seller,
            "AccessError",
            "Only a Credit Manager can change",
            "res.partner",
            "create",
            [{"name": "Fake Platform", "is_company": True, "smec_is_platform": True, "smec_settlement_days": 36500}],
        )
        self.customer.invalidate_recordset()
        self.assertEqual((self.customer.smec_is_platform, self.customer.smec_settlement_days), (False, 7))
        self.assertEqual(Log.search_count([]), logs)
        # a new customer typed in the form, with the form's defaults, is the salesperson's to create
        self.call_ok(
            self.seller,
            "res.partner",
            "create",
            [
                {
                    "name": "Plain Customer Ltd",
                    "is_company": True,
                    "smec_settlement_days": 7,
                    "smec_settlement_cutoff": "none",
                }
            ],
        )
        # a Credit Manager sets them, within a year, logged with the reason
        self.call_refused(
            self.boss,
            "ValidationError",
            "within a year",
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_is_platform": True, "smec_settlement_days": 36500},
        )
        self.call_ok(
            self.boss,
            "res.partner",
            "write",
            [self.customer.id],
            {"smec_is_platform": True, "smec_settlement_days": 15, "smec_change_reason": "Sells through its own shop"},
        )
        changes = Log.search([("partner_id", "=", self.customer.id)], order="id")
        self.assertEqual(
            [(log.field, log.old_value, log.new_value, log.user_id, log.reason) for log in changes],
            [
                ("platform", "No", "Yes", self.boss, "Sells through its own shop"),
                ("settlement_days", "7", "15", self.boss, "Sells through its own shop"),
            ],
        )

    def test_what_the_settlement_writes_is_refused_with_its_name(self):
        invoice = self.make_invoice(self.customer, 500, self.today)
        receivable = invoice.line_ids.filtered(lambda ml: ml.account_type == "asset_receivable")
        statement = (
            self.env["smec.credit.platform.statement"]
            .sudo()
            .create({"platform_id": self.customer.id, "journal_id": self.company_data["default_journal_bank"].id})
        )
        row = self.env["smec.credit.platform.statement.line"].sudo().create({"statement_id": statement.id, "row": 1})
        cases = [
            (invoice, {"smec_settlement_flag": "late", "smec_settlement_note": "settled"}),
            (receivable, {"smec_platform_statement_line_id": row.id}),
        ]
        self.assertEqual(
            {(record._name, name) for record, values in cases for name in values},
            {
                (cls._inherit[0], name)
                for cls in (AccountMovePlatform, AccountMoveLinePlatform)
                for name in cls._smec_code_fields
            },
            "every field this add-on guards is tried",
        )
        for record, values in cases:
            for name, value in values.items():
                with self.subTest(model=record._name, field=name):
                    label = re.escape(record._fields[name]._description_string(self.env))
                    with self.assertRaisesRegex(UserError, f"{label} of a .* cannot be set.*{name}="):
                        record.with_user(self.accountant).write({name: value})
                    record.invalidate_recordset()
                    self.assertFalse(record[name])
