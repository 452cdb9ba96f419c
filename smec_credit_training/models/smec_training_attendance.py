"""Attendance at a class's on-site sessions (the credit-assessment simulations,
the collection role-plays, the questions and answers): the lesson's instructor
takes it once the session has started, one line a seated trainee. A programme
may ask a minimum attendance to sit the exam: the share of the on-site sessions
held so far that the trainee attended."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .smec_training_class import SEAT_STATES


class SmecTrainingAttendance(models.Model):
    _name = "smec.training.attendance"
    _description = "Session Attendance"
    _inherit = ["smec.guard.mixin"]
    _order = "lesson_id, partner_id"

    # the lines are made by the lesson's action; who was there is the instructor's to say
    _smec_code_fields = frozenset({"lesson_id", "enrolment_id", "recorded_by_id", "recorded_at"})

    lesson_id = fields.Many2one("smec.training.lesson", required=True, ondelete="cascade", index=True)
    enrolment_id = fields.Many2one("smec.training.enrolment", required=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one(related="enrolment_id.partner_id", string="Trainee", store=True)
    class_id = fields.Many2one(related="lesson_id.class_id", store=True)
    company_id = fields.Many2one(related="lesson_id.company_id", store=True)
    present = fields.Boolean()
    recorded_by_id = fields.Many2one("res.users", string="Recorded by", readonly=True)
    recorded_at = fields.Datetime(readonly=True)

    _lesson_trainee_unique = models.UniqueIndex("(lesson_id, enrolment_id)", "A trainee is marked once a session.")

    @api.depends("partner_id", "lesson_id")
    def _compute_display_name(self):
        # the trainee at the session, never "smec.training.attendance,7" (a line opened on its own, its chatter
        # or activity links); read as the lesson's reader may read its trainees' names
        for line in self:
            names = [line.sudo().partner_id.name, line.sudo().lesson_id.name]
            line.display_name = " - ".join(filter(None, names))

    def write(self, vals):
        result = super().write(vals)
        if not self.env.su and "present" in vals:
            self.lesson_id._check_may_take_attendance()
            self.sudo().write({"recorded_by_id": self.env.user.id, "recorded_at": fields.Datetime.now()})
        return result


class SmecTrainingLesson(models.Model):
    _inherit = "smec.training.lesson"

    attendance_ids = fields.One2many("smec.training.attendance", "lesson_id")
    attendance_count = fields.Integer(compute="_compute_attendance_count", string="Present")

    @api.depends("attendance_ids.present")
    def _compute_attendance_count(self):
        for lesson in self:
            lesson.attendance_count = len(lesson.attendance_ids.filtered("present"))

    def _check_may_take_attendance(self):
        """The lesson's instructor (or a Training Officer), once the on-site session has started."""
        user = self.env.user
        officer = user.has_group("smec_credit_training.group_training_officer")
        for lesson in self:
            if not officer and lesson.instructor_id.partner_id != user.partner_id:
                raise AccessError(_("Only the instructor of %(lesson)s records its attendance.", lesson=lesson.name))
            if lesson.mode != "onsite":
                raise UserError(_("%(lesson)s is online: attendance is taken at on-site sessions.", lesson=lesson.name))
            if not lesson.date_start or lesson.date_start > fields.Datetime.now():
                raise UserError(_("%(lesson)s has not started: attendance is taken once it has.", lesson=lesson.name))

    def action_take_attendance(self):
        """A line for each trainee seated in the class, absent until ticked."""
        self._check_may_take_attendance()
        Attendance = self.env["smec.training.attendance"].sudo()
        for lesson in self:
            listed = lesson.sudo().attendance_ids.enrolment_id
            seated = lesson.class_id.sudo().enrolment_ids.filtered(lambda e: e.state in SEAT_STATES) - listed
            Attendance.create([{"lesson_id": lesson.id, "enrolment_id": e.id} for e in seated])
        return True
