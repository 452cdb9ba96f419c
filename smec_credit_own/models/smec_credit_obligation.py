"""The company's own obligations: the calendar a credit manager keeps so that
the company's own record stays clean (the yearly report on the enterprise
credit information publicity system, tax filings, and any the manager adds).

An obligation is the rule (monthly on the 15th, yearly by 30 June...); this file
holds the rule and the planning of its dates. Each deadline is one occurrence of
it (``smec_credit_obligation_deadline.py``), made ahead by the daily job.
"""

import calendar
import datetime

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

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
