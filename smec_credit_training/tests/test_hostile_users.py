from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import approved_enrolment, sit


@tagged("post_install", "-at_install")
class TestEnrolmentsHoldTheirRules(RpcCase):
    """A Training Officer writes enrolments over HTTP as any client can."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env, "smec_hostile_officer", groups="smec_credit_training.group_training_officer"
        )
        cls.training_class = cls.env["smec.training.class"].create(
            {"name": "Credit manager, Shenzhen, May", "date_start": "2027-05-03", "date_end": "2027-05-21"}
        )
        cls.trainee = cls.env["res.partner"].create({"name": "Wang Fang", "email": "wang@example.com"})

    def test_an_enrolment_is_not_approved_without_its_documents(self):
        Enrolment = self.env["smec.training.enrolment"]
        self.call_refused(
            self.officer,
            "AccessError",
            "buttons only",
            "smec.training.enrolment",
            "create",
            [{"class_id": self.training_class.id, "partner_id": self.trainee.id, "state": "approved"}],
        )
        self.assertFalse(Enrolment.search([("partner_id", "=", self.trainee.id)]))
        enrolment_id = self.call_ok(
            self.officer,
            "smec.training.enrolment",
            "create",
            [{"class_id": self.training_class.id, "partner_id": self.trainee.id}],
        )[0]
        for state in ("complete", "approved", "certified"):
            with self.subTest(state=state):
                self.call_refused(
                    self.officer,
                    "AccessError",
                    "buttons only",
                    "smec.training.enrolment",
                    "write",
                    [enrolment_id],
                    {"state": state},
                )
        self.call_refused(
            self.officer,
            "UserError",
            "is missing: ID card copy",
            "smec.training.enrolment",
            "action_submit",
            [enrolment_id],
        )
        self.call_refused(
            self.officer,
            "UserError",
            "Only an enrolment with its documents complete can be approved",
            "smec.training.enrolment",
            "action_approve",
            [enrolment_id],
        )
        enrolment = Enrolment.browse(enrolment_id)
        self.assertEqual((enrolment.state, enrolment.missing_documents.count(",")), ("draft", 3))
        # the rule holds for server code too
        with self.assertRaisesRegex(ValidationError, "is missing"):
            enrolment.sudo().write({"state": "approved"})


@tagged("post_install", "-at_install")
class TestTheoryScoreIsTheSurveys(RpcCase):
    """An Examiner marks the practical case; the theory score of a paper sat in
    the survey is the survey's, whoever sends another."""

    def test_a_handed_in_papers_score_cannot_be_overwritten(self):
        examiner = new_test_user(
            self.env, "smec_hostile_examiner", groups="smec_credit_training.group_training_examiner"
        )
        training_class = self.env["smec.training.class"].create(
            {"name": "Credit manager, Xiamen", "date_start": "2026-09-01", "date_end": "2026-10-31"}
        )
        trainee = self.env["res.partner"].create({"name": "Zhao Lei", "email": "zhao@example.com"})
        enrolment = approved_enrolment(self.env, training_class, trainee)
        with freeze_time("2026-09-10 02:00:00"):
            session = self.env["smec.training.session"].create(
                {"date_theory": date(2026, 9, 12), "date_practical": date(2026, 9, 13), "enrolment_ids": enrolment.ids}
            )
            session.action_prepare_exam()
        result = session.result_ids
        sit(result, 14)  # 14 of 27 right: 51.85 %, kept as 51.9: a fail
        self.assertEqual(result.theory_score, 51.9)
        self.call_refused(
            examiner,
            "UserError",
            "Zhao Lei.*cannot be typed in",
            result._name,
            "write",
            result.ids,
            {"theory_score": 75},
        )
        # an import of the same column is refused the same way
        loaded = self.call_ok(examiner, result._name, "load", [".id", "theory_score"], [[str(result.id), "75"]])
        self.assertFalse(loaded["ids"])
        self.assertIn("cannot be typed in", loaded["messages"][0]["message"])
        # the practical marks are the Examiner's
        self.call_ok(
            examiner,
            result._name,
            "write",
            result.ids,
            {"practical_report": 30, "practical_tracking": 20, "practical_plan": 15},
        )
        result.invalidate_recordset()
        self.assertEqual((result.theory_score, result.practical_score, result.passed), (51.9, 65.0, False))
        # the rule holds for an Examiner's screen too, not only over HTTP
        with self.assertRaisesRegex(UserError, "cannot be typed in"):
            result.with_user(examiner).write({"theory_score": 60})
