from contextlib import contextmanager
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user

from odoo.addons.sale.tests.common import TestSaleCommon


class SmecCreditCommon(TestSaleCommon):
    """A company with the default SMEC policies, credit users and a customer.

    Besides Odoo's sale test base it adds helpers that build a ledger
    (``make_invoice``, ``pay``, ``make_order``), assessments (``new_assessment``,
    ``fill_new_customer``, ``answer``) and ``assertRaisesRolledBack``; no
    standard assertion is changed. The company's credit control is live,
    unless the class says ``credit_live = False`` (``test_go_live.py``).
    """

    credit_live = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        # the accounting test user of Odoo's common base also sets the credit policy
        cls.env.user.group_ids |= cls.env.ref("smec_credit.group_credit_manager")
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        if cls.credit_live:
            # live, and only Credit Managers set credit limits (test_go_live.py: the company before)
            cls.company._smec_go_live({"smec_separate_credit_roles": True})
        cls.currency = cls.company.currency_id
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.credit_manager = cls._user(
            "smec_credit_manager", "smec_credit.group_credit_manager,sales_team.group_sale_salesman"
        )
        cls.credit_manager_2 = cls._user("smec_credit_manager_2", "smec_credit.group_credit_manager")
        cls.credit_user = cls._user("smec_credit_user", "smec_credit.group_credit_user")
        cls.salesman = cls._user("smec_salesman", "sales_team.group_sale_salesman")
        cls.grades = cls.env["smec.credit.grade"].search(
            [("company_id", "=", cls.company.id), ("partner_role", "=", "customer")]
        )
        cls.grade = {g.code: g for g in cls.grades}
        cls.card = cls.env["smec.credit.scorecard"]._default_for(cls.company, "customer")
        cls.industry = cls.env["res.partner.industry"].create({"name": "Tiles", "smec_risk_level": "2"})
        cls.customer = cls.env["res.partner"].create(
            {"name": "Huaxin Tiles Co., Ltd.", "is_company": True, "industry_id": cls.industry.id}
        )
        cls.tile = cls.env["product.product"].create(
            {"name": "Tile", "list_price": 100.0, "taxes_id": [Command.clear()], "invoice_policy": "order"}
        )

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    @classmethod
    def _user(cls, login, groups):
        """A user of the test company with ``groups`` (comma-separated xml ids)."""
        return new_test_user(
            cls.env, login, groups=groups, company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)]
        )

    @contextmanager
    def assertRaisesRolledBack(self, exception, regex):
        """``assertRaisesRegex`` with the savepoint of Odoo's ``assertRaises``:
        the refused operation is rolled back, as it would be for a user, so what
        the test reads next is what the database kept."""
        with self.assertRaises(exception) as context:
            yield context
        self.assertRegex(str(context.exception), regex)

    @classmethod
    def make_invoice(
        cls, partner, amount, invoice_date, due_date=None, move_type="out_invoice", post=True, currency=None
    ):
        move = cls.env["account.move"].create(
            {
                "move_type": move_type,
                "partner_id": partner.id,
                "company_id": cls.company.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due_date or invoice_date,
                "currency_id": (currency or cls.currency).id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Tiles",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if due_date:
            move.invoice_date_due = due_date
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount, date):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"payment_date": date, "amount": amount, "group_payment": True})
        )
        return wizard._create_payments()

    @classmethod
    def make_order(cls, partner, amount, confirm=False, currency_pricelist=None, user=None):
        env = cls.env(user=user) if user else cls.env
        vals = {
            "partner_id": partner.id,
            "user_id": env.uid,
            "company_id": cls.company.id,
            "order_line": [Command.create({"product_id": cls.tile.id, "product_uom_qty": 1, "price_unit": amount})],
        }
        if currency_pricelist:
            vals["pricelist_id"] = currency_pricelist.id
        order = env["sale.order"].create(vals)
        if confirm:
            order.sudo().with_context(smec_credit_skip_gate=True).action_confirm()
        return order

    def fill_new_customer(self, assessment):
        """The hand-worked questionnaire of a new customer (no payment history: unknown, scored as a poor answer,
        the criterion's second-lowest).

        Character: paid on time unknown 30 (weight 2), days late unknown 20, litigation none 100,
                   reputation "no information" 60 -> (60 + 20 + 100 + 60) / 5 = 48
        Capacity: 6 years -> 80, revenue stable 75, longest overdue unknown 35 -> 190 / 3 = 63.33
        Capital: 1,200 (CNY 10k) -> 80, debt ratio 50-70 % -> 70 -> 75
        Collateral: owner's personal guarantee -> 40
        Conditions: industry risk medium (2) -> 70, market neutral 70 -> 70
        Total: (48*30 + 63.33*25 + 75*20 + 40*10 + 70*15) / 100 = 5973.25 / 100 -> 59.73, grade C (50-65),
        the policy for new customers.
        Complete: Character 30 x 1/5 (litigation) + Capacity 25 x 2/3 + Capital 20 + Collateral 10
                  + Conditions 15 = 67.67 %
        """
        self.answer(assessment, "Litigation and dishonesty record", "None found")
        self.answer(assessment, "Reputation of the owner / management", "No information")
        self.answer(assessment, "Years in business", value=6)
        self.answer(assessment, "Annual revenue trend", "Stable")
        self.answer(assessment, "Paid-up capital", value=1200)
        self.answer(assessment, "Debt-to-asset ratio", "50-70 %")
        self.answer(assessment, "Guarantees, deposits or credit insurance", "Personal guarantee of the owner")
        self.answer(assessment, "Regional and market environment", "Neutral")

    def new_assessment(self, user=None, partner=None):
        Assessment = self.env["smec.credit.assessment"]
        if user:
            Assessment = Assessment.with_user(user)
        return Assessment.create({"partner_id": (partner or self.customer).id})

    def days(self, n):
        return self.today + timedelta(days=n)

    def answer(self, assessment, criterion_name, option_name=None, value=None):
        answer = assessment.answer_ids.filtered(lambda a: a.criterion_id.name == criterion_name)
        self.assertEqual(len(answer), 1, criterion_name)
        if option_name is not None:
            option = answer.criterion_id.option_ids.filtered(lambda o: o.name == option_name)
            self.assertEqual(len(option), 1, option_name)
            answer.option_id = option
        else:
            answer.value = value
        return answer


class ClickEverywhereCase(HttpCase):
    """Odoo's click-everywhere robot on one app, as one user: every menu of the
    app the user sees, every view of each action and every filter of its
    search view; any error dialog or browser error fails the test."""

    def click_everywhere(self, menu_xmlid, login):
        self.browser_js(
            "/odoo",
            f"odoo.loader.modules.get('@web/webclient/clickbot/clickbot_loader').startClickEverywhere('{menu_xmlid}');",
            "odoo.isReady === true",
            login=login,
            timeout=600,
            success_signal="clickbot test succeeded",
        )
