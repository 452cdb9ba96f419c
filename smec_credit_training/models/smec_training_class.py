from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# an enrolment in these states holds a seat of its class
SEAT_STATES = ("approved", "examined", "passed", "failed", "certified")

INSTRUCTOR_ROLES = [
    ("bureau_analyst", "Credit bureau analyst"),
    ("credit_director", "Credit director"),
    ("bank_risk", "Bank risk officer"),
    ("centre_staff", "Centre staff"),
]


class SmecTrainingClass(models.Model):
    """A class of the credit-manager programme (online, on site, or both)."""

    _name = "smec.training.class"
    _description = "Training Class"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(readonly=True, copy=False, default=lambda self: _("New"))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    programme_id = fields.Many2one(
        "smec.training.programme",
        required=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env["smec.training.programme"].search([], limit=1),
    )
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(required=True, tracking=True)
    mode = fields.Selection(
        [("online", "Online"), ("onsite", "On site"), ("blended", "Online + on site")],
        required=True,
        default="blended",
    )
    location = fields.Char(help="Where the on-site lessons take place.")
    online_url = fields.Char(string="Online Classroom", help="The link of the online lessons (meeting room, course).")
    schedule = fields.Text(help="The timetable as trainees see it, e.g. Saturdays 9:00-17:00.")
    capacity = fields.Integer(help="0: no limit. A full class puts new approvals on its waiting list.")
    officer_id = fields.Many2one("res.users", string="Training Officer", default=lambda self: self.env.user)
    enrolment_ids = fields.One2many("smec.training.enrolment", "class_id", string="Enrolments")
    enrolled_count = fields.Integer(compute="_compute_enrolled_count", store=True, string="Seats Taken")
    waiting_count = fields.Integer(compute="_compute_enrolled_count", store=True, string="Waiting")
    lesson_ids = fields.One2many("smec.training.lesson", "class_id", string="Lessons", copy=True)
    instructor_ids = fields.One2many("smec.training.instructor", "class_id", string="Instructors", copy=True)
    published = fields.Boolean(
        string="Open on the Portal", help="Visitors can enrol in it on the website while it is open for enrolment."
    )
    state = fields.Selection(
        [("draft", "Planned"), ("open", "Open for enrolment"), ("running", "Running"), ("done", "Done")],
        default="draft",
        required=True,
        tracking=True,
    )

    _dates_ordered = models.Constraint("CHECK(date_end >= date_start)", "A class cannot end before it starts.")
    _capacity_positive = models.Constraint("CHECK(capacity >= 0)", "The capacity cannot be negative.")

    @api.depends("enrolment_ids.state")
    def _compute_enrolled_count(self):
        for training_class in self:
            states = training_class.enrolment_ids.mapped("state")
            training_class.enrolled_count = sum(state in SEAT_STATES for state in states)
            training_class.waiting_count = states.count("waiting")

    def _has_free_seat(self):
        self.ensure_one()
        taken = (
            self.env["smec.training.enrolment"]
            .sudo()
            .search_count([("class_id", "=", self.id), ("state", "in", SEAT_STATES)])
        )
        return not self.capacity or taken < self.capacity

    def _move_waiting_list_up(self):
        """Give the freed seats to the trainees waiting longest."""
        Enrolment = self.env["smec.training.enrolment"].sudo()
        for training_class in self:
            waiting = Enrolment.search(
                [("class_id", "=", training_class.id), ("state", "=", "waiting")], order="waiting_since, id"
            )
            if training_class.capacity:
                taken = Enrolment.search_count([("class_id", "=", training_class.id), ("state", "in", SEAT_STATES)])
                waiting = waiting[: max(training_class.capacity - taken, 0)]
            for enrolment in waiting:
                enrolment._smec_action_write({"state": "approved", "waiting_since": False})
                enrolment.message_post(body=_("A seat became free: the enrolment moved up from the waiting list."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("code", _("New")) == _("New"):
                vals["code"] = self.env["ir.sequence"].next_by_code("smec.training.class") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(vals)
        if "capacity" in vals:
            self._move_waiting_list_up()
        return result


class SmecTrainingLesson(models.Model):
    _name = "smec.training.lesson"
    _inherit = ["smec.training.files.mixin"]
    _description = "Training Lesson"
    _smec_file_fields = ("attachment_ids",)
    _order = "class_id, sequence, date_start, id"

    class_id = fields.Many2one("smec.training.class", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    module_id = fields.Many2one("smec.training.module", string="Knowledge Module")
    date_start = fields.Datetime(string="Starts")
    duration = fields.Float(help="In hours.")
    mode = fields.Selection([("online", "Online"), ("onsite", "On site")], default="onsite", required=True)
    url = fields.Char(string="Link", help="The recording, the online course or the meeting room.")
    attachment_ids = fields.Many2many("ir.attachment", string="Materials")
    instructor_id = fields.Many2one("smec.training.instructor", domain="[('class_id', '=', class_id)]")

    @api.constrains("url")
    def _check_url(self):
        for lesson in self:
            if lesson.url and not lesson.url.startswith(("https://", "http://")):
                raise ValidationError(_("A lesson link starts with https:// (or http://)."))


class SmecTrainingInstructor(models.Model):
    _name = "smec.training.instructor"
    _description = "Class Instructor"
    _order = "class_id, sequence, id"
    _rec_name = "partner_id"

    class_id = fields.Many2one("smec.training.class", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="class_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one("res.partner", string="Instructor", required=True)
    role = fields.Selection(INSTRUCTOR_ROLES, required=True)
    module_ids = fields.Many2many("smec.training.module", string="Teaches")
