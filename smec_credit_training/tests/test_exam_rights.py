"""The exam and the calendar hold against the people they restrain, over HTTP:
a result belongs to a session its trainee was registered for before it started
(no back-dated pass), the exam's survey is the Training Manager's choice among
the programme's certifications, and a working-day year is published only by its
action, with its holidays (a year of the package is what the package says)."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

from .common import approved_enrolment, exam_session


@tagged("post_install", "-at_install")
class TestNoBackDatedExam(RpcCase):
    def test_an_examiner_cannot_date_a_pass_in_the_past(self):
        examiner = new_test_user(self.env, "smec_back_examiner", groups="smec_credit_training.group_training_examiner")
        officer = new_test_user(self.env, "smec_back_officer", groups="smec_credit_training.group_training_officer")
        training_class = self.env["smec.training.class"].create(
            {"name": "Credit Manager, Hefei", "date_start": "2026-10-01", "date_end": "2026-11-20"}
        )
        enrolment = approved_enrolment(self.env, training_class, self.env["res.partner"].create({"name": "Lu Xin"}))
        august = exam_session(self.env, date(2026, 8, 29))  # four months before today, 7 Dec 2026
        marks = {"theory_score": 90, "practical_report": 40, "practical_tracking": 30, "practical_plan": 30}
        Result = self.env["smec.training.result"]
        with freeze_time("2026-12-07 03:00:00"):
            # no session, or a session the trainee was not registered for: refused
            for session in (False, august.id):
                with self.subTest(session=session):
                    self.call_refused(
                        examiner,
                        "ValidationError",
                        "not registered in",
                        Result._name,
                        "create",
                        [{"enrolment_id": enrolment.id, "session_id": session, "exam_date": "2026-08-09", **marks}],
                    )
            # registering the trainee in a session that took place is refused too
            self.call_refused(
                officer,
                "UserError",
                "has started",
                august._name,
                "write",
                august.ids,
                {"enrolment_ids": [[4, enrolment.id]]},
            )
            self.assertFalse(Result.search([("enrolment_id", "=", enrolment.id)]))
            self.assertFalse(august.enrolment_ids)
            # the session the trainee sits: another date sent is refused, the result is dated on its practical day
            december = exam_session(self.env, date(2026, 12, 26), enrolment)
            self.call_refused(
                examiner,
                "UserError",
                "Exam Date of a .* cannot be set",
                Result._name,
                "create",
                [{"enrolment_id": enrolment.id, "session_id": december.id, "exam_date": "2026-08-09", **marks}],
            )
            result_id = self.call_ok(
                examiner,
                Result._name,
                "create",
                [{"enrolment_id": enrolment.id, "session_id": december.id, "exam_date": "2026-12-27", **marks}],
            )[0]
            result = Result.browse(result_id)
            self.assertEqual(result.exam_date, date(2026, 12, 27))
            self.call_refused(examiner, "UserError", "after it took place", Result._name, "action_confirm", [result_id])
            self.assertEqual(result.state, "draft")
        self.assertFalse(enrolment.certificate_ids)


@tagged("post_install", "-at_install")
class TestTheExamSurveyIsTheManagers(RpcCase):
    def test_the_theory_exam_is_a_certification_of_the_programme(self):
        officer = new_test_user(self.env, "smec_survey_officer", groups="smec_credit_training.group_training_officer")
        manager = new_test_user(self.env, "smec_survey_manager", groups="smec_credit_training.group_training_manager")
        programme = self.env.ref("smec_credit_training.programme_credit_manager")
        exam = programme.survey_id
        burger = self.env["survey.survey"].create(
            {
                "title": "Burger Quiz",
                "certification": True,
                "question_and_page_ids": [(0, 0, {"title": "Which burger?", "question_type": "simple_choice"})],
            }
        )
        with freeze_time("2026-12-07 03:00:00"):
            session = exam_session(self.env, date(2026, 12, 26))
        self.call_refused(
            officer,
            "AccessError",
            "Training Manager chooses it",
            session._name,
            "write",
            session.ids,
            {"survey_id": burger.id},
        )
        self.call_refused(
            officer, "AccessError", "not allowed", programme._name, "write", programme.ids, {"survey_id": burger.id}
        )
        self.call_refused(
            manager,
            "ValidationError",
            "Burger Quiz is not a theory exam of",
            programme._name,
            "write",
            programme.ids,
            {"survey_id": burger.id},
        )
        self.assertEqual((programme.survey_id, session.survey_id), (exam, exam))
        # a copy of the exam, its questions tagged with the programme's modules, is the manager's to choose
        copy = exam.copy()
        self.assertTrue(copy.question_ids.smec_module_id)
        self.call_ok(manager, programme._name, "write", programme.ids, {"survey_id": copy.id})
        self.assertEqual(session.survey_id, copy)


@tagged("post_install", "-at_install")
class TestTheCalendarIsPublishedByItsAction(RpcCase):
    def test_a_year_is_published_with_its_holidays_by_a_manager(self):
        manager = new_test_user(self.env, "smec_cal_manager", groups="smec_credit_training.group_training_manager")
        Year = self.env["smec.workday.year"]
        future = max(Year.search([]).mapped("year")) + 1
        for vals in ({"state": "published"}, {"source": "package"}, {"state": "published", "source": "package"}):
            with self.subTest(vals=vals):
                self.call_refused(
                    manager, "AccessError", "Publish button", Year._name, "create", [{"year": future, **vals}]
                )
        self.assertFalse(Year.search([("year", "=", future)]))
        year_id = self.call_ok(manager, Year._name, "create", [{"year": future}])[0]
        self.call_refused(
            manager, "AccessError", "Publish button", Year._name, "write", [year_id], {"state": "published"}
        )
        self.call_refused(manager, "UserError", "statutory holidays", Year._name, "action_publish", [year_id])
        self.assertEqual(Year.browse(year_id).state, "draft")
        with self.assertRaises(UnknownWorkdayYear):
            Year.is_working_day(date(future, 1, 4))  # still unknown
        # a year of the package is what the package says
        y2026 = Year.search([("year", "=", 2026)])
        spring_festival = y2026.day_ids.filtered(lambda d: d.date == date(2026, 2, 16))
        self.call_refused(
            manager, "UserError", "as the package says", spring_festival._name, "unlink", spring_festival.ids
        )
        self.call_refused(
            manager,
            "UserError",
            "as the package says",
            spring_festival._name,
            "write",
            spring_festival.ids,
            {"kind": "workday"},
        )
        self.call_refused(manager, "UserError", "as the package says", Year._name, "action_draft", y2026.ids)
        self.call_refused(manager, "AccessError", "Publish button", Year._name, "write", y2026.ids, {"state": "draft"})
        self.assertEqual((y2026.state, spring_festival.kind, len(y2026.day_ids)), ("published", "holiday", 39))
