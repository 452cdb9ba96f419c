from odoo.tests import Form, tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPurchaseGrade(SmecCreditCommon):
    def test_supplier_grade_and_flag_on_purchase_orders(self):
        supplier = self.env["res.partner"].create({"name": "Yida Clay Supplies", "is_company": True})
        grade_b = self.env["smec.credit.grade"].search(
            [("company_id", "=", self.company.id), ("partner_role", "=", "supplier"), ("code", "=", "B")]
        )
        supplier.sudo().smec_supplier_grade_id = grade_b
        with Form(self.env["purchase.order"]) as form:
            form.partner_id = supplier
            self.assertEqual(form.smec_supplier_grade_id, grade_b)
        order = form.save()
        self.assertFalse(order.smec_supplier_blocking_flag)
        self.env["smec.credit.risk.flag"].create({"partner_id": supplier.id, "flag_type": "serious_illegal"})
        order.invalidate_recordset(["smec_supplier_blocking_flag"])
        self.assertTrue(order.smec_supplier_blocking_flag)
