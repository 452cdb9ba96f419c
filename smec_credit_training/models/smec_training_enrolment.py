import io

from PIL import Image

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.smec_base.models.ir_attachment import image_header_size

from .smec_training_class import SEAT_STATES

# The documents the programme asks for at registration, with how many files each needs:
# two colour photos (electronic, high resolution: they are printed on the certificate).
REQUIRED_DOCUMENTS = {"doc_id_copy": 1, "doc_photos": 2, "doc_proof": 1, "doc_registration_form": 1}
# a two-inch photo (35 x 49 mm) printed at 300 dpi
PHOTO_MIN_SIZE = (390, 567)


def image_size(name, content):
    """(width, height) of a photo read from its header, never decoding an image that
    claims more pixels than a camera makes; a ``ValidationError`` when it is no image."""
    size = image_header_size(name, content)
    if size is None:
        raise ValidationError(_("%(file)s is not an image: upload the photo as a JPEG or PNG file.", file=name))
    return size


class SmecTrainingEnrolment(models.Model):
    _name = "smec.training.enrolment"
    _description = "Training Enrolment"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin", "smec.training.files.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    # smec.guard.mixin: the state moves by the buttons, the results and the certificate only
    _smec_action_fields = frozenset({"state"})
    _smec_code_fields = frozenset({"waiting_since"})
    _smec_file_fields = tuple(REQUIRED_DOCUMENTS)

    class_id = fields.Many2one("smec.training.class", required=True, index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Trainee", required=True, index=True, tracking=True)
    email = fields.Char(related="partner_id.email")
    programme_id = fields.Many2one(related="class_id.programme_id", store=True)
    audience_id = fields.Many2one("smec.training.audience", domain="[('id', 'in', programme_audience_ids)]")
    programme_audience_ids = fields.Many2many(related="class_id.programme_id.audience_ids")
    is_student = fields.Boolean(help="A student gives a student card as proof.")
    doc_id_copy = fields.Many2many("ir.attachment", "smec_training_enrolment_id_copy_rel", string="ID card copy")
    doc_photos = fields.Many2many("ir.attachment", "smec_training_enrolment_photos_rel", string="Two colour photos")
    doc_proof = fields.Many2many("ir.attachment", "smec_training_enrolment_proof_rel", string="Education or work proof")
    doc_registration_form = fields.Many2many(
        "ir.attachment", "smec_training_enrolment_form_rel", string="Signed registration form"
    )
    years_experience = fields.Integer(string="Years in credit, finance or sales")
    missing_documents = fields.Char(compute="_compute_missing_documents")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("complete", "Documents complete"),
            ("waiting", "Waiting list"),
            ("approved", "Approved"),
            ("examined", "Examined"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("certified", "Certified"),
            ("rejected", "Rejected"),
            ("withdrawn", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        help="Each change is logged in the chatter.",
    )
    waiting_since = fields.Datetime(readonly=True, help="The waiting list moves up in this order.")
    rejection_reason = fields.Text()
    result_ids = fields.One2many("smec.training.result", "enrolment_id", string="Exam Results")
    certificate_ids = fields.One2many("smec.training.certificate", "enrolment_id", string="Certificates")
    certificate_waiting = fields.Char(
        compute="_compute_certificate_waiting",
        string="Certificate Waits",
        help="Why the certificate is not issued yet.",
    )

    _trainee_class_unique = models.UniqueIndex(
        "(class_id, partner_id)", "This trainee is already enrolled in this class."
    )

    @api.depends("partner_id", "class_id")
    def _compute_display_name(self):
        for enrolment in self:
            enrolment.display_name = " - ".join(filter(None, [enrolment.partner_id.name, enrolment.class_id.name]))

    attendance_rate = fields.Float(
        compute="_compute_attendance_rate",
        string="Attendance (%)",
        digits=(5, 1),
        help="The on-site sessions of the class held so far that the trainee attended.",
    )

    def _compute_attendance_rate(self):
        now = fields.Datetime.now()
        for enrolment in self:
            held = enrolment.class_id.sudo().lesson_ids.filtered(
                lambda lesson: lesson.mode == "onsite" and lesson.date_start and lesson.date_start <= now
            )
            present = held.attendance_ids.filtered(lambda a, e=enrolment: a.enrolment_id == e and a.present)
            enrolment.attendance_rate = 100.0 * len(present) / len(held) if held else 100.0

    def _exam_refusal(self):
        """Why the trainee may not sit the exam yet, or None."""
        self.ensure_one()
        minimum = self.programme_id.min_attendance
        if minimum and self.attendance_rate < minimum:
            return _(
                "%(trainee)s attended %(rate)s%% of the on-site sessions; the programme asks %(min)s%% to sit "
                "the exam.",
                trainee=self.partner_id.name,
                rate=round(self.attendance_rate, 1),
                min=minimum,
            )
        return None

    @api.depends("certificate_ids.waiting_for", "certificate_ids.waiting_year", "certificate_ids.state")
    def _compute_certificate_waiting(self):
        for enrolment in self:
            pending = enrolment.sudo().certificate_ids.filtered(lambda c: c.state == "pending" and c.waiting_for)
            enrolment.certificate_waiting = pending[:1].waiting_reason

    @api.constrains("doc_photos")
    def _check_photos(self):
        """Each photo is a real image (not a renamed file) big enough to print."""
        for enrolment in self:
            for photo in enrolment.sudo().doc_photos:
                size = image_size(photo.name, photo.raw)
                try:
                    Image.open(io.BytesIO(photo.raw)).verify()
                except Exception:  # a truncated or corrupt file
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
        for training_class in self.filtered(lambda e: e.state in SEAT_STATES).class_id:
            taken = self.sudo().search_count([("class_id", "=", training_class.id), ("state", "in", SEAT_STATES)])
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
        """Past the draft, an enrolment has every required document, however it is
        written (a document is replaced, never just removed)."""
        for enrolment in self.filtered(lambda e: e.state not in ("draft", "rejected", "withdrawn")):
            if enrolment.missing_documents:
                raise ValidationError(
                    _(
                        "Enrolment of %(trainee)s is missing: %(docs)s.",
                        trainee=enrolment.partner_id.name,
                        docs=enrolment.missing_documents,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        if not self.env.su:
            self._check_trainee_fixed(vals)
        return super().write(vals)

    def _check_trainee_fixed(self, vals):
        """Who an enrolment is for, and in which class, is set before it is submitted:
        an exam sat, a result or a certificate then stays that person's."""
        for name in ("partner_id", "class_id"):
            if name not in vals:
                continue
            moved = self.filtered(lambda e, n=name: e.state != "draft" and e[n].id != (vals[n] or False))
            if moved:
                raise UserError(
                    _(
                        "%(field)s of the enrolment of %(trainee)s cannot change once it is submitted: "
                        "withdraw it and enrol the person in the class instead.",
                        field=self._fields[name]._description_string(self.env),
                        trainee=moved[0].partner_id.name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_officer(self, action):
        if not self.env.user.has_group("smec_credit_training.group_training_officer"):
            raise UserError(_("Only a Training Officer %(action)s enrolments.", action=action))

    def action_submit(self):
        """Draft to documents complete, once nothing is missing."""
        if any(e.state != "draft" for e in self):
            raise UserError(_("Only a draft enrolment is marked complete."))
        for enrolment in self:
            if enrolment.missing_documents:
                raise UserError(
                    _(
                        "Enrolment of %(trainee)s is missing: %(docs)s.",
                        trainee=enrolment.partner_id.name,
                        docs=enrolment.missing_documents,
                    )
                )
        self._smec_action_write({"state": "complete"})
        return True

    def action_approve(self):
        """Approve a complete enrolment: a seat if the class has one, else the waiting list."""
        self._check_officer(_("approves"))
        if any(e.state != "complete" for e in self):
            raise UserError(_("Only an enrolment with its documents complete can be approved."))
        for enrolment in self.sorted("id"):
            if enrolment.class_id._has_free_seat():
                enrolment._smec_action_write({"state": "approved"})
            else:
                enrolment._smec_action_write({"state": "waiting"})
                enrolment.sudo().waiting_since = fields.Datetime.now()
                enrolment.message_post(
                    body=_(
                        "Class %(name)s is full: the enrolment is on its waiting list and moves up when a seat frees.",
                        name=enrolment.class_id.name,
                    )
                )
        return True

    def action_reject(self):
        self._check_officer(_("rejects"))
        if any(e.state not in ("complete", "waiting") for e in self):
            raise UserError(_("Only an enrolment not yet approved can be rejected."))
        if any(not e.rejection_reason for e in self):
            raise UserError(_("Write why the enrolment is rejected."))
        self._smec_action_write({"state": "rejected"})
        return True

    def action_withdraw(self):
        """The trainee leaves the class: the seat goes to the waiting list."""
        self._check_officer(_("withdraws"))
        if any(e.state not in ("draft", "complete", "waiting", "approved", "failed") for e in self):
            raise UserError(_("An examined, passed or certified enrolment stays on record."))
        classes = self.filtered(lambda e: e.state in SEAT_STATES).class_id
        self._smec_action_write({"state": "withdrawn", "waiting_since": False})
        classes._move_waiting_list_up()
        return True

    def _smec_exam_state(self, state):
        """Set by the exam results and the certificate (examined, passed, failed, certified)."""
        self.filtered(lambda e: e.state != state)._smec_action_write({"state": state})
