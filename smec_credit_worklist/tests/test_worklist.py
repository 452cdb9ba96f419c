"""The worklist of five customers worked by hand (common.py): its ranking, each outcome button's effect, the
next-action reasons, reassignment."""

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import WorklistCommon


@tagged("post_install", "-at_install")
class TestWorklist(WorklistCommon):
    def test_ranking_of_five_customers(self):
        """B 6,000 x 50 % = 3,000; C 3,000 x 75 % = 2,250; A (10,000 - 2,000 disputed) x 25 % = 2,000;
        D 4,000 x 37.5 % (the company's: 6 of 16 paid late) = 1,500; E 20,000 x 0 % = 0."""
        self.assertTrue(self.forecast.is_newest)
        self.assertAlmostEqual(self.forecast.late_share, 37.5)
        rows = self.rows(self.collector)
        self.assertEqual(rows.partner_id, self.b | self.c | self.a | self.d | self.e)
        self.assertEqual(rows.partner_id.ids, [self.b.id, self.c.id, self.a.id, self.d.id, self.e.id])
        self.assertEqual(
            [(r.amount_at_risk, r.late_share, r.score, r.rank, r.source) for r in rows],
            [
                (6000.0, 50.0, 3000.0, 1, "own"),
                (3000.0, 75.0, 2250.0, 2, "own"),
                (8000.0, 25.0, 2000.0, 3, "own"),
                (4000.0, 37.5, 1500.0, 4, "company"),
                (20000.0, 0.0, 0.0, 5, "own"),
            ],
        )
        c = self.row(self.c)
        self.assertEqual((c.amount_open, c.amount_overdue), (5000.0, 3000.0), "C's 2,000 not yet due is not at risk")
        self.assertEqual(rows.forecast_id, self.forecast)
        # written again: the same rows, no duplicate
        self.Worklist._build(self.company)
        self.assertEqual(self.rows(self.collector).ids, rows.ids)

    def test_a_customer_the_forecast_did_not_see_takes_the_company_s_share(self):
        newcomer = self.env["res.partner"].create({"name": "Fuxing Glass", "is_company": True})
        newcomer.with_company(self.company).smec_collector_id = self.collector
        self.invoice(newcomer, 1000, -3)
        self.Worklist._build(self.company)
        row = self.row(newcomer)
        self.assertEqual((row.late_share, row.score, row.source), (37.5, 375.0, "company"))
        # without any forecast, the whole amount at risk counts
        self.forecast.unlink()
        self.Worklist._build(self.company)
        self.assertEqual(
            (self.row(newcomer).score, self.row(self.e).score, self.row(self.e).source), (1000, 20000, "none")
        )
        self.assertFalse(self.row(self.e).forecast_id)

    def test_a_customer_who_paid_leaves_the_list(self):
        self.pay(self.open_b, 6000, self.D)
        self.Worklist._build(self.company)
        self.assertFalse(self.row(self.b))
        self.assertEqual(self.rows(self.collector).partner_id.ids, [self.c.id, self.a.id, self.d.id, self.e.id])

    def test_the_newest_forecast_is_the_one_read(self):
        older = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": self.day(-1)})
        older.action_compute()
        self.assertEqual(
            (self.forecast.is_newest, older.is_newest), (True, False), "the latest day, not the latest made"
        )
        again = self.env["smec.credit.forecast"].create({"company_id": self.company.id, "date": self.D})
        again.action_compute()
        self.assertEqual((self.forecast.is_newest, again.is_newest), (False, True), "the same day: the latest made")
        again.unlink()
        self.assertTrue(self.forecast.is_newest)

    # ------------------------------------------------------------
    # the outcome buttons
    # ------------------------------------------------------------

    def test_promise_button(self):
        row = self.row(self.b).with_user(self.collector)
        action = row.action_promise()
        self.assertEqual(action["res_model"], "smec.collection.promise")
        promise = (
            self.env["smec.collection.promise"].with_user(self.collector).with_context(**action["context"]).create({})
        )
        self.assertEqual((promise.partner_id, promise.invoice_ids, promise.amount), (self.b, self.open_b, 6000.0))
        self.assertEqual(promise.line_ids.date, self.day(7))
        self.assertEqual((row.done, row.outcome), (True, "promised"))
        self.assertNotIn(self.b, self.rows(self.collector).partner_id, "the list moved on")
        # written again the same day, the call stays recorded
        self.Worklist._build(self.company)
        self.assertEqual((self.row(self.b).done, self.row(self.b).outcome), (True, "promised"))
        with self.assertRaisesRegex(UserError, "called already"):
            row.action_no_answer()

    def test_dispute_button(self):
        row = self.row(self.e).with_user(self.collector)
        action = row.action_dispute()
        dispute = (
            self.env["smec.collection.dispute"].with_user(self.collector).with_context(**action["context"]).create({})
        )
        self.assertEqual((dispute.partner_id, dispute.invoice_ids, dispute.amount), (self.e, self.open_e, 20000.0))
        self.assertEqual((row.done, row.outcome), (True, "disputed"))
        # the dispute sets E's 20,000 apart: written again, nothing of E is at risk
        self.Worklist._build(self.company)
        self.assertEqual((self.row(self.e).amount_at_risk, self.row(self.e).dispute_waiting), (0.0, True))

    def test_no_answer_drops_the_customer_below_those_not_called(self):
        row = self.row(self.b).with_user(self.collector)
        row.action_no_answer()
        self.assertEqual((row.done, row.outcome, row.attempts), (False, "no_answer", 1))
        self.assertEqual(
            self.rows(self.collector).partner_id.ids, [self.c.id, self.a.id, self.d.id, self.e.id, self.b.id]
        )
        row.action_no_answer()
        self.assertEqual(row.attempts, 2)

    def test_new_contact_button(self):
        row = self.row(self.d).with_user(self.collector)
        action = row.action_new_contact()
        Wizard = self.env[action["res_model"]].with_user(self.collector).with_context(**action["context"])
        with self.assertRaisesRegex(UserError, "phone number or email"):
            Wizard.create({"name": "Ms Qian"})
        wizard = Wizard.create({"name": "Ms Qian", "function": "Accounts payable", "phone": "+86 757 8888 1234"})
        wizard.action_confirm()
        person = self.d.child_ids
        self.assertEqual(
            (person.name, person.function, person.phone), ("Ms Qian", "Accounts payable", "+86 757 8888 1234")
        )
        task = self.d.activity_ids
        self.assertEqual((task.user_id, task.date_deadline), (self.collector, self.day(1)))
        self.assertIn("Ms Qian", task.summary)
        self.assertEqual((row.done, row.outcome), (True, "new_contact"))

    def test_outcome_of_today_s_dunning_call_is_recorded_with_it(self):
        stage = self.env["smec.collection.stage"].search([("company_id", "=", self.company.id)], limit=1)
        self.assertTrue(stage, "the company has its default dunning stages")
        contact = (
            self.env["smec.collection.contact"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "partner_id": self.c.id,
                    "currency_id": self.currency.id,
                    "stage_id": stage.id,
                    "channel": "call",
                    "date": self.D,
                    "state": "sent",
                    "amount_total": 3000,
                    "user_id": self.collector.id,
                }
            )
        )
        self.Worklist._build(self.company)
        row = self.row(self.c).with_user(self.collector)
        self.assertEqual((row.dunning_call, row.contact_id), (True, contact))
        self.assertIn("Dunning Call Today", row.next_action)
        row.action_no_answer()
        self.assertEqual(contact.call_outcome, "no_answer")
        # the call has its outcome: it is no reason to call any more
        self.Worklist._build(self.company)
        self.assertEqual((row.dunning_call, row.attempts), (False, 1))

    # ------------------------------------------------------------
    # the next action
    # ------------------------------------------------------------

    def test_next_action_reasons(self):
        Promise = self.env["smec.collection.promise"]
        # E promised 1,000 for today
        Promise.create(
            {
                "partner_id": self.e.id,
                "invoice_ids": [Command.set(self.open_e.ids)],
                "line_ids": [Command.create({"date": self.D, "amount": 1000})],
            }
        )
        # C broke a promise two days ago; B broke one too, and promised again since
        for partner, invoice in ((self.c, self.open_c), (self.b, self.open_b)):
            Promise.create(
                {
                    "partner_id": partner.id,
                    "invoice_ids": [Command.set(invoice.ids)],
                    "line_ids": [Command.create({"date": self.day(5), "amount": 500})],
                }
            ).sudo().write({"date": self.day(-20), "state": "broken", "date_settled": self.day(-2)})
        Promise.create(
            {
                "partner_id": self.b.id,
                "invoice_ids": [Command.set(self.open_b.ids)],
                "line_ids": [Command.create({"date": self.day(5), "amount": 500})],
            }
        )
        # D's statement went out ten days ago unconfirmed, E's two days ago; Gaoming owes nothing past due but
        # has not confirmed its statement either
        gaoming = self.env["res.partner"].create({"name": "Gaoming Ceramics", "is_company": True})
        gaoming.with_company(self.company).smec_collector_id = self.collector
        Statement = self.env["smec.collection.statement"]
        for partner, days in ((self.d, -10), (self.e, -2), (gaoming, -8)):
            Statement.create(
                {"partner_id": partner.id, "date_from": self.day(-60), "date_to": self.day(days)}
            ).sudo().write({"state": "sent"})
        self.Worklist._build(self.company)
        reasons = {
            row.partner_id: (
                row.promise_due,
                row.promise_broken,
                row.dispute_waiting,
                row.statement_unconfirmed,
                row.dunning_call,
            )
            for row in self.rows()
        }
        self.assertEqual(
            reasons,
            {
                self.a: (False, False, True, False, False),
                self.b: (False, False, False, False, False),
                self.c: (False, True, False, False, False),
                self.d: (False, False, False, True, False),
                self.e: (True, False, False, False, False),
                gaoming: (False, False, False, True, False),
            },
        )
        self.assertEqual((self.row(gaoming).score, self.row(gaoming).rank), (0.0, 6), "on the list for its statement")
        self.assertEqual(self.row(self.a).next_action, "Dispute Waiting")
        self.assertEqual(self.row(self.b).next_action, "Call about the amount at risk")
        # a dispute taken into negotiation no longer waits
        self.dispute.action_negotiate()
        self.Worklist._build(self.company)
        self.assertFalse(self.row(self.a).dispute_waiting)

    # ------------------------------------------------------------
    # reassignment
    # ------------------------------------------------------------

    def test_a_manager_reassigns_a_customer(self):
        row = self.row(self.d).with_user(self.manager)
        self.assertEqual(self.rows(self.manager), self.rows(), "a manager sees every collector's list")
        row.write({"user_id": self.collector_2.id})
        self.assertEqual(self.d.with_company(self.company).smec_collector_id, self.collector_2)
        self.assertEqual(self.rows(self.collector_2).partner_id, self.d)
        self.assertNotIn(self.d, self.rows(self.collector).partner_id)
        # written again: the rank is in the new collector's list
        self.Worklist._build(self.company)
        self.assertEqual((self.row(self.d).user_id, self.row(self.d).rank), (self.collector_2, 1))
        self.assertEqual(self.row(self.e).rank, 4, "E moves up in the first list")
        with self.assertRaisesRegex(UserError, "not a collection user"):
            row.write({"user_id": self.salesman.id})

    def test_a_collector_neither_reassigns_nor_reads_another_s_list(self):
        row = self.row(self.d)
        with self.assertRaisesRegex(AccessError, "Only a Collection Manager reassigns"):
            row.with_user(self.collector).write({"user_id": self.collector_2.id})
        self.assertFalse(self.rows(self.collector_2))
        with self.assertRaises(AccessError):
            row.with_user(self.collector_2).read(["score"])
        with self.assertRaises(AccessError):
            row.with_user(self.collector_2).action_no_answer()
        self.assertEqual(row.attempts, 0)

    def test_the_morning_job_and_the_menu(self):
        self.Worklist.search([]).sudo().unlink()
        self.company.smec_worklist_date = fields.Date.subtract(self.D, days=1)
        action = self.Worklist.with_user(self.collector).action_open_worklist()
        self.assertEqual(action["res_model"], "smec.credit.worklist")
        self.assertEqual(self.company.smec_worklist_date, self.D)
        self.assertEqual(len(self.rows(self.collector)), 5)
        self.Worklist._cron_build()
        self.assertEqual(len(self.rows()), 5)
        with self.assertRaises(AccessError):
            self.Worklist.with_user(self.salesman).action_open_worklist()
