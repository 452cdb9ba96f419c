from odoo import _, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import content_disposition, request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.smec_training_enrolment import REQUIRED_DOCUMENTS


class TrainingPortal(CustomerPortal):
    """The website enrolment form and the trainee's portal. The rules are the
    enrolment model's (``_portal_*`` methods): this only reads the request."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "smec_training_count" in counters:
            values["smec_training_count"] = len(
                request.env["smec.training.enrolment"]._portal_trainee_enrolments(request.env.user)
            )
        return values

    def _smec_documents(self):
        return {field: request.httprequest.files.getlist(field) for field in REQUIRED_DOCUMENTS}

    @http.route("/training/enrol", type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=True)
    def training_enrol(self, **post):
        Enrolment = request.env["smec.training.enrolment"]
        values = {"classes": Enrolment._portal_classes(), "post": post, "error": None, "page_name": "smec_enrol"}
        if request.httprequest.method == "POST":
            address = request.httprequest.remote_addr or "unknown"
            if not request.env["smec.training.verify.attempt"]._allow(address, "enrol"):
                values["error"] = _("Too many enrolments from your address: try again in an hour.")
                return request.render("smec_credit_training.portal_enrol_form", values)
            try:
                documents = {f: Enrolment._portal_files(files) for f, files in self._smec_documents().items()}
                enrolment = Enrolment._portal_enrol(post, documents, request.env.user)
            except (UserError, ValidationError) as error:
                values["error"] = error.args[0]
            else:
                return request.render(
                    "smec_credit_training.portal_enrol_done",
                    {
                        "enrolment": enrolment,
                        "email": enrolment.partner_id.email,
                        "signed_in": not request.env.user._is_public(),
                    },
                )
        return request.render("smec_credit_training.portal_enrol_form", values)

    def _smec_pdf(self, pdf, filename):
        return request.make_response(
            pdf, [("Content-Type", "application/pdf"), ("Content-Disposition", content_disposition(filename))]
        )

    @http.route("/training/registration-form", type="http", auth="public", website=True, sitemap=False)
    def training_registration_form(self, **kw):
        """The blank registration form, to print, sign and upload with the enrolment."""
        address = request.httprequest.remote_addr or "unknown"
        if not request.env["smec.training.verify.attempt"]._allow(address, "form"):
            return request.make_response(_("Too many downloads from your address: try again in an hour."), status=429)
        pdf = request.env["smec.training.enrolment"]._portal_registration_form(None, request.env.user)
        return self._smec_pdf(pdf, "registration-form.pdf")

    @http.route("/my/training/<int:enrolment_id>/registration-form", type="http", auth="user", website=True)
    def portal_training_registration_form(self, enrolment_id, **kw):
        try:
            pdf = request.env["smec.training.enrolment"]._portal_registration_form(enrolment_id, request.env.user)
        except AccessError:
            return request.not_found()
        return self._smec_pdf(pdf, "registration-form.pdf")

    def _smec_refused(self, error):
        """Back to My Training with the reason: kept in the session, never in the address
        (a link cannot make the page say what its sender wants)."""
        request.session["smec_training_error"] = str(error.args[0])[:500]
        return request.redirect("/my/training")

    @http.route("/my/training", type="http", auth="user", website=True)
    def portal_my_training(self, message=None, **kw):
        Enrolment = request.env["smec.training.enrolment"]
        enrolments = Enrolment._portal_trainee_enrolments(request.env.user)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "enrolments": enrolments,
                "document_fields": [
                    (f, Enrolment._fields[f]._description_string(request.env)) for f in REQUIRED_DOCUMENTS
                ],
                "toolkit": request.env["smec.training.toolkit"]._documents() if enrolments._portal_seated() else [],
                "message": message if message in ("uploaded", "handed_in") else None,
                "error": request.session.pop("smec_training_error", None),
                "page_name": "smec_training",
            }
        )
        return request.render("smec_credit_training.portal_my_training", values)

    @http.route("/my/training/<int:enrolment_id>/upload", type="http", auth="user", methods=["POST"], website=True)
    def portal_training_upload(self, enrolment_id, document=None, **kw):
        Enrolment = request.env["smec.training.enrolment"]
        try:
            files = Enrolment._portal_files(request.httprequest.files.getlist("files"))
            Enrolment.browse(enrolment_id)._portal_upload(document, files, request.env.user)
        except AccessError:
            return request.redirect("/my/training")
        except (UserError, ValidationError) as error:
            return self._smec_refused(error)
        return request.redirect("/my/training?message=uploaded")

    def _smec_file(self, method, *args):
        """The file a ``_portal_*`` method gives the signed-in trainee, or not found."""
        try:
            name, content, mimetype = getattr(request.env["smec.training.enrolment"], method)(*args, request.env.user)
        except AccessError:
            return request.not_found()
        return request.make_response(
            content,
            [
                ("Content-Type", mimetype or "application/octet-stream"),
                ("Content-Disposition", content_disposition(name)),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )

    @http.route("/my/training/document/<int:attachment_id>", type="http", auth="user", website=True)
    def portal_training_document(self, attachment_id, **kw):
        return self._smec_file("_portal_document", attachment_id)

    @http.route(
        "/my/training/lesson/<int:lesson_id>/material/<int:attachment_id>", type="http", auth="user", website=True
    )
    def portal_training_material(self, lesson_id, attachment_id, **kw):
        return self._smec_file("_portal_lesson_material", lesson_id, attachment_id)

    @http.route("/my/training/exam/<int:result_id>/case/<int:attachment_id>", type="http", auth="user", website=True)
    def portal_training_case(self, result_id, attachment_id, **kw):
        return self._smec_file("_portal_case", result_id, attachment_id)

    @http.route("/my/training/exam/<int:result_id>/work/<int:attachment_id>", type="http", auth="user", website=True)
    def portal_training_work(self, result_id, attachment_id, **kw):
        return self._smec_file("_portal_work", result_id, attachment_id)

    @http.route("/my/training/exam/<int:result_id>/submit", type="http", auth="user", methods=["POST"], website=True)
    def portal_training_submit(self, result_id, **kw):
        Enrolment = request.env["smec.training.enrolment"]
        try:
            files = Enrolment._portal_files(request.httprequest.files.getlist("files"))
            Enrolment._portal_hand_in(result_id, files, request.env.user)
        except AccessError:
            return request.redirect("/my/training")
        except (UserError, ValidationError) as error:
            return self._smec_refused(error)
        return request.redirect("/my/training?message=handed_in")

    @http.route("/my/training/certificate/<int:certificate_id>", type="http", auth="user", website=True)
    def portal_training_certificate(self, certificate_id, **kw):
        try:
            number, pdf = request.env["smec.training.enrolment"]._portal_certificate_pdf(
                certificate_id, request.env.user
            )
        except AccessError:
            return request.not_found()
        return self._smec_pdf(pdf, f"{number}.pdf")

    @http.route("/my/training/toolkit/<string:key>", type="http", auth="user", website=True)
    def portal_training_toolkit(self, key, **kw):
        try:
            filename, content = request.env["smec.training.enrolment"]._portal_toolkit(key, request.env.user)
        except AccessError:
            return request.not_found()
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return request.make_response(
            content, [("Content-Type", mimetype), ("Content-Disposition", content_disposition(filename))]
        )
