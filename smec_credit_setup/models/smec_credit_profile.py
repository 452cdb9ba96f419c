"""Business profiles: the presets of the credit set-up (micro business,
start-up, family business, e-commerce seller, wholesaler or retailer,
manufacturer), shipped as data and editable by a Credit Manager. A profile says
what the set-up proposes; the set-up (``smec.credit.setup``) shows it beside
the company's values and applies what the manager accepts."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class SmecCreditProfile(models.Model):
    _name = "smec.credit.profile"
    _description = "Business Profile (Credit Set-up Preset)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="micro, startup, family, ecommerce, wholesale, manufacturing...")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True, help="Who the profile is for and what it sets.")

    full_5c_min_sales = fields.Float(
        string="Full 5C From Yearly Sales",
        help="Customers expected to buy less than this a year get the quick check; 0: the full 5C for all.",
    )
    start_limit = fields.Float(
        string="Starting Limit", help="The limit of new customers not assessed yet (the new-customer grade's)."
    )
    raise_on_time = fields.Float(string="Raise When Paid On Time (%)", default=95.0)
    raise_percent = fields.Float(string="Raise By (%)", default=10.0)
    hold_mode = fields.Selection(
        [("hold", "Hold the order"), ("warn", "Warn only")], string="Credit Check", required=True, default="hold"
    )
    warn_overdue_days = fields.Integer(string="Warn After Days Overdue", default=7)
    block_overdue_days = fields.Integer(string="Hold After Days Overdue", default=90)
    accounting_regime = fields.Selection(
        [
            ("cas22", "Expected credit loss (CAS 22 / IFRS 9): allowance"),
            ("small", "Small enterprises (小企業會計準則): direct write-off"),
        ],
        string="Bad-Debt Regime",
        required=True,
        default="cas22",
    )
    aging_buckets = fields.Char(
        required=True,
        default="0:5,30:10,60:30,90:50,180:80,over:100",
        help="Buckets as 'up to days:provision rate', the first up to 0 days (not due), the last 'over': "
        "e.g. 0:5,30:10,60:30,90:50,180:80,over:100.",
    )
    grade_line_ids = fields.One2many("smec.credit.profile.grade", "profile_id", string="Grade Terms", copy=True)

    _code_unique = models.Constraint("UNIQUE(code)", "A profile's code is unique.")

    @api.constrains("aging_buckets")
    def _check_aging_buckets(self):
        for profile in self:
            profile._bucket_values()

    def _bucket_values(self):
        """[(days or None for the last, rate)] of the profile's buckets; raises a ValidationError when unreadable."""
        self.ensure_one()
        result = []
        for part in (self.aging_buckets or "").split(","):
            days, _sep, rate = part.strip().partition(":")
            try:
                result.append((None if days.strip().lower() == "over" else int(days), float(rate)))
            except ValueError:
                raise ValidationError(
                    _(
                        "Profile %(name)s: %(part)s is not a bucket (write 'up to days:rate', the last 'over:rate').",
                        name=self.name,
                        part=part.strip(),
                    )
                ) from None
        bands = [days for days, _rate in result[:-1]]
        if (
            len(result) < 2
            or result[-1][0] is not None
            or None in bands
            or bands[0] != 0
            or bands != sorted(set(bands))
            or any(not 0 <= rate <= 100 for _days, rate in result)
        ):
            raise ValidationError(
                _(
                    "Profile %(name)s: buckets start at 0 days, rise, end with 'over', with rates from 0 to 100.",
                    name=self.name,
                )
            )
        return result


class SmecCreditProfileGrade(models.Model):
    _name = "smec.credit.profile.grade"
    _description = "Grade Terms of a Business Profile"
    _order = "profile_id, code"

    profile_id = fields.Many2one("smec.credit.profile", required=True, ondelete="cascade", index=True)
    code = fields.Selection([("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")], required=True)
    payment_term_id = fields.Many2one("account.payment.term", string="Payment Terms")
    prepayment_percent = fields.Float(string="Prepayment (%)")
    credit_months = fields.Float(help="Sales-based limits: months of average sales.")

    _code_unique = models.Constraint("UNIQUE(profile_id, code)", "A profile sets each grade once.")
    _prepayment_range = models.Constraint(
        "CHECK(prepayment_percent BETWEEN 0 AND 100)", "A prepayment is between 0 and 100 %."
    )
