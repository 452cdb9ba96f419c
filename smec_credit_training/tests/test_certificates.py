"""Exam results and certificates: the due date counted by hand on China's 2026
calendar (Spring Festival 15-23 Feb with Saturdays 14 and 28 Feb worked; 1-3 Jan
with Sunday 4 Jan worked; Mid-autumn 25-27 Sep and National Day 1-7 Oct with
Sunday 20 Sep and Saturday 10 Oct worked), and the public verification page."""

import base64
import io
import re
from datetime import date

from freezegun import freeze_time
from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import approved_enrolment


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

    def result(self, day, theory, report, tracking, plan, confirm=True):
        result = (
            self.env["smec.training.result"]
            .with_user(self.examiner)
            .create(
                {
                    "enrolment_id": self.enrolment.id,
                    "exam_date": day,
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
                result = self.result(
                    date(2026, 1, 31), theory, report, tracking, practical - report - tracking, confirm=False
                )
                self.assertEqual((result.practical_score, result.passed), (practical, passed))

    def test_scores_outside_the_rubric_are_refused(self):
        for values in ((101, 40, 30, 30), (-1, 40, 30, 30), (80, 41, 30, 30), (80, 40, 30, 30.5)):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.result(date(2026, 1, 31), *values, confirm=False)

    def test_a_pass_gives_a_pending_certificate_due_45_working_days_later(self):
        self.result(date(2026, 1, 20), 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        # from Tuesday 20 Jan 2026, not counted: 21-23 Jan (3), 26-30 Jan (8), 2-6 Feb (13),
        # 9-13 Feb (18), Saturday 14 Feb (19), Spring Festival, 24-27 Feb (23), Saturday 28 Feb
        # (24), then five weeks of March to 27 Mar (44), Monday 30 Mar (45)
        self.assertEqual((certificate.state, certificate.due_date), ("pending", date(2026, 3, 30)))
        self.assertRegex(certificate.number, r"^CM\d{4}-[A-HJ-NP-Z2-9]{10}$")
        self.assertTrue(certificate.photo)

    def test_a_due_date_on_a_make_up_saturday(self):
        # from Saturday 20 Dec 2025: 22-26 Dec (5), 29-31 Dec (8), Sunday 4 Jan (9), five weeks to
        # 6 Feb (34), 9-13 Feb (39), Saturday 14 Feb (40), 24-27 Feb (44), Saturday 28 Feb (45)
        self.result(date(2025, 12, 20), 80, 30, 20, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        self.assertEqual(certificate.due_date, date(2026, 2, 28))

    def test_across_national_day(self):
        # from 1 Sep 2026: 21 working days in September after the 1st (Sunday 20 Sep worked, Friday
        # 25 Sep off), 18 in October (1-7 off, Saturday 10 Oct worked), then 2-6 Nov and 9 Nov
        self.result(date(2026, 9, 1), 60, 24, 18, 18)
        self.assertEqual(self.Certificate.search([("partner_id", "=", self.trainee.id)]).due_date, date(2026, 11, 9))

    def test_a_year_the_calendar_does_not_know_waits_and_the_manager_is_told(self):
        Year = self.env["smec.workday.year"]
        future = max(Year.search([]).mapped("year")) + 1
        day = date(future - 1, 12, 1)
        with freeze_time(f"{day} 03:00:00"):
            self.result(day, 70, 30, 20, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        self.assertEqual((certificate.state, certificate.due_date), ("pending", False))
        todo = certificate.activity_ids
        self.assertIn(str(future), todo.summary)
        self.assertTrue(todo.user_id.has_group("smec_credit_training.group_training_manager"))
        # the manager enters next year (New Year's Day only, for the test) and publishes it
        year = Year.with_user(self.manager).create(
            {"year": future, "day_ids": [Command.create({"date": date(future, 1, 1), "name": "元旦"})]}
        )
        year.with_user(self.manager).action_publish()
        self.Certificate._cron_issue()
        expected = Year.add_working_days(day, 45)
        self.assertEqual(certificate.due_date, expected)
        self.assertEqual(expected.year, future)

    def test_the_daily_job_issues_on_the_due_date_and_tells_the_holder(self):
        self.result(date(2026, 1, 20), 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-03-29 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual(certificate.state, "pending")
        with freeze_time("2026-03-30 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual((certificate.state, certificate.issue_date), ("issued", date(2026, 3, 30)))
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
        failed = self.result(date(2026, 1, 31), 55, 30, 20, 20)
        self.assertFalse(self.Certificate.search([("partner_id", "=", self.trainee.id)]))
        passed = self.result(date(2026, 2, 28), 65, 30, 20, 20)
        self.assertEqual((failed.is_latest, passed.is_latest), (False, True))
        first = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-06-30 03:00:00"):
            self.Certificate._cron_issue()
        self.assertEqual((first.state, self.enrolment.state), ("issued", "certified"))
        # a renewal: the holder enrols again in a later class and passes
        later_class = self.training_class.copy({"name": "Credit Manager, refresher"})
        self.enrolment = approved_enrolment(self.env, later_class, self.trainee)
        self.result(date(2026, 6, 27), 90, 35, 25, 25)
        second = self.Certificate.search([("partner_id", "=", self.trainee.id), ("state", "=", "pending")])
        self.assertEqual(second.previous_id, first)
        self.assertNotEqual(first.number, second.number)

    def test_rights_on_certificates(self):
        self.result(date(2026, 1, 20), 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-03-30 03:00:00"):
            self.Certificate._cron_issue()
        with self.assertRaises(AccessError):
            certificate.with_user(self.examiner).write({"state": "pending"})
        with self.assertRaises(AccessError):
            certificate.with_user(self.examiner).action_revoke()
        with self.assertRaises(UserError) as caught:
            certificate.with_user(self.manager).unlink()
        self.assertIn("revoke it instead", str(caught.exception))
        # the number is the code's: a value sent has no effect
        certificate.with_user(self.manager).write({"number": "CM2026-AAAAAAAAAA"})
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
        self.result(date(2026, 1, 20), 75, 35, 25, 20)
        certificate = self.Certificate.search([("partner_id", "=", self.trainee.id)])
        with freeze_time("2026-03-30 03:00:00"):
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
