"""Exam sessions on the last weekend of each month, 2026 worked out by hand:
January, February and October end on a Saturday (their session is the weekend
before), May on a Sunday (its last two days), the others mid-week. On the
calendar, February's 21-22 is the Spring Festival and 14-15 half worked, half
holiday: its session is on 7-8; September's 26-27 is the Mid-autumn festival and
its 20th a make-up working day: 12-13."""

import io
from datetime import date

from freezegun import freeze_time
from PIL import Image

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.smec_credit_training.models.smec_training_session import exam_weekend, last_weekend

from .common import approved_enrolment

SATURDAYS_2026 = {
    1: 24,
    2: 21,
    3: 28,
    4: 25,
    5: 30,
    6: 27,
    7: 25,
    8: 29,
    9: 26,
    10: 24,
    11: 28,
    12: 26,
}
EXAM_SATURDAYS_2026 = {**SATURDAYS_2026, 2: 7, 9: 12}


@tagged("post_install", "-at_install")
class TestSessions(TransactionCase):
    def test_the_last_weekend_of_each_month_of_2026(self):
        for month, day in SATURDAYS_2026.items():
            with self.subTest(month=month):
                self.assertEqual(last_weekend(2026, month), (date(2026, month, day), date(2026, month, day + 1)))

    def test_february_of_a_leap_year_and_a_month_ending_on_sunday(self):
        # 29 Feb 2032 is a Sunday: the session is on the 28th and 29th
        self.assertEqual(last_weekend(2032, 2), (date(2032, 2, 28), date(2032, 2, 29)))
        # 31 Aug 2025 is a Sunday
        self.assertEqual(last_weekend(2025, 8), (date(2025, 8, 30), date(2025, 8, 31)))

    def test_the_exam_weekends_of_2026_avoid_holidays_and_make_up_days(self):
        Calendar = self.env["smec.workday.year"]
        for month, day in EXAM_SATURDAYS_2026.items():
            with self.subTest(month=month):
                self.assertEqual(
                    exam_weekend(Calendar, 2026, month), (date(2026, month, day), date(2026, month, day + 1))
                )

    def test_a_year_the_calendar_does_not_know_is_not_planned_and_the_manager_is_told(self):
        manager = new_test_user(self.env, "smec_plan_manager", groups="smec_credit_training.group_training_manager")
        Session = self.env["smec.training.session"]
        with freeze_time("2026-12-07 02:00:00"):
            created = Session._cron_plan(months_ahead=2)
        self.assertEqual(created.mapped("date_theory"), [date(2026, 12, 26)], "January and February 2027 wait")
        programme = self.env.ref("smec_credit_training.programme_credit_manager")
        todo = programme.activity_ids.filtered(lambda a: "2027" in a.summary)
        self.assertEqual(todo.user_id, manager)
        # a Training Officer cannot plan on a holiday weekend, nor in a year the calendar does not know
        officer = new_test_user(self.env, "smec_plan_officer", groups="smec_credit_training.group_training_officer")
        with freeze_time("2026-12-07 02:00:00"), self.assertRaisesRegex(UserError, "no published schedule for 2027"):
            Session.with_user(officer).create({"date_theory": date(2027, 1, 30), "date_practical": date(2027, 1, 31)})
        with freeze_time("2026-02-01 02:00:00"), self.assertRaisesRegex(ValidationError, "statutory holiday"):
            Session.with_user(officer).create({"date_theory": date(2026, 2, 21), "date_practical": date(2026, 2, 22)})

    def test_a_year_of_sessions_planned_once_with_the_approved_trainees(self):
        Session = self.env["smec.training.session"]
        training_class = self.env["smec.training.class"].create(
            {"name": "Credit Manager, Beijing", "date_start": "2026-01-05", "date_end": "2026-01-20"}
        )
        trainees = self.env["res.partner"].create([{"name": "Wang Fang"}, {"name": "Li Lei"}])
        accepted, draft = self.env["smec.training.enrolment"].create(
            [{"class_id": training_class.id, "partner_id": partner.id} for partner in trainees]
        )
        buffer = io.BytesIO()
        Image.new("RGB", (413, 579)).save(buffer, format="PNG")
        scans = self.env["ir.attachment"].create([{"name": f"scan{i}.png", "raw": buffer.getvalue()} for i in range(5)])
        accepted.write(
            {
                "doc_id_copy": [Command.set(scans[0].ids)],
                "doc_photos": [Command.set(scans[1:3].ids)],
                "doc_proof": [Command.set(scans[3].ids)],
                "doc_registration_form": [Command.set(scans[4].ids)],
            }
        )
        accepted.action_submit()
        accepted.action_approve()
        # a class that ends in March: its trainee sits the first session after it, not January's
        spring = training_class.copy({"name": "Credit Manager, Beijing, spring", "date_end": "2026-03-10"})
        later = approved_enrolment(self.env, spring, self.env["res.partner"].create({"name": "Ma Rui"}))
        company = self.env.company
        with freeze_time("2026-01-05 02:00:00"):
            Session._cron_plan(months_ahead=11)
            Session._cron_plan(months_ahead=11)  # again: nothing new
        sessions = Session.search([("company_id", "=", company.id)], order="date_theory")
        self.assertEqual([s.date_theory for s in sessions], [date(2026, m, d) for m, d in EXAM_SATURDAYS_2026.items()])
        self.assertEqual(sessions[0].enrolment_ids, accepted, "the next session only, not the draft enrolment")
        self.assertEqual(sessions[2].enrolment_ids, later, "28 March: the first session after the class ends")
        self.assertFalse((sessions[1] | sessions[3:]).enrolment_ids)
        self.assertNotIn(draft, sessions.enrolment_ids)
        # a result of the session takes its date
        result = self.env["smec.training.result"].create(
            {"enrolment_id": accepted.id, "session_id": sessions[0].id, "theory_score": 70}
        )
        self.assertEqual(result.exam_date, date(2026, 1, 25))

    def test_a_session_past_its_date_or_off_a_weekend_is_refused(self):
        officer = new_test_user(self.env, "smec_session_officer", groups="smec_credit_training.group_training_officer")
        Session = self.env["smec.training.session"].with_user(officer)
        with freeze_time("2026-03-01 02:00:00"):
            with self.assertRaisesRegex(ValidationError, "past"):
                Session.create({"date_theory": date(2026, 2, 7), "date_practical": date(2026, 2, 8)})
            with self.assertRaisesRegex(ValidationError, "Saturday"):
                Session.create({"date_theory": date(2026, 3, 27), "date_practical": date(2026, 3, 28)})
            session = Session.create({"date_theory": date(2026, 3, 28), "date_practical": date(2026, 3, 29)})
        self.assertTrue(session)
