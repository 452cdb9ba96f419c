"""What the portal does with enrolments, as model methods the controller calls:
a visitor enrols (and gets a portal account), a trainee uploads or replaces a
document, and reads only what is theirs. Every check is here; a refused input
raises a ``UserError`` (or ``ValidationError``) and writes nothing."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

from .smec_training_class import SEAT_STATES
from .smec_training_enrolment import REQUIRED_DOCUMENTS

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
            content = upload.read()
            if len(content) > MAX_UPLOAD:
                raise UserError(_("%(file)s is larger than 10 MB.", file=upload.filename))
            result.append((upload.filename, content, upload.mimetype))
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
        training_class = self._portal_classes().filtered(lambda c: str(c.id) == str(values.get("class_id") or ""))
        if not training_class:
            raise UserError(_("Choose a class open for enrolment."))
        try:
            years = int(values.get("years_experience") or 0)
        except ValueError:
            raise UserError(_("Years of experience is a whole number.")) from None
        if not 0 <= years <= 60:
            raise UserError(_("Years of experience is between 0 and 60."))
        audience = training_class.programme_id.audience_ids.filtered(
            lambda a: str(a.id) == str(values.get("audience_id") or "")
        )
        Users = self.env["res.users"].sudo()
        if user._is_public():
            name = (values.get("name") or "").strip()
            email = email_normalize(values.get("email") or "")
            if not name or len(name) > 100:
                raise UserError(_("Write your name as on your ID card."))
            if not email:
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
                    .create({"name": name, "email": email, "phone": (values.get("phone") or "").strip()[:40]})
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
                wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [fields.Command.set(partner.ids)]})
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
        self.ensure_one()
        if user._is_public() or self.sudo().partner_id != user.partner_id:
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
        """The exam sessions to come that the trainee is registered for, each with
        its theory paper once the session is prepared: [(session, result or empty)]."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        sessions = (
            self.env["smec.training.session"]
            .sudo()
            .search([("enrolment_ids", "in", self.ids), ("date_practical", ">=", today)], order="date_theory")
        )
        results = self.sudo().result_ids
        return [(session, results.filtered(lambda r, s=session: r.session_id == s)[:1]) for session in sessions]

    @api.model
    def _portal_certificate_pdf(self, certificate_id, user):
        certificate = self.env["smec.training.certificate"].sudo().browse(certificate_id).exists()
        if not certificate or certificate.partner_id != user.partner_id or certificate.state == "pending":
            raise AccessError(_("This certificate is not yours."))
        report = self.env.ref("smec_credit_training.action_report_certificate").sudo()
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
