"""The website enrolment form and the trainee portal over HTTP: a visitor
enrols and gets an account; a trainee sees, uploads and downloads only what is
theirs; results show once published; the toolkit is for approved trainees."""

import io
from datetime import date

import openpyxl
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import float_round

from ..models.smec_training_session import exam_weekend
from .common import approved_enrolment, document_vals, exam_session, png_bytes


@tagged("post_install", "-at_install")
class TestTrainingPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training_class = cls.env["smec.training.class"].create(
            {
                "name": "Credit Manager, Chengdu",
                "date_start": "2026-11-01",
                "date_end": "2027-06-30",
                "state": "open",
                "published": True,
            }
        )
        cls.alice = new_test_user(cls.env, "smec_trainee_a", groups="base.group_portal", name="Alice Trainee")
        cls.bob = new_test_user(cls.env, "smec_trainee_b", groups="base.group_portal", name="Bob Trainee")
        cls.alice_enrolment = approved_enrolment(cls.env, cls.training_class, cls.alice.partner_id)
        cls.bob_enrolment = cls.env["smec.training.enrolment"].create(
            {"class_id": cls.training_class.id, "partner_id": cls.bob.partner_id.id, **document_vals(cls.env)}
        )

    def csrf_token(self, url):
        page = self.url_open(url)
        return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    def enrol(self, data, files):
        token = self.csrf_token("/certificate/verify")  # any page with a form
        return self.url_open("/training/enrol", data={**data, "csrf_token": token}, files=files)

    def visitor_files(self, photo_size=(413, 579)):
        return [
            ("doc_id_copy", ("id.pdf", b"%PDF-1.4 id", "application/pdf")),
            ("doc_photos", ("p1.png", png_bytes(photo_size), "image/png")),
            ("doc_photos", ("p2.png", png_bytes(photo_size), "image/png")),
            ("doc_proof", ("diploma.pdf", b"%PDF-1.4 diploma", "application/pdf")),
            ("doc_registration_form", ("form.pdf", b"%PDF-1.4 form", "application/pdf")),
        ]

    def test_a_visitor_enrols_and_gets_a_portal_account(self):
        audience = self.env.ref("smec_credit_training.audience_job_seeker")
        data = {
            "class_id": self.training_class.id,
            "name": "Zhou Xun",
            "email": "Zhou.Xun@Example.com",
            "phone": "138 0000 0000",
            "audience_id": audience.id,
            "years_experience": "0",
            "is_student": "1",
        }
        page = self.enrol(data, self.visitor_files())
        self.assertIn("your enrolment is received", page.text)
        enrolment = self.env["smec.training.enrolment"].search([("partner_id.email", "=", "zhou.xun@example.com")])
        self.assertEqual(
            (enrolment.class_id, enrolment.state, enrolment.audience_id), (self.training_class, "complete", audience)
        )
        self.assertTrue(enrolment.is_student)
        self.assertEqual(len(enrolment.doc_photos), 2)
        self.assertEqual(enrolment.doc_photos.mapped("res_model"), ["smec.training.enrolment"] * 2)
        user = enrolment.partner_id.user_ids
        self.assertEqual((user.login, user.share), ("zhou.xun@example.com", True))
        self.assertTrue(user.has_group("base.group_portal"))
        invitation = self.env["mail.mail"].search([("recipient_ids", "in", enrolment.partner_id.ids)])
        self.assertTrue(invitation, "the trainee is invited to set a password")
        # the centre's invitation, naming the class, not the portal's "Your account at <company>"
        self.assertEqual(
            invitation.mapped("subject"), ["Your trainee account for the credit manager programme: set your password"]
        )
        self.assertIn("Credit Manager, Chengdu", invitation.body_html)
        self.assertIn("/web/signup", invitation.body_html)
        # the same email again: an account exists, sign in instead; nothing created
        page = self.enrol({**data, "name": "Someone Else"}, self.visitor_files())
        self.assertIn("already has an account", page.text)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Someone Else")]))

    def test_a_visitor_photo_too_small_changes_nothing(self):
        data = {"class_id": self.training_class.id, "name": "Tang Wei", "email": "tang.wei@example.com"}
        page = self.enrol(data, self.visitor_files(photo_size=(300, 400)))
        self.assertIn("300 x 400 pixels", page.text)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "tang.wei@example.com")]))
        self.assertFalse(self.env["res.users"].search([("login", "=", "tang.wei@example.com")]))
        # a class that is not published cannot be chosen
        self.training_class.published = False
        page = self.enrol(data, self.visitor_files())
        self.assertIn("No class is open for enrolment", page.text)

    def test_a_trainee_sees_and_touches_only_their_own(self):
        bob_document = self.bob_enrolment.doc_id_copy
        alice_document = self.alice_enrolment.doc_id_copy
        self.authenticate("smec_trainee_a", "smec_trainee_a")
        page = self.url_open("/my/training")
        self.assertIn("Credit Manager, Chengdu", page.text)
        self.assertIn(f"/my/training/document/{alice_document.id}", page.text)
        self.assertNotIn(f"/my/training/document/{bob_document.id}", page.text)
        self.assertEqual(self.url_open(f"/my/training/document/{alice_document.id}").content, b"%PDF-1.4 scan")
        self.assertEqual(self.url_open(f"/my/training/document/{bob_document.id}").status_code, 404)
        # uploading into Bob's enrolment changes nothing
        token = self.csrf_token("/certificate/verify")
        self.url_open(
            f"/my/training/{self.bob_enrolment.id}/upload",
            data={"document": "doc_id_copy", "csrf_token": token},
            files=[("files", ("evil.pdf", b"evil", "application/pdf"))],
        )
        self.assertEqual(self.bob_enrolment.doc_id_copy, bob_document)
        # Alice is approved: she gets the toolkit, Bob (not approved) does not
        response = self.url_open("/my/training/toolkit/evaluation")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(openpyxl.load_workbook(io.BytesIO(response.content)).active["E14"].value, "=SUM(E9:E13)")
        self.assertEqual(self.url_open("/my/training/toolkit/payroll").status_code, 404)
        self.authenticate("smec_trainee_b", "smec_trainee_b")
        self.assertEqual(self.url_open("/my/training/toolkit/evaluation").status_code, 404)
        self.assertNotIn("Toolkit", self.url_open("/my/training").text)

    def test_a_trainee_replaces_a_document_until_approved(self):
        old = self.bob_enrolment.doc_photos
        self.authenticate("smec_trainee_b", "smec_trainee_b")
        token = self.csrf_token("/my/training")
        url = f"/my/training/{self.bob_enrolment.id}/upload"
        page = self.url_open(
            url,
            data={"document": "doc_photos", "csrf_token": token},
            files=[("files", ("small.png", png_bytes((200, 300)), "image/png"))],
        )
        self.assertIn("200 x 300 pixels", page.text)
        self.assertEqual(self.bob_enrolment.doc_photos, old, "a refused photo changes nothing")
        files = [("files", (f"new{n}.png", png_bytes(), "image/png")) for n in (1, 2)]
        page = self.url_open(url, data={"document": "doc_photos", "csrf_token": token}, files=files)
        self.assertIn("The document is uploaded", page.text)
        self.assertEqual(sorted(self.bob_enrolment.doc_photos.mapped("name")), ["new1.png", "new2.png"])
        self.assertFalse(old.exists(), "the replaced photos are gone")
        self.assertEqual(self.bob_enrolment.state, "complete", "documents complete, waiting for approval")
        # once approved, documents are the officer's to change
        self.bob_enrolment.action_approve()
        page = self.url_open(url, data={"document": "doc_photos", "csrf_token": token}, files=files)
        self.assertIn("ask the Training Officer", page.text)

    def test_results_show_once_published_and_the_certificate_is_the_holders(self):
        result = self.env["smec.training.result"].create(
            {
                "enrolment_id": self.alice_enrolment.id,
                "session_id": exam_session(self.env, date(2026, 11, 28), self.alice_enrolment).id,
                "theory_score": 77,
                "practical_report": 33,
                "practical_tracking": 22,
                "practical_plan": 21,
            }
        )
        result.action_confirm()
        self.authenticate("smec_trainee_a", "smec_trainee_a")
        self.assertNotIn("76.0", self.url_open("/my/training").text)
        result.action_publish()
        page = self.url_open("/my/training").text
        self.assertIn("77.0", page)
        self.assertIn("76.0", page)  # 33 + 22 + 21
        certificate = self.alice_enrolment.certificate_ids
        self.assertEqual(self.url_open(f"/my/training/certificate/{certificate.id}").status_code, 404, "pending")
        certificate.sudo().write({"state": "issued", "issue_date": date(2027, 2, 10)})
        self.env.flush_all()
        self.authenticate("smec_trainee_b", "smec_trainee_b")
        self.assertEqual(self.url_open(f"/my/training/certificate/{certificate.id}").status_code, 404)
        self.assertNotIn("77.0", self.url_open("/my/training").text)

    def test_a_visitor_enrols_in_the_browser(self):
        self.start_tour("/training/enrol", "smec_training_enrol_tour")
        enrolment = self.env["smec.training.enrolment"].search([("partner_id.email", "=", "tour.trainee@example.com")])
        self.assertEqual(enrolment.class_id, self.training_class)
        self.assertEqual(enrolment.doc_id_copy.mapped("name"), ["id-card.png"])
        self.assertEqual(len(enrolment.doc_photos), 2)
        self.assertEqual(enrolment.state, "draft", "proof and form still missing")
        self.assertTrue(enrolment.partner_id.user_ids.share)

    def test_a_trainee_sees_her_session_then_sits_the_theory_paper_in_the_browser(self):
        officer = new_test_user(self.env, "smec_portal_officer", groups="smec_credit_training.group_training_officer")
        month = fields.Date.today() + relativedelta(months=1)
        Year = self.env["smec.workday.year"]
        if not Year.search([("year", "=", month.year)]):  # the package's years end: a year entered for the test
            Year.create(
                {"year": month.year, "day_ids": [Command.create({"date": date(month.year, 1, 1)})]}
            ).action_publish()
        saturday, sunday = exam_weekend(Year, month.year, month.month)
        session = self.env["smec.training.session"].create(
            {"date_theory": saturday, "date_practical": sunday, "enrolment_ids": self.alice_enrolment.ids}
        )
        # registered, the papers not prepared yet: the session shows, without a paper
        self.authenticate("smec_trainee_a", "smec_trainee_a")
        page = self.url_open("/my/training").text
        self.assertIn(session.name, page)
        self.assertIn("opens here once the session is prepared", page)
        self.assertNotIn("Theory exam", page)
        self.authenticate("smec_trainee_b", "smec_trainee_b")
        self.assertNotIn(session.name, self.url_open("/my/training").text, "Bob is not registered")
        session.with_user(officer).action_prepare_exam()
        result = session.result_ids
        paper = result.theory_input_id
        # she will answer each question with its first choice: so many are right
        right = sum(
            question.suggested_answer_ids.sorted("sequence")[:1].is_correct
            for question in paper.predefined_question_ids
        )
        self.assertEqual(len(paper.predefined_question_ids), 27)
        self.start_tour("/my/training", "smec_training_theory_tour", login="smec_trainee_a")
        self.assertEqual(paper.state, "done")
        self.assertEqual(len(paper.user_input_line_ids), 27, "one answer a question, all sent from the browser")
        # the survey keeps its percentage to two decimals (13 of 27: 48.15), the result to one (48.2)
        self.assertEqual(paper.scoring_percentage, round(100 * right / 27, 2))
        self.assertEqual(result.theory_score, float_round(paper.scoring_percentage, precision_digits=1))
        self.assertEqual(result.passed, False, "the practical case is not marked yet")
        self.authenticate("smec_trainee_a", "smec_trainee_a")
        self.assertIn("Theory paper handed in", self.url_open("/my/training").text)

    def test_the_registration_form_is_printed_blank_or_filled_for_its_trainee(self):
        # anyone about to enrol prints the blank form, from the enrolment page
        self.assertIn("/training/registration-form", self.url_open("/training/enrol").text)
        blank = self.url_open("/training/registration-form")
        self.assertEqual(blank.status_code, 200)
        self.assertIn("Registration Form", blank.text)  # the test server renders reports as HTML
        self.assertIn(self.env.ref("smec_credit_training.audience_job_seeker").name, blank.text, "audiences to tick")
        # a trainee's own form is filled with the enrolment's facts; another's is not found
        self.authenticate("smec_trainee_a", "smec_trainee_a")
        url = f"/my/training/{self.alice_enrolment.id}/registration-form"
        page = self.url_open("/my/training").text
        self.assertIn(url, page)
        self.assertIn('id="smec_toolkit_registration_form"', page, "the blank form is part of the toolkit too")
        own = self.url_open(url)
        self.assertIn("Alice Trainee", own.text)
        self.assertIn("Credit Manager, Chengdu", own.text)
        self.authenticate("smec_trainee_b", "smec_trainee_b")
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_the_public_forms_are_limited_per_address(self):
        Attempt = self.env["smec.training.verify.attempt"]
        Attempt.create([{"address": "127.0.0.1", "kind": "form"}] * 20)
        response = self.url_open("/training/registration-form")
        self.assertEqual(response.status_code, 429)
        Attempt.create([{"address": "127.0.0.1", "kind": "enrol"}] * 10)
        audience = self.env.ref("smec_credit_training.audience_job_seeker")
        data = {"class_id": self.training_class.id, "name": "Flood", "email": "flood@example.com"}
        page = self.enrol({**data, "audience_id": audience.id, "years_experience": "0"}, self.visitor_files())
        self.assertIn("Too many enrolments", page.text)
        self.assertFalse(self.env["res.partner"].search([("email", "=", "flood@example.com")]), "nothing written")
        # each page has its own share: the verification page is still open to this address
        self.assertFalse(Attempt.search_count([("kind", "=", "verify")]))
        self.assertTrue(Attempt._allow("127.0.0.1", "verify"))
