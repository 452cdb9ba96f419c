import io

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# The documents the programme asks for at registration, with how many files each needs:
# two colour photos (electronic, high resolution: they are printed on the certificate).
REQUIRED_DOCUMENTS = {"doc_id_copy": 1, "doc_photos": 2, "doc_proof": 1, "doc_registration_form": 1}
# a two-inch photo (35 x 49 mm) printed at 300 dpi
PHOTO_MIN_SIZE = (390, 567)


class SmecTrainingEnrolment(models.Model):
    _name = "smec.training.enrolment"
    _description = "Training Enrolment"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: submitted, accepted and rejected by the buttons only
    _smec_action_fields = frozenset({"state"})

    class_id = fields.Many2one("smec.training.class", required=True, index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Trainee", required=True, index=True, tracking=True)
    email = fields.Char(related="partner_id.email")
    doc_id_copy = fields.Many2many("ir.attachment", "smec_training_enrolment_id_copy_rel", string="ID card copy")
    doc_photos = fields.Many2many("ir.attachment", "smec_training_enrolment_photos_rel", string="Two colour photos")
    doc_proof = fields.Many2many("ir.attachment", "smec_training_enrolment_proof_rel", string="Education or work proof")
    doc_registration_form = fields.Many2many(
        "ir.attachment", "smec_training_enrolment_form_rel", string="Signed registration form"
    )
    years_experience = fields.Integer(string="Years in credit, finance or sales")
    missing_documents = fields.Char(compute="_compute_missing_documents")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("accepted", "Accepted"), ("rejected", "Rejected")],
        default="draft",
        required=True,
        tracking=True,
    )
    rejection_reason = fields.Text()

    _trainee_class_unique = models.UniqueIndex(
        "(class_id, partner_id)", "This trainee is already enrolled in this class."
    )

    def _has_passed(self):
        self.ensure_one()
        return bool(
            self.env["smec.training.result"]
            .sudo()
            .search_count([("enrolment_id", "=", self.id), ("is_latest", "=", True), ("passed", "=", True)], limit=1)
        )

    @api.constrains("doc_photos")
    def _check_photos(self):
        """Each photo is a real image (not a renamed file) big enough to print."""
        for enrolment in self:
            for photo in enrolment.sudo().doc_photos:
                try:
                    image = Image.open(io.BytesIO(photo.raw or b""))
                    image.verify()
                    size = Image.open(io.BytesIO(photo.raw)).size
                except Exception:  # any file PIL cannot read is not an image
                    raise ValidationError(
                        _("%(file)s is not an image: upload the photo as a JPEG or PNG file.", file=photo.name)
                    ) from None
                width, height = PHOTO_MIN_SIZE
                if size[0] < width or size[1] < height:
                    raise ValidationError(
                        _(
                            "%(file)s is %(w)s x %(h)s pixels: a photo printed on the certificate needs at least "
                            "%(min_w)s x %(min_h)s (a two-inch photo at 300 dpi).",
                            file=photo.name,
                            w=size[0],
                            h=size[1],
                            min_w=width,
                            min_h=height,
                        )
                    )

    @api.depends(*REQUIRED_DOCUMENTS)
    def _compute_missing_documents(self):
        for enrolment in self:
            missing = [
                self._fields[key]._description_string(self.env)
                for key, count in REQUIRED_DOCUMENTS.items()
                if len(enrolment[key]) < count
            ]
            enrolment.missing_documents = ", ".join(missing) or False

    @api.constrains("state", "class_id")
    def _check_class_capacity(self):
        for training_class in self.filtered(lambda e: e.state in ("submitted", "accepted")).class_id:
            taken = self.search_count(
                [("class_id", "=", training_class.id), ("state", "in", ("submitted", "accepted"))]
            )
            if training_class.capacity and taken > training_class.capacity:
                raise ValidationError(
                    _(
                        "Class %(name)s is full (%(capacity)s places).",
                        name=training_class.name,
                        capacity=training_class.capacity,
                    )
                )

    @api.constrains("state", *REQUIRED_DOCUMENTS)
    def _check_documents(self):
        """A submitted or accepted enrolment has every required document, however
        it is written."""
        for enrolment in self.filtered(lambda e: e.state in ("submitted", "accepted")):
            if enrolment.missing_documents:
                raise ValidationError(
                    _(
                        "Enrolment of %(trainee)s is missing: %(docs)s.",
                        trainee=enrolment.partner_id.name,
                        docs=enrolment.missing_documents,
                    )
                )

    def action_submit(self):
        if any(e.state != "draft" for e in self):
            raise UserError(_("Only a draft enrolment can be submitted."))
        for enrolment in self:
            if enrolment.missing_documents:
                raise UserError(
                    _(
                        "Enrolment of %(trainee)s is missing: %(docs)s.",
                        trainee=enrolment.partner_id.name,
                        docs=enrolment.missing_documents,
                    )
                )
        self._smec_action_write({"state": "submitted"})
        return True

    def action_accept(self):
        if not self.env.user.has_group("smec_credit_training.group_training_officer"):
            raise UserError(_("Only a Training Officer accepts enrolments."))
        if any(e.state != "submitted" for e in self):
            raise UserError(_("Only submitted enrolments can be accepted."))
        self._smec_action_write({"state": "accepted"})
        return True

    def action_reject(self):
        if not self.env.user.has_group("smec_credit_training.group_training_officer"):
            raise UserError(_("Only a Training Officer rejects enrolments."))
        if any(e.state != "submitted" for e in self):
            raise UserError(_("Only submitted enrolments can be rejected."))
        if any(not e.rejection_reason for e in self):
            raise UserError(_("Write why the enrolment is rejected."))
        self._smec_action_write({"state": "rejected"})
        return True
