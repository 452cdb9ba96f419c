"""The limitation clock, with dates worked out by hand on China's 2026 calendar.

2026 rest days used below: Spring Festival 15-23 Feb (Saturday 14 and 28 Feb
working), Labour Day 1-5 May, Dragon Boat 19-21 June, Mid-autumn 25-27 Sep,
National Day 1-7 Oct; 7 March and 3 Oct are a Saturday.
"""

import base64
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_credit.models.account_move import AccountMove as CreditMove

from ..models.account_move import AccountMove as CollectionMove
from .test_dunning import DunningCommon


@tagged("post_install", "-at_install")
class TestLimitationClock(DunningCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["smec.collection.limitation.event"]
        cls.agent = new_test_user(
            cls.env, "smec_lim_agent", groups="smec_credit_collection.group_collection_agent", company_id=cls.company.id
        )
        cls.manager = new_test_user(
            cls.env,
            "smec_lim_manager",
            groups="smec_credit_collection.group_collection_manager",
            company_id=cls.company.id,
        )

    def evidence(self):
        return (
            self.env["ir.attachment"]
            .with_user(self.agent)
            .create({"name": "acknowledgment.pdf", "datas": base64.b64encode(b"%PDF")})
        )

    def invoice(self, due, invoice_date=None):
        return self.make_invoice(self.customer, 1000, invoice_date or date(due.year, 1, 3), due)

    def clock(self, invoice):
        invoice.invalidate_recordset()
        return invoice.smec_limitation_start, invoice.smec_limitation_expiry, invoice.smec_limitation_provisional

    def test_three_years_from_the_due_date(self):
        # due Friday 30 June 2023: 30 June 2026 is a Tuesday
        self.assertEqual(self.clock(self.invoice(date(2023, 6, 30))), (date(2023, 6, 30), date(2026, 6, 30), False))

    def test_a_last_day_on_a_weekend_moves_to_monday(self):
        # 7 March 2026 is a Saturday -> Monday 9 March
        self.assertEqual(self.clock(self.invoice(date(2023, 3, 7)))[1], date(2026, 3, 9))

    def test_a_last_day_inside_a_statutory_holiday_moves_past_it(self):
        # 1 Oct 2026, National Day (1-7 Oct) -> Thursday 8 Oct
        self.assertEqual(self.clock(self.invoice(date(2023, 10, 1)))[1], date(2026, 10, 8))
        # 16 Feb 2026, Spring Festival (15-23 Feb) -> Tuesday 24 Feb
        self.assertEqual(self.clock(self.invoice(date(2023, 2, 16)))[1], date(2026, 2, 24))

    def test_a_make_up_saturday_is_a_working_day(self):
        # Saturday 14 Feb 2026 is a working day: the period ends on it
        self.assertEqual(self.clock(self.invoice(date(2023, 2, 14)))[1], date(2026, 2, 14))

    def test_a_leap_day_start(self):
        # from 29 Feb 2020: 2023 has no 29 Feb, the period ends on 28 Feb 2023 (a Tuesday)
        self.assertEqual(self.clock(self.invoice(date(2020, 2, 29)))[1:], (date(2023, 2, 28), False))

    def test_an_expiry_in_an_unpublished_year_is_provisional_until_published(self):
        # from 29 Feb 2024: 28 Feb 2027, a Sunday of a year with no published calendar
        invoice = self.invoice(date(2024, 2, 29))
        self.assertFalse(
            self.env["smec.workday.year"].search([("year", "=", 2027)]),
            "the installed chinesecalendar knows 2027: move this test to its first unknown year",
        )
        self.assertEqual(self.clock(invoice)[1:], (date(2027, 2, 28), True))
        year = self.env["smec.workday.year"].create(
            {
                "year": 2027,
                "day_ids": [Command.create({"date": date(2027, 2, d), "name": "春节"}) for d in range(6, 14)],
            }
        )
        year.action_publish()
        self.env["account.move"]._cron_limitation_clock()
        # Sunday 28 Feb 2027 -> Monday 1 March
        self.assertEqual(self.clock(invoice)[1:], (date(2027, 3, 1), False))

    def test_instalments_run_from_the_last_due_date(self):
        """Civil Code Art. 189: Odoo's due date of an invoice in instalments is the
        last instalment's."""
        term = self.env["account.payment.term"].create(
            {
                "name": "Half now, half in 90 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 50, "nb_days": 90}),
                ],
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_date": date(2023, 3, 3),
                "invoice_payment_term_id": term.id,
                "invoice_line_ids": [Command.create({"name": "Tiles", "quantity": 1, "price_unit": 1000})],
            }
        )
        invoice.action_post()
        # last instalment: 3 March + 90 days = 1 June 2023; 1 June 2026 is a Monday
        self.assertEqual(self.clock(invoice)[:2], (date(2023, 6, 1), date(2026, 6, 1)))

    # ------------------------------------------------------------
    # restarts, one per kind of event
    # ------------------------------------------------------------

    def test_a_partial_payment_restarts_and_unreconciling_undoes_it(self):
        invoice = self.invoice(date(2023, 2, 9))
        self.assertEqual(self.clock(invoice)[1], date(2026, 2, 9))
        payment = self.pay(invoice, 100, date(2023, 5, 1))
        event = invoice.smec_limitation_event_ids
        self.assertEqual((event.kind, event.date), ("payment", date(2023, 5, 1)))
        self.assertEqual(event.partial_id.credit_move_id.move_id, payment.move_id)
        # 1 May 2026, Labour Day (1-5 May) -> Wednesday 6 May
        self.assertEqual(self.clock(invoice)[:2], (date(2023, 5, 1), date(2026, 5, 6)))
        payment.move_id.line_ids.remove_move_reconcile()
        self.assertFalse(invoice.smec_limitation_event_ids)
        self.assertEqual(self.clock(invoice)[1], date(2026, 2, 9))

    def test_a_credit_note_does_not_restart(self):
        invoice = self.invoice(date(2023, 2, 9))
        reversal = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": "Broken tiles", "journal_id": invoice.journal_id.id, "date": date(2023, 4, 3)})
        )
        reversal.refund_moves()
        refund = self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)])
        refund.invoice_line_ids.price_unit = 100
        refund.action_post()
        (refund | invoice).line_ids.filtered(lambda aml: aml.account_type == "asset_receivable").reconcile()
        self.assertEqual(invoice.amount_residual, 900)
        self.assertFalse(invoice.smec_limitation_event_ids)

    def contact(self, invoice, channel, day):
        line = invoice.line_ids.filtered(lambda aml: aml.account_type == "asset_receivable")
        return self.Contact.sudo().create(
            {
                "company_id": self.company.id,
                "partner_id": self.customer.id,
                "currency_id": self.currency.id,
                "stage_id": self.stage[30].id,
                "channel": channel,
                "date": day,
                "state": "sent",
                "line_ids": [
                    Command.create(
                        {"move_line_id": line.id, "move_id": invoice.id, "amount_residual": line.amount_residual}
                    )
                ],
            }
        )

    def test_a_demand_letter_signed_for_restarts_on_the_signed_date(self):
        invoice = self.invoice(date(2023, 2, 9))
        letter = self.contact(invoice, "letter", date(2023, 6, 12))
        self.assertFalse(invoice.smec_limitation_event_ids, "a letter not yet signed for proves nothing")
        letter.with_user(self.agent).write(
            {"tracking_ref": "SF1234", "signed_date": date(2023, 6, 19), "signed_proof_ids": self.evidence().ids}
        )
        self.assertEqual(letter.state, "delivered")
        event = invoice.smec_limitation_event_ids
        self.assertEqual(
            (event.kind, event.date, event.contact_id, event.evidence), ("demand", date(2023, 6, 19), letter, "signed")
        )
        # 19 June 2026, Dragon Boat (19-21 June) -> Monday 22 June
        self.assertEqual(self.clock(invoice)[1], date(2026, 6, 22))
        # a signed-for date corrected by a manager moves the restart with it
        letter.with_user(self.manager).write({"signed_date": date(2023, 6, 16)})
        self.assertEqual(invoice.smec_limitation_event_ids.date, date(2023, 6, 16))
        self.assertEqual(self.clock(invoice)[1], date(2026, 6, 16))

    def test_an_email_to_the_address_for_notices_restarts_on_the_day_it_was_sent(self):
        """Sent to the address the debtor designated for notices and not
        returned: a data message that should have arrived (the readme: when a
        demand counts)."""
        invoice = self.invoice(date(2023, 2, 9))
        email = self.contact(invoice, "email", date(2023, 9, 25))
        email.sudo().mail_id = self.env["mail.mail"].create(
            {"body_html": "Reminder", "recipient_ids": [Command.set(self.customer.ids)]}
        )
        with freeze_time("2023-09-25 03:00:00"):
            email.write({"state": "delivered"})
        self.assertFalse(invoice.smec_limitation_event_ids, "no address designated for notices: it proves nothing")
        self.customer.smec_notice_email = "ap@huaxin.example.com"
        with freeze_time("2023-09-25 03:00:00"):
            email._smec_record_demands()
        event = invoice.smec_limitation_event_ids
        self.assertEqual((event.date, event.evidence), (date(2023, 9, 25), "data_message"))
        # 25 Sep 2026, Mid-autumn (25-27 Sep) -> Monday 28 Sep
        self.assertEqual(self.clock(invoice)[1], date(2026, 9, 28))

    def test_a_call_does_not_restart(self):
        invoice = self.invoice(date(2023, 2, 9))
        call = self.contact(invoice, "call", date(2023, 5, 8))
        call.write({"state": "delivered"})
        self.assertFalse(invoice.smec_limitation_event_ids)

    def test_a_confirmed_statement_restarts_on_the_day_it_was_signed(self):
        invoice = self.invoice(date(2023, 2, 9))
        later = self.make_invoice(self.customer, 500, date(2023, 10, 9), date(2023, 11, 8))
        statement = self.env["smec.collection.statement"].create(
            {"partner_id": self.customer.id, "date_from": date(2023, 1, 1), "date_to": date(2023, 9, 30)}
        )
        self.assertEqual(statement.closing_balance, 1000)
        statement.write(
            {"returned_date": date(2023, 10, 3), "confirmed_amount": 1000, "slip_attachment_ids": self.evidence().ids}
        )
        statement.action_record_slip()
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(invoice.smec_limitation_event_ids.mapped("kind"), ["confirmation"])
        self.assertFalse(later.smec_limitation_event_ids, "not in the confirmed balance")
        # 3 Oct 2026, inside National Day -> Thursday 8 Oct
        self.assertEqual(self.clock(invoice)[1], date(2026, 10, 8))

    def test_an_acknowledgment_and_a_filing_entered_with_their_evidence(self):
        invoice = self.invoice(date(2023, 2, 9))
        Event = self.Event.with_user(self.agent)
        with self.assertRaisesRegex(ValidationError, "evidence"):
            Event.create({"move_id": invoice.id, "kind": "acknowledgment", "date": date(2023, 3, 7)})
        Event.create(
            {
                "move_id": invoice.id,
                "kind": "acknowledgment",
                "date": date(2023, 3, 7),
                "attachment_ids": self.evidence().ids,
            }
        )
        self.assertEqual(self.clock(invoice)[1], date(2026, 3, 9))
        Event.create(
            {"move_id": invoice.id, "kind": "filing", "date": date(2023, 12, 31), "attachment_ids": self.evidence().ids}
        )
        # the latest restart counts: 31 Dec 2026 is a Thursday
        self.assertEqual(self.clock(invoice)[:2], (date(2023, 12, 31), date(2026, 12, 31)))

    def test_a_restart_before_the_invoice_or_in_the_future_is_refused(self):
        invoice = self.invoice(date(2023, 2, 9), invoice_date=date(2023, 1, 10))
        Event = self.Event.with_user(self.agent)
        for day, message in (
            (date(2023, 1, 9), "before invoice"),
            (self.today.replace(year=self.today.year + 1), "future"),
        ):
            # assertRaises rolls back to a savepoint, as the server does for a refused call
            with self.assertRaises(ValidationError) as caught:
                Event.create(
                    {"move_id": invoice.id, "kind": "filing", "date": day, "attachment_ids": self.evidence().ids}
                )
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.Event.search([("move_id", "=", invoice.id)]), "nothing half-written")

    def test_users_cannot_forge_the_clock(self):
        invoice = self.invoice(date(2023, 2, 9))
        letter = self.contact(invoice, "letter", date(2023, 6, 12))
        accountant = new_test_user(self.env, "smec_lim_accountant", groups="account.group_account_invoice")
        with self.assertRaises(UserError) as caught:
            invoice.with_user(accountant).write({"smec_limitation_expiry": date(2030, 1, 1)})
        self.assertIn("of a Journal Entry cannot be set", str(caught.exception))
        self.assertEqual(self.clock(invoice)[1], date(2026, 2, 9), "a computed value sent is refused")
        # every field the clock computes or its sources set is refused, and the clock stays
        clock = self.clock(invoice)
        values = {
            "smec_limitation_start": date(2020, 1, 1),
            "smec_limitation_expiry": date(2030, 1, 1),
            "smec_limitation_provisional": True,
            "smec_limitation_warned": 30,
            "smec_limitation_warned_for": date(2030, 1, 1),
            "smec_dispute_id": self.env["smec.collection.dispute"]
            .create({"name": "Broken tiles", "partner_id": self.customer.id, "invoice_ids": [(6, 0, invoice.ids)]})
            .id,
            "smec_interest_until": date(2030, 1, 1),
            "smec_interest_invoiced_until": date(2030, 1, 1),
        }
        self.assertEqual(set(values), CollectionMove._smec_code_fields - CreditMove._smec_code_fields)
        self.assertLessEqual(set(values), invoice._smec_all_code_fields())
        for name, value in values.items():
            with self.subTest(field=name), self.assertRaises(UserError) as caught:
                invoice.with_user(accountant).write({name: value})
            self.assertIn(f"{name}=", str(caught.exception))
        self.assertEqual(self.clock(invoice), clock)
        # a source cannot be claimed by hand, nor its events changed
        event_vals = {
            "move_id": invoice.id,
            "kind": "demand",
            "date": date(2023, 6, 19),
            "attachment_ids": self.evidence().ids,
        }
        with self.assertRaises(UserError) as caught:
            self.Event.with_user(self.agent).create({**event_vals, "contact_id": letter.id})
        self.assertIn("Dunning Contact of a Limitation Restart cannot be set", str(caught.exception))
        event = self.Event.with_user(self.agent).create(event_vals)
        self.assertFalse(event.contact_id)
        letter.with_user(self.agent).write(
            {"tracking_ref": "SF1", "signed_date": date(2023, 6, 19), "signed_proof_ids": self.evidence().ids}
        )
        sourced = invoice.smec_limitation_event_ids.filtered("contact_id")
        with self.assertRaisesRegex(AccessError, "source"):
            sourced.with_user(self.agent).write({"date": date(2023, 12, 1)})
        with self.assertRaises(AccessError):
            event.with_user(self.agent).unlink()  # agents do not delete evidence

    # ------------------------------------------------------------
    # warnings and the proposed demand letter
    # ------------------------------------------------------------

    def warnings(self, invoice):
        return self.env["mail.activity"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", invoice.id), ("summary", "like", "Claim expires")]
        )

    def test_warned_90_and_30_days_before_expiry_once_each(self):
        invoice = self.invoice(date(2023, 2, 9))  # expires Monday 9 Feb 2026
        with freeze_time("2025-11-10 02:00:00"):  # 91 days before
            self.env["account.move"]._cron_limitation_clock()
        self.assertFalse(self.warnings(invoice))
        for day in ("2025-11-11", "2025-11-12"):  # 90 days before, then the day after
            with freeze_time(f"{day} 02:00:00"):
                self.env["account.move"]._cron_limitation_clock()
        self.assertEqual(len(self.warnings(invoice)), 1)
        for day in ("2026-01-10", "2026-01-11"):  # 30 days before, then the day after
            with freeze_time(f"{day} 02:00:00"):
                self.env["account.move"]._cron_limitation_clock()
        self.assertEqual(len(self.warnings(invoice)), 2)
        self.assertIn("2026-02-09", self.warnings(invoice)[0].summary)
        self.assertTrue(self.warnings(invoice).user_id.has_group("smec_credit_collection.group_collection_manager"))
        with freeze_time("2026-01-12 02:00:00"):
            self.assertEqual(invoice.smec_limitation_status, "expiring")
        with freeze_time("2026-02-10 02:00:00"):
            invoice.invalidate_recordset(["smec_limitation_status"])
            self.assertEqual(invoice.smec_limitation_status, "expired")

    def test_the_run_proposes_a_demand_letter_before_a_claim_expires(self):
        """Past 90 days overdue the partner sits at the legal stage, which sends no
        letter; 60 days before its claim expires the run adds one, once."""
        invoice = self.invoice(date(2023, 2, 9))  # expires 9 Feb 2026
        self.stage[90].needs_confirmation = False
        # the demand was delivered and the lawyer's letter sent long ago (written as the runs left them, without
        # restarting the period)
        self.reached(self.customer, 30, date(2023, 3, 11), state="delivered")
        self.reached(self.customer, 60, date(2023, 4, 10))
        self.run_day(date(2025, 11, 1))  # 100 days before: the legal stage only
        today = self.Contact.search([("partner_id", "=", self.customer.id), ("date", "=", date(2025, 11, 1))])
        self.assertEqual(today.mapped("channel"), ["hold"])
        self.run_day(date(2025, 12, 11))  # 60 days before
        letters = [("partner_id", "=", self.customer.id), ("channel", "=", "letter"), ("date", ">", date(2025, 1, 1))]
        letter = self.Contact.search(letters)
        self.assertEqual(len(letter), 1)
        self.assertIn("2026-02-09", letter.reason)
        self.assertEqual(letter.line_ids.move_id, invoice)
        self.run_day(date(2025, 12, 20))  # a letter on its way: not again
        self.assertEqual(len(self.Contact.search(letters)), 1)
