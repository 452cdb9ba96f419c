import base64
import io

from PIL import Image

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTraining(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.officer = new_test_user(cls.env, "smec_officer", groups="smec_credit_training.group_training_officer")
        cls.examiner = new_test_user(cls.env, "smec_examiner", groups="smec_credit_training.group_training_examiner")
        cls.manager = new_test_user(cls.env, "smec_training_mgr", groups="smec_credit_training.group_training_manager")
        cls.employee = new_test_user(cls.env, "smec_employee", groups="base.group_user")
        cls.training_class = cls.env["smec.training.class"].create(
            {
                "name": "Credit manager, Beijing, March",
                "date_start": "2027-03-01",
                "date_end": "2027-03-21",
                "capacity": 1,
            }
        )
        cls.trainee = cls.env["res.partner"].create({"name": "Zhang Wei", "email": "zhang@example.com"})

    def attachment(self, name, size=None):
        """A scan uploaded by the Training Officer, as the upload widget does; a
        photo is a real PNG of ``size`` pixels (a printable two-inch photo by default)."""
        if size or name.startswith(("photo", "p1", "p2")):
            buffer = io.BytesIO()
            Image.new("RGB", size or (413, 579), (220, 220, 220)).save(buffer, format="PNG")
            content = buffer.getvalue()
        else:
            content = b"scan"
        return (
            self.env["ir.attachment"].with_user(self.officer).create({"name": name, "datas": base64.b64encode(content)})
        )

    def test_a_photo_must_be_a_printable_image(self):
        enrolment = (
            self.env["smec.training.enrolment"]
            .with_user(self.officer)
            .create({"class_id": self.training_class.id, "partner_id": self.trainee.id})
        )
        with self.assertRaises(ValidationError) as caught:
            enrolment.doc_photos = [Command.link(self.attachment("photo-small.png", size=(389, 567)).id)]
        self.assertIn("389 x 567 pixels", str(caught.exception))
        renamed = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create({"name": "photo.jpg", "datas": base64.b64encode(b"%PDF-1.4 not a photo")})
        )
        with self.assertRaises(ValidationError) as caught:
            enrolment.doc_photos = [Command.link(renamed.id)]
        self.assertIn("is not an image", str(caught.exception))
        enrolment.doc_photos = [Command.link(self.attachment("photo-ok.png", size=(390, 567)).id)]
        self.assertEqual(len(enrolment.doc_photos), 1)

    def test_groups_are_implied_upward(self):
        officer = self.env.ref("smec_credit_training.group_training_officer")
        examiner = self.env.ref("smec_credit_training.group_training_examiner")
        manager = self.env.ref("smec_credit_training.group_training_manager")
        privilege = self.env.ref("smec_credit_training.res_groups_privilege_training")
        self.assertEqual({g.privilege_id for g in officer | examiner | manager}, {privilege})
        self.assertTrue(self.manager.has_group("smec_credit_training.group_training_officer"))
        self.assertTrue(self.examiner.has_group("smec_credit_training.group_training_officer"))
        self.assertFalse(self.officer.has_group("smec_credit_training.group_training_examiner"))
        root = self.env.ref("smec_credit_training.smec_training_menu_root")
        self.assertNotIn(root.id, self.env["ir.ui.menu"].with_user(self.employee)._visible_menu_ids())
        self.assertIn(root.id, self.env["ir.ui.menu"].with_user(self.officer)._visible_menu_ids())

    def test_class_code_and_rights(self):
        self.assertRegex(self.training_class.code, r"^CM-\d{4}-\d{3}$")
        with self.assertRaises(AccessError):
            self.training_class.with_user(self.employee).read(["name"])
        with self.assertRaises(AccessError):
            self.training_class.with_user(self.officer).unlink()

    def test_enrolment_needs_every_document(self):
        enrolment = (
            self.env["smec.training.enrolment"]
            .with_user(self.officer)
            .create({"class_id": self.training_class.id, "partner_id": self.trainee.id})
        )
        self.assertEqual(
            enrolment.missing_documents,
            "ID card copy, Two colour photos, Education or work proof, Signed registration form",
        )
        enrolment.write(
            {
                "doc_id_copy": [Command.set(self.attachment("id.pdf").ids)],
                "doc_photos": [Command.set(self.attachment("photo1.jpg").ids)],  # one photo: two are needed
                "doc_proof": [Command.set(self.attachment("diploma.pdf").ids)],
                "doc_registration_form": [Command.set(self.attachment("form.pdf").ids)],
            }
        )
        self.assertEqual(enrolment.missing_documents, "Two colour photos")
        with self.assertRaisesRegex(UserError, "missing: Two colour photos"):
            enrolment.action_submit()
        self.assertEqual(enrolment.state, "draft")
        enrolment.doc_photos = [Command.link(self.attachment("photo2.jpg").id)]
        enrolment.action_submit()
        self.assertEqual(enrolment.state, "complete")
        enrolment.with_user(self.officer).action_approve()
        self.assertEqual(enrolment.state, "approved")
        self.assertEqual(self.training_class.enrolled_count, 1)

    def test_capacity_and_dates(self):
        def docs():
            files = {
                key: [Command.set(self.attachment(key).ids)]
                for key in ("doc_id_copy", "doc_proof", "doc_registration_form")
            }
            files["doc_photos"] = [Command.set((self.attachment("p1") | self.attachment("p2")).ids)]
            return files

        first = self.env["smec.training.enrolment"].create(
            {"class_id": self.training_class.id, "partner_id": self.trainee.id, **docs()}
        )
        first.action_submit()
        second = self.env["smec.training.enrolment"].create(
            {
                "class_id": self.training_class.id,
                "partner_id": self.env["res.partner"].create({"name": "Li Na"}).id,
                **docs(),
            }
        )
        second.action_submit()
        (first | second).action_approve()
        # one seat: the second waits; the seat cannot be taken by writing the state either
        self.assertEqual((first.state, second.state), ("approved", "waiting"))
        with self.assertRaises(ValidationError) as caught:
            second.sudo().write({"state": "approved"})
        self.assertIn("is full", str(caught.exception))
        self.assertEqual(second.state, "waiting")
        with self.assertRaisesRegex(UserError, "why the enrolment is rejected"):
            second.action_reject()

    def test_classes_are_kept_per_company(self):
        other = self.env["res.company"].create({"name": "Training centre Shanghai"})
        foreign = self.env["smec.training.class"].create(
            {
                "name": "Shanghai",
                "date_start": "2027-04-01",
                "date_end": "2027-04-02",
                "company_id": other.id,
            }
        )
        self.assertNotIn(foreign, self.env["smec.training.class"].with_user(self.manager).search([]))
