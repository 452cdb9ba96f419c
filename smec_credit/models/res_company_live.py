"""Going live: the one switch every credit rule that acts reads.

A company that installs SMEC Credit works as it did before: every screen
computes (grades, exposure, aging, provisions, what the credit check would say
of an order), but no order is held, no amendment refused, no reminder, letter
or email sent, no activity given, no Odoo setting changed, until a Credit
Manager (or an administrator) takes the company live: an explicit step of the
credit set-up, per company, recorded with its date and who took it.

Every rule that acts asks ``_smec_credit_live()`` (in SQL,
``_smec_credit_live_sql``), and nothing else decides it: the order gate, the
prepayment the grades ask for, the scheduled activities, reminders and
reviews, the dunning run and whatever comes later (a delivery hold, a
scorecard review) alike.
"""

from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# written by the go-live step only
LIVE_FIELDS = frozenset({"smec_credit_live_date", "smec_credit_live_by_id"})


def credit_live_sql(company):
    """SQL: whether the company row ``company`` (an SQL alias, such as ``SQL("c")``) is live; what
    ``res.company._smec_credit_live`` answers, for a statement that reads the company row anyway."""
    return SQL("(%s.smec_credit_live_date IS NOT NULL)", company)


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    smec_credit_live_date = fields.Date(
        string="Credit Control Live Since",
        readonly=True,
        copy=False,
        help="The day a Credit Manager took this company's credit control live: from then on orders over the credit "
        "rules are held and dunning runs. Before it, the screens show what would happen.",
    )
    smec_credit_live_by_id = fields.Many2one("res.users", string="Taken Live By", readonly=True, copy=False)
    smec_separate_credit_roles = fields.Boolean(
        string="Only Credit Managers Set Credit Limits",
        help="Off: whoever Odoo lets set a customer's credit limit (invoicing and accounting users) still may, as "
        "before SMEC Credit. On: only Credit Managers. Chosen when the company goes live.",
    )

    def _smec_credit_live(self):
        """Whether this company's credit control is live: the one question every rule that acts asks."""
        self.ensure_one()
        return bool(self.sudo().smec_credit_live_date)

    @staticmethod
    def _smec_credit_live_sql(company):
        return credit_live_sql(company)

    def write(self, vals):
        if LIVE_FIELDS & vals.keys() and not self.env.su:
            raise AccessError(
                _("Credit control goes live with its own step of the credit set-up (Go Live), which records the day.")
            )
        return super().write(vals)

    def _smec_check_go_live_rights(self):
        """A Credit Manager, or an administrator, of each of these companies."""
        user = self.env.user
        if not self.env.su and not (
            user.has_group("smec_credit.group_credit_manager") or user.has_group("base.group_system")
        ):
            raise AccessError(_("Only a Credit Manager or an administrator takes credit control live."))
        for company in self:
            if not self.env.su and company not in user.company_ids:
                raise AccessError(_("You do not work for %s.", company.name))

    def _smec_go_live(self, values=None):
        """Take these companies live today (the go-live step's last act), with ``values`` the step chose for them
        (company fields of the set-up, such as the first dunning stage). Odoo's own credit-limit setting is turned
        on: from now on the limits are what the credit check applies (a company may turn it off again)."""
        self._smec_check_go_live_rights()
        for company in self:
            if company.smec_credit_live_date:
                raise UserError(
                    _(
                        "%(company)s went live on %(date)s.",
                        company=company.name,
                        date=company.smec_credit_live_date,
                    )
                )
        self.sudo().write(
            {
                **(values or {}),
                "smec_credit_live_date": fields.Date.context_today(self),
                "smec_credit_live_by_id": self.env.uid,
                "account_use_credit_limit": True,
            }
        )
        return True
