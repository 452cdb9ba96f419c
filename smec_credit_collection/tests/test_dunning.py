import base64
import io
import re
import unicodedata
from datetime import date, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfReader

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.smec_credit.tests.common import SmecCreditCommon

DUE = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class DunningCommon(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.company.smec_weekly_contact_cap = 10
        cls.plan = cls.env["smec.collection.plan"].search(
            [("company_id", "=", cls.company.id), ("is_default", "=", True)]
        )
        cls.stage = {s.days_overdue: s for s in cls.plan.stage_ids}
        cls.customer.email = "ap@huaxin.example.com"
        cls.Contact = cls.env["smec.collection.contact"]
        # PDFs rendered here do not fetch their styles: under Odoo's runner the server
        # would answer wkhtmltopdf with a cursor that waits for this test's transaction
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")

    def run_day(self, day, hour="02:00:00"):
        """The scheduled run on ``day`` at ``hour`` UTC (10:00 in Shanghai by default)."""
        with freeze_time(f"{day} {hour}"):
            self.env["smec.collection.run"]._cron_run()

    def contacts(self, partner):
        found = self.Contact.search([("partner_id", "=", partner.id)], order="date, id")
        return [((c.date - DUE).days, c.stage_id.days_overdue, c.channel, c.state) for c in found]

    def reached(self, partner, stage_days, day, channel="letter", state="sent"):
        """A contact ``partner`` had on ``day`` at the stage of ``stage_days``, over its open invoices: where the
        earlier runs left it. (A first contact goes no further than the formal demand, later ones one stage at
        a time, and legal preparation needs a demand delivered: a test of a later stage starts from here.)"""
        items = self.env["account.move.line"].search(
            [
                ("partner_id", "=", partner.id),
                ("account_id.account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
            ]
        )
        return self.Contact.sudo().create(
            {
                "company_id": self.company.id,
                "partner_id": partner.id,
                "currency_id": self.currency.id,
                "plan_id": self.plan.id,
                "stage_id": self.stage[stage_days].id,
                "channel": channel,
                "date": day,
                "state": state,
                "line_ids": [
                    Command.create({"move_line_id": item.id, "move_id": item.move_id.id, "amount_residual": 0})
                    for item in items
                ],
            }
        )


@tagged("post_install", "-at_install")
class TestDunningRun(DunningCommon, MockEmail):
    def test_default_plan_follows_the_lawful_sequence(self):
        self.assertEqual(self.plan.stage_ids.mapped("days_overdue"), [-3, 7, 30, 60, 90])
        channels = [
            (s.channel_email, s.channel_letter, s.channel_call, s.hold_orders, s.needs_confirmation)
            for s in self.plan.stage_ids
        ]
        self.assertEqual(
            channels,
            [
                (True, False, False, False, False),
                (True, False, True, False, False),
                (True, True, False, False, False),
                (False, True, True, False, True),
                (False, False, False, True, True),
            ],
        )
        self.assertIn("finance", self.stage[30].wording_large.lower())

    def test_a_month_of_daily_runs(self):
        """Due on 2 March, 1,000 open. Cap 10 a week. Expected, day by day:
        -3: reminder (email); -2..6: nothing (reminder's interval is 30 days);
        7, 14, 21, 28: friendly reminder, email and call (interval 7);
        30: demand letter and email; 31..35: nothing (interval 14).
        A second customer, the same invoice, pays in full on day 20: it gets
        the same contacts until day 14 and none after."""
        payer = self.customer.copy({"name": "Payer Ltd", "email": "ap@payer.example.com"})
        self.make_invoice(self.customer, 1000, DUE - timedelta(days=30), DUE)
        paid_invoice = self.make_invoice(payer, 1000, DUE - timedelta(days=30), DUE)
        for offset in range(-5, 36):
            if offset == 20:
                self.pay(paid_invoice, 1000, DUE + timedelta(days=20))
            self.run_day(DUE + timedelta(days=offset))
        friendly = [(d, 7, ch, "sent") for d in (7, 14, 21, 28) for ch in ("call", "email")]
        expected = [(-3, -3, "email", "sent"), *friendly, (30, 30, "email", "sent"), (30, 30, "letter", "sent")]
        self.assertEqual(sorted(self.contacts(self.customer)), sorted(expected))
        self.assertEqual(sorted(self.contacts(payer)), sorted(expected[:5]))
        demand = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "letter")])
        self.assertEqual(demand.amount_total, 1000.0)
        self.assertEqual(demand.line_ids.days_overdue, 30)
        self.assertEqual(demand.payment_deadline, DUE + timedelta(days=40))
        mails = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")]).mail_id
        self.assertEqual(len(mails), 6)
        self.assertEqual(mails.mapped("state"), ["outgoing"] * 6)
        self.assertEqual(mails.recipient_ids, self.customer)
        calls = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "call")])
        self.assertEqual(len(calls.activity_id), 4)
        self.assertEqual(calls.activity_id.activity_type_id, self.env.ref("mail.mail_activity_data_call"))

    def test_a_run_is_dated_by_the_companys_day(self):
        """At 16:30 UTC on 31 March it is 00:30 on 1 April in Shanghai: a run made
        by hand then is the company's run of 1 April, as the scheduled one is, and
        the scheduled run of that day takes it up rather than cancelling its drafts."""
        self.company.partner_id.tz = "Asia/Shanghai"
        with freeze_time("2026-03-31 16:30:00"):
            # created as the scheduled job creates it (the kind is the code's: a user's value is refused)
            run = self.env["smec.collection.run"].with_context(tz="UTC").sudo().create({"kind": "scheduled"})
            self.assertEqual(run.date, date(2026, 4, 1))
            self.assertEqual(run._today(self.company), date(2026, 4, 1))

    def test_running_twice_a_day_writes_nothing_new(self):
        self.make_invoice(self.customer, 500, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        first = self.contacts(self.customer)
        self.assertEqual(sorted(first), [(8, 7, "call", "sent"), (8, 7, "email", "sent")])
        self.run_day(DUE + timedelta(days=8), hour="09:00:00")
        self.assertEqual(self.contacts(self.customer), first)
        self.assertEqual(len(self.env["mail.mail"].search([("model", "=", "smec.collection.contact")])), 1)

    def test_the_database_refuses_a_second_contact(self):
        """Two workers, or a manual run beside the scheduled one, cannot both write it."""
        self.make_invoice(self.customer, 500, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        contact = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            contact.sudo().copy({"date": contact.date})
            self.env.flush_all()

    def test_a_run_killed_while_sending_resumes_without_duplicates(self):
        """Selection done, the process dies in the second batch of sends: the
        next start sends what was left, once."""
        partners = self.customer | self.customer.copy({"name": "B"}) | self.customer.copy({"name": "C"})
        for partner in partners:
            self.make_invoice(partner, 100, DUE - timedelta(days=40), DUE)
        real_send_call = type(self.env["smec.collection.run"])._send_call
        calls = []

        def dying_send_call(run, contacts):
            calls.append(len(contacts))
            if len(calls) == 2:
                raise KeyboardInterrupt("killed")
            return real_send_call(run, contacts)

        with (
            patch("odoo.addons.smec_credit_collection.models.smec_collection_run_send.BATCH_SEND", 2),
            patch.object(type(self.env["smec.collection.run"]), "_send_call", dying_send_call),
            self.assertRaises(KeyboardInterrupt),
        ):
            # the savepoint of assertRaises stands for the killed batch's transaction
            self.run_day(DUE + timedelta(days=8))
        self.run_day(DUE + timedelta(days=8))
        found = self.Contact.search([("partner_id", "in", partners.ids)])
        self.assertEqual(len(found), 6)
        self.assertEqual(set(found.mapped("state")), {"sent"})
        self.assertEqual(len(found.activity_id), 3)
        self.assertEqual(len(found.mail_id), 3)

    def test_a_partner_does_not_move_back_until_paid(self):
        """Invoice 1 due 40 days ago, invoice 2 due 8 days ago: the demand letter
        lists both. Invoice 1 is paid: 14 days later the oldest open is 22 days
        overdue, yet invoice 2 was demanded and is unpaid, so the demand stage
        comes again, not the friendly reminder."""
        day = DUE + timedelta(days=40)
        old = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.make_invoice(self.customer, 200, DUE, DUE + timedelta(days=32))
        self.run_day(day)
        letter = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "letter")])
        self.assertEqual((letter.amount_total, sorted(letter.line_ids.mapped("days_overdue"))), (500.0, [8, 40]))
        self.pay(old, 300, day + timedelta(days=1))
        self.run_day(day + timedelta(days=14))
        latest = self.Contact.search([("partner_id", "=", self.customer.id), ("date", "=", day + timedelta(days=14))])
        self.assertEqual(set(latest.mapped("stage_id.days_overdue")), {30})
        self.assertEqual(set(latest.mapped("amount_total")), {200.0})

    def test_no_follow_up_flag_excludes_the_invoice(self):
        invoice = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        invoice.line_ids.filtered(lambda line: line.account_type == "asset_receivable").no_followup = True
        self.run_day(DUE + timedelta(days=8))
        self.assertEqual(self.contacts(self.customer), [])

    def test_no_email_address_becomes_a_call_task(self):
        self.customer.email = False
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=30))
        found = self.Contact.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(sorted(found.mapped("channel")), ["call", "letter"])
        self.assertIn("No email address", found.filtered(lambda c: c.channel == "call").reason)

    def test_only_invoicing_contacts_are_written_to(self):
        invoicing = self.env["res.partner"].create(
            {
                "name": "Accounts payable",
                "parent_id": self.customer.id,
                "type": "invoice",
                "email": "pay@huaxin.example.com",
            }
        )
        self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": self.customer.id, "type": "contact", "email": "buyer@huaxin.example.com"}
        )
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        mail = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")]).mail_id
        self.assertEqual(mail.recipient_ids, invoicing)

    def test_a_registered_guarantor_is_written_to(self):
        """Without an address of its own, the debtor's guarantor gets the email."""
        guarantor = self.env["res.partner"].create({"name": "Owner Zhang", "email": "zhang@example.com"})
        self.customer.write({"email": False, "smec_guarantor_ids": [(6, 0, guarantor.ids)]})
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=8))
        mail = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")]).mail_id
        self.assertEqual(mail.recipient_ids, guarantor)

    def test_an_email_waiting_for_the_morning_is_withdrawn_when_paid(self):
        """Written at 23:30, the email waits for 08:00; paid in the night, the next
        run (or the morning's) withdraws it."""
        invoice = self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        day = DUE + timedelta(days=8)
        self.run_day(day, hour="15:30:00")
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual((email.state, email.mail_id.state), ("sent", "outgoing"))
        self.pay(invoice, 300, day)
        self.run_day(day, hour="16:00:00")
        self.assertEqual((email.state, email.mail_id.state), ("cancelled", "cancel"))
        self.assertEqual(email.reason, "Paid before it went out.")

    def test_weekly_cap(self):
        """Cap 3 a week. Day 28: friendly email and call (2). Day 30: demand letter
        and email would make 4 in seven days: the letter goes (3), the email is
        not sent and says why; day 35, once day 28 is out of the week, it goes."""
        self.company.smec_weekly_contact_cap = 3
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        self.run_day(DUE + timedelta(days=28))
        self.run_day(DUE + timedelta(days=30))
        day30 = self.Contact.search([("partner_id", "=", self.customer.id), ("date", "=", DUE + timedelta(days=30))])
        self.assertEqual(sorted((c.channel, c.state) for c in day30), [("email", "cancelled"), ("letter", "sent")])
        self.assertIn("3 times in seven days", day30.filtered(lambda c: c.channel == "email").reason)
        for offset in range(31, 36):
            self.run_day(DUE + timedelta(days=offset))
        emails = self.Contact.search(
            [("partner_id", "=", self.customer.id), ("stage_id", "=", self.stage[30].id), ("channel", "=", "email")]
        )
        # each day of a full week the email is tried, not sent, and says why
        self.assertEqual(
            [((c.date - DUE).days, c.state) for c in emails.sorted("date")],
            [
                (30, "cancelled"),
                (31, "cancelled"),
                (32, "cancelled"),
                (33, "cancelled"),
                (34, "cancelled"),
                (35, "sent"),
            ],
        )

    def test_quiet_hours(self):
        """At 23:30 in Shanghai (15:30 UTC) the email waits for 08:00 (00:00 UTC
        the next day) and the call is due the next day."""
        self.make_invoice(self.customer, 300, DUE - timedelta(days=60), DUE)
        day = DUE + timedelta(days=8)
        self.run_day(day, hour="15:30:00")
        found = self.Contact.search([("partner_id", "=", self.customer.id)])
        mail = found.filtered(lambda c: c.channel == "email").mail_id
        self.assertEqual(str(mail.scheduled_date), f"{day + timedelta(days=1)} 00:00:00")
        call = found.filtered(lambda c: c.channel == "call").activity_id
        self.assertEqual(call.date_deadline, day + timedelta(days=1))
        # in the day, nothing waits
        self.make_invoice(self.customer.copy({"name": "Day"}), 300, DUE - timedelta(days=60), DUE)
        self.run_day(day, hour="03:00:00")
        mail = self.Contact.search([("partner_id.name", "=", "Day"), ("channel", "=", "email")]).mail_id
        self.assertFalse(mail.scheduled_date)

    def test_stage_needing_confirmation_waits_for_a_manager(self):
        """Day 60, the demand of day 30 unpaid: third-party assistance needs a
        Collection Manager. The scheduled run writes it as waiting for one (the
        run itself is done); a manager sends it from the queue
        (test_confirmation_queue.py)."""
        self.make_invoice(self.customer, 300, DUE - timedelta(days=90), DUE)
        self.reached(self.customer, 30, DUE + timedelta(days=30))
        self.run_day(DUE + timedelta(days=60))
        waiting = self.Contact.search([("partner_id", "=", self.customer.id), ("stage_id", "=", self.stage[60].id)])
        self.assertEqual(sorted(waiting.mapped("channel")), ["call", "letter"])
        self.assertEqual(set(waiting.mapped("state")), {"waiting"})
        self.assertEqual(waiting.run_id.state, "done")
        with freeze_time(f"{DUE + timedelta(days=60)} 03:00:00"):
            waiting.action_send()
        self.assertEqual(set(waiting.mapped("state")), {"sent"})

    def test_legal_preparation_holds_orders(self):
        """Day 90, after a demand delivered and the lawyer's letter: the legal
        stage (confirmed) flags the partner: its orders are held at the credit
        gate, and a manager has the task to open the file."""
        self.make_invoice(self.customer, 300, DUE - timedelta(days=120), DUE)
        self.reached(self.customer, 30, DUE + timedelta(days=30), state="delivered")
        self.reached(self.customer, 60, DUE + timedelta(days=60))
        day = DUE + timedelta(days=90)
        with freeze_time(f"{day} 03:00:00"):
            run = self.env["smec.collection.run"].create({"company_id": self.company.id})
            run.action_preview()
            hold = run.contact_ids.filtered(lambda c: c.channel == "hold")
            self.assertEqual(hold.stage_id, self.stage[90])
            run.action_confirm()
        flag = self.env["smec.credit.risk.flag"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual((flag.flag_type, flag.blocking, flag.source), ("collection_legal", True, hold.name))
        self.assertTrue(self.customer.smec_has_blocking_flag)
        self.assertIn("legal file", hold.activity_id.summary)

    def test_manual_preview_skip_hold_back_cancel(self):
        others = self.customer.copy({"name": "Skip"}) | self.customer.copy({"name": "Later"})
        for partner in self.customer | others:
            self.make_invoice(partner, 100, DUE - timedelta(days=40), DUE)
        day = DUE + timedelta(days=8)
        with freeze_time(f"{day} 03:00:00"):
            run = self.env["smec.collection.run"].with_user(self.env.user).create({"company_id": self.company.id})
            run.action_preview()
            self.assertEqual(len(run.contact_ids), 6)
            self.assertEqual(set(run.contact_ids.mapped("state")), {"draft"})
            run.contact_ids.filtered(lambda c: c.partner_id.name == "Skip").action_skip()
            run.contact_ids.filtered(lambda c: c.partner_id.name == "Later").action_hold_back()
            run.action_confirm()
        self.assertEqual(sorted(self.contacts(self.customer)), [(8, 7, "call", "sent"), (8, 7, "email", "sent")])
        self.assertEqual(set(self.Contact.search([("partner_id.name", "=", "Skip")]).mapped("state")), {"cancelled"})
        self.assertFalse(self.Contact.search([("partner_id.name", "=", "Later")]))
        # the scheduled run the same day: the skipped partner stays skipped, the held one comes back
        self.run_day(day, hour="05:00:00")
        self.assertEqual(len(self.Contact.search([("partner_id.name", "=", "Later"), ("state", "=", "sent")])), 2)
        self.assertEqual(set(self.Contact.search([("partner_id.name", "=", "Skip")]).mapped("state")), {"cancelled"})

    def test_cancelled_preview_sends_nothing(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        with freeze_time(f"{DUE + timedelta(days=8)} 03:00:00"):
            run = self.env["smec.collection.run"].create({"company_id": self.company.id})
            run.action_preview()
            run.action_cancel()
        self.assertEqual(set(run.contact_ids.mapped("state")), {"cancelled"})
        self.assertFalse(run.contact_ids.mail_id)
        self.assertFalse(run.contact_ids.activity_id)

    def test_call_outcome_is_recorded_on_the_task(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        self.run_day(DUE + timedelta(days=8))
        call = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "call")])
        activity = call.activity_id
        self.assertIn("Confirm the invoices", activity.note)
        call.action_reached()
        self.assertEqual((call.call_outcome, call.state), ("reached", "delivered"))
        self.assertFalse(activity.exists() and activity.active)

    def test_a_call_task_done_from_the_chatter_needs_its_outcome(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        self.run_day(DUE + timedelta(days=8))
        call = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "call")])
        activity = call.activity_id
        with self.assertRaises(UserError) as caught:
            activity.action_feedback(feedback="Spoke to the owner")
        self.assertIn("Record how the call to", str(caught.exception))
        self.assertTrue(activity.exists() and activity.active, "refused: the task stays open")
        self.assertFalse(call.call_outcome)
        activity.smec_call_outcome = "refused"
        activity.action_feedback(feedback="The owner refuses to pay before the new season")
        self.assertEqual((call.call_outcome, call.state), ("refused", "delivered"))
        self.assertFalse(activity.exists() and activity.active)

    def test_template_that_fails_marks_its_contact_failed(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        broken = self.env.ref("smec_credit_collection.mail_template_dunning").copy(
            {"body_html": "<p t-out='object.no_such_field'/>"}
        )
        self.stage[7].mail_template_id = broken
        with mute_logger("odoo.addons.smec_credit_collection.models.smec_collection_run_send", "odoo.addons.mail"):
            self.run_day(DUE + timedelta(days=8))
        found = self.Contact.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(sorted((c.channel, c.state) for c in found), [("call", "sent"), ("email", "failed")])
        self.assertIn("no_such_field", found.filtered(lambda c: c.channel == "email").reason)

    def test_email_delivery_state_follows_the_mail_queue(self):
        self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        self.run_day(DUE + timedelta(days=8))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        with self.mock_mail_gateway():
            email.mail_id.send()
        self.assertEqual(email.mail_state, "sent")
        self.assertEqual(email.state, "delivered")


@tagged("post_install", "-at_install")
class TestDunningLetter(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("zh_CN", "zh_TW"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(["smec_credit_collection"], ["zh_CN", "zh_TW"])
        cls.customer.lang = "zh_CN"
        cls.env["res.partner.bank"].create(
            {"partner_id": cls.company.partner_id.id, "acc_number": "6222 0000 1111 2222", "allow_out_payment": True}
        )

    def test_chinese_demand_letter_is_a_real_pdf_with_cjk_glyphs(self):
        """Day 30, the customer reads Chinese: the stored letter is a PDF with the
        Chinese stage and wording, the invoice, the total, the deadline, the bank
        account and the contact's reference, in an embedded CJK font (without
        one, wkhtmltopdf prints boxes while the text layer still looks right)."""
        invoice = self.make_invoice(self.customer, 1234.5, DUE - timedelta(days=30), DUE)
        with freeze_time(f"{DUE + timedelta(days=30)} 02:00:00"):
            self.env["smec.collection.run"].with_context(force_report_rendering=True)._cron_run()
        letter = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "letter")])
        self.assertEqual(letter.state, "sent")
        pdf = base64.b64decode(letter.letter_attachment_id.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        reader = PdfReader(io.BytesIO(pdf))
        # the text layer maps some glyphs to their compatibility forms (Kangxi radicals)
        text = unicodedata.normalize("NFKC", re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages)))
        for expected in (
            "正式催款函",
            "现正式要求贵方",
            "参考编号",
            "应付合计",
            invoice.name.replace(" ", ""),
            "1,234.50",
            letter.name,
            "6222000011112222",
            f"{DUE + timedelta(days=40):%Y/%m/%d}",  # zh_CN's date format
        ):
            self.assertIn(expected, text)
        fonts = {
            str(font.get_object()["/BaseFont"])
            for page in reader.pages
            for font in (page["/Resources"].get_object().get("/Font") or {}).get_object().values()
        }
        self.assertTrue(any("CJK" in name for name in fonts), fonts)
        # reprinting gives the letter as it was sent
        stream, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_collection.action_report_dunning_letter", letter.ids)
        )
        self.assertEqual(stream, pdf)

    def test_a_runs_letters_print_as_one_pdf(self):
        """Two customers at the demand stage: their letters are converted together
        and stored one per contact; the run prints them as one PDF of two pages."""
        other = self.customer.copy({"name": "Second Debtor Ltd", "lang": "en_US"})
        for partner in self.customer | other:
            self.make_invoice(partner, 900, DUE - timedelta(days=30), DUE)
        with freeze_time(f"{DUE + timedelta(days=30)} 02:00:00"):
            self.env["smec.collection.run"].with_context(force_report_rendering=True)._cron_run()
        letters = self.Contact.search([("partner_id", "in", (self.customer | other).ids), ("channel", "=", "letter")])
        self.assertEqual(len(letters.letter_attachment_id), 2)
        for letter in letters:
            reader = PdfReader(io.BytesIO(letter.letter_attachment_id.raw))
            self.assertIn(letter.name, "".join(page.extract_text() for page in reader.pages).replace(" ", ""))
        # the run's PDF is the letters as they were stored when sent
        pdf = letters.run_id._letters_pdf()
        self.assertEqual(len(PdfReader(io.BytesIO(pdf)).pages), 2)

    def test_wording_follows_the_partner_language_and_type(self):
        """A large company reading traditional Chinese gets the finance
        department's wording in traditional characters, in the email too."""
        self.customer.write({"lang": "zh_TW", "smec_customer_type": "large"})
        self.make_invoice(self.customer, 800, DUE - timedelta(days=30), DUE)
        self.run_day(DUE + timedelta(days=30))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        self.assertEqual(email.customer_type, "large")
        body = email.mail_id.body_html
        self.assertIn("致貴司財務部", body)
        self.assertIn("應付合計", body)
        self.assertIn("正式催款函", email.mail_id.subject)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("smec_credit_collection.action_report_dunning_letter", email.ids)[0]
            .decode()
        )
        self.assertIn("致貴司財務部", html)


