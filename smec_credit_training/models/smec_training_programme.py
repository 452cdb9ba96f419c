"""The credit-manager programme: its knowledge modules with their topics, the
audiences it is meant for, its theory exam (a ``survey`` certification whose
questions are tagged by module) and how long a certificate stays valid."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import plaintext2html


def tell_training_manager(records, summary, note):
    """A to-do ``summary`` on each of ``records`` (activity mixins) for a Training
    Manager of its company, once: what a job cannot do until someone who may acts."""
    env = records.env
    group = env.ref("smec_credit_training.group_training_manager")
    for record in records:
        if record.activity_ids.filtered(lambda a: a.summary == summary):
            continue
        company = record.company_id if "company_id" in record else env.company
        managers = group.user_ids.filtered(lambda u, c=company: c in u.company_ids and not u.share and u.active)
        user = managers.filtered(lambda u: u.id not in (1, 2))[:1] or managers[:1]
        record.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=(user or env.user).id, summary=summary, note=plaintext2html(note)
        )


class SmecTrainingProgramme(models.Model):
    _name = "smec.training.programme"
    _description = "Training Programme"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Html(translate=True)
    module_ids = fields.One2many("smec.training.module", "programme_id", string="Knowledge Modules", copy=True)
    audience_ids = fields.Many2many("smec.training.audience", string="Audiences")
    survey_id = fields.Many2one(
        "survey.survey",
        string="Theory Exam",
        domain=[("certification", "=", True)],
        help="The closed-book theory exam: a certification whose sections draw their questions at random.",
    )
    validity_months = fields.Integer(
        string="Certificate Validity (months)",
        tracking=True,
        help="0: a certificate never expires. Otherwise it expires this many months after its issue date.",
    )
    min_attendance = fields.Integer(
        string="Minimum Attendance (%)",
        tracking=True,
        help="The share of a class's on-site sessions a trainee attends to sit the exam. 0: no minimum.",
    )

    _validity_positive = models.Constraint("CHECK(validity_months >= 0)", "A validity cannot be negative.")
    _min_attendance_percent = models.Constraint(
        "CHECK(min_attendance BETWEEN 0 AND 100)", "A minimum attendance is a percentage, from 0 to 100."
    )

    @api.constrains("survey_id", "module_ids")
    def _check_survey(self):
        """The theory exam is a certification whose questions are this programme's:
        another survey would draw papers of another subject."""
        for programme in self.filtered("survey_id"):
            survey = programme.survey_id.sudo()
            questions = survey.question_and_page_ids.filtered(lambda q: not q.is_page)
            foreign = questions.filtered(lambda q, p=programme: q.smec_module_id.programme_id != p)
            if not survey.certification or not questions or foreign:
                raise ValidationError(
                    _(
                        "%(survey)s is not a theory exam of %(programme)s: choose a certification whose questions are "
                        "tagged with the programme's knowledge modules.",
                        survey=survey.title,
                        programme=programme.name,
                    )
                )

    def _tell_calendar_missing(self, year):
        tell_training_manager(
            self,
            _("Enter the %(year)s working-day calendar", year=year),
            _(
                "The exam sessions of %(year)s are planned on weekends that no statutory holiday covers, which the "
                "calendar does not know yet: enter that year's statutory holidays and make-up working days (Credit "
                "Training > Configuration > China Working Days) and publish it; the daily job then plans them.",
                year=year,
            ),
        )


class SmecTrainingModule(models.Model):
    _name = "smec.training.module"
    _description = "Knowledge Module"
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one("smec.training.programme", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    topics = fields.Text(translate=True, help="One topic a line.")
    question_ids = fields.One2many("survey.question", "smec_module_id", string="Exam Questions")
    question_count = fields.Integer(compute="_compute_question_count")

    @api.depends("question_ids")
    def _compute_question_count(self):
        for module in self:
            module.question_count = len(module.question_ids.filtered(lambda q: not q.is_page))


class SmecTrainingAudience(models.Model):
    _name = "smec.training.audience"
    _description = "Training Audience"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    smec_module_id = fields.Many2one(
        "smec.training.module", string="Knowledge Module", index="btree_not_null", ondelete="set null"
    )
