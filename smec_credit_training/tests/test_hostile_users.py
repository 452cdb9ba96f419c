from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase


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
