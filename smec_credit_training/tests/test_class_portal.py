"""A trainee follows their class and sits the practical exam on the portal; an
instructor records the attendance of their on-site sessions; a programme's
minimum attendance is a condition to sit the exam. Each as the user who meets
it, over HTTP."""

from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import approved_enrolment, exam_session


@tagged("post_install", "-at_install")
class TestClassOnThePortal(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        cls.alice = new_test_user(cls.env, "smec_class_alice", groups="base.group_portal", name="Alice Trainee")
        cls.bob = new_test_user(cls.env, "smec_class_bob", groups="base.group_portal", name="Bob Trainee")
        cls.lin = new_test_user(cls.env, "smec_class_lin", groups="smec_credit_training.group_training_instructor")
        cls.huang = new_test_user(cls.env, "smec_class_huang", groups="smec_credit_training.group_training_instructor")
        cls.training_class = cls.env["smec.training.class"].create(
            {
                "name": "Credit Manager, Qingdao",
                "date_start": (now - timedelta(days=60)).date(),
                "date_end": (now + timedelta(days=30)).date(),
                "location": "Qingdao centre",
                "instructor_ids": [
                    Command.create({"partner_id": cls.lin.partner_id.id, "role": "bureau_analyst"}),
                    Command.create({"partner_id": cls.huang.partner_id.id, "role": "credit_director"}),
                ],
            }
        )
        lin, huang = cls.training_class.instructor_ids
        material = cls.env["ir.attachment"].create({"name": "5c-slides.pdf", "raw": b"%PDF-1.4 slides"})
        cls.simulation, cls.recording, cls.roleplay, cls.qa = cls.env["smec.training.lesson"].create(
            [
                {
                    "class_id": cls.training_class.id,
                    "sequence": 1,
                    "name": "Credit assessment simulation",
                    "mode": "onsite",
                    "date_start": now - timedelta(days=20),
                    "instructor_id": lin.id,
                    "attachment_ids": [Command.set(material.ids)],
                },
                {
                    "class_id": cls.training_class.id,
                    "sequence": 2,
                    "name": "Aging analysis (recorded)",
                    "mode": "online",
                    "url": "https://video.example.com/aging",
                    "instructor_id": huang.id,
                },
                {
                    "class_id": cls.training_class.id,
                    "sequence": 3,
                    "name": "Collection role-play",
                    "mode": "onsite",
                    "date_start": now - timedelta(days=5),
                    "instructor_id": huang.id,
                },
                {
                    "class_id": cls.training_class.id,
                    "sequence": 4,
                    "name": "Questions and answers",
                    "mode": "onsite",
                    "date_start": now + timedelta(days=10),
                    "instructor_id": lin.id,
                },
            ]
        )
        cls.material = material
        cls.alice_enrolment = approved_enrolment(cls.env, cls.training_class, cls.alice.partner_id)
        other_class = cls.env["smec.training.class"].create(
            {"name": "Credit Manager, Dalian", "date_start": "2026-09-01", "date_end": "2026-12-31"}
        )
        cls.bob_enrolment = approved_enrolment(cls.env, other_class, cls.bob.partner_id)

    def test_an_instructor_records_the_attendance_of_their_sessions_only(self):
        Lesson = self.env["smec.training.lesson"]
        self.call_ok(self.lin, Lesson._name, "action_take_attendance", self.simulation.ids)
        line = self.simulation.attendance_ids
        self.assertEqual((line.partner_id, line.present), (self.alice.partner_id, False))
        self.call_ok(self.lin, line._name, "write", line.ids, {"present": True})
        self.assertEqual((line.present, line.recorded_by_id), (True, self.lin))
        # another instructor's session, an online lesson, a session to come: refused, nothing written
        refused = [
            (self.huang, self.simulation, "AccessError", "Only the instructor"),
            (self.huang, self.recording, "UserError", "is online"),
            (self.lin, self.qa, "UserError", "has not started"),
        ]
        for user, lesson, error, message in refused:
            with self.subTest(lesson=lesson.name, user=user.login):
                self.call_refused(user, error, message, Lesson._name, "action_take_attendance", lesson.ids)
        self.assertFalse((self.recording | self.qa).attendance_ids)
        self.call_refused(self.huang, "AccessError", "access", line._name, "write", line.ids, {"present": False})
        self.assertTrue(line.present)
        # an instructor sees the trainees' names, not their enrolments and documents
        enrolment = self.alice_enrolment
        self.call_refused(self.lin, "AccessError", "access", enrolment._name, "read", enrolment.ids, ["doc_id_copy"])

    def test_a_minimum_attendance_to_sit_the_exam(self):
        programme = self.training_class.programme_id
        programme.min_attendance = 60
        (self.simulation | self.roleplay).action_take_attendance()
        self.simulation.attendance_ids.present = True
        # one of the two sessions held: 50 %
        self.assertEqual(self.alice_enrolment.attendance_rate, 50.0)
        officer = new_test_user(self.env, "smec_class_officer", groups="smec_credit_training.group_training_officer")
        session = exam_session(self.env, date(2026, 12, 26), self.alice_enrolment)
        self.call_ok(officer, session._name, "action_prepare_exam", session.ids)
        self.assertFalse(session.result_ids, "below the minimum: no paper")
        self.assertIn("the programme asks 60%", session.message_ids[0].body)
        self.roleplay.attendance_ids.present = True
        self.call_ok(officer, session._name, "action_prepare_exam", session.ids)
        self.assertEqual(session.result_ids.enrolment_id, self.alice_enrolment)

    def test_the_trainee_follows_their_class(self):
        self.simulation.action_take_attendance()
        self.simulation.attendance_ids.present = True
        self.authenticate("smec_class_alice", "smec_class_alice")
        page = self.url_open("/my/training").text
        for expected in ("Credit assessment simulation", "Aging analysis (recorded)", "Collection role-play"):
            self.assertIn(expected, page)
        # in their order, the online one to open, the instructors with their roles
        self.assertLess(page.index("Credit assessment simulation"), page.index("Collection role-play"))
        self.assertIn('href="https://video.example.com/aging"', page)
        self.assertIn(self.lin.name, page)
        self.assertIn("Credit bureau analyst", page)
        # attendance: present at the simulation, not recorded at the role-play, nothing yet for the Q&A
        self.assertIn("Present", page)
        self.assertIn("Not recorded yet", page)
        self.assertIn("50 %", page)
        url = f"/my/training/lesson/{self.simulation.id}/material/{self.material.id}"
        self.assertIn(url, page)
        self.assertEqual(self.url_open(url).content, b"%PDF-1.4 slides")
        # Bob's class is another: neither its lessons nor their material
        self.authenticate("smec_class_bob", "smec_class_bob")
        self.assertNotIn("Credit assessment simulation", self.url_open("/my/training").text)
        self.assertEqual(self.url_open(url).status_code, 404)


@tagged("post_install", "-at_install")
class TestPracticalExam(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = new_test_user(cls.env, "smec_prac_alice", groups="base.group_portal", name="Alice Trainee")
        cls.bob = new_test_user(cls.env, "smec_prac_bob", groups="base.group_portal", name="Bob Trainee")
        cls.examiner = new_test_user(
            cls.env, "smec_prac_examiner", groups="smec_credit_training.group_training_examiner"
        )
        officer = new_test_user(cls.env, "smec_prac_officer", groups="smec_credit_training.group_training_officer")
        training_class = cls.env["smec.training.class"].create(
            {"name": "Credit Manager, Xiamen", "date_start": "2026-09-01", "date_end": "2026-10-31"}
        )
        enrolments = [approved_enrolment(cls.env, training_class, u.partner_id) for u in (cls.alice, cls.bob)]
        cls.exam = exam_session(cls.env, date(2026, 11, 28), enrolments)
        cls.exam.action_prepare_exam()
        cls.alice_result, cls.bob_result = (
            cls.exam.result_ids.filtered(lambda r, e=e: r.enrolment_id == e) for e in enrolments
        )
        # the centre uploads the case as an officer does, before saving it on the session
        case = (
            cls.env["ir.attachment"]
            .with_user(officer)
            .create(
                {
                    "name": "trading-company-case.pdf",
                    "raw": b"%PDF-1.4 case",
                    "res_model": "smec.training.session",
                    "res_id": 0,
                }
            )
        )
        cls.exam.with_user(officer).case_attachment_ids = [Command.set(case.ids)]
        cls.case = case

    def hours(self, start, end):
        now = fields.Datetime.now()
        self.exam.write({"practical_start": now + timedelta(hours=start), "practical_end": now + timedelta(hours=end)})
        self.env.flush_all()

    def hand_in(self, result, name, content):
        token = self.url_open("/certificate/verify").text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        return self.url_open(
            f"/my/training/exam/{result.id}/submit",
            data={"csrf_token": token},
            files=[("files", (name, content, "application/pdf"))],
        )

    def test_the_case_downloaded_and_the_work_handed_in_before_the_session_closes(self):
        self.assertEqual((self.case.res_model, self.case.res_id), ("smec.training.session", self.exam.id))
        case_url = f"/my/training/exam/{self.alice_result.id}/case/{self.case.id}"
        self.hours(2, 10)  # not started
        self.authenticate("smec_prac_alice", "smec_prac_alice")
        self.assertNotIn(case_url, self.url_open("/my/training").text)
        self.assertEqual(self.url_open(case_url).status_code, 404)
        self.hours(-1, 7)  # the practical day
        page = self.url_open("/my/training")
        self.assertIn(case_url, page.text, page.url)
        self.assertEqual(self.url_open(case_url).content, b"%PDF-1.4 case")
        page = self.hand_in(self.alice_result, "report.pdf", b"%PDF-1.4 my report")
        self.assertIn("Your work is handed in", page.text)
        self.assertEqual(self.alice_result.submission_ids.mapped("raw"), [b"%PDF-1.4 my report"])
        # a second hand-in replaces the first
        self.hand_in(self.alice_result, "report-v2.pdf", b"%PDF-1.4 better")
        self.assertEqual(self.alice_result.submission_ids.mapped("name"), ["report-v2.pdf"])
        work = self.alice_result.submission_ids
        # Bob sees neither Alice's work nor her case link, and cannot hand in on her result
        self.authenticate("smec_prac_bob", "smec_prac_bob")
        self.assertEqual(self.url_open(f"/my/training/exam/{self.alice_result.id}/work/{work.id}").status_code, 404)
        self.assertEqual(self.url_open(case_url).status_code, 404)
        self.hand_in(self.alice_result, "evil.pdf", b"evil")
        self.assertEqual(self.alice_result.submission_ids, work)
        # the examiner marks once the session has closed; nobody hands in after
        self.call_refused(
            self.examiner,
            "UserError",
            "still open",
            self.alice_result._name,
            "write",
            self.alice_result.ids,
            {"practical_report": 30},
        )
        self.call_refused(
            self.examiner,
            "AccessError",
            "handed in by the trainee",
            self.alice_result._name,
            "write",
            self.alice_result.ids,
            {"submission_ids": [[6, 0, []]]},
        )
        self.hours(-9, -1)
        self.authenticate("smec_prac_alice", "smec_prac_alice")
        page = self.hand_in(self.alice_result, "late.pdf", b"%PDF-1.4 late")
        self.assertIn("not open", page.text)
        self.assertEqual(self.alice_result.submission_ids, work)
        self.call_ok(self.examiner, self.alice_result._name, "write", self.alice_result.ids, {"practical_report": 30})
        self.assertEqual(self.alice_result.practical_report, 30)
