"""Monthly exam sessions, on the last weekend of each month.

"The last weekend of a month" is its last Saturday and the Sunday after it,
both inside the month: the theory exam on the Saturday, the practical case on
the Sunday. A month that ends on a Sunday has its session on its last two days;
one that ends on a Saturday, the weekend before (that Saturday's Sunday is in
the next month); one that ends mid-week, its last Saturday and Sunday. A
weekend that a statutory holiday covers, or that the State Council makes a
working day, is no exam weekend: the session moves to the weekend before
(February 2026: 21-22 is the Spring Festival, 14 is worked and 15 a holiday,
so 7-8 February). A month of a year the working-day calendar does not know is
not planned: the Training Manager is told which year to enter.

An approved trainee sits the first session after their class ends (a retake,
the first after their last exam); the registrations close when the session
starts, and its results are dated on its practical day.
"""

import calendar
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear


def last_weekend(year, month):
    """(Saturday, Sunday) of the month's last weekend lying wholly in the month."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    saturday = last - timedelta(days=1)  # a Saturday on the last day has its Sunday outside
    saturday -= timedelta(days=(saturday.weekday() - 5) % 7)
    return saturday, saturday + timedelta(days=1)


def exam_weekend(calendar_year, year, month):
    """The month's last weekend (inside the month) whose two days are ordinary rest
    days on ``calendar_year``'s (``smec.workday.year``) calendar: no statutory holiday,
    no make-up working day. An ``UnknownWorkdayYear`` when the year is not published."""
    saturday, sunday = last_weekend(year, month)
    while saturday.month == month:
        days = (saturday, sunday)
        if not any(calendar_year.is_working_day(d) or calendar_year.is_holiday(d) for d in days):
            return days
        saturday, sunday = saturday - timedelta(days=7), sunday - timedelta(days=7)
    return None


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
    programme_id = fields.Many2one(
        "smec.training.programme",
        required=True,
        ondelete="restrict",
        default=lambda self: self.env["smec.training.programme"].search([], limit=1),
    )
    survey_id = fields.Many2one(
        related="programme_id.survey_id", string="Theory Exam", help="The programme's, chosen by a Training Manager."
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
        Calendar = self.env["smec.workday.year"]
        for session in self:
            if session.date_theory.weekday() != 5 or session.date_practical != session.date_theory + timedelta(days=1):
                raise ValidationError(_("An exam session is a Saturday (theory) and the Sunday after it (practical)."))
            for day in (session.date_theory, session.date_practical):
                if Calendar.is_holiday(day) or Calendar.is_working_day(day):
                    raise ValidationError(
                        _(
                            "%(date)s is a statutory holiday or a make-up working day: an exam session is on an "
                            "ordinary weekend.",
                            date=day,
                        )
                    )

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
        if "survey_id" in vals and not self.env.su:
            raise AccessError(
                _("The theory exam of a session is its programme's: a Training Manager chooses it on the programme.")
            )
        if "enrolment_ids" in vals and not self.env.su:
            self._check_registration_open()
        result = super().write(vals)
        if {"date_theory", "date_practical"} & set(vals):
            self._check_not_past()
        return result

    def _check_registration_open(self):
        """Who sits a session is settled before it starts: a trainee is not added to
        (or taken from) an exam that took place, which would date a result in the past."""
        today = fields.Date.context_today(self)
        started = self.filtered(lambda s: s.date_theory <= today)
        if started:
            raise UserError(
                _("%(session)s has started: its registered trainees no longer change.", session=started[0].name)
            )

    @api.model
    def _cron_plan(self, months_ahead=2):
        """The sessions of this month and the next ``months_ahead`` ones, each company
        once, then the trainees who are to sit registered in them."""
        today = fields.Date.context_today(self)
        Calendar = self.env["smec.workday.year"]
        created = self.browse()
        missing_years = set()
        for company in self.env["res.company"].sudo().search([]):  # pylint: disable=no-search-all
            for offset in range(months_ahead + 1):
                month = today + relativedelta(months=offset)
                try:
                    weekend = exam_weekend(Calendar, month.year, month.month)
                except UnknownWorkdayYear as error:
                    missing_years.add(error.year)
                    continue
                if not weekend or weekend[1] < today:
                    continue
                saturday, sunday = weekend
                if not self.sudo().search_count([("company_id", "=", company.id), ("date_theory", "=", saturday)]):
                    created |= self.sudo().create(
                        {"company_id": company.id, "date_theory": saturday, "date_practical": sunday}
                    )
            self.sudo()._register_due(company)
        for year in sorted(missing_years):
            self.env["smec.training.programme"].sudo().search([("active", "=", True)])._tell_calendar_missing(year)
        return created

    @api.model
    def _register_due(self, company):
        """Each trainee who is to sit, in the first session that starts after their
        class ends (a retake: after their last exam) and has not started: approved
        enrolments and failed ones, not registered in a session to come yet."""
        today = fields.Date.context_today(self)
        upcoming = self.search([("company_id", "=", company.id), ("date_theory", ">", today)], order="date_theory")
        Enrolment = self.env["smec.training.enrolment"]
        for enrolment in Enrolment.search([("company_id", "=", company.id), ("state", "in", ("approved", "failed"))]):
            if upcoming.filtered(lambda s, e=enrolment: e in s.enrolment_ids):
                continue
            after = max([enrolment.class_id.date_end, *enrolment.result_ids.mapped("exam_date")])
            first = upcoming.filtered(
                lambda s, e=enrolment, d=after: s.date_theory > d and s.programme_id == e.programme_id
            )[:1]
            first.enrolment_ids = [fields.Command.link(enrolment.id)]

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
                refusal = enrolment._exam_refusal()
                if refusal:
                    session.message_post(body=refusal)
                    continue
                paper = session.survey_id.sudo()._create_answer(partner=enrolment.partner_id, check_attempts=False)
                Result.sudo().create(
                    {"enrolment_id": enrolment.id, "session_id": session.id, "theory_input_id": paper.id}
                )
        return True

    def action_publish_results(self):
        self.result_ids.filtered(lambda r: r.state == "confirmed" and not r.published).action_publish()
        return True
