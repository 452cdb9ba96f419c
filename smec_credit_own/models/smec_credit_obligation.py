"""The company's own obligations: the calendar a credit manager keeps so that
the company's own record stays clean (the yearly report on the enterprise
credit information publicity system, tax filings, and any the manager adds).

An obligation is the rule (monthly on the 15th, yearly by 30 June...); each
deadline is one occurrence of it, made ahead by the daily job, with the date it
falls due after the rest days that move it (China working-day calendar of
``smec_workday``), the activity that reminds the responsible and the record of
when it was done and by whom.
"""

import calendar
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

ONE_DAY = datetime.timedelta(days=1)
FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}


class SmecCreditObligation(models.Model):
    _name = "smec.credit.obligation"
    _description = "Company's Own Obligation"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    kind = fields.Selection(
        [
            ("annual_report", "Yearly report (publicity system)"),
            ("tax", "Tax filing"),
            ("social", "Social insurance and housing fund"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    frequency = fields.Selection(
        [("monthly", "Monthly"), ("quarterly", "Quarterly"), ("yearly", "Yearly"), ("once", "Once")],
        required=True,
        default="monthly",
        tracking=True,
    )
    deadline_day = fields.Integer(
        string="Due On Day",
        default=15,
        tracking=True,
        help="The day of the month the obligation falls due (the month's last day when it has fewer days).",
    )
    deadline_month = fields.Integer(
        string="Due In Month",
        default=1,
        tracking=True,
        help="Yearly: the month it falls due in. Quarterly: the first month it falls due in (1 = January, April, "
        "July and October).",
    )
    once_date = fields.Date(string="Due On", tracking=True)
    open_month = fields.Integer(
        string="Opens In Month",
        help="Yearly obligations with a filing window: the month the window opens (the yearly report: January).",
    )
    move_rule = fields.Selection(
        [
            ("none", "Fixed date"),
            ("rest_day", "Moved off rest days"),
            ("tax", "Tax filing rule"),
        ],
        string="When It Falls On Rest Days",
        required=True,
        default="rest_day",
        tracking=True,
        help="Fixed date: never moved. Moved off rest days: a last day that is a weekend or a statutory holiday moves "
        "to the next working day (Civil Code Art. 203). Tax filing rule (monthly and quarterly filings): moved off "
        "rest days, and extended by the days of any holiday of 3 days or more in the month up to the deadline. "
        "The tax authority's own calendar, entered on a deadline, always wins.",
    )
    remind_days = fields.Integer(
        string="Remind Days Before",
        default=5,
        help="The responsible gets an activity this many days before the deadline.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    authority = fields.Char(help="Where it is filed, e.g. the State Taxation Administration's e-tax bureau.")
    note = fields.Html(help="How to do it: the forms, the account, who signs.")
    deadline_ids = fields.One2many("smec.credit.obligation.deadline", "obligation_id", string="Deadlines")

    _deadline_day_range = models.Constraint(
        "CHECK(deadline_day BETWEEN 1 AND 31)", "The day of the month is between 1 and 31."
    )
    _deadline_month_range = models.Constraint(
        "CHECK(deadline_month BETWEEN 1 AND 12)", "The month is between 1 and 12."
    )
    _remind_days_positive = models.Constraint("CHECK(remind_days >= 0)", "Remind zero or more days before.")

    @api.constrains("frequency", "once_date", "open_month")
    def _check_rule(self):
        for obligation in self:
            if obligation.frequency == "once" and not obligation.once_date:
                raise ValidationError(_("A one-time obligation needs its date."))
            if obligation.open_month and not 1 <= obligation.open_month <= 12:
                raise ValidationError(_("The month the window opens is between 1 and 12."))

    # what decides the dates of the deadlines
    _PLAN_FIELDS = frozenset({"frequency", "deadline_day", "deadline_month", "once_date", "active", "company_id"})

    @api.model_create_multi
    def create(self, vals_list):
        obligations = super().create(vals_list)
        obligations._plan_ahead()
        return obligations

    def write(self, vals):
        result = super().write(vals)
        if self._PLAN_FIELDS.intersection(vals):
            self._plan_ahead()
        return result

    def _plan_ahead(self, today=None):
        """The deadlines of the daily job's window, made when the rule is made or changed rather than on the
        job's next run: an obligation entered today shows its next deadline today. Open deadlines from today on
        that the changed rule no longer gives are dropped (those done, missed or already reminded are kept)."""
        today = today or fields.Date.context_today(self)
        # from today: a rule entered today has no deadline before it to miss
        date_from, date_to = today, self._planning_window(today)[1]
        Deadline = self.env["smec.credit.obligation.deadline"].sudo()
        stale = Deadline.browse()
        for obligation in self:
            rule_dates = set(obligation._nominal_dates(date_from, date_to)) if obligation.active else set()
            stale |= obligation.deadline_ids.sudo().filtered(
                lambda d, dates=rule_dates: (
                    not d.done_date and not d.reminded and d.date_nominal >= today and d.date_nominal not in dates
                )
            )
        stale.unlink()
        return self.filtered("active")._make_deadlines(date_from, date_to)

    @api.model
    def _planning_window(self, today):
        """The days whose deadlines exist ahead: from a month back (what was just missed) to a year on."""
        return today - relativedelta(months=1), today + relativedelta(months=12)

    def _nominal_dates(self, date_from, date_to):
        """The dates the rule gives between ``date_from`` and ``date_to``, before any rest day moves them."""
        self.ensure_one()
        if self.frequency == "once":
            return [self.once_date] if date_from <= self.once_date <= date_to else []
        step = FREQUENCY_MONTHS[self.frequency]
        first_month = 1 if self.frequency == "monthly" else (self.deadline_month - 1) % step + 1
        month = datetime.date(date_from.year, first_month, 1)
        dates = []
        while month <= date_to:
            last = calendar.monthrange(month.year, month.month)[1]
            day = month.replace(day=min(self.deadline_day, last))
            if date_from <= day <= date_to:
                dates.append(day)
            month += relativedelta(months=step)
        return dates

    def _make_deadlines(self, date_from, date_to):
        """Create the deadlines the rules give in the window that do not exist yet (idempotent)."""
        Deadline = self.env["smec.credit.obligation.deadline"]
        existing = {
            (d.obligation_id.id, d.date_nominal)
            for d in Deadline.with_context(active_test=False).search([("obligation_id", "in", self.ids)])
        }
        vals_list = [
            {"obligation_id": obligation.id, "date_nominal": day}
            for obligation in self
            for day in obligation._nominal_dates(date_from, date_to)
            if (obligation.id, day) not in existing
        ]
        return Deadline.sudo().create(vals_list).sudo(False)

    def action_plan_deadlines(self):
        """Make this year's and the next twelve months' deadlines now."""
        today = fields.Date.context_today(self)
        created = self._make_deadlines(today.replace(month=1, day=1), today + relativedelta(months=12))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("%(count)s deadlines planned.", count=len(created)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_plan_and_remind(self):
        """Daily: plan the coming year's deadlines, move open ones as the calendar says, remind the responsible."""
        today = fields.Date.context_today(self)
        # a company's obligations are a handful
        obligations = self.search([])  # pylint: disable=no-search-all
        obligations._make_deadlines(*self._planning_window(today))
        Deadline = self.env["smec.credit.obligation.deadline"]
        open_deadlines = Deadline.search(
            [("done_date", "=", False), ("date_nominal", ">=", today - relativedelta(months=3))]
        )
        open_deadlines._recompute_again()
        open_deadlines.sudo()._remind(today)


class SmecCreditObligationDeadline(models.Model):
    _name = "smec.credit.obligation.deadline"
    _description = "Deadline of an Own Obligation"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin"]
    _order = "date_deadline, id"
    _rec_names_search = ["obligation_id", "period"]

    obligation_id = fields.Many2one("smec.credit.obligation", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="obligation_id.company_id", store=True, index=True)
    kind = fields.Selection(related="obligation_id.kind", store=True)
    user_id = fields.Many2one(related="obligation_id.user_id", string="Responsible")
    period = fields.Char(compute="_compute_period", store=True)
    date_nominal = fields.Date(string="Due By Rule", required=True, readonly=True)
    date_open = fields.Date(string="Window Opens", compute="_compute_period", store=True)
    date_announced = fields.Date(
        string="Announced Deadline",
        tracking=True,
        help="The deadline the authority announced for this period (the tax authority publishes its filing calendar "
        "each year): it replaces the one the rule computes.",
    )
    date_deadline = fields.Date(string="Deadline", compute="_compute_date_deadline", store=True, readonly=True)
    moved_reason = fields.Char(string="Why This Date", compute="_compute_date_deadline", store=True, readonly=True)
    calendar_missing = fields.Boolean(compute="_compute_date_deadline", store=True, readonly=True)
    done_date = fields.Date(string="Done On", readonly=True, tracking=True, copy=False)
    done_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    done_note = fields.Char(string="Proof", help="Receipt number, filing reference or where the proof is kept.")
    reminded = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        [("todo", "To do"), ("missed", "Missed"), ("done", "Done"), ("late", "Done late")],
        compute="_compute_state",
        search="_search_state",
    )

    _nominal_unique = models.Constraint(
        "UNIQUE(obligation_id, date_nominal)", "An obligation has one deadline per date of its rule."
    )

    # smec.guard.mixin: computed from the rule and the calendar (a value sent has no effect), set by the Done
    # button only (a value sent is refused)
    _smec_code_fields = frozenset(
        {"company_id", "kind", "period", "date_open", "date_deadline", "moved_reason", "calendar_missing", "reminded"}
    )
    _smec_action_fields = frozenset({"done_date", "done_by_id"})
    # made by the rule: a call sending them is refused
    _RULE_FIELDS = frozenset({"obligation_id", "date_nominal"})

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(_("Deadlines are made from their obligation's rule: change the obligation instead."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self._RULE_FIELDS.intersection(vals):
            raise UserError(_("A deadline's obligation and date come from the rule: change the obligation instead."))
        if (
            not self.env.su
            and set(vals) - {"done_note"} - self._smec_code_fields
            and not self.env.user.has_group("smec_credit.group_credit_manager")
        ):
            raise UserError(_("Only a Credit Manager changes a deadline; a credit user records it as done."))
        return super().write(vals)

    @api.depends("date_nominal", "obligation_id.frequency", "obligation_id.open_month", "obligation_id.name")
    def _compute_period(self):
        for deadline in self:
            day = deadline.date_nominal
            frequency = deadline.obligation_id.frequency
            deadline.date_open = False
            if not day:
                deadline.period = False
            elif frequency == "yearly":
                deadline.period = str(day.year)
                if deadline.obligation_id.open_month:
                    deadline.date_open = datetime.date(day.year, deadline.obligation_id.open_month, 1)
            elif frequency in ("monthly", "quarterly"):
                deadline.period = f"{day.year}-{day.month:02d}"
            else:
                deadline.period = fields.Date.to_string(day)

    @api.depends("date_nominal", "date_announced", "obligation_id.move_rule")
    def _compute_date_deadline(self):
        Year = self.env["smec.workday.year"]
        for deadline in self:
            deadline.calendar_missing = False
            if deadline.date_announced:
                deadline.date_deadline = deadline.date_announced
                deadline.moved_reason = _("Announced by the authority.")
                continue
            nominal = deadline.date_nominal
            if not nominal:
                deadline.date_deadline = deadline.moved_reason = False
                continue
            rule = deadline.obligation_id.move_rule
            try:
                if rule == "tax":
                    day, reason = deadline._tax_rule(nominal, Year)
                elif rule == "rest_day":
                    day = Year.first_working_day(nominal)
                    reason = _("%(nominal)s is a rest day.", nominal=nominal) if day != nominal else False
                else:
                    day, reason = nominal, False
            except UnknownWorkdayYear as error:
                day, reason = (
                    nominal,
                    _("Not moved yet: the working-day calendar of %(year)s is not published.", year=error.year),
                )
                deadline.calendar_missing = True
            deadline.date_deadline = day
            deadline.moved_reason = reason

    @api.model
    def _tax_rule(self, nominal, Year):
        """The tax filing deadline of ``nominal`` (State Taxation Administration's rule): extended by the days of
        each run of 3 or more rest days holding a statutory holiday between the month's first day and the
        deadline, then moved off a rest day. Returns the date and why it moved."""
        kinds = Year._kinds(nominal.year)
        runs, run = [], []
        day = nominal.replace(day=1)
        while day <= nominal:
            if Year.is_working_day(day):
                runs.append(run)
                run = []
            else:
                run.append(day)
            day += ONE_DAY
        runs.append(run)
        holidays = [r for r in runs if len(r) >= 3 and any(kinds.get(d) == "holiday" for d in r)]
        extension = sum(len(r) for r in holidays)
        moved = Year.first_working_day(nominal + datetime.timedelta(days=extension))
        if moved == nominal:
            return nominal, False
        parts = [self.env._("%(first)s to %(last)s", first=r[0], last=r[-1]) for r in holidays]
        if extension:
            reason = _("Extended by %(days)s days of holidays (%(runs)s).", days=extension, runs=", ".join(parts))
        else:
            reason = _("%(nominal)s is a rest day.", nominal=nominal)
        return moved, reason

    @api.depends("done_date", "date_deadline")
    @api.depends_context("tz")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for deadline in self:
            if deadline.done_date:
                late = deadline.date_deadline and deadline.done_date > deadline.date_deadline
                deadline.state = "late" if late else "done"
            else:
                deadline.state = "missed" if deadline.date_deadline and deadline.date_deadline < today else "todo"

    def _search_state(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        domains = {
            "todo": [("done_date", "=", False), ("date_deadline", ">=", today)],
            "missed": [("done_date", "=", False), ("date_deadline", "<", today)],
            "done": [("done_date", "!=", False)],
            "late": [("done_date", "!=", False)],
        }
        result = fields.Domain.FALSE
        for state in value:
            result |= fields.Domain(domains[state])
        return result

    @api.depends("obligation_id", "period")
    def _compute_display_name(self):
        for deadline in self:
            deadline.display_name = f"{deadline.obligation_id.name} {deadline.period or ''}".strip()

    def _recompute_again(self):
        """Recompute the dates: the working-day calendar they depend on is data that changes (a year published)."""
        fnames = ("date_deadline", "moved_reason", "calendar_missing")
        for fname in fnames:
            self.env.add_to_compute(self._fields[fname], self)
        self._recompute_recordset(fnames)

    def _remind(self, today):
        """One activity per deadline for its responsible, from ``remind_days`` before it."""
        # nobody is reminded before the company's credit control is live
        for deadline in self.filtered(
            lambda d: not d.reminded and not d.done_date and d.date_deadline and d.company_id._smec_credit_live()
        ):
            obligation = deadline.obligation_id
            if deadline.date_deadline - datetime.timedelta(days=obligation.remind_days) > today:
                continue
            deadline.activity_schedule(
                "smec_credit_own.mail_activity_type_obligation",
                date_deadline=deadline.date_deadline,
                summary=_("Due %(date)s: %(name)s", date=deadline.date_deadline, name=deadline.display_name),
                note=deadline.moved_reason or "",
                user_id=obligation.user_id.id,
            )
            deadline.sudo().reminded = True

    def action_done(self):
        """Record that it was done today by the current user, and close its reminder."""
        if not self.env.user.has_group("smec_credit.group_credit_user"):
            raise UserError(_("Only credit users record the company's own obligations as done."))
        for deadline in self:
            if deadline.done_date:
                raise UserError(_("%(name)s is already done.", name=deadline.display_name))
        today = fields.Date.context_today(self)
        self.sudo().write({"done_date": today, "done_by_id": self.env.uid})
        self.activity_feedback(["smec_credit_own.mail_activity_type_obligation"], feedback=_("Done."))
        return True

    def action_reopen(self):
        """Undo a "done" recorded by mistake (Credit Manager)."""
        if not self.env.user.has_group("smec_credit.group_credit_manager"):
            raise UserError(_("Only a Credit Manager reopens a deadline recorded as done."))
        self.sudo().write({"done_date": False, "done_by_id": False})
        return True
