"""What going live would do, before a Credit Manager takes the company live: the quotations the credit check
would hold, on screen and as a workbook its maker alone reads; going live clears it."""

import io

import openpyxl

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestGoLivePreview(SmecCreditCommon, RpcCase):
    credit_live = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the new-customer grade C: a limit of 20,000 (the shipped default)
        cls.company.smec_new_customer_grade_id.write({"limit_amount": 20000, "prepayment_percent": 30})

    def test_preview_then_go_live(self):
        held = self.make_order(self.customer, 30000, user=self.salesman)
        self.make_order(self.env["res.partner"].create({"name": "Small buyer", "is_company": True}), 500)
        # the Credit Manager previews over HTTP, as the web client does
        wizard_id = self.call_ok(self.credit_manager, "smec.credit.go.live", "create", {"company_id": self.company.id})
        wizard = self.env["smec.credit.go.live"].browse(wizard_id).with_user(self.credit_manager)
        orders = wizard.line_ids.filtered(lambda line: line.kind == "order")
        self.assertEqual(orders.mapped("document"), [held.name], "the 500 order is within its limit")
        self.assertEqual(orders.amount, 30000)
        self.assertIn("over the limit of $\xa020,000.00 by $\xa010,000.00", orders.detail)
        self.assertEqual((wizard.order_count, wizard.order_amount), (1, 30000))
        # the same as a workbook
        self.authenticate(self.credit_manager.login, self.credit_manager.login)
        response = self.url_open(f"/smec_credit/go_live/{wizard.id}/xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
        self.assertEqual(
            [(r[0], r[1], r[2], r[4]) for r in rows], [("Order held", self.customer.name, held.name, 30000)]
        )
        # another Credit Manager's preview is not theirs to read
        self.authenticate(self.credit_manager_2.login, self.credit_manager_2.login)
        self.assertNotEqual(self.url_open(f"/smec_credit/go_live/{wizard.id}/xlsx").status_code, 200)
        # a preview that does not exist (deleted, or a number typed) is not found, as an aging's is
        self.assertEqual(self.url_open("/smec_credit/go_live/99999999/xlsx").status_code, 404)

        # over JSON-RPC, its lines are none of theirs, and a salesperson reads no preview at all
        lines = [("wizard_id", "=", wizard.id)]
        self.assertEqual(len(self.call_ok(self.credit_manager, "smec.credit.go.live.line", "search_read", lines)), 1)
        self.assertFalse(self.call_ok(self.credit_manager_2, "smec.credit.go.live.line", "search_read", lines))
        self.call_refused(
            self.salesman, "AccessError", "not allowed to access", "smec.credit.go.live.line", "search_read", lines
        )

        # going live (smec_credit's step) clears the preview: nothing is left to hold
        self.call_ok(self.credit_manager, "smec.credit.go.live", "action_go_live", [wizard.id])
        self.assertEqual(self.company.smec_credit_live_date, self.today)
        self.assertFalse(wizard.line_ids)
        self.assertEqual((wizard.order_count, wizard.order_amount), (0, 0))
        self.call_refused(self.salesman, "UserError", "on credit hold", "sale.order", "action_confirm", [held.id])
