"""Monthly exam sessions, on the last weekend of each month.

"The last weekend of a month" is its last Saturday and the Sunday after it,
both inside the month: the theory exam on the Saturday, the practical case on
the Sunday. A month that ends on a Sunday has its session on its last two days;
one that ends on a Saturday, the weekend before (that Saturday's Sunday is in
the next month); one that ends mid-week, its last Saturday and Sunday. A
weekend inside a statutory holiday is still a weekend: the date does not move.
"""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


def last_weekend(year, month):
    """(Saturday, Sunday) of the month's last weekend lying wholly in the month."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    saturday = last - timedelta(days=1)  # a Saturday on the last day has its Sunday outside
    saturday -= timedelta(days=(saturday.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=1)


class SmecTrainingSession(models.Model):
    _name = "smec.training.session"
    _description = "Exam Session"
    _inherit = ["mail.thread"]
    _order = "date_theory desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    date_theory = fields.Date(string="Theory Exam (Saturday)", required=True)
    date_practical = fields.Date(string="Practical Exam (Sunday)", required=True)
    enrolment_ids = fields.Many2many(
        "smec.training.enrolment",
        "smec_training_session_enrolment_rel",
        "session_id",
        "enrolment_id",
        string="Registered Trainees",
        check_company=True,
    )
    result_ids = fields.One2many("smec.training.result", "session_id", string="Results")
    survey_id = fields.Many2one(
        "survey.survey",
        string="Theory Exam",
        domain=[("certification", "=", True)],
        default=lambda self: (
            self.env["smec.training.programme"].search([("survey_id", "!=", False)], limit=1).survey_id
        ),
    )
    results_published = fields.Boolean(compute="_compute_results_published")

    @api.depends("result_ids.published")
    def _compute_results_published(self):
        for session in self:
            session.results_published = bool(session.result_ids) and all(session.result_ids.mapped("published"))

    _month_unique = models.UniqueIndex("(company_id, date_theory)", "A company has one exam session a weekend.")

    @api.depends("date_theory")
    def _compute_name(self):
        for session in self:
            session.name = _("Exam session %(date)s", date=session.date_theory) if session.date_theory else ""

    @api.constrains("date_theory", "date_practical")
    def _check_dates(self):
        for session in self:
            if session.date_theory.weekday() != 5 or session.date_practical != session.date_theory + timedelta(days=1):
                raise ValidationError(_("An exam session is a Saturday (theory) and the Sunday after it (practical)."))

    def _check_not_past(self):
        """A user plans or moves a session onto a weekend to come; server code
        (the demo, a migration) may record one past (constraints run as superuser,
        so the check is here)."""
        today = fields.Date.context_today(self)
        if not self.env.su and any(s.date_practical < today for s in self):
            raise ValidationError(_("An exam session cannot be planned on a weekend that is past."))

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        sessions._check_not_past()
        return sessions

    def write(self, vals):
        result = super().write(vals)
        if {"date_theory", "date_practical"} & set(vals):
            self._check_not_past()
        return result

    @api.model
    def _cron_plan(self, months_ahead=2):
        """The sessions of this month and the next ``months_ahead`` ones, each
        company once, with the approved trainees (and those retaking after a fail) registered."""
        today = fields.Date.context_today(self)
        Enrolment = self.env["smec.training.enrolment"].sudo()
        created = self.browse()
        for company in self.env["res.company"].sudo().search([]):  # pylint: disable=no-search-all
            for offset in range(months_ahead + 1):
                month = today + relativedelta(months=offset)
                saturday, sunday = last_weekend(month.year, month.month)
                if sunday < today:
                    continue
                session = self.sudo().search([("company_id", "=", company.id), ("date_theory", "=", saturday)])
                if not session:
                    session = self.sudo().create(
                        {"company_id": company.id, "date_theory": saturday, "date_practical": sunday}
                    )
                    created |= session
                # approved, or failed and retaking
                waiting = Enrolment.search([("company_id", "=", company.id), ("state", "in", ("approved", "failed"))])
                # a trainee sits the next session only
                later = self.sudo().search(
                    [("company_id", "=", company.id), ("date_theory", "<", saturday), ("date_practical", ">=", today)]
                )
                session.enrolment_ids |= waiting - later.enrolment_ids
        return created

    def action_prepare_exam(self):
        """One result a registered trainee, with a theory paper of its own: the
        survey draws three questions of each knowledge module for each paper."""
        if not self.env.user.has_group("smec_credit_training.group_training_officer"):
            raise AccessError(_("Only a Training Officer prepares an exam session."))
        Result = self.env["smec.training.result"]
        for session in self:
            if not session.survey_id:
                raise UserError(_("Choose the theory exam (a survey certification) of %(name)s.", name=session.name))
            seated = session.result_ids.enrolment_id
            for enrolment in session.enrolment_ids - seated:
                if enrolment.state not in ("approved", "failed"):
                    continue
                paper = session.survey_id.sudo()._create_answer(partner=enrolment.partner_id, check_attempts=False)
                Result.sudo().create(
                    {"enrolment_id": enrolment.id, "session_id": session.id, "theory_input_id": paper.id}
                )
        return True

    def action_publish_results(self):
        self.result_ids.filtered(lambda r: r.state == "confirmed" and not r.published).action_publish()
        return True
