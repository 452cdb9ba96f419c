from odoo.tests import tagged

from .common import ClickEverywhereCase, SmecCreditCommon


@tagged("post_install", "-at_install")
class TestClickEverywhere(SmecCreditCommon, ClickEverywhereCase):
    """Every menu, view and filter of the Credit app opens without error for a
    Credit User and a Credit Manager, with records in the lists."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.sudo().credit_limit = 1000
        cls.make_invoice(cls.customer, 400, cls.today, due_date=cls.today)
        order = cls.make_order(cls.customer, 700, user=cls.salesman)
        cls.env["smec.credit.approval"].create({"order_id": order.id, "request_note": "Long-standing customer"})
        cls.env["smec.credit.risk.flag"].create(
            {"partner_id": cls.customer.id, "flag_type": "bankruptcy", "date": cls.today}
        )
        cls.env["smec.credit.assessment"].create({"partner_id": cls.customer.id})

    def test_credit_user_and_manager_open_every_menu_view_and_filter(self):
        # one test for both roles: each test builds the web client's assets again
        for user in (self.credit_user, self.credit_manager):
            with self.subTest(user=user.login):
                self.click_everywhere("smec_credit.smec_credit_menu_root", user.login)
