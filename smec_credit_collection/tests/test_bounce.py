"""A dunning email the debtor's mail server sends back: the contact fails, its
demand stops restarting the limitation period, the collector is told."""

from datetime import timedelta

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


@tagged("post_install", "-at_install")
class TestDunningBounce(DunningCommon, MockEmail):
    def test_a_returned_email_fails_its_contact_and_its_demand(self):
        invoice = self.make_invoice(self.customer, 100, DUE - timedelta(days=40), DUE)
        self.run_day(DUE + timedelta(days=8))
        email = self.Contact.search([("partner_id", "=", self.customer.id), ("channel", "=", "email")])
        start_before = invoice.smec_limitation_start
        self.assertEqual(start_before, DUE, "the limitation period runs from the due date")
        with self.mock_mail_gateway():
            email.mail_id.send()
        self.assertEqual(email.state, "delivered")
        demand = self.env["smec.collection.limitation.event"].search([("contact_id", "=", email.id)])
        self.assertEqual(demand.move_id, invoice)
        self.assertGreater(invoice.smec_limitation_start, DUE, "the delivered demand restarted it")

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
