"""Promises to pay: dunning waits for them, payments keep them, a broken one
moves the customer one stage up. Due 2 March 2026 (DUE), 1,000 open; grace 3
days (the company's default)."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .test_dunning import DUE, DunningCommon


def day(offset):
    return DUE + timedelta(days=offset)


@tagged("post_install", "-at_install")
class TestPromises(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_promise_agent", "smec_credit_collection.group_collection_agent")
        cls.invoice = cls.make_invoice(cls.customer, 1000, DUE - timedelta(days=30), DUE)
        cls.Promise = cls.env["smec.collection.promise"]

    def promise(self, on, instalments, invoices=None, user=None):
        with freeze_time(f"{on} 02:00:00"):
            return self.Promise.with_user(user or self.agent).create(
                {
                    "partner_id": self.customer.id,
                    "channel": "call",
                    "invoice_ids": [Command.set((invoices or self.invoice).ids)],
                    "line_ids": [Command.create({"date": d, "amount": a}) for d, a in instalments],
                }
            )

    def sent_on(self, offset):
        contacts = self.Contact.search([("partner_id", "=", self.customer.id), ("date", "=", day(offset))])
        return sorted((c.stage_id.days_overdue, c.channel) for c in contacts)

    def test_an_open_promise_pauses_dunning_and_a_payment_keeps_it(self):
        self.run_day(day(8))
        self.assertEqual(self.sent_on(8), [(7, "call"), (7, "email")])
        promise = self.promise(day(8), [(day(20), 1000)])
        self.assertEqual((promise.amount, promise.date_last, promise.grace_days), (1000.0, day(20), 3))
        for offset in (15, 22):  # the friendly reminder's interval is 7 days: due again on day 15
            self.run_day(day(offset))
            self.assertEqual(self.sent_on(offset), [], f"day {offset}: the promise covers the invoice")
        self.pay(self.invoice, 1000, day(19))
        self.run_day(day(23))
        self.assertEqual((promise.state, promise.paid_amount, promise.date_settled), ("kept", 1000.0, day(23)))
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.smec_promise_kept_rate, 100.0)

    def test_a_broken_promise_escalates_one_stage_at_the_next_run_and_makes_a_task(self):
        self.run_day(day(8))
        promise = self.promise(day(8), [(day(20), 1000)])
        self.run_day(day(23))  # day 20 + 3 grace days: still waiting
        self.assertEqual((promise.state, self.sent_on(23)), ("open", []))
        self.run_day(day(24))
        self.assertEqual(promise.state, "broken")
        self.assertTrue(promise.escalated)
        # 24 days overdue is the friendly stage (7); one stage up is the demand letter (30)
        self.assertEqual(self.sent_on(24), [(30, "email"), (30, "letter")])
        task = promise.activity_ids
        self.assertEqual(
            (task.activity_type_id, task.user_id), (self.env.ref("mail.mail_activity_data_call"), self.agent)
        )
        # once: the next day the demand letter's interval holds
        self.run_day(day(25))
        self.assertEqual(self.sent_on(25), [])
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.smec_promise_kept_rate, 0.0)

    def test_a_payment_plan_is_broken_by_a_short_instalment(self):
        plan = self.promise(day(5), [(day(10), 500), (day(40), 500)])
        self.pay(self.invoice, 500, day(9))
        self.run_day(day(14))  # the first instalment came in
        self.assertEqual((plan.state, plan.paid_amount), ("open", 500.0))
        self.run_day(day(43))
        self.assertEqual(plan.state, "open")
        self.run_day(day(44))  # day 40 + 3: the second did not
        self.assertEqual((plan.state, plan.paid_amount), ("broken", 500.0))

    def test_a_payment_plan_kept_and_the_kept_rate(self):
        plan = self.promise(day(5), [(day(10), 500), (day(40), 500)])
        self.pay(self.invoice, 500, day(12))  # late, within the grace days
        self.pay(self.invoice, 500, day(38))
        self.run_day(day(41))
        self.assertEqual(plan.state, "kept")
        other = self.make_invoice(self.customer, 300, DUE, day(30))
        broken = self.promise(day(31), [(day(35), 300)], invoices=other)
        self.run_day(day(45))
        self.assertEqual(broken.state, "broken")
        self.customer.invalidate_recordset()
        with freeze_time(f"{day(45)} 02:00:00"):
            facts = self.env["smec.credit.assessment"]._payment_behaviour(self.customer, self.company)
            self.assertEqual(self.customer.smec_promise_kept_rate, 50.0)
        self.assertEqual(facts[self.customer.id]["promise_kept_share"], 50.0)

    def test_bad_promises_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.promise(day(8), [(day(7), 100)])
        self.assertIn("a day to come", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            self.promise(day(8), [(day(20), 600), (day(30), 400.01)])
        self.assertIn("more than the", str(caught.exception))
        stranger = self.env["res.partner"].create({"name": "Other Ltd", "is_company": True})
        foreign = self.make_invoice(stranger, 100, DUE - timedelta(days=30), DUE)
        with self.assertRaises(ValidationError):
            self.promise(day(8), [(day(20), 100)], invoices=foreign)
        self.assertFalse(self.Promise.search([("partner_id", "in", (self.customer | stranger).ids)]))

    def test_recorded_from_the_call_outcome(self):
        self.run_day(day(8))
        call = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "call")])
        task = call.activity_id
        with freeze_time(f"{day(8)} 03:00:00"):
            action = call.with_user(self.agent).action_promised()
            # the dialog alone records nothing: discarded, the call stays open, with no outcome
            self.assertEqual((call.call_outcome, call.state, task.active), (False, "sent", True))
            form = Form(self.Promise.with_user(self.agent).with_context(**action["context"]))
            promise = form.save()
        self.assertEqual(
            (promise.contact_id, promise.invoice_ids, promise.amount, promise.date_last),
            (call, self.invoice, 1000.0, day(15)),
        )
        # saved, the promise records the call's outcome and closes its task
        self.assertEqual((call.call_outcome, call.state, promise.user_id), ("promised", "delivered", self.agent))
        self.assertFalse(task.exists() and task.active)

    def test_promised_is_not_recorded_from_the_task_without_a_promise(self):
        self.run_day(day(8))
        call = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "call")])
        task = call.activity_id.with_user(self.agent)
        task.smec_call_outcome = "promised"
        with self.assertRaisesRolledBack(UserError, "use the Promised button"):
            task.action_feedback(feedback="Will pay next week")
        self.assertEqual((call.call_outcome, call.state, task.active), (False, "sent", True))

    def test_settled_promises_are_history(self):
        promise = self.promise(day(5), [(day(10), 1000)])
        promise.with_user(self.agent).action_cancel()
        with self.assertRaises(AccessError):
            promise.with_user(self.agent).write({"note": "changed"})
        with self.assertRaises(AccessError):
            promise.line_ids.with_user(self.agent).write({"amount": 1})
        with self.assertRaises(AccessError):
            promise.with_user(self.agent).write({"state": "open"})
