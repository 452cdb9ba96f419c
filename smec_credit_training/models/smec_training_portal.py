"""What the portal does with enrolments, as model methods the controller calls:
a visitor enrols (and gets a portal account), a trainee uploads or replaces a
document, and reads only what is theirs. Every check is here; a refused input
raises a ``UserError`` (or ``ValidationError``) and writes nothing."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

from odoo.addons.smec_base.models.ir_attachment import image_header_size
from odoo.addons.smec_base.tools.public_input import to_id, to_text

from .smec_training_class import SEAT_STATES
from .smec_training_enrolment import REQUIRED_DOCUMENTS


def clean_text(value):
    """A form value as text: what is not text (a file sent in its place, a list) is
    empty; characters the database cannot store (NUL, control characters) are dropped."""
    text = to_text(value, limit=100000) or ""
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\t").strip()


MAX_UPLOAD = 10 * 1024 * 1024  # 10 MB a file
# a trainee replaces documents until the enrolment is approved
UPLOAD_STATES = ("draft", "complete", "waiting")
PORTAL_STATES_HIDDEN = ("withdrawn",)


class SmecTrainingEnrolmentPortal(models.Model):
    _inherit = "smec.training.enrolment"

    @api.model
    def _portal_classes(self):
        """Classes a visitor may enrol in: published, open, not over."""
        today = fields.Date.context_today(self)
        return (
            self.env["smec.training.class"]
            .sudo()
            .search([("published", "=", True), ("state", "=", "open"), ("date_end", ">=", today)], order="date_start")
        )

    @api.model
    def _portal_files(self, files):
        """(name, bytes, mimetype) of uploaded files (werkzeug FileStorage), size checked."""
        result = []
        for upload in files or []:
            if not getattr(upload, "filename", None):
                continue
            content = upload.read(MAX_UPLOAD + 1)
            if len(content) > MAX_UPLOAD:
                raise UserError(_("%(file)s is larger than 10 MB.", file=upload.filename))
            image_header_size(upload.filename, content)  # an image's header read before anything decodes it
            result.append((clean_text(upload.filename)[:200] or "file", content, upload.mimetype))
        return result

    def _portal_attach(self, field, files):
        """Replace the document ``field`` with ``files`` (the photo check runs)."""
        self.ensure_one()
        if field not in REQUIRED_DOCUMENTS:
            raise UserError(_("Unknown document."))
        if not files:
            raise UserError(_("Choose a file to upload."))
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": content,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for name, content, _mimetype in files
                ]
            )
        )
        old = self.sudo()[field]
        self.sudo()[field] = attachments
        old.unlink()

    @api.model
    def _portal_enrol(self, values, documents, user):
        """A visitor's (or a signed-in trainee's) enrolment from the website form.

        ``values``: name, email, phone, class_id, audience_id, years_experience,
        is_student; ``documents``: {field: [(name, bytes, mimetype)]}. A visitor's
        email must not have an account yet: the trainee's portal account is made
        and invited to set its password. Returns the enrolment."""
        values = {key: clean_text(value) for key, value in values.items()}
        training_class = self._portal_classes().filtered(lambda c: str(c.id) == values.get("class_id"))
        if not training_class:
            raise UserError(_("Choose a class open for enrolment."))
        years = values.get("years_experience") or "0"
        if not years.isascii() or not years.isdigit() or not 0 <= int(years) <= 60:
            raise UserError(_("Years of experience is a whole number between 0 and 60."))
        years = int(years)
        audience = training_class.programme_id.audience_ids.filtered(lambda a: str(a.id) == values.get("audience_id"))
        Users = self.env["res.users"].sudo()
        if user._is_public():
            name = values.get("name") or ""
            email = email_normalize(values.get("email") or "")
            if not name or len(name) > 100:
                raise UserError(_("Write your name as on your ID card."))
            if not email or len(email) > 254:
                raise UserError(_("Write a valid email address: your account is sent there."))
            if Users.with_context(active_test=False).search_count([("login", "=ilike", email)]):
                raise UserError(_("This email already has an account: sign in, then enrol from My Training."))
            partner = None
        else:
            partner = user.partner_id
        with self.env.cr.savepoint():
            if partner is None:
                partner = (
                    self.env["res.partner"]
                    .sudo()
                    .create(
                        {"name": name, "email": email, "phone": (values.get("phone") or "")[:40], "lang": self.env.lang}
                    )
                )
            if self.sudo().search_count([("class_id", "=", training_class.id), ("partner_id", "=", partner.id)]):
                raise UserError(_("You are already enrolled in this class."))
            enrolment = self.sudo().create(
                {
                    "class_id": training_class.id,
                    "partner_id": partner.id,
                    "audience_id": audience.id,
                    "years_experience": years,
                    "is_student": bool(values.get("is_student")),
                }
            )
            for field, files in documents.items():
                if files:
                    enrolment._portal_attach(field, files)
            if not partner.user_ids:
                wizard = (
                    self.env["portal.wizard"]
                    .sudo()
                    .with_context(smec_training_enrolment_id=enrolment.id)
                    .create({"partner_ids": [fields.Command.set(partner.ids)]})
                )
                wizard.user_ids.action_grant_access()
            enrolment._portal_complete_if_ready()
            enrolment.message_post(body=_("Enrolled on the website."))
        return enrolment

    def _portal_complete_if_ready(self):
        for enrolment in self.filtered(lambda e: e.state == "draft" and not e.missing_documents):
            enrolment.sudo()._smec_action_write({"state": "complete"})

    @api.model
    def _portal_trainee_enrolments(self, user):
        return self.sudo().search(
            [("partner_id", "=", user.partner_id.id), ("state", "not in", PORTAL_STATES_HIDDEN)], order="id desc"
        )

    def _portal_check_owner(self, user):
        """The trainee's own enrolment, or an ``AccessError``."""
        if len(self) != 1 or not to_id(self.id) or user._is_public() or self.sudo().partner_id != user.partner_id:
            raise AccessError(_("This enrolment is not yours."))
        return self.sudo()

    def _portal_upload(self, field, files, user):
        enrolment = self._portal_check_owner(user)
        if enrolment.state not in UPLOAD_STATES:
            raise UserError(_("The enrolment is approved: ask the Training Officer to change a document."))
        with self.env.cr.savepoint():
            enrolment._portal_attach(field, files)
            enrolment._portal_complete_if_ready()
            enrolment.message_post(
                body=_(
                    "%(document)s uploaded on the portal.",
                    document=self._fields[field]._description_string(self.env),
                )
            )
        return enrolment

    @api.model
    def _portal_document(self, attachment_id, user):
        """(name, bytes, mimetype) of a document of one of the trainee's enrolments."""
        enrolments = self._portal_trainee_enrolments(user)
        documents = self.env["ir.attachment"].sudo()
        for field in REQUIRED_DOCUMENTS:
            documents |= enrolments[field]
        attachment = documents.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise AccessError(_("This document is not yours."))
        return attachment.name, attachment.raw, attachment.mimetype

    def _portal_results(self):
        """The trainee's published results."""
        return self.sudo().result_ids.filtered(lambda r: r.published and r.state == "confirmed")

    def _portal_sessions(self):
        """The exam sessions the trainee is registered for that are to come or whose
        result is still being marked, each with its result once the session is prepared
        (the theory paper, the practical case and work): [(session, result or empty)]."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        results = self.sudo().result_ids
        marking = results.filtered(lambda r: r.state == "draft").session_id
        sessions = (
            self.env["smec.training.session"]
            .sudo()
            .search(
                [("enrolment_ids", "in", self.ids), "|", ("date_practical", ">=", today), ("id", "in", marking.ids)],
                order="date_theory",
            )
        )
        return [(session, results.filtered(lambda r, s=session: r.session_id == s)[:1]) for session in sessions]

    @api.model
    def _portal_certificate_pdf(self, certificate_id, user):
        Certificate = self.env["smec.training.certificate"].sudo()
        certificate = Certificate.browse(certificate_id).exists() if to_id(certificate_id) else Certificate
        if not certificate or certificate.partner_id != user.partner_id or certificate.state == "pending":
            raise AccessError(_("This certificate is not yours."))
        # the holder always gets the PDF (under the test runner too, which otherwise answers HTML)
        report = self.env.ref("smec_credit_training.action_report_certificate").sudo()
        report = report.with_context(force_report_rendering=True)
        pdf, _format = report._render_qweb_pdf(report.report_name, certificate.ids)
        return certificate.number, pdf

    @api.model
    def _portal_registration_form(self, enrolment_id, user):
        """The registration form's PDF: blank (``enrolment_id`` None, for anyone
        about to enrol), or filled with what the trainee's own enrolment knows."""
        enrolments = self.browse()
        if enrolment_id is not None:
            enrolments = self.browse(enrolment_id)._portal_check_owner(user)
        report = self.env.ref("smec_credit_training.action_report_registration_form").sudo()
        pdf, _format = report._render_qweb_pdf(report.report_name, enrolments.ids or None)
        return pdf

    def _portal_seated(self):
        """The approved enrolments (and those past approval): they get the toolkit
        and the online classroom."""
        return self.filtered(lambda e: e.state in SEAT_STATES)

    @api.model
    def _portal_toolkit(self, key, user):
        """A toolkit workbook for a trainee with an approved enrolment."""
        if not self._portal_trainee_enrolments(user)._portal_seated():
            raise AccessError(_("The toolkit is for trainees whose enrolment is approved."))
        documents = {doc_key: filename for doc_key, _title, filename in self.env["smec.training.toolkit"]._documents()}
        if key not in documents:
            raise AccessError(_("Unknown document."))
        return documents[key], self.env["smec.training.toolkit"]._build(key)

    def _portal_lessons(self):
        """[(lesson, attendance state)] of a seated enrolment's class, in order; the state
        is 'present', 'absent', 'not_recorded' for an on-site session held, else None."""
        self.ensure_one()
        if not self._portal_seated():
            return []
        now = fields.Datetime.now()
        enrolment = self.sudo()
        lessons = enrolment.class_id.lesson_ids.sorted(lambda les: (les.sequence, les.date_start or now, les.id))
        rows = []
        for lesson in lessons:
            state = None
            if lesson.mode == "onsite" and lesson.date_start and lesson.date_start <= now:
                line = lesson.attendance_ids.filtered(lambda a: a.enrolment_id == enrolment)
                state = ("present" if line.present else "absent") if line else "not_recorded"
            rows.append((lesson, state))
        return rows

    @api.model
    def _portal_seated_enrolments(self, user):
        return self._portal_trainee_enrolments(user)._portal_seated()

    @api.model
    def _portal_lesson_material(self, lesson_id, attachment_id, user):
        """(name, bytes, mimetype) of a material of a lesson of the trainee's class."""
        lessons = self._portal_seated_enrolments(user).class_id.lesson_ids
        lesson = lessons.filtered(lambda lesson: lesson.id == lesson_id)
        attachment = lesson.attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise AccessError(_("This material is not of your class."))
        return attachment.name, attachment.raw, attachment.mimetype

    @api.model
    def _portal_exam_result(self, result_id, user):
        """The trainee's own result (its exam session), or an ``AccessError``."""
        results = self._portal_trainee_enrolments(user).result_ids
        result = results.filtered(lambda r: r.id == result_id) if to_id(result_id) else results.browse()
        if not result:
            raise AccessError(_("This exam is not yours."))
        return result.sudo()

    @api.model
    def _portal_case(self, result_id, attachment_id, user):
        """(name, bytes, mimetype) of a document of the case of the session the trainee sits,
        from the start of the practical exam."""
        result = self._portal_exam_result(result_id, user)
        session = result.session_id
        attachment = session.case_attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment or not session._practical_started():
            raise AccessError(_("The case opens on the practical day."))
        return attachment.name, attachment.raw, attachment.mimetype

    @api.model
    def _portal_work(self, result_id, attachment_id, user):
        """(name, bytes, mimetype) of a file the trainee handed in."""
        attachment = self._portal_exam_result(result_id, user).submission_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise AccessError(_("This file is not yours."))
        return attachment.name, attachment.raw, attachment.mimetype

    @api.model
    def _portal_hand_in(self, result_id, files, user):
        return self._portal_exam_result(result_id, user)._portal_submit(files)
