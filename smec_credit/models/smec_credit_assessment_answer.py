from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# what an answer says: for an automatic criterion, the ledger's; once the
# assessment is approved, history
_ANSWER_FIELDS = frozenset({"option_id", "value", "answered", "applicable"})


class SmecCreditAssessmentAnswer(models.Model):
    _name = "smec.credit.assessment.answer"
    _description = "Credit Assessment Answer"
    _order = "assessment_id, dimension, sequence, id"

    assessment_id = fields.Many2one("smec.credit.assessment", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="assessment_id.company_id", store=True)
    criterion_id = fields.Many2one("smec.credit.criterion", required=True, ondelete="restrict")
    dimension = fields.Selection(related="criterion_id.dimension", store=True)
    sequence = fields.Integer(related="criterion_id.sequence", store=True)
    kind = fields.Selection(related="criterion_id.kind")
    source = fields.Selection(related="criterion_id.source")
    unit = fields.Char(related="criterion_id.unit")
    option_id = fields.Many2one(
        "smec.credit.criterion.option",
        string="Answer",
        domain="[('criterion_id', '=', criterion_id)]",
    )
    value = fields.Float(help="The numeric answer, placed in the criterion's bands.")
    answered = fields.Boolean(
        compute="_compute_answered",
        store=True,
        readonly=False,
        precompute=True,
        help="A numeric answer counts once it is entered (0 is a valid answer).",
    )
    applicable = fields.Boolean(
        default=True,
        help="A criterion that does not apply (promises kept by a customer who never had to promise) does not "
        "count; one whose answer is unknown does, with its conservative score.",
    )
    score = fields.Float(compute="_compute_score", store=True)
    is_known = fields.Boolean(
        string="Known",
        compute="_compute_is_known",
        store=True,
        help='Answered with information: not unanswered, not without ledger data, not "no information".',
    )
    status = fields.Selection(
        [
            ("known", "Known"),
            ("unknown", "Unknown: conservative score"),
            ("not_applicable", "Does not apply"),
        ],
        compute="_compute_status",
    )

    @api.depends("option_id")
    def _compute_answered(self):
        for answer in self:
            if answer.kind == "choice":
                answer.answered = bool(answer.option_id)

    @api.depends("option_id.score", "value", "answered", "criterion_id.option_ids.score", "criterion_id.unknown_score")
    def _compute_score(self):
        for answer in self:
            if not answer.answered:
                # knowing less never scores better: the criterion's conservative answer
                answer.score = answer.criterion_id.unknown_score
            elif answer.kind == "choice":
                answer.score = answer.option_id.score
            else:
                answer.score = answer.criterion_id._score_value(answer.value) or 0.0

    @api.depends("answered", "option_id.is_unknown")
    def _compute_is_known(self):
        for answer in self:
            answer.is_known = answer.answered and not answer.option_id.is_unknown

    @api.depends("is_known", "applicable")
    def _compute_status(self):
        for answer in self:
            if not answer.applicable:
                answer.status = "not_applicable"
            else:
                answer.status = "known" if answer.is_known else "unknown"

    @api.onchange("value")
    def _onchange_value(self):
        if self.kind == "number":
            self.answered = True

    @api.constrains("value", "option_id", "answered")
    def _check_answer(self):
        for answer in self:
            if answer.option_id and answer.option_id.criterion_id != answer.criterion_id:
                raise ValidationError(_("The answer does not belong to criterion %s.", answer.criterion_id.name))
            if answer.kind == "number" and answer.answered and answer.applicable:
                if answer.criterion_id._score_value(answer.value) is None:
                    raise ValidationError(
                        _(
                            "%(value)s is outside every band of criterion %(criterion)s.",
                            value=answer.value,
                            criterion=answer.criterion_id.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers._check_may_answer(set().union(*vals_list))
        return answers

    def write(self, vals):
        self._check_may_answer(vals)
        if "value" in vals and "answered" not in vals:
            vals = {**vals, "answered": True}
        return super().write(vals)

    def _check_may_answer(self, fnames):
        """Users answer the questionnaire of an assessment not yet approved;
        automatic criteria are answered from the ledger by the assessment itself
        (in superuser mode), whatever a call sends."""
        if self.env.su or not fnames:
            return
        locked = self.assessment_id._smec_locked_states
        if any(answer.assessment_id.state in locked for answer in self):
            raise AccessError(self.assessment_id._smec_locked_message())
        if _ANSWER_FIELDS & set(fnames) and any(answer.source not in (False, "manual") for answer in self):
            raise AccessError(
                _("Automatic criteria are answered from the ledger: refresh the assessment to update them.")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_not_history(self):
        if not self.env.su and any(a.assessment_id.state in a.assessment_id._smec_locked_states for a in self):
            raise AccessError(self.assessment_id._smec_locked_message())
