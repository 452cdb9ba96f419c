"""A deadline of one of the company's own obligations: one occurrence of the
obligation's rule (``smec_credit_obligation.py``), with the date it falls due
after the rest days that move it (China working-day calendar of
``smec_workday``), the activity that reminds the responsible and the record of
when it was done and by whom.
"""

import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

ONE_DAY = datetime.timedelta(days=1)


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
