from odoo import Command, _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.aging import MAX_LIMITS

# the buckets every company starts with: (up to days, provision rate %); the
# last one, "over", has no upper end
DEFAULT_BUCKETS = [(0, 5.0), (30, 10.0), (60, 30.0), (90, 50.0), (180, 80.0)]
DEFAULT_OVER_RATE = 100.0


class SmecCreditAgingBucket(models.Model):
    """One band of a company's aged balance: up to how many days past the date it
    reaches, its label, and the expected-loss rate of its open items (CAS 22)."""

    _name = "smec.credit.aging.bucket"
    _description = "Aging Bucket"
    _order = "company_id, is_last, days_to, id"

    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    days_to = fields.Integer(
        string="Up To (Days)",
        help="Items up to this many days past their date fall in this bucket; 0: not due yet.",
    )
    is_last = fields.Boolean(
        string="And Older", default=False, help="The last bucket: everything older than the one before it."
    )
    name = fields.Char(string="Label", required=True, translate=True)
    provision_rate = fields.Float(
        string="Provision Rate (%)", help="Expected-loss rate of the open items (a common schedule, not a rule)."
    )

    @api.constrains("days_to", "is_last", "provision_rate", "company_id")
    def _check_company_buckets(self):
        self.company_id._smec_check_aging_buckets()

    @api.model
    def _default_values(self, company):
        """The buckets a company starts with, labelled in English (``res.company._smec_translate_defaults`` gives
        them every installed language's label)."""
        return self._values_for(company, [*DEFAULT_BUCKETS, (None, DEFAULT_OVER_RATE)])

    @api.model
    def _values_for(self, company, buckets, lang=None):
        """Values of ``company``'s buckets from ``[(up to days, provision rate)]``, the last with days None (for
        everything older), labelled in ``lang`` (English by default): Current, 1-30, ..., Over 180."""
        _ = self.with_context(lang=lang or "en_US").env._
        values, low = [], 1
        for days, rate in buckets:
            if days is None:
                values.append(
                    {"company_id": company.id, "is_last": True, "name": _("Over %s", low - 1), "provision_rate": rate}
                )
                continue
            name = _("Current") if days == 0 else f"{low}-{days}"
            low = days + 1 if days else low
            values.append({"company_id": company.id, "days_to": days, "name": name, "provision_rate": rate})
        return values

    @api.model
    def _replace_for(self, company, buckets):
        """Replace ``company``'s buckets with ``[(up to days or None, provision rate)]`` (the credit set-up)."""
        company.with_context(lang="en_US").write(
            {
                "smec_aging_bucket_ids": [Command.delete(b.id) for b in company.smec_aging_bucket_ids]
                + [Command.create(v) for v in self._values_for(company, buckets)]
            }
        )
        company._smec_translate_defaults()

    @api.model
    def _check_buckets(self, buckets):
        """The rules a company's buckets follow, with a clear error: one bucket
        for what is not due yet (up to 0 days), bands with increasing upper
        days, one last bucket for everything older, at most nine in all, rates
        between 0 and 100 %."""
        bands = buckets.filtered(lambda b: not b.is_last).sorted("days_to")
        days = bands.mapped("days_to")
        if len(buckets.filtered("is_last")) != 1:
            raise ValidationError(_("Aging buckets end with exactly one bucket for everything older (And Older)."))
        if not days or days[0] != 0:
            raise ValidationError(_("Aging buckets start with the bucket of items not due yet (up to 0 days)."))
        if len(set(days)) != len(days) or any(d < 0 for d in days) or len(days) < 2:
            raise ValidationError(
                _("Aging buckets have different, positive upper days after the current one, e.g. 30, 60, 90, 180.")
            )
        if len(days) - 1 > MAX_LIMITS:
            raise ValidationError(_("At most %s aging buckets between the current one and the last.", MAX_LIMITS))
        # written so that nan and infinity fail too
        if not all(0 <= rate <= 100 for rate in buckets.mapped("provision_rate")):
            raise ValidationError(_("Provision rates lie between 0 and 100 percent."))