@tagged("post_install", "-at_install")
class TestStatement(DunningCommon):
    def setUp(self):
        super().setUp()
        self.inv1 = self.make_invoice(self.customer, 1000, date(2026, 1, 10), date(2026, 2, 9))
        self.make_invoice(self.customer, 500, date(2026, 2, 20), date(2026, 3, 22))
        self.refund = self.make_invoice(self.customer, 200, date(2026, 3, 5), move_type="out_refund")
        self.pay(self.inv1, 600, date(2026, 3, 10))
        self.statement = self.env["smec.collection.statement"].create(
            {"partner_id": self.customer.id, "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)}
        )

    def test_figures(self):
        """Opening on 1 March: 1,000 + 500 = 1,500. March: credit note -200 on the
        5th (1,300), payment -600 on the 10th (700). Closing 700. Aging on 31
        March: invoice 1's 400 left, due 9 Feb, 50 days (31-60); invoice 2's 500,
        due 22 March, 9 days, and the unapplied credit note -200, 26 days (1-30):
        300."""
        statement = self.statement
        self.assertEqual((statement.opening_balance, statement.closing_balance), (1500.0, 700.0))
        lines = statement._statement_lines()
        self.assertEqual(
            [(line["date"], line["kind"], line["debit"], line["credit"], line["running"]) for line in lines],
            [
                (date(2026, 3, 5), "Credit note", 0.0, 200.0, 1300.0),
                (date(2026, 3, 10), "Payment", 0.0, 600.0, 700.0),
            ],
        )
        aging = dict(statement._aging_summary())
        labels = self.company._smec_aging_labels()
        self.assertEqual((aging[labels[1]], aging[labels[2]], sum(aging.values())), (300.0, 400.0, 700.0))

    def test_pdf_and_email(self):
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("smec_credit_collection.action_report_statement", self.statement.ids)[0]
            .decode()
        )
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        for expected in ("Opening balance", "1,500.00", "Closing balance", "700.00", "Balance confirmation slip"):
            self.assertIn(expected, text)
        action = self.statement.action_send()
        composer = Form(
            self.env["mail.compose.message"].with_context(action["context"], force_report_rendering=True)
        ).save()
        composer._action_send_mail()
        self.assertEqual(self.statement.state, "sent")
        message = self.statement.message_ids.filtered(lambda m: m.message_type == "comment")[:1]
        self.assertEqual(message.attachment_ids.mapped("mimetype"), ["application/pdf"])
        self.assertEqual(message.partner_ids, self.customer)

    def test_pdf_carries_its_letterhead_in_the_page(self):
        """Two statements printed together (one conversion: Debian's wkhtmltopdf takes no header file and one
        document only): each page has the company's letterhead (its name and address) above the customer's."""
        self.company.partner_id.write({"street": "88 Jiefang Road", "city": "Foshan"})
        other = self.env["smec.collection.statement"].create(
            {"partner_id": self.customer.id, "date_from": date(2026, 2, 1), "date_to": date(2026, 2, 28)}
        )
        pdf, _type = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("smec_credit_collection.action_report_statement", (self.statement | other).ids)
        )
        pages = [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]
        starts = [text for text in pages if "StatementofAccount" in text]
        self.assertEqual(len(starts), 2)
        company = re.sub(r"\s+", "", self.company.name)
        for text in starts:
            self.assertIn(company, text)
            self.assertIn("88JiefangRoad", text)
            self.assertLess(text.index("88JiefangRoad"), text.index("StatementofAccount"))
            self.assertIn(re.sub(r"\s+", "", self.customer.name), text)

    def test_returned_slip(self):
        with self.assertRaisesRolledBack(UserError, "signed slip"):
            self.statement.action_record_slip()
        slip = self.env["ir.attachment"].create({"name": "slip.pdf", "raw": b"%PDF-1.4 signed"})
        self.statement.write(
            {"returned_date": date(2026, 4, 8), "confirmed_amount": 700, "slip_attachment_ids": [(6, 0, slip.ids)]}
        )
        self.statement.action_record_slip()
        self.assertEqual(self.statement.state, "confirmed")
        with self.assertRaisesRolledBack(AccessError, "part of the history"):
            self.statement.date_to = date(2026, 4, 30)
        other = self.statement.copy({"confirmed_amount": 650, "returned_date": date(2026, 4, 8)})
        other.slip_attachment_ids = slip
        other.action_record_slip()
        self.assertEqual(other.state, "disputed")
