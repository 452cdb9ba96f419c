"""The collector's worklist: each morning, one row per customer a collector should call today, ranked by what
the call is worth.

What a call is worth is the amount at risk times the probability that it is paid late or not at all:

* the **amount at risk** is the customer's open receivables past due today (the aging's open items as of today,
  ``smec.credit.aging._aging_query``, company currency), less the parts its open disputes set apart and the
  invoices a legal file claims (a call does not collect those: the dispute and the lawyer do);
* the **probability** is the customer's share of invoices paid late or not at all (``late_share``) in the
  company's newest cash-in forecast (``smec.credit.forecast.behaviour``: the forecast's own behaviour model, its
  weighted days-late sample); a customer the forecast did not see takes the company's share (the forecast's
  ``late_share``); without any forecast, the whole amount counts as at risk.

A customer is on the list when something is at risk, or when it has a next action today: a promise instalment
due today, a promise broken in the last week with no promise since, a dispute waiting to be taken up, a
statement sent a week ago and not confirmed, a dunning call of today's run. The rows are written by one
statement (``_build``), again and again through the day without duplicates (one row per company, customer and
day): a customer who paid leaves the list, one a collector already called keeps its outcome.

The collector of a customer is collection's ``res.partner.smec_collector_id``; a Collection Manager reassigns a
row, which reassigns the customer. A collector sees and acts on their own rows only (record rules).

This file holds the model, its fields and the reassignment; the ranking statement and what runs it are in
``smec_credit_worklist_rank.py``, the outcome buttons in ``smec_credit_worklist_outcome.py``.
"""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

AGENT = "smec_credit_collection.group_collection_agent"
MANAGER = "smec_credit_collection.group_collection_manager"
OUTCOMES = [
    ("promised", "Promised to pay"),
    ("disputed", "Disputed"),
    ("no_answer", "No answer"),
    ("new_contact", "New contact person"),
]
SOURCES = [
    ("own", "Customer's own history"),
    ("company", "Company's history"),
    ("none", "No history: all at risk"),
]
REASONS = (
    ("promise_due", "Promise due today"),
    ("promise_broken", "Promise broken"),
    ("dispute_waiting", "Dispute waiting"),
    ("statement_unconfirmed", "Statement not confirmed"),
    ("dunning_call", "Dunning call today"),
)


class SmecCreditWorklist(models.Model):
    _name = "smec.credit.worklist"
    _description = "Collector's Worklist"
    _inherit = ["smec.guard.mixin"]
    # not yet called first, then those tried fewer times, then by what a call is worth
    _order = "date desc, done, attempts, score desc, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    _smec_code_fields = frozenset(
        {
            "date",
            "company_id",
            "partner_id",
            "forecast_id",
            "amount_open",
            "amount_overdue",
            "amount_at_risk",
            "late_share",
            "source",
            "score",
            "rank",
            "promise_due",
            "promise_broken",
            "dispute_waiting",
            "statement_unconfirmed",
            "dunning_call",
            "contact_id",
        }
    )
    _smec_action_fields = frozenset({"done", "outcome", "attempts", "done_on"})

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Collector",
        index=True,
        domain="[('share', '=', False)]",
        help="The customer's collector. A Collection Manager changes it here: the customer is reassigned.",
    )
    forecast_id = fields.Many2one(
        "smec.credit.forecast", string="Behaviour From Forecast", readonly=True, ondelete="set null"
    )
    amount_open = fields.Monetary(string="Open", readonly=True)
    amount_overdue = fields.Monetary(string="Overdue", readonly=True)
    amount_at_risk = fields.Monetary(
        string="At Risk",
        readonly=True,
        help="Past due today, less the disputed parts and the invoices a legal file claims.",
    )
    late_share = fields.Float(
        string="Late or Unpaid (%)",
        readonly=True,
        aggregator="avg",
        help="The customer's weighted share of invoices paid late or not at all, in the newest cash-in forecast.",
    )
    source = fields.Selection(SOURCES, string="Behaviour From", readonly=True)
    score = fields.Monetary(
        string="Worth a Call", readonly=True, help="The amount at risk times the share paid late or not at all."
    )
    rank = fields.Integer(readonly=True, aggregator="min", help="The customer's place in its collector's list.")
    promise_due = fields.Boolean(string="Promise Due Today", readonly=True)
    promise_broken = fields.Boolean(readonly=True)
    dispute_waiting = fields.Boolean(readonly=True)
    statement_unconfirmed = fields.Boolean(string="Statement Not Confirmed", readonly=True)
    dunning_call = fields.Boolean(string="Dunning Call Today", readonly=True)
    contact_id = fields.Many2one(
        "smec.collection.contact", string="Today's Dunning Call", readonly=True, ondelete="set null"
    )
    next_action = fields.Char(compute="_compute_next_action")
    done = fields.Boolean(readonly=True, help="Called today with an outcome that takes the customer off the list.")
    outcome = fields.Selection(OUTCOMES, readonly=True)
    attempts = fields.Integer(string="Calls", readonly=True, help="Calls without an answer today.")
    done_on = fields.Datetime(string="Last Call", readonly=True)
    note = fields.Text(help="What the customer said.")
    may_reassign = fields.Boolean(compute="_compute_may_reassign")

    _day_unique = models.UniqueIndex(
        "(company_id, partner_id, date)", "A customer is on the worklist once a day in each company."
    )

    @api.depends("promise_due", "promise_broken", "dispute_waiting", "statement_unconfirmed", "dunning_call")
    def _compute_next_action(self):
        labels = {name: self._fields[name]._description_string(self.env) for name, _label in REASONS}
        for row in self:
            reasons = [labels[name] for name, _label in REASONS if row[name]]
            row.next_action = ", ".join(reasons) if reasons else _("Call about the amount at risk")

    @api.depends_context("uid")
    def _compute_may_reassign(self):
        self.may_reassign = self.env.user.has_group(MANAGER)

    # ------------------------------------------------------------
    # REASSIGNMENT: the customer's collector
    # ------------------------------------------------------------

    def write(self, vals):
        if "user_id" in vals and not self.env.su:
            changed = self.filtered(lambda row: row.user_id.id != (vals["user_id"] or False))
            if changed and not self.env.user.has_group(MANAGER):
                raise AccessError(_("Only a Collection Manager reassigns a customer: the collector was not changed."))
            if changed:
                changed._reassign(self.env["res.users"].browse(vals["user_id"]))
        return super().write(vals)

    def _reassign(self, user):
        """The customers of these rows followed up by ``user`` from now on: their collector, their rows of today
        and the open call tasks of today's dunning calls."""
        if user and (user.share or not user.has_group(AGENT)):
            raise UserError(_("%(user)s is not a collection user: choose a collector.", user=user.name))
        self.check_access("write")
        for row in self:
            if user and row.company_id not in user.company_ids:
                raise UserError(
                    _("%(user)s does not work for %(company)s.", user=user.name, company=row.company_id.name)
                )
            reason = _("Reassigned in the worklist by %(user)s", user=self.env.user.name)
            row.partner_id.with_company(row.company_id).sudo().with_context(
                smec_credit_reason=reason
            ).smec_collector_id = user
            task = row.contact_id.activity_id
            if user and task.active and task.user_id != user:
                task.sudo().user_id = user
