"""A dunning email and the limitation period (the readme: when a demand
counts). Taken by the company's mail server it restarts nothing, unless it was
addressed to the address the debtor designated for notices: then it is a data
message that should have arrived, the weakest evidence, shown as such in the
legal file; sent back by the debtor's mail server it restarts nothing; answered
by the debtor, it rests on the debtor's own message."""

from datetime import date, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.mail.tests.common import MockEmail

from .test_dunning import DUE, DunningCommon

BOUNCE = """Return-Path: <>
From: MAILER-DAEMON@mx.huaxin.example.com
To: bounce@example.com
Subject: Undelivered Mail Returned to Sender
Message-Id: <dsn-20260310@mx.huaxin.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="DSN"

--DSN
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered: the mailbox does not exist.

--DSN
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.huaxin.example.com

Final-Recipient: rfc822; {recipient}
Action: failed
Status: 5.1.1

--DSN
Content-Type: message/rfc822

Message-Id: {message_id}
From: collection@example.com
To: {recipient}
Subject: Payment reminder

Reminder.
--DSN--
"""


REPLY = """From: Li Na <ap@huaxin.example.com>
To: catchall@example.com
Subject: Re: Payment reminder
Message-Id: <reply-20260315@huaxin.example.com>
In-Reply-To: {message_id}
References: {message_id}
Date: Sun, 15 Mar 2026 09:00:00 +0800
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

We received your reminder and will pay next week.
"""


@tagged("post_install", "-at_install")
class TestDunningBounce(DunningCommon, MockEmail):
    def email_sent(self, invoice):
        self.run_day(DUE + timedelta(days=8))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        with freeze_time(f"{DUE + timedelta(days=8)} 03:00:00"), self.mock_mail_gateway():
            email.mail_id.send()
        self.assertEqual(email.state, "delivered")
        return email

    def test_an_email_the_mail_server_took_restarts_nothing_by_itself(self):
        invoice = self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        email = self.email_sent(invoice)
        self.assertFalse(invoice.smec_limitation_event_ids, "no address was designated for notices")
        self.assertEqual(invoice.smec_limitation_start, DUE)
        # designated afterwards, another address: nothing either
        self.customer.smec_notice_email = "legal@huaxin.example.com"
        email._smec_record_demands()
        self.assertFalse(invoice.smec_limitation_event_ids)

    def test_the_debtors_reply_proves_the_email_arrived(self):
        invoice = self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        email = self.email_sent(invoice)
        message_id = email.mail_id.mail_message_id.message_id
        self.env["mail.thread"].message_process(False, REPLY.format(message_id=message_id))
        event = invoice.smec_limitation_event_ids
        self.assertEqual((event.kind, event.evidence, event.date), ("demand", "debtor", date(2026, 3, 15)))
        self.assertIn("ap@huaxin.example.com", event.note)

    def test_a_returned_email_fails_its_contact_and_its_demand(self):
        invoice = self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        self.customer.smec_notice_email = "AP@huaxin.example.com"
        self.run_day(DUE + timedelta(days=8))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        start_before = invoice.smec_limitation_start
        self.assertEqual(start_before, DUE, "the limitation period runs from the due date")
        with self.mock_mail_gateway():
            email.mail_id.send()
        self.assertEqual(email.state, "delivered")
        demand = self.env["smec.collection.limitation.event"].search([("contact_id", "=", email.id)])
        self.assertEqual((demand.move_id, demand.evidence), (invoice, "data_message"))
        self.assertGreater(invoice.smec_limitation_start, DUE, "the delivered demand restarted it")
        # the legal file and its bundle say what kind of evidence it is
        legal = self.env["smec.collection.legal.file"].create(
            {"partner_id": self.customer.id, "invoice_ids": invoice.ids}
        )
        legal.action_collect_evidence()
        item = legal.evidence_ids.filtered(lambda e: e.kind == "demand")
        self.assertIn("should have arrived", item.name)
        self.assertIn("ap@huaxin.example.com", item.name)
        self.assertEqual(item.res_model, "mail.message")
        legal.unlink()

        message_id = email.mail_id.mail_message_id.message_id
        self.env["mail.thread"].message_process(
            False, BOUNCE.format(recipient="ap@huaxin.example.com", message_id=message_id)
        )
        self.assertEqual(email.state, "failed")
        self.assertIn("ap@huaxin.example.com", email.reason)
        self.assertFalse(demand.exists(), "a demand that never arrived restarts nothing")
        self.assertEqual(invoice.smec_limitation_start, DUE)
        todo = self.customer.activity_ids.filtered(lambda a: "returned" in (a.summary or ""))
        self.assertEqual(todo.summary, "Dunning email returned: check ap@huaxin.example.com")
        # a second bounce of the same email adds nothing
        self.env["mail.thread"].message_process(
            False, BOUNCE.format(recipient="ap@huaxin.example.com", message_id=message_id)
        )
        self.assertEqual(len(self.customer.activity_ids.filtered(lambda a: "returned" in (a.summary or ""))), 1)
