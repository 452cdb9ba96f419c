"""Old debts on the day a company goes live: what the runs then do, worked out
by hand (what the go-live preview says the first run will do is the set-up
bridge's test, smec_credit_collection_setup).

The default plan: -3 reminder (email), 7 friendly reminder (email, call; 7 days
to pay), 30 formal demand (email, letter; 10 days to pay), 60 lawyer's letter
(letter, call; a Collection Manager confirms; 7 days), 90 legal preparation
(holds the orders; a Collection Manager confirms).
"""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .test_dunning import DunningCommon

GO_LIVE = date(2026, 9, 1)


class OldDebtsCommon(DunningCommon):
    """Four customers owing on the day the company goes live: 200, 45 and 10 days overdue, and due in 2 days."""

    credit_live = False

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls.customer  # owes 10,000, 200 days overdue on the day
        cls.recent = cls.customer.copy({"name": "Recent Ltd", "email": "ap@recent.example.com"})  # 3,000, 45 days
        cls.late = cls.customer.copy({"name": "Late Ltd", "email": "ap@late.example.com"})  # 2,000, 10 days
        cls.soon = cls.customer.copy({"name": "Soon Ltd", "email": "ap@soon.example.com"})  # 1,000, due in 2 days
        for partner, amount, days in (
            (cls.old, 10000, 200),
            (cls.recent, 3000, 45),
            (cls.late, 2000, 10),
            (cls.soon, 1000, -2),
        ):
            due = GO_LIVE - timedelta(days=days)
            cls.make_invoice(partner, amount, due - timedelta(days=30), due)

    def contacts_of(self, partner):
        found = self.Contact.search([("partner_id", "=", partner.id)], order="date, id")
        return [((c.date - GO_LIVE).days, c.stage_id.days_overdue, c.channel, c.state) for c in found]


@tagged("post_install", "-at_install")
class TestOldDebtsAtGoLive(OldDebtsCommon):
    def test_the_first_runs_from_the_go_live_step(self):
        with freeze_time(f"{GO_LIVE} 02:00:00"):
            wizard = self.env["smec.credit.go.live"].create({"company_id": self.company.id})
            self.assertEqual(wizard.first_stage_id, self.stage[30], "by default, the formal demand")
        self.assertFalse(self.company._smec_credit_live())
        # before going live the scheduled run does nothing
        self.run_day(GO_LIVE)
        self.assertFalse(self.Contact.search([]))

        with freeze_time(f"{GO_LIVE} 02:00:00"):
            wizard.action_go_live()
        self.assertEqual(self.company.smec_dunning_first_stage_id, self.stage[30])
        for offset in range(0, 11):
            self.run_day(GO_LIVE + timedelta(days=offset))
        self.assertEqual(
            sorted(self.contacts_of(self.old)),
            [
                (0, 30, "email", "sent"),
                (0, 30, "letter", "sent"),
                # the demand's 10 days to pay are over on day 10: one stage up, the lawyer's letter and its
                # call, waiting for a Collection Manager (the run never sends them); not legal preparation
                (10, 60, "call", "waiting"),
                (10, 60, "letter", "waiting"),
            ],
        )
        # 45 days overdue: the formal demand, then nothing before its deadline and the next stage's day
        self.assertEqual(sorted(self.contacts_of(self.recent)), [(0, 30, "email", "sent"), (0, 30, "letter", "sent")])

    def test_no_legal_stage_before_a_demand_is_delivered(self):
        """The customer 200 days overdue reached the lawyer's letter 20 days ago (sent, never signed for): the
        legal stage is due by its days and by the lawyer's letter's deadline, but no demand was delivered."""
        self.company._smec_go_live({"smec_dunning_first_stage_id": self.stage[30].id})
        invoice_line = self.env["account.move.line"].search(
            [("partner_id", "=", self.old.id), ("account_id.account_type", "=", "asset_receivable")]
        )

        def contact(stage, channel, day, state):
            return self.Contact.sudo().create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.old.id,
                    "currency_id": self.currency.id,
                    "plan_id": self.plan.id,
                    "stage_id": self.stage[stage].id,
                    "channel": channel,
                    "date": GO_LIVE - timedelta(days=day),
                    "state": state,
                    "line_ids": [
                        Command.create(
                            {
                                "move_line_id": invoice_line.id,
                                "move_id": invoice_line.move_id.id,
                                "amount_residual": 10000,
                            }
                        )
                    ],
                }
            )

        demand = contact(30, "letter", 40, "sent")
        contact(60, "letter", 20, "sent")
        self.run_day(GO_LIVE)
        today = self.Contact.search([("partner_id", "=", self.old.id), ("date", "=", GO_LIVE)])
        self.assertFalse(
            today.filtered(lambda c: c.channel == "hold"), "no legal preparation without a delivered demand"
        )
        # the formal demand is signed for: the next run opens legal preparation, for a Collection Manager to confirm
        demand.sudo().write({"signed_date": GO_LIVE - timedelta(days=35), "state": "delivered"})
        self.run_day(GO_LIVE + timedelta(days=1))
        legal = self.Contact.search(
            [("partner_id", "=", self.old.id), ("date", "=", GO_LIVE + timedelta(days=1)), ("channel", "=", "hold")]
        )
        self.assertEqual((legal.stage_id, legal.state), (self.stage[90], "waiting"))
