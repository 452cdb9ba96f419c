"""The credit-manager programme: its knowledge modules with their topics, the
audiences it is meant for, its theory exam (a ``survey`` certification whose
questions are tagged by module) and how long a certificate stays valid."""

from odoo import api, fields, models


class SmecTrainingProgramme(models.Model):
    _name = "smec.training.programme"
    _description = "Training Programme"
    _inherit = ["mail.thread"]
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
    class_ids = fields.One2many("smec.training.class", "programme_id", string="Classes")

    _validity_positive = models.Constraint("CHECK(validity_months >= 0)", "A validity cannot be negative.")


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
