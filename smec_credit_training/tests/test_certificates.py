"""Exam results and certificates: the due date counted by hand on China's 2026
calendar from the practical day of the session (Spring Festival 15-23 Feb with
Saturdays 14 and 28 Feb worked; Mid-autumn 25-27 Sep and National Day 1-7 Oct
with Sunday 20 Sep and Saturday 10 Oct worked), and the public verification page."""

import base64
import io
import re
from datetime import date

from freezegun import freeze_time
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import approved_enrolment, exam_session

# the exam weekends of 2026 (the calendar's, see test_sessions): January's, September's
# (its last weekend is the Mid-autumn festival, the one before has a make-up Sunday), November's
JANUARY, SEPTEMBER, NOVEMBER = date(2026, 1, 24), date(2026, 9, 12), date(2026, 11, 28)


def png(width=390, height=567):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


@tagged("post_install", "-at_install")
class TestCertificates(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.examiner = new_test_user(
            cls.env, "smec_cert_examiner", groups="smec_credit_training.group_training_examiner"
        )
        cls.manager = new_test_user(cls.env, "smec_cert_manager", groups="smec_credit_training.group_training_manager")
        training_class = cls.env["smec.training.class"].create(
            {"name": "Credit Manager, Shanghai 2026", "date_start": "2025-11-01", "date_end": "2025-11-30"}
        )
        cls.trainee = cls.env["res.partner"].create({"name": "Zhang Wei", "email": "zhang.wei@example.com"})
        cls.training_class = training_class
        cls.enrolment = approved_enrolment(cls.env, training_class, cls.trainee)
        cls.Certificate = cls.env["smec.training.certificate"]
        cls.env.company.smec_training_public_url = "https://training.example.org/"

    def result(self, saturday, theory, report, tracking, plan, confirm=True):
        """The examiner's result of the enrolment at the session of ``saturday``'s weekend."""
        session = exam_session(self.env, saturday, self.enrolment)
        result = (
            self.env["smec.training.result"]
            .with_user(self.examiner)
            .create(
                {
                    "enrolment_id": self.enrolment.id,
                    "session_id": session.id,
                    "theory_score": theory,
                    "practical_report": report,
                    "practical_tracking": tracking,
                    "practical_plan": plan,
                }
            )
        )
        if confirm:
            result.action_confirm()
        return result

    def test_pass_at_60_in_each(self):
        for theory, practical, passed in (
            (59, 60, False),
            (60, 59, False),
            (60, 60, True),
            (61, 61, True),
            (100, 59.5, False),
        ):
            with self.subTest(theory=theory, practical=practical):
                # practical split on the rubric: 40 / 30 / 30
                report = min(practical, 40)
                tracking = min(practical - report, 30)
                result = self.result(JANUARY, theory, report, tracking, practical - report - tracking, confirm=False)
                self.assertEqual((result.practical_score, result.passed), (practical, passed))

    def test_scores_outside_the_rubric_are_refused(self):
        for values in ((101, 40, 30, 30), (-1, 40, 30, 30), (80, 41, 30, 30), (80, 40, 30, 30.5)):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.result(JANUARY, *values, confirm=False)

    def test_a_pass_gives_a_pending_certificate_due_45_working_days_later(self):
        self.result(JANUARY, 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        # passed on the practical day, Sunday 25 Jan 2026, not counted: 26-30 Jan (5), 2-6 Feb (10),
        # 9-13 Feb (15), Saturday 14 Feb (16), Spring Festival, 24-27 Feb (20), Saturday 28 Feb (21),
        # four weeks of March to 27 Mar (41), 30 and 31 Mar, 1 and 2 Apr (45)
        self.assertEqual((certificate.pass_date, certificate.state), (date(2026, 1, 25), "pending"))
        self.assertEqual(certificate.due_date, date(2026, 4, 2))
        self.assertRegex(certificate.number, r"^CM\d{4}-[A-HJ-NP-Z2-9]{10}$")
        self.assertTrue(certificate.photo)

    def test_across_national_day(self):
        # from Sunday 13 Sep 2026: 14-18 Sep (5), Sunday 20 Sep worked (6), 21-24 Sep (10), Mid-autumn
        # 25-27, 28-30 Sep (13), National Day 1-7 Oct, 8-9 Oct (15), Saturday 10 Oct (16), three weeks
        # to 30 Oct (31), four to 13 Nov (41), 16-19 Nov (45)
        self.result(SEPTEMBER, 60, 24, 18, 18)
        self.assertEqual(self.Certificate.search([("partner_id", "=", self.trainee.id)]).due_date, date(2026, 11, 19))

    def test_a_year_the_calendar_does_not_know_waits_and_the_manager_is_told(self):
        Year = self.env["smec.workday.year"]
        future = max(Year.search([]).mapped("year")) + 1
        self.assertEqual(future, 2027, "the package knows up to 2026")
        # passed on Sunday 29 Nov 2026: 45 working days reach into 2027
        with freeze_time("2026-12-07 03:00:00"):
            self.result(NOVEMBER, 70, 30, 20, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        self.assertEqual((certificate.state, certificate.due_date), ("pending", False))
        todo = certificate.activity_ids
        self.assertIn(str(future), todo.summary)
        self.assertEqual(todo.user_id, self.manager, "the Training Manager, not the administrator")
        # the enrolment says why, to whoever opens it
        officer = new_test_user(self.env, "smec_cert_officer", groups="smec_credit_training.group_training_officer")
        self.assertEqual(
            self.enrolment.with_user(officer).certificate_waiting, "Waits for the 2027 working-day calendar"
        )
        # the manager enters next year (New Year's Day only, for the test) and publishes it
        year = Year.with_user(self.manager).create(
            {"year": future, "day_ids": [Command.create({"date": date(future, 1, 1), "name": "元旦"})]}
        )
        year.with_user(self.manager).action_publish()
        self.Certificate._cron_issue()
        expected = Year.add_working_days(date(2026, 11, 29), 45)
        self.assertEqual(certificate.due_date, expected)
        self.assertEqual(expected.year, future)
        self.assertFalse(self.enrolment.certificate_waiting)

    def test_the_daily_job_issues_on_the_due_date_and_tells_the_holder(self):
        self.result(JANUARY, 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-04-01 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual(certificate.state, "pending")
        with freeze_time("2026-04-02 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual((certificate.state, certificate.issue_date), ("issued", date(2026, 4, 2)))
        message = certificate.message_ids.filtered(lambda m: certificate.number in (m.subject or ""))
        self.assertEqual(message.partner_ids, self.trainee)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("smec_credit_training.action_report_certificate", certificate.ids)[0]
            .decode()
        )
        self.assertIn(certificate.number, html)
        self.assertIn("data:image/png;base64,", html)  # the QR code and the photo

    def test_a_retake_counts_and_a_renewal_links_the_old_certificate(self):
        failed = self.result(JANUARY, 55, 30, 20, 20)
        self.assertFalse(self.Certificate.search([("partner_id", "=", self.trainee.id)]))
        passed = self.result(date(2026, 2, 7), 65, 30, 20, 20)
        self.assertEqual((failed.is_latest, passed.is_latest), (False, True))
        first = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-06-30 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual((first.state, self.enrolment.state), ("issued", "certified"))
        # a renewal: the holder enrols again in a later class and passes
        later_class = self.training_class.copy({"name": "Credit Manager, refresher"})
        self.enrolment = approved_enrolment(self.env, later_class, self.trainee)
        self.result(date(2026, 6, 27), 90, 35, 25, 25)  # the June session
        second = self.Certificate.search([("partner_id", "=", self.trainee.id), ("state", "=", "pending")])
        self.assertEqual(second.previous_id, first)
        self.assertNotEqual(first.number, second.number)

    def test_rights_on_certificates(self):
        self.result(JANUARY, 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-04-02 03:00:00"):
            self.Certificate._cron_issue()
        with self.assertRaises(AccessError):
            certificate.with_user(self.examiner).write({"state": "pending"})
        with self.assertRaises(AccessError):
            certificate.with_user(self.examiner).action_revoke()
        with self.assertRaises(UserError) as caught:
            certificate.with_user(self.manager).unlink()
        self.assertIn("revoke it instead", str(caught.exception))
        # the number is the code's: a value sent is refused
        with self.assertRaises(UserError) as caught:
            certificate.with_user(self.manager).write({"number": "CM2026-AAAAAAAAAA"})
        self.assertIn("cannot be set", str(caught.exception))
        self.assertNotEqual(certificate.number, "CM2026-AAAAAAAAAA")
        with self.assertRaises(UserError):
            certificate.with_user(self.manager).action_revoke()  # no reason
        certificate.with_user(self.manager).write({"revoke_reason": "Exam fraud established"})
        certificate.with_user(self.manager).action_revoke()
        self.assertEqual(certificate.state, "revoked")

    # ------------------------------------------------------------
    # the public page
    # ------------------------------------------------------------

    def issued(self):
        self.result(JANUARY, 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-04-02 03:00:00"):
            self.Certificate._cron_issue()
        return certificate

    def verify(self, number, name):
        page = self.url_open("/certificate/verify")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.url_open("/certificate/verify", data={"number": number, "name": name, "csrf_token": token})
        self.assertEqual(answer.status_code, 200)
        return answer.text

    def test_the_public_page(self):
        certificate = self.issued()
        page = self.verify(certificate.number, " zhang  WEI ")
        self.assertIn("Valid:", page)
        self.assertIn("<strong>Credit Manager</strong>", page)  # the programme, not the class
        self.assertNotIn("zhang.wei@example.com", page)
        self.assertIn("Not found", self.verify(certificate.number, "Li Na"))
        self.assertIn("Not found", self.verify(certificate.number, ""))
        self.assertIn("Not found", self.verify("", "Zhang Wei"))
        for junk in ("' OR 1=1 --", "%" * 100, "CM2026-" + "A" * 500, "\x00"):
            with self.subTest(junk=junk):
                self.assertIn("Not found", self.verify(junk, "Zhang Wei"))
        certificate.write({"revoke_reason": "Exam fraud established"})
        certificate.action_revoke()
        self.assertIn("Revoked:", self.verify(certificate.number, "Zhang Wei"))

    def test_the_qr_code_fills_the_number_only(self):
        certificate = self.issued()
        page = self.url_open(f"/certificate/verify?number={certificate.number}").text
        self.assertIn(f'value="{certificate.number}"', page)
        self.assertNotIn("Valid:", page)

    def test_attempts_are_limited_per_address(self):
        certificate = self.issued()
        for _i in range(10):
            self.verify("CM2026-WRONGWRONG", "Zhang Wei")
        page = self.verify(certificate.number, "Zhang Wei")
        self.assertIn("Too many attempts", page)
        self.assertNotIn("Valid:", page)
