from odoo import Command
from odoo.tests import Form, HttpCase, tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPrepaymentIsADefault(SmecCreditCommon, HttpCase):
    """The customer's credit policy gives a live company's quotation its default prepayment: a new customer
    follows grade C, 30 % paid online. The company asks no order to be paid online, with Odoo's share of 100 %
    for an order that asks it. What a salesperson sets is applied, by the form, the ORM and JSON-RPC alike:
    ticking Online payment asks for Odoo's share (never less than the policy's), a share typed is kept, and so
    is an unticked box. An order of 1,000.00 throughout."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"portal_confirmation_pay": False, "prepayment_percent": 1.0})
        cls.newcomer = cls.env["res.partner"].create({"name": "Newcomer Ltd", "is_company": True})

    def new_order(self, **vals):
        env = self.env(user=self.salesman)
        return env["sale.order"].create(
            {
                "partner_id": self.newcomer.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": self.tile.id, "product_uom_qty": 1, "price_unit": 1000})],
                **vals,
            }
        )

    def assertAsks(self, order, required, share, amount):
        order.invalidate_recordset()
        self.assertEqual(
            (order.require_payment, order.prepayment_percent, order._get_prepayment_required_amount()),
            (required, share, amount),
        )

    def test_the_policys_share_is_a_default_the_salesperson_changes(self):
        order = self.new_order()
        self.assertAsks(order, True, 0.3, 300.0)  # grade C: 30 % of 1,000.00
        # ticking Online payment (the box the policy ticked) asks Odoo's share: the company's 100 %
        order.write({"require_payment": True})
        self.assertAsks(order, True, 1.0, 1000.0)
        order.write({"prepayment_percent": 0.1})
        self.assertAsks(order, True, 0.1, 100.0)
        order.write({"prepayment_percent": 0.5, "require_payment": True})
        self.assertAsks(order, True, 0.5, 500.0)  # both at once: the share sent
        # Online payment written again alone: Odoo computes the share again (the company's), so do we
        order.write({"require_payment": True})
        self.assertAsks(order, True, 1.0, 1000.0)
        # unticked: nothing asked online; the share goes back to its default, as Odoo's goes back to the company's
        order.write({"require_payment": False})
        self.assertAsks(order, False, 0.3, 0)
        order.write({"order_line": [Command.create({"product_id": self.tile.id, "price_unit": 500})]})
        self.assertAsks(order, False, 0.3, 0)  # and the box stays unticked when the order changes
        order.write({"require_payment": True})
        self.assertAsks(order, True, 1.0, 1500.0)  # ticked again: Odoo's share of 1,500.00

    def test_a_lower_share_of_the_company_is_raised_to_the_policys(self):
        self.company.prepayment_percent = 0.2
        order = self.new_order()
        order.write({"require_payment": True})
        self.assertAsks(order, True, 0.3, 300.0)  # max(30 %, 20 %)
        self.assertAsks(self.new_order(require_payment=True), True, 0.3, 300.0)

    def test_created_with_online_payment(self):
        self.assertAsks(self.new_order(require_payment=True), True, 1.0, 1000.0)
        self.assertAsks(self.new_order(require_payment=True, prepayment_percent=0.5), True, 0.5, 500.0)
        self.assertAsks(self.new_order(require_payment=False), False, 0.3, 0)
        self.assertAsks(self.new_order(prepayment_percent=0.25), True, 0.25, 250.0)

    def test_the_form_shows_the_default_and_saves_what_the_salesperson_sets(self):
        form = Form(self.env["sale.order"].with_user(self.salesman))
        form.partner_id = self.newcomer
        with form.order_line.new() as line:
            line.product_id = self.tile
            line.price_unit = 1000
        self.assertEqual((form.require_payment, form.prepayment_percent), (True, 0.3))
        form.prepayment_percent = 0.5
        order = form.save()
        self.assertAsks(order, True, 0.5, 500.0)
        with Form(order.with_user(self.salesman)) as form:
            form.require_payment = False
        self.assertAsks(order, False, 0.3, 0)
        with Form(order.with_user(self.salesman)) as form:
            form.require_payment = True
            self.assertEqual(form.prepayment_percent, 1.0, "ticked on the form: Odoo's share, as over the API")
        self.assertAsks(order, True, 1.0, 1000.0)

    def test_over_json_rpc(self):
        order = self.new_order()
        self.authenticate(self.salesman.login, self.salesman.login)

        def write(vals):
            response = self.url_open(
                "/web/dataset/call_kw/sale.order/write",
                json={
                    "id": 0,
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {"model": "sale.order", "method": "write", "args": [[order.id], vals], "kwargs": {}},
                },
            )
            self.assertIs(response.json().get("result"), True, response.text)

        write({"require_payment": True})
        self.assertAsks(order, True, 1.0, 1000.0)
        write({"prepayment_percent": 0.25})
        self.assertAsks(order, True, 0.25, 250.0)
        write({"require_payment": False})
        self.assertAsks(order, False, 0.3, 0)

    def test_before_going_live_odoos_own_settings(self):
        self.company.sudo().smec_credit_live_date = False
        self.assertAsks(self.new_order(), False, 1.0, 0)
        self.assertAsks(self.new_order(require_payment=True), True, 1.0, 1000.0)
