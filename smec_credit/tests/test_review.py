from datetime import timedelta as td

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestPaymentBehaviourAndReview(SmecCreditCommon, RpcCase):
    """A ledger built by hand; 'today' is the real date and every date is relative to it.

    Punctual Ltd: 3 invoices of 1,000, each paid 5 days before its due date.
    Late Ltd: 4 invoices of 1,000:
      inv1 due D-120, paid D-120 (on time, 0 days late)
      inv2 due D-90,  paid D-80  (10 days late)
      inv3 due D-60,  paid D-10  (50 days late)
      inv4 due D-29,  open       (29 days overdue)
    -> paid 3, on time 1 (33.33 %), average lateness (0 + 10 + 50) / 3 = 20 days,
       longest overdue max(0, 10, 50, 29) = 50, open overdue 29 days,
       monthly sales 4,000 / 12 = 333.33.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.punctual = cls.env["res.partner"].create({"name": "Punctual Ltd", "is_company": True})
        cls.late = cls.env["res.partner"].create({"name": "Late Ltd", "is_company": True})
        today = cls.today
        for i in range(3):
            inv = cls.make_invoice(cls.punctual, 1000, today - td(days=100 + 30 * i), today - td(days=70 + 30 * i))
            cls.pay(inv, 1000, today - td(days=75 + 30 * i))
        for due, paid in ((120, 120), (90, 80), (60, 10)):
            inv = cls.make_invoice(cls.late, 1000, today - td(days=due + 30), today - td(days=due))
            cls.pay(inv, 1000, today - td(days=paid))
        cls.make_invoice(cls.late, 1000, today - td(days=59), today - td(days=29))
        (cls.punctual | cls.late).sudo().write({"credit_limit": 10000})

    def test_payment_behaviour_from_the_ledger(self):
        facts = self.env["smec.credit.assessment"]._payment_behaviour(self.punctual | self.late, self.company)
        expected = {
            "invoice_count": 4,
            "paid_count": 3,
            "on_time_share": 33.33,
            "avg_days_late": 20.0,
            "max_days_overdue": 50,
            "open_overdue_days": 29,
            "monthly_sales": 333.33,
            "dispute_count": 0,
        }
        # the ledger's facts (other modules, such as collection, add their own)
        self.assertEqual({key: facts[self.late.id][key] for key in expected}, expected)
        self.assertEqual(facts[self.punctual.id]["on_time_share"], 100.0)
        self.assertEqual(facts[self.punctual.id]["avg_days_late"], 0.0)
        self.assertEqual(facts[self.punctual.id]["monthly_sales"], 250.0)

    def test_history_feeds_character_and_capacity(self):
        assessment = self.env["smec.credit.assessment"].create({"partner_id": self.late.id})
        self.assertTrue(assessment.has_history)
        by_source = {a.criterion_id.source: a for a in assessment.answer_ids}
        # 33.33 % on time -> band under 50 % -> 0; 20 days late -> 15-30 -> 50; 50 days -> 31-90 -> 35
        self.assertEqual((by_source["on_time_share"].value, by_source["on_time_share"].score), (33.33, 0.0))
        self.assertEqual((by_source["avg_days_late"].value, by_source["avg_days_late"].score), (20.0, 50.0))
        self.assertEqual((by_source["max_days_overdue"].value, by_source["max_days_overdue"].score), (50.0, 35.0))
        self.assertTrue(all(by_source[s].applicable for s in ("on_time_share", "avg_days_late", "max_days_overdue")))
        self.assertEqual(assessment.ledger_monthly_sales, 333.33)

    def test_monthly_review_proposes_and_never_applies(self):
        Proposal = self.env["smec.credit.proposal"]
        created = Proposal._review_company(self.company)
        by_partner = {p.partner_id: p for p in created}
        # punctual: 100 % on time, nothing overdue -> +10 % = 11,000
        self.assertEqual(by_partner[self.punctual].proposed_limit, 11000.0)
        # late: 20 days late on average (threshold 30) but 29 days overdue (threshold 90): neither rule -> none
        self.assertNotIn(self.late, by_partner)
        self.assertEqual(self.punctual.credit_limit, 10000.0, "proposals are never applied silently")

        # the company cuts from 15 days of lateness: late gets a 30 % cut to 7,000
        self.company.smec_review_cut_days = 15
        created = Proposal._review_company(self.company)
        self.assertEqual(created.partner_id, self.late, "punctual was done this month: not proposed twice")
        self.assertEqual(created.proposed_limit, 7000.0)
        self.assertEqual(created.origin, "review")
        self.assertEqual(Proposal.search_count([("partner_id", "=", self.punctual.id), ("origin", "=", "review")]), 1)

        # each proposal says why, with its figures, as the credit manager reads it; late owes the open 1,000
        reasons = self.call_ok(
            self.credit_manager,
            "smec.credit.proposal",
            "search_read",
            [("origin", "=", "review"), ("partner_id", "in", (self.punctual | self.late).ids)],
            ["partner_id", "reason"],
            order="id",
        )
        self.assertEqual(
            [r["reason"] for r in reasons],
            [
                "Raise by 10 %: 100 % of the 3 invoices paid in the last 12 months were paid on time "
                "(a raise needs 95 %), nothing is overdue. Exposure $\xa00.00, 0 % of the limit $\xa010,000.00.",
                "Cut by 30 %: paid 20 days late on average in the last 12 months (a cut from 15 days), oldest "
                "invoice 29 days overdue (orders held from 90 days). Exposure $\xa01,000.00, 10 % of the limit "
                "$\xa010,000.00.",
            ],
        )

    def test_a_customer_over_its_limit_is_never_proposed_a_raise(self):
        """The review proposed raising the limits of customers at 144 % and 518 % of their limit: they paid on
        time, but already owe more than their limit."""
        over = self.env["res.partner"].create({"name": "Over Ltd", "is_company": True})
        blocked = self.env["res.partner"].create({"name": "Flagged Ltd", "is_company": True})
        for partner in (over, blocked):
            for i in range(3):
                inv = self.make_invoice(partner, 1000, self.today - td(days=100 + 30 * i), self.days(-70 - 30 * i))
                self.pay(inv, 1000, self.days(-75 - 30 * i))
        (over | blocked).sudo().write({"credit_limit": 10000})
        # not due yet: 14,400 open against 10,000 -> 144 %
        self.make_invoice(over, 14400, self.today, self.days(30))
        self.env["smec.credit.risk.flag"].create(
            {"partner_id": blocked.id, "flag_type": "dishonest_debtor", "blocking": True, "source": "court"}
        )
        created = self.env["smec.credit.proposal"]._review_company(self.company)
        self.assertEqual(created.partner_id, self.punctual, "only the punctual customer within its limit")
        # within its limit again (the invoice paid), the over-limit customer is raised the next month
        self.pay(
            self.env["account.move"].search([("partner_id", "=", over.id), ("amount_residual", ">", 0)]),
            14400,
            self.today,
        )
        created = self.env["smec.credit.proposal"]._review_company(self.company, today=self.days(31))
        self.assertIn(over, created.partner_id)
        self.assertNotIn(blocked, created.partner_id)
