"""An exam result of a trainee: the theory score and the practical case marked
on its rubric (credit evaluation report 40, receivables tracking sheet 30,
collection plan 30). Passed when both reach 60; a retake is a new result and
only the latest counts. Confirmed by an Examiner; a pass makes the pending
certificate."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

PASS_MARK = 60
RUBRIC = {"practical_report": 40, "practical_tracking": 30, "practical_plan": 30}


class SmecTrainingResult(models.Model):
    _name = "smec.training.result"
    _description = "Exam Result"
    _inherit = ["mail.thread", "smec.guard.mixin"]
    _order = "exam_date desc, id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset({"examiner_id", "is_latest", "theory_input_id", "exam_date"})
    _smec_action_fields = frozenset({"state", "published"})
    _smec_locked_states = frozenset({"confirmed"})

    enrolment_id = fields.Many2one("smec.training.enrolment", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(related="enrolment_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="enrolment_id.partner_id", store=True, string="Trainee")
    session_id = fields.Many2one("smec.training.session", index=True, ondelete="restrict")
    exam_date = fields.Date(
        compute="_compute_exam_date", store=True, precompute=True, help="The practical day of the exam session."
    )
    theory_input_id = fields.Many2one(
        "survey.user_input", string="Theory Exam Paper", readonly=True, index="btree_not_null", ondelete="restrict"
    )
    theory_input_state = fields.Selection(related="theory_input_id.state", string="Theory Exam")
    theory_score = fields.Float(
        digits=(5, 1),
        compute="_compute_theory_score",
        store=True,
        readonly=False,
        help="The closed-book theory exam, out of 100: the survey's score once the paper is handed in.",
    )
    practical_report = fields.Float(string="Credit Evaluation Report (/40)", digits=(5, 1))
    practical_tracking = fields.Float(string="Receivables Tracking Sheet (/30)", digits=(5, 1))
    practical_plan = fields.Float(string="Collection Plan (/30)", digits=(5, 1))
    practical_score = fields.Float(compute="_compute_result", store=True, digits=(5, 1))
    passed = fields.Boolean(compute="_compute_result", store=True)
    comments = fields.Text(string="Examiner's Comments")
    examiner_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection([("draft", "Being marked"), ("confirmed", "Confirmed")], default="draft", required=True)
    is_latest = fields.Boolean(readonly=True, help="The trainee's latest confirmed result: the one that counts.")
    published = fields.Boolean(readonly=True, help="The trainee sees a published result on the portal.")

    @api.depends("partner_id", "session_id", "exam_date")
    def _compute_display_name(self):
        for result in self:
            exam = result.session_id.name or (result.exam_date and str(result.exam_date)) or ""
            result.display_name = " - ".join(filter(None, [result.partner_id.name, exam]))

    @api.depends("theory_input_id.state", "theory_input_id.scoring_percentage")
    def _compute_theory_score(self):
        for result in self:
            if result.theory_input_id.state == "done":
                result.theory_score = result.theory_input_id.scoring_percentage
            elif not result.theory_score:
                result.theory_score = 0.0

    @api.depends("session_id")
    def _compute_exam_date(self):
        for result in self:
            result.exam_date = result.session_id.date_practical

    @api.depends("theory_score", *RUBRIC)
    def _compute_result(self):
        for result in self:
            result.practical_score = sum(result[part] for part in RUBRIC)
            result.passed = result.theory_score >= PASS_MARK and result.practical_score >= PASS_MARK

    @api.constrains("theory_score", *RUBRIC)
    def _check_scores(self):
        for result in self:
            if not 0 <= result.theory_score <= 100:
                raise ValidationError(_("The theory score is out of 100, not %(score)s.", score=result.theory_score))
            for part, top in RUBRIC.items():
                if not 0 <= result[part] <= top:
                    raise ValidationError(
                        _(
                            "%(part)s is marked out of %(top)s, not %(score)s.",
                            part=self._fields[part]._description_string(self.env),
                            top=top,
                            score=result[part],
                        )
                    )

    def _smec_locked_message(self):
        return _("A confirmed result is final: a retake is a new result.")

    def action_confirm(self):
        if not self.env.user.has_group("smec_credit_training.group_training_examiner"):
            raise AccessError(_("Only an Examiner confirms exam results."))
        if any(r.state != "draft" for r in self):
            raise UserError(_("This result is already confirmed."))
        today = fields.Date.context_today(self)
        if any(r.exam_date > today for r in self):
            raise UserError(_("An exam is marked after it took place."))
        if any(r.theory_input_id and r.theory_input_id.state != "done" for r in self):
            raise UserError(_("The theory paper is not handed in yet: its score is not known."))
        self._smec_action_write({"state": "confirmed"})
        self.sudo().write({"examiner_id": self.env.user.id})
        for result in self.sorted("exam_date"):
            mine = self.search([("enrolment_id", "=", result.enrolment_id.id), ("state", "=", "confirmed")])
            latest = mine.sorted(lambda r: (r.exam_date, r.id))[-1:]
            (mine - latest).sudo().write({"is_latest": False})
            latest.sudo().write({"is_latest": True})
            if latest == result:
                result.enrolment_id.sudo()._smec_exam_state("passed" if result.passed else "failed")
                if result.passed:
                    self.env["smec.training.certificate"]._create_for(result)
        return True

    def action_publish(self):
        """Show confirmed results to their trainees on the portal."""
        if not self.env.user.has_group("smec_credit_training.group_training_examiner"):
            raise AccessError(_("Only an Examiner publishes exam results."))
        if any(r.state != "confirmed" for r in self):
            raise UserError(_("Only a confirmed result is published."))
        self._smec_action_write({"published": True})
        return True

    @api.constrains("enrolment_id", "session_id")
    def _check_enrolment_sits(self):
        for result in self:
            refusal = result.state == "draft" and result.enrolment_id._exam_refusal()
            if refusal:
                raise ValidationError(refusal)
            if result.state == "draft" and result.enrolment_id not in result.session_id.enrolment_ids:
                raise ValidationError(
                    _(
                        "%(trainee)s is not registered in %(session)s: a result is of an exam session the trainee "
                        "was registered for before it started.",
                        trainee=result.enrolment_id.partner_id.name,
                        session=result.session_id.name or _("an exam session"),
                    )
                )
            if result.state == "draft" and result.enrolment_id.state not in ("approved", "examined", "failed"):
                raise ValidationError(
                    _(
                        "%(trainee)s cannot sit the exam: the enrolment is %(state)s, not approved.",
                        trainee=result.enrolment_id.partner_id.name,
                        state=result.enrolment_id._fields["state"].convert_to_export(
                            result.enrolment_id.state, result.enrolment_id
                        ),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        results = super().create(vals_list)
        results.enrolment_id.filtered(lambda e: e.state in ("approved", "failed")).sudo()._smec_exam_state("examined")
        return results

    def write(self, vals):
        # a paper sat in the survey is scored by the survey: its score cannot be typed
        # (the form shows it read-only; a call or an import is refused the same way)
        if "theory_score" in vals and not self.env.su and self.filtered("theory_input_id"):
            raise UserError(
                _(
                    "The theory score of %(trainee)s is the score of the theory paper sat in the exam: "
                    "it cannot be typed in.",
                    trainee=self.filtered("theory_input_id")[0].partner_id.name,
                )
            )
        return super().write(vals)
