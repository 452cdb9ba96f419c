"""Enrolments as the people who handle them meet them over HTTP: the documents
an officer files belong to the enrolment (another officer sees them), who an
enrolment is for stays once it is submitted, an image that claims gigapixels is
refused from its header, and every public request counts against the limit."""

import base64

from odoo.tests import new_test_user, tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import png_bytes, png_header_only


@tagged("post_install", "-at_install")
class TestEnrolmentDocuments(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(cls.env, "smec_doc_officer", groups="smec_credit_training.group_training_officer")
        cls.colleague = new_test_user(
            cls.env, "smec_doc_colleague", groups="smec_credit_training.group_training_officer"
        )
        cls.training_class = cls.env["smec.training.class"].create(
            {"name": "Credit Manager, Wuhan", "date_start": "2027-03-01", "date_end": "2027-04-30"}
        )
        cls.trainee = cls.env["res.partner"].create({"name": "Qin Lan", "email": "qin.lan@example.com"})

    def upload(self, user, name, content):
        """What the upload widget of an enrolment not saved yet sends: record id 0."""
        return self.call_ok(
            user,
            "ir.attachment",
            "create",
            [
                {
                    "name": name,
                    "datas": base64.b64encode(content).decode(),
                    "res_model": "smec.training.enrolment",
                    "res_id": 0,
                }
            ],
        )[0]

    def test_the_documents_an_officer_files_are_the_enrolments(self):
        scans = [self.upload(self.officer, f"{name}.pdf", b"%PDF-1.4 scan") for name in ("id", "proof", "form")]
        photos = [self.upload(self.officer, f"photo{n}.png", png_bytes()) for n in (1, 2)]
        enrolment_id = self.call_ok(
            self.officer,
            "smec.training.enrolment",
            "create",
            [
                {
                    "class_id": self.training_class.id,
                    "partner_id": self.trainee.id,
                    "doc_id_copy": [[6, 0, scans[:1]]],
                    "doc_photos": [[6, 0, photos]],
                    "doc_proof": [[6, 0, scans[1:2]]],
                    "doc_registration_form": [[6, 0, scans[2:]]],
                }
            ],
        )[0]
        attachments = self.env["ir.attachment"].browse(scans + photos)
        self.assertEqual(set(attachments.mapped("res_model")), {"smec.training.enrolment"})
        self.assertEqual(set(attachments.mapped("res_id")), {enrolment_id})
        # another officer opens the enrolment: nothing is missing, every file opens
        read = self.call_ok(
            self.colleague, "smec.training.enrolment", "read", [enrolment_id], ["missing_documents", "display_name"]
        )
        self.assertEqual(read[0]["missing_documents"], False)
        self.assertEqual(read[0]["display_name"], "Qin Lan - Credit Manager, Wuhan")
        files = self.call_ok(self.colleague, "ir.attachment", "read", scans + photos, ["datas"])
        self.assertEqual(base64.b64decode(files[0]["datas"]), b"%PDF-1.4 scan")
        self.call_ok(self.colleague, "smec.training.enrolment", "action_submit", [enrolment_id])

    def test_a_file_of_another_record_or_user_is_not_taken(self):
        partner_file = self.env["ir.attachment"].create(
            {"name": "contract.pdf", "raw": b"%PDF-1.4 contract", "res_model": "res.partner", "res_id": self.trainee.id}
        )
        colleagues_upload = self.upload(self.colleague, "colleague.pdf", b"%PDF-1.4 theirs")
        enrolment_id = self.call_ok(
            self.officer,
            "smec.training.enrolment",
            "create",
            [{"class_id": self.training_class.id, "partner_id": self.trainee.id}],
        )[0]
        # a file the officer may read but that is another record's; a colleague's upload (not readable)
        for attachment_id, error, message in (
            (partner_file.id, "ValidationError", "file of another record"),
            (colleagues_upload, "AccessError", "not allowed to access this document"),
        ):
            with self.subTest(attachment=attachment_id):
                self.call_refused(
                    self.officer,
                    error,
                    message,
                    "smec.training.enrolment",
                    "write",
                    [enrolment_id],
                    {"doc_id_copy": [[6, 0, [attachment_id]]]},
                )
        self.assertEqual((partner_file.res_model, partner_file.res_id), ("res.partner", self.trainee.id))
        self.assertFalse(self.env["smec.training.enrolment"].browse(enrolment_id).doc_id_copy)


@tagged("post_install", "-at_install")
class TestWhoAnEnrolmentIsFor(RpcCase):
    def test_the_trainee_does_not_change_once_submitted(self):
        officer = new_test_user(self.env, "smec_for_officer", groups="smec_credit_training.group_training_officer")
        training_class = self.env["smec.training.class"].create(
            {"name": "Credit Manager, Nanjing", "date_start": "2027-03-01", "date_end": "2027-04-30"}
        )
        other_class = training_class.copy({"name": "Credit Manager, Suzhou"})
        trainee, stranger = self.env["res.partner"].create([{"name": "Gu Yan"}, {"name": "Stranger"}])
        from .common import approved_enrolment  # noqa: PLC0415

        enrolment = approved_enrolment(self.env, training_class, trainee)
        for field, value in (("partner_id", stranger.id), ("class_id", other_class.id)):
            with self.subTest(field=field):
                self.call_refused(
                    officer,
                    "UserError",
                    "cannot change once it is submitted",
                    enrolment._name,
                    "write",
                    enrolment.ids,
                    {field: value},
                )
        self.assertEqual((enrolment.partner_id, enrolment.class_id), (trainee, training_class))
        # a draft is still corrected
        draft = self.env["smec.training.enrolment"].create({"class_id": training_class.id, "partner_id": stranger.id})
        self.call_ok(officer, draft._name, "write", draft.ids, {"partner_id": self.env.user.partner_id.id})


@tagged("post_install", "-at_install")
class TestPublicImagesAndLimits(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.training_class = cls.env["smec.training.class"].create(
            {
                "name": "Credit Manager, Xi'an",
                "date_start": "2026-12-01",
                "date_end": "2027-06-30",
                "state": "open",
                "published": True,
            }
        )

    def enrol(self, name, photo):
        page = self.url_open("/training/enrol")
        token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        return self.url_open(
            "/training/enrol",
            data={
                "class_id": self.training_class.id,
                "name": name,
                "email": f"{name}@example.com",
                "csrf_token": token,
            },
            files=[("doc_photos", ("bomb.png", photo, "image/png"))],
        )

    def test_a_photo_claiming_gigapixels_is_refused_and_every_attempt_counts(self):
        bomb = png_header_only(20000, 20000)
        self.assertLess(len(bomb), 200)
        for n in range(10):
            answer = self.enrol(f"bomb{n}", bomb)
            self.assertEqual(answer.status_code, 200)
            self.assertIn("claims more than 50 million pixels", answer.text)
        answer = self.enrol("bomb10", bomb)
        self.assertEqual(answer.status_code, 200)
        self.assertIn("Too many enrolments", answer.text)
        self.assertFalse(self.env["res.partner"].search([("email", "=like", "bomb%@example.com")]))
        # the back office refuses it the same way
        trainee = self.env["res.partner"].create({"name": "Bomb"})
        enrolment = self.env["smec.training.enrolment"].create(
            {"class_id": self.training_class.id, "partner_id": trainee.id}
        )
        attachment = self.env["ir.attachment"].create({"name": "bomb.txt", "raw": bomb, "mimetype": "text/plain"})
        with self.assertRaisesRegex(Exception, "claims more than 50 million pixels"):
            enrolment.doc_photos = [(6, 0, attachment.ids)]
