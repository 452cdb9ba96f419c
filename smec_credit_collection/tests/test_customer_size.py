"""One field says "large enterprise or public body": the customer size on the
Credit tab, which the late-payment interest and Our Credit's 60-day list both
read (the list's own test is smec_credit_own's test_our_credit). A database of
an earlier version keeps what collection's payer kind said."""

import importlib.util
from datetime import date
from pathlib import Path

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon

MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "19.0.2.4.0" / "pre-migration.py"


@tagged("post_install", "-at_install")
class TestCustomerSize(SmecCreditCommon, RpcCase):
    def test_the_size_set_on_the_customer_drives_the_interest(self):
        """Set to "public body" over HTTP by a Credit Manager: a 10,000 invoice due
        31 May 2025 owes the regulation's 0.05 % a day (150.00 for June)."""
        self.company.smec_is_sme = True
        invoice = self.make_invoice(self.customer, 10000, date(2025, 5, 1), date(2025, 5, 31))
        # a credit term: a Credit Manager's, logged
        editor = self._user("smec_size_editor", "smec_credit.group_credit_manager,base.group_partner_manager")
        self.call_ok(editor, "res.partner", "write", self.customer.ids, {"smec_debtor_size": "public"})
        log = self.env["smec.credit.log"].search([("partner_id", "=", self.customer.id)], order="id desc", limit=1)
        self.assertEqual((log.field, log.user_id), ("debtor_size", editor))
        figures = self.env["smec.collection.interest"]._interest(invoice, date(2025, 6, 30))[invoice.id]
        self.assertEqual((figures["basis"], figures["amount"]), ("regulation", 150.0))
        # the second field is gone: a value sent for it is an error, not a second truth
        answer = self.call(editor, "res.partner", "write", self.customer.ids, {"smec_payer_kind": "large"})
        self.assertIn("smec_payer_kind", answer["error"]["data"]["message"])

    def test_an_earlier_versions_payer_kind_is_kept_as_the_customer_size(self):
        """Before 19.0.2.4.0, collection had its own payer kind: a partner either
        field called a large enterprise or a public body stays one, and the
        change log's entries of the payer kind are the customer size's."""
        Partner = self.env["res.partner"]
        rows = {
            # payer kind, customer size -> customer size after
            "Large payer": ("large", None, "large"),
            "Public payer, said SME": ("public", "sme", "public"),
            "Ordinary payer, public body": ("ordinary", "public", "public"),
            "Ordinary": ("ordinary", "sme", "sme"),
        }
        partners = {name: Partner.create({"name": name, "is_company": True}) for name in rows}
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE res_partner ADD COLUMN smec_payer_kind varchar")
        for name, (kind, size, _after) in rows.items():
            self.env.cr.execute(
                "UPDATE res_partner SET smec_payer_kind = %s, smec_debtor_size = %s WHERE id = %s",
                [kind, size, partners[name].id],
            )
        log = (
            self.env["smec.credit.log"]
            .sudo()
            .create({"partner_id": partners["Large payer"].id, "company_id": self.company.id, "field": "debtor_size"})
        )
        self.env.flush_all()
        self.env.cr.execute("UPDATE smec_credit_log SET field = 'payer_kind' WHERE id = %s", [log.id])
        spec = importlib.util.spec_from_file_location("smec_customer_size_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.2.3.0")
        Partner.invalidate_model(["smec_debtor_size"])
        log.invalidate_recordset()
        self.assertEqual(log.field, "debtor_size")
        self.assertEqual(
            {name: partner.smec_debtor_size for name, partner in partners.items()},
            {name: after for name, (_kind, _size, after) in rows.items()},
        )
