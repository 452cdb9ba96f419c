from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SmecWorkdayDay(models.Model):
    """A day on which the rule "Monday to Friday" does not hold: a statutory
    holiday (weekend days inside a holiday may be listed too) or a weekend day
    made a working day."""

    _name = "smec.workday.day"
    _inherit = ["smec.workday.schedule.mixin"]
    _description = "Statutory Holiday or Make-up Working Day"
    _order = "date"

    year_id = fields.Many2one("smec.workday.year", required=True, ondelete="cascade", index=True)
    date = fields.Date(required=True)
    kind = fields.Selection(
        [("holiday", "Statutory holiday"), ("workday", "Make-up working day")], required=True, default="holiday"
    )
    name = fields.Char(string="Holiday", help="The holiday the day belongs to, e.g. 春节 Spring Festival.")

    _date_unique = models.Constraint("UNIQUE(date)", "A date is listed once in the calendar.")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            years = self.env["smec.workday.year"].browse({vals.get("year_id") for vals in vals_list} - {None, False})
            years._check_editable({"day_ids"})
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self.year_id._check_editable({"day_ids"})
            if vals.get("year_id"):
                self.env["smec.workday.year"].browse(vals["year_id"])._check_editable({"day_ids"})
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self.year_id._check_editable({"day_ids"})
        return super().unlink()

    @api.constrains("date", "kind", "year_id")
    def _check_date(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(_("%(date)s is not in %(year)s.", date=day.date, year=day.year_id.year))
            if day.kind == "workday" and day.date.weekday() < 5:
                raise ValidationError(
                    _(
                        "%(date)s is a weekday, a working day anyway: a make-up working day is a Saturday or a Sunday.",
                        date=day.date,
                    )
                )
