"""The stages a Collection Manager confirms (the lawyer's letter at 60 days, the
legal hold at 90) wait for one: written once by the scheduled run, in the
managers' queue with a to-do, until a manager sends, holds back or drops them.
Due 2 March 2026 (DUE), 1,000 open."""

import io
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.pdf import PdfReader

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DUE, DunningCommon


def day(offset):
    return DUE + timedelta(days=offset)


@tagged("post_install", "-at_install")
class TestConfirmationQueue(DunningCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.collector = cls._user(
            "smec_queue_collector", "smec_credit_collection.group_collection_agent,smec_credit.group_credit_user"
        )
        cls.manager = cls._user(
            "smec_queue_manager", "smec_credit_collection.group_collection_manager,smec_credit.group_credit_user"
        )
        cls.customer.with_company(cls.company).smec_collector_id = cls.collector
        # the stages a manager confirms name who confirms them
        (cls.stage[60] | cls.stage[90]).user_id = cls.manager
        cls.invoice = cls.make_invoice(cls.customer, 1000, DUE - timedelta(days=30), DUE)
        cls.confirm_type = cls.env.ref("smec_credit_collection.mail_activity_type_dunning_confirmation")

    def setUp(self):
        super().setUp()
        # the formal demand went out on day 30, signed for: the lawyer's letter and the legal hold follow it
        self.reached(self.customer, 30, day(30), state="delivered")

    def written(self, since=60):
        """(day, stage, channel, state) of the customer's contacts from day ``since``."""
        found = self.Contact.search([("partner_id", "=", self.customer.id), ("date", ">=", day(since))], order="id")
        return [((c.date - DUE).days, c.stage_id.days_overdue, c.channel, c.state) for c in found]

    def todos(self, contacts):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", contacts._name),
                ("res_id", "in", contacts.ids),
                ("activity_type_id", "=", self.confirm_type.id),
            ]
        )

    def test_a_contact_waits_once_until_a_manager_sends_it(self):
        """Days 60 to 75, each run twice: the lawyer's letter and the call of the
        third-party stage are written once, on day 60, and wait; the manager has
        a to-do for each. 400 is paid on day 70. The manager sends the letter
        over HTTP: it goes out in that day's run with the 600 still open; the
        collector prints it."""
        for offset in range(60, 76):
            self.run_day(day(offset))
            self.run_day(day(offset), hour="09:00:00")
            if offset == 70:
                self.pay(self.invoice, 400, day(70))
        self.assertEqual(self.written(), [(60, 60, "letter", "waiting"), (60, 60, "call", "waiting")])
        waiting = self.Contact.search([("partner_id", "=", self.customer.id), ("state", "=", "waiting")])
        todos = self.todos(waiting)
        self.assertEqual(len(todos), 2)
        self.assertEqual(todos.user_id, self.manager, "the company's Collection Manager, not a technical user")
        self.assertIn(self.customer.name, todos[0].summary)
        # every run of those days is done: nothing of them waits in a run's preview
        runs = self.env["smec.collection.run"].search([("company_id", "=", self.company.id)])
        self.assertEqual(set(runs.mapped("state")), {"done"})

        letter = waiting.filtered(lambda c: c.channel == "letter")
        # the collector may neither send it nor print what has not gone out
        self.call_refused(
            self.collector, "AccessError", "Only a Collection Manager", letter._name, "action_send", letter.ids
        )
        self.call_refused(
            self.collector, "UserError", "No letter of this run has gone out", "smec.collection.run",
            "action_print_letters", letter.run_id.ids,
        )  # fmt: skip
        self.call_ok(self.manager, letter._name, "action_send", letter.ids, context={"force_report_rendering": True})
        letter.invalidate_recordset()
        today = self.env["smec.collection.run"]._today(self.company)  # the company's day, as the run dates it
        self.assertEqual((letter.state, letter.date, letter.amount_total), ("sent", today, 600.0))
        self.assertEqual(letter.line_ids.days_overdue, (today - DUE).days)
        self.assertEqual((letter.run_id.date, letter.run_id.kind), (today, "scheduled"))
        self.assertFalse(self.todos(letter).filtered("active"), "its to-do is done")
        self.assertEqual(len(self.todos(waiting - letter)), 1, "the call still waits")
        # the collector prints the mail room's PDF over HTTP: the letter as it was sent
        action = self.call_ok(self.collector, "smec.collection.run", "action_print_letters", letter.run_id.ids)
        self.authenticate(self.collector.login, self.collector.login)
        response = self.url_open(action["url"])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        [page] = PdfReader(io.BytesIO(response.content)).pages
        text = page.extract_text()
        self.assertIn(letter.name, text.replace(" ", ""))
        self.assertIn("600.00", text)

    def test_held_back_it_comes_again_after_the_stage_interval_dropped_not_for_the_same_invoices(self):
        """Day 61, the manager holds the letter back (the stage's 14 days: until
        day 75) and drops the call. Days 62-74 write nothing; day 75 the letter
        waits again, the call does not (the same invoice). A second invoice
        overdue brings the call back (day 76)."""
        self.run_day(day(60))
        waiting = self.Contact.search([("partner_id", "=", self.customer.id), ("state", "=", "waiting")])
        letter, call = waiting.sorted(lambda c: c.channel != "letter")
        with freeze_time(f"{day(61)} 03:00:00"):
            letter.with_user(self.manager).action_hold_back()
            call.with_user(self.manager).action_drop()
        self.assertEqual(
            (letter.state, letter.held_until, call.state, call.dropped), ("cancelled", day(75), "cancelled", True)
        )
        self.assertIn("Held back by smec_queue_manager", letter.reason)
        self.assertFalse(self.todos(waiting).filtered("active"))
        for offset in range(61, 76):
            self.run_day(day(offset))
        self.assertEqual(
            self.written(),
            [(60, 60, "letter", "cancelled"), (60, 60, "call", "cancelled"), (75, 60, "letter", "waiting")],
        )
        self.make_invoice(self.customer, 500, day(10), day(40))
        self.run_day(day(76))
        self.assertEqual(self.written(76), [(76, 60, "call", "waiting")])

    def test_paid_while_it_waits_it_leaves_the_queue(self):
        self.run_day(day(60))
        waiting = self.Contact.search([("partner_id", "=", self.customer.id), ("state", "=", "waiting")])
        self.pay(self.invoice, 1000, day(62))
        self.run_day(day(63))
        self.assertEqual(set(waiting.mapped("state")), {"cancelled"})
        self.assertEqual(set(waiting.mapped("reason")), {"Paid while it waited for a manager."})
        self.assertFalse(self.todos(waiting).filtered("active"))

    def test_each_role_sees_the_buttons_it_may_use(self):
        """The collector's screens offer no manager's button; the manager's do."""
        for model, view, buttons in (
            ("smec.collection.contact", "list", {"action_send", "action_skip", "action_hold_back", "action_drop"}),
            ("smec.collection.contact", "form", {"action_send", "action_hold_back", "action_drop"}),
            ("smec.collection.run", "form", {"action_preview", "action_confirm", "action_cancel"}),
        ):
            for user, shown in ((self.collector, False), (self.manager, True)):
                with self.subTest(model=model, view=view, user=user.login):
                    views = self.call_ok(user, model, "get_views", [[False, view]])
                    arch = views["views"][view]["arch"]
                    self.assertEqual({b for b in buttons if f'name="{b}"' in arch} == buttons, shown, arch)
                    if not shown:
                        self.assertFalse({b for b in buttons if f'name="{b}"' in arch})
        arch = self.call_ok(self.collector, "smec.collection.run", "get_views", [[False, "form"]])["views"]["form"]
        self.assertIn('name="action_print_letters"', arch["arch"])
        queue = self.env.ref("smec_credit_collection.smec_collection_waiting_menu")
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(queue.id, Menu.with_user(self.collector)._visible_menu_ids(), "the queue is the managers'")
        self.assertIn(queue.id, Menu.with_user(self.manager)._visible_menu_ids())

    def test_the_legal_hold_waits_once_and_is_lifted_when_the_claim_is_settled(self):
        """Day 90 the legal hold waits (once, days 90-95); the manager sends it on
        day 95: the orders are held and the legal file opened. Paid in full on
        day 100, the hold is lifted that day, logged, and the file's responsible
        is asked to close the file."""
        self.reached(self.customer, 60, day(60))
        for offset in range(90, 96):
            self.run_day(day(offset))
        self.assertEqual(self.written(90), [(90, 90, "hold", "waiting")])
        hold = self.Contact.search([("partner_id", "=", self.customer.id), ("state", "=", "waiting")])
        with freeze_time(f"{day(95)} 03:00:00"):
            hold.with_user(self.manager).action_send()
            self.assertTrue(self.customer.smec_has_blocking_flag)
        flag = self.env["smec.credit.risk.flag"].search([("partner_id", "=", self.customer.id)])
        legal = self.env["smec.collection.legal.file"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual((flag.flag_type, flag.blocking, legal.invoice_ids), ("collection_legal", True, self.invoice))
        self.assertEqual(legal.user_id, self.manager)
        with freeze_time(f"{day(100)} 03:00:00"):
            self.pay(self.invoice, 1000, day(100))
            self.assertFalse(self.customer.smec_has_blocking_flag)
        self.assertEqual(flag.date_end, day(100))
        self.assertIn("the claim of %s is settled" % legal.name, flag.message_ids[:1].body)
        todo = legal.activity_ids.filtered(lambda a: a.summary.startswith("Claim settled"))
        self.assertEqual(
            (todo.user_id, todo.summary), (self.manager, f"Claim settled: close the legal file {legal.name}")
        )

    def test_a_legal_file_closed_with_invoices_open_asks_a_manager_about_the_hold(self):
        self.reached(self.customer, 60, day(60))
        self.run_day(day(90))
        hold = self.Contact.search([("partner_id", "=", self.customer.id), ("state", "=", "waiting")])
        with freeze_time(f"{day(90)} 03:00:00"):
            hold.with_user(self.manager).action_send()
        legal = self.env["smec.collection.legal.file"].search([("partner_id", "=", self.customer.id)])
        self.call_ok(self.manager, legal._name, "action_close", legal.ids)
        self.assertTrue(self.customer.smec_has_blocking_flag, "the manager decides")
        todo = self.customer.activity_ids
        self.assertEqual(todo.user_id, self.manager)
        self.assertIn("lift the legal hold of", todo.summary)
        self.assertIn("1,000.00", todo.note)
