"""The reminders' flag on a supplier bill is the job's: an accountant who sends it is refused with its name,
so a bill cannot be taken out of the reminders by hand."""

from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

from ..models.account_move import AccountMove


@tagged("post_install", "-at_install")
class TestOwnGuard(SmecCreditCommon):
    def test_the_reminders_flag_is_refused_with_its_name(self):
        self.assertEqual(AccountMove._smec_code_fields, {"smec_payable_warned"})
        accountant = self._user("smec_own_accountant", "account.group_account_invoice")
        supplier = self.env["res.partner"].create({"name": "Foshan Clay Co.", "is_company": True})
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": supplier.id,
                "invoice_date": date(2026, 11, 2),
                "invoice_line_ids": [(0, 0, {"name": "Clay", "quantity": 1, "price_unit": 800})],
            }
        )
        bill.action_post()
        with self.assertRaisesRegex(UserError, r"of a .* cannot be set.*smec_payable_warned="):
            bill.with_user(accountant).write({"smec_payable_warned": True})
        bill.invalidate_recordset()
        self.assertFalse(bill.smec_payable_warned)
