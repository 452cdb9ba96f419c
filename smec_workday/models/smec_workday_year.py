"""China's working-day calendar, one record per year.

A day is a working day when it is a weekday that no statutory holiday covers,
or a weekend day that the State Council's yearly notice turns into a working
day (调休). The schedule of a year is data: the years that the maintained
``chinesecalendar`` package knows are seeded at installation; a manager enters
the next one when the notice comes out (each November) and publishes it. A date
in a year nobody has published is refused, never estimated:
:class:`UnknownWorkdayYear` says which year is missing.
"""

import datetime

from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

ONE_DAY = datetime.timedelta(days=1)


class UnknownWorkdayYear(UserError):
    """The calendar has no published schedule for ``year``."""

    def __init__(self, message, year):
        super().__init__(message)
        self.year = year


class SmecWorkdayScheduleMixin(models.AbstractModel):
    """The cached schedule (``SmecWorkdayYear._schedule``) follows every change
    of a year or of its days."""

    _name = "smec.workday.schedule.mixin"
    _description = "Changes Clear the Cached Working-Day Schedule"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res


class SmecWorkdayYear(models.Model):
    _name = "smec.workday.year"
    _inherit = ["smec.workday.schedule.mixin"]
    _description = "China Working-Day Calendar Year"
    _order = "year desc"

    name = fields.Char(compute="_compute_name")
    year = fields.Integer(required=True)
    state = fields.Selection(
        [("draft", "Being entered"), ("published", "Published")],
        default="draft",
        required=True,
        help="Only a published year is used: dates of a year being entered are refused, as unknown years are.",
    )
    source = fields.Selection(
        [("package", "chinesecalendar package"), ("manual", "Entered by hand")],
        default="manual",
        required=True,
        readonly=True,
    )
    notice = fields.Char(
        string="State Council Notice", help="The State Council General Office notice the schedule comes from."
    )
    day_ids = fields.One2many("smec.workday.day", "year_id", string="Holidays and Make-up Days")
    holiday_count = fields.Integer(string="Statutory Holidays", compute="_compute_counts")
    workday_count = fields.Integer(string="Make-up Working Days", compute="_compute_counts")

    _year_unique = models.Constraint("UNIQUE(year)", "The calendar has one schedule per year.")
    _year_range = models.Constraint("CHECK(year BETWEEN 1990 AND 2200)", "A year between 1990 and 2200.")

    @api.depends("year")
    def _compute_name(self):
        for year in self:
            year.name = str(year.year or "")

    @api.depends("day_ids.kind")
    def _compute_counts(self):
        for year in self:
            year.holiday_count = len(year.day_ids.filtered(lambda d: d.kind == "holiday"))
            year.workday_count = len(year.day_ids) - year.holiday_count

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_user_vals(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.check_access("write")
            self._check_user_vals(vals, creating=False)
            self._check_editable(set(vals) - {"notice"})
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.check_access("unlink")
            self._check_editable({"year"})
        return super().unlink()

    def _check_user_vals(self, vals, creating):
        """A year is published by its action, which checks its holidays; where it
        comes from is the code's to say (the package's years are seeded by it)."""
        state_sent = vals.get("state", "draft") != "draft" if creating else "state" in vals
        if state_sent or vals.get("source", "manual") != "manual":
            raise AccessError(
                _(
                    "A working-day year is published with its Publish button, which checks its holidays, and only "
                    "the chinesecalendar package's years are marked as coming from it: the state and the source "
                    "cannot be sent with a call or an import."
                )
            )

    def _check_editable(self, changed):
        """A published year, and a year of the package, is what was published:
        a correction goes back to being entered first (a package year not at all)."""
        if not changed:
            return
        if self.filtered(lambda y: y.source == "package"):
            raise UserError(
                _(
                    "%(year)s is the chinesecalendar package's schedule of the State Council's notice: it is used "
                    "as the package says and is not changed by hand.",
                    year=self.filtered(lambda y: y.source == "package")[0].year,
                )
            )
        published = self.filtered(lambda y: y.state == "published")
        if published and changed - {"state"}:
            raise UserError(
                _(
                    "%(year)s is published: set it back to being entered before correcting it.",
                    year=published[0].year,
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_publish(self):
        self.check_access("write")
        for year in self:
            if year.state != "draft":
                raise UserError(_("%(year)s is already published.", year=year.year))
            if not year.day_ids.filtered(lambda d: d.kind == "holiday"):
                raise UserError(_("Enter the statutory holidays of %(year)s before publishing it.", year=year.year))
        self.sudo().write({"state": "published"})
        return True

    def action_draft(self):
        self.check_access("write")
        self._check_editable({"state"})
        self.sudo().write({"state": "draft"})
        return True

    def action_seed_from_package(self):
        """Add the years the installed package knows and the calendar lacks."""
        self.check_access("create")
        return self._seed_from_package()

    @api.model
    def _seed_from_package(self):
        import chinese_calendar  # noqa: PLC0415 - an external dependency of the module

        by_year = {}
        for kind, days in (("holiday", chinese_calendar.holidays), ("workday", chinese_calendar.workdays)):
            for day, holiday in days.items():
                name = chinese_calendar.Holiday(holiday)
                by_year.setdefault(day.year, []).append(
                    {"date": day, "kind": kind, "name": f"{name.chinese} {name.value}"}
                )
        known = set(self.with_context(active_test=False).search([]).mapped("year"))  # pylint: disable=no-search-all
        vals_list = [
            {
                "year": year,
                "state": "published",
                "source": "package",
                "day_ids": [fields.Command.create(vals) for vals in sorted(days, key=lambda v: v["date"])],
            }
            for year, days in sorted(by_year.items())
            if year not in known
        ]
        return self.sudo().create(vals_list)

    # ------------------------------------------------------------
    # THE CALENDAR
    # ------------------------------------------------------------

    @tools.ormcache("year")
    def _schedule(self, year):
        """``{date: kind}`` of a published year, or None when it is not."""
        rows = self.env.execute_query(
            tools.SQL(
                """
                SELECT d.date, d.kind FROM smec_workday_year y
                  LEFT JOIN smec_workday_day d ON d.year_id = y.id
                 WHERE y.year = %s AND y.state = 'published'
                """,
                year,
            )
        )
        if not rows:
            return None
        return tools.frozendict({day: kind for day, kind in rows if day})

    def _kinds(self, year):
        self.flush_model(["year", "state"])
        self.env["smec.workday.day"].flush_model(["year_id", "date", "kind"])
        schedule = self._schedule(year)
        if schedule is None:
            raise UnknownWorkdayYear(
                _(
                    "The China working-day calendar has no published schedule for %(year)s, so no date of that "
                    "year can be counted in working days. A manager enters that year's holidays and make-up "
                    "working days from the State Council's notice (Settings > Technical > China Working Days) "
                    "and publishes it.",
                    year=year,
                ),
                year,
            )
        return schedule

    @api.model
    def is_working_day(self, day):
        kind = self._kinds(day.year).get(day)
        if kind:
            return kind == "workday"
        return day.weekday() < 5

    @api.model
    def is_holiday(self, day):
        """Whether a statutory holiday covers ``day`` (its weekend days included)."""
        return self._kinds(day.year).get(day) == "holiday"

    @api.model
    def next_working_day(self, day):
        """The first working day after ``day``."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    @api.model
    def first_working_day(self, day):
        """``day`` if it is a working day, else the first working day after it
        (where a period whose last day is a rest day ends, Civil Code Art. 203)."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    @api.model
    def add_working_days(self, day, count):
        """The date ``count`` working days after ``day``, ``day`` not counted."""
        if count < 0:
            raise ValidationError(_("Working days are counted forward."))
        for _i in range(count):
            day = self.next_working_day(day)
        return day
