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
"""

from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.smec_credit.tools.cron import commit_progress

AGENT = "smec_credit_collection.group_collection_agent"
MANAGER = "smec_credit_collection.group_collection_manager"
# a broken promise stays a reason to call for this many days, unless the customer promised again since
BROKEN_DAYS = 7
# a statement sent this many days before (its "as of" day) and still not confirmed is a reason to call
STATEMENT_DAYS = 7
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
    # THE RANKING: one statement
    # ------------------------------------------------------------

    @api.model
    def _rank_query(self, company, day):
        """The statement that writes ``company``'s worklist of ``day``: ranks every customer with something at risk
        or a next action, inserts or updates its row (keeping what a collector recorded), and deletes the rows of
        customers no longer on it that nobody called."""
        return SQL(
            """
            WITH aging AS (%(aging)s),
            per_move AS (
                SELECT a.partner_id, a.move_id, SUM(a.open_amount) AS open_amount,
                       SUM(a.open_amount) FILTER (WHERE a.days > 0) AS overdue,
                       SUM(a.open_amount_currency) AS open_currency
                  FROM aging a
                 WHERE a.open_amount > 0 AND a.partner_id IS NOT NULL
                 GROUP BY a.partner_id, a.move_id
            ),
            claimed AS (
                SELECT DISTINCT r.move_id
                  FROM smec_collection_legal_file_invoice_rel r
                  JOIN smec_collection_legal_file f ON f.id = r.file_id
                 WHERE f.company_id = %(company)s AND f.state != 'closed'
            ),
            disputed AS (
                SELECT l.move_id, SUM(l.amount) AS amount
                  FROM smec_collection_dispute_line l
                  JOIN smec_collection_dispute d ON d.id = l.dispute_id
                 WHERE d.company_id = %(company)s AND d.state IN ('open', 'negotiation')
                 GROUP BY l.move_id
            ),
            amounts AS (
                -- a disputed part (in the invoice's currency) is set against what is past due of its invoice
                SELECT m.partner_id, SUM(m.open_amount) AS amount_open, SUM(COALESCE(m.overdue, 0)) AS amount_overdue,
                       SUM(CASE WHEN c.move_id IS NOT NULL THEN 0
                                ELSE GREATEST(COALESCE(m.overdue, 0) - COALESCE(
                                         d.amount * m.open_amount / NULLIF(m.open_currency, 0), 0), 0)
                           END) AS amount_at_risk
                  FROM per_move m
                  LEFT JOIN claimed c ON c.move_id = m.move_id
                  LEFT JOIN disputed d ON d.move_id = m.move_id
                 GROUP BY m.partner_id
            ),
            promise_due AS (
                SELECT DISTINCT p.partner_id
                  FROM smec_collection_promise p
                  JOIN smec_collection_promise_line l ON l.promise_id = p.id
                 WHERE p.company_id = %(company)s AND p.state = 'open' AND l.date = %(day)s
            ),
            promise_broken AS (
                SELECT DISTINCT p.partner_id
                  FROM smec_collection_promise p
                 WHERE p.company_id = %(company)s AND p.state = 'broken'
                   AND p.date_settled > %(day)s::date - %(broken_days)s AND p.date_settled <= %(day)s
                   AND NOT EXISTS (
                       SELECT 1 FROM smec_collection_promise q
                        WHERE q.company_id = p.company_id AND q.partner_id = p.partner_id AND q.id != p.id
                          AND q.date >= p.date_settled AND q.state != 'cancelled')
            ),
            dispute_waiting AS (
                SELECT DISTINCT partner_id FROM smec_collection_dispute
                 WHERE company_id = %(company)s AND state = 'open'
            ),
            statement_unconfirmed AS (
                SELECT DISTINCT partner_id FROM smec_collection_statement
                 WHERE company_id = %(company)s AND state = 'sent'
                   AND date_to <= %(day)s::date - %(statement_days)s
            ),
            calls AS (
                SELECT rp.commercial_partner_id AS partner_id, MIN(c.id) AS contact_id
                  FROM smec_collection_contact c
                  JOIN res_partner rp ON rp.id = c.partner_id
                 WHERE c.company_id = %(company)s AND c.channel = 'call' AND c.date = %(day)s
                   AND c.state IN ('sent', 'delivered') AND c.call_outcome IS NULL
                 GROUP BY rp.commercial_partner_id
            ),
            customers AS (
                SELECT partner_id FROM amounts WHERE amount_at_risk > 0.005
                UNION SELECT rp.commercial_partner_id FROM promise_due x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id FROM promise_broken x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id FROM dispute_waiting x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT rp.commercial_partner_id
                        FROM statement_unconfirmed x JOIN res_partner rp ON rp.id = x.partner_id
                UNION SELECT partner_id FROM calls
            ),
            forecast AS (
                SELECT id, late_share FROM smec_credit_forecast
                 WHERE company_id = %(company)s AND is_newest
                 LIMIT 1
            ),
            scored AS (
                SELECT cu.partner_id,
                       (rp.smec_collector_id ->> %(company_key)s)::int AS user_id,
                       (SELECT id FROM forecast) AS forecast_id,
                       COALESCE(a.amount_open, 0) AS amount_open,
                       COALESCE(a.amount_overdue, 0) AS amount_overdue,
                       ROUND(COALESCE(a.amount_at_risk, 0), 2) AS amount_at_risk,
                       COALESCE(b.late_share, (SELECT late_share FROM forecast), 100.0)::numeric AS late_share,
                       CASE WHEN b.late_share IS NOT NULL THEN b.source
                            WHEN (SELECT late_share FROM forecast) IS NOT NULL THEN 'company'
                            ELSE 'none' END AS source,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM promise_due x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS promise_due,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM promise_broken x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS promise_broken,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM dispute_waiting x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS dispute_waiting,
                       cu.partner_id IN (SELECT rp2.commercial_partner_id FROM statement_unconfirmed x
                                           JOIN res_partner rp2 ON rp2.id = x.partner_id) AS statement_unconfirmed,
                       calls.contact_id
                  FROM customers cu
                  JOIN res_partner rp ON rp.id = cu.partner_id
                  LEFT JOIN amounts a ON a.partner_id = cu.partner_id
                  LEFT JOIN smec_credit_forecast_behaviour b
                         ON b.forecast_id = (SELECT id FROM forecast) AND b.partner_id = cu.partner_id
                  LEFT JOIN calls ON calls.partner_id = cu.partner_id
            ),
            ranked AS (
                SELECT s.*, ROUND(s.amount_at_risk * s.late_share / 100.0, 2) AS score,
                       ROW_NUMBER() OVER (PARTITION BY s.user_id
                                          ORDER BY s.amount_at_risk * s.late_share DESC, s.amount_at_risk DESC,
                                                   s.partner_id) AS rank
                  FROM scored s
            ),
            written AS (
                INSERT INTO smec_credit_worklist
                       (company_id, date, partner_id, user_id, forecast_id, amount_open, amount_overdue, amount_at_risk,
                        late_share, source, score, rank, promise_due, promise_broken, dispute_waiting,
                        statement_unconfirmed, dunning_call, contact_id, done, attempts,
                        create_uid, create_date, write_uid, write_date)
                SELECT %(company)s, %(day)s, r.partner_id, r.user_id, r.forecast_id, r.amount_open, r.amount_overdue,
                       r.amount_at_risk, r.late_share, r.source, r.score, r.rank, r.promise_due, r.promise_broken,
                       r.dispute_waiting, r.statement_unconfirmed, r.contact_id IS NOT NULL, r.contact_id, FALSE, 0,
                       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM ranked r
                ON CONFLICT (company_id, partner_id, date) DO UPDATE
                   SET user_id = EXCLUDED.user_id, forecast_id = EXCLUDED.forecast_id,
                       amount_open = EXCLUDED.amount_open, amount_overdue = EXCLUDED.amount_overdue,
                       amount_at_risk = EXCLUDED.amount_at_risk, late_share = EXCLUDED.late_share,
                       source = EXCLUDED.source, score = EXCLUDED.score, rank = EXCLUDED.rank,
                       promise_due = EXCLUDED.promise_due, promise_broken = EXCLUDED.promise_broken,
                       dispute_waiting = EXCLUDED.dispute_waiting,
                       statement_unconfirmed = EXCLUDED.statement_unconfirmed,
                       dunning_call = EXCLUDED.dunning_call, contact_id = EXCLUDED.contact_id,
                       write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                RETURNING partner_id
            )
            DELETE FROM smec_credit_worklist w
             WHERE w.company_id = %(company)s AND w.date = %(day)s AND NOT w.done AND w.attempts = 0
               AND w.partner_id NOT IN (SELECT partner_id FROM ranked)
            """,
            aging=self.env["smec.credit.aging"]._aging_query(company, day),
            company=company.id,
            company_key=str(company.id),
            day=day,
            broken_days=BROKEN_DAYS,
            statement_days=STATEMENT_DAYS,
            uid=self.env.uid,
        )

    @api.model
    def _build(self, company, day=None):
        """Write ``company``'s worklist of ``day`` (today by default): one statement, safe to run again."""
        day = day or fields.Date.context_today(self.with_company(company))
        self.env.flush_all()
        self.env.execute_query(self._rank_query(company, day))
        company.sudo().smec_worklist_date = day
        self.invalidate_model()
        return True

    @api.model
    def _cron_build(self):
        """Each morning, after the dunning run: every company's worklist of the day."""
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        for index, company in enumerate(companies):
            self.sudo()._build(company)
            # each company's list committed as it is written: a run that stops resumes without duplicates
            commit_progress(self.env, 1, len(companies) - index - 1)

    @api.model
    def action_open_worklist(self):
        """The menu: the current company's list of today, written first if the morning's job has not yet."""
        if not self.env.user.has_group(AGENT):
            raise AccessError(_("Only collection users have a worklist."))
        company = self.env.company
        today = fields.Date.context_today(self)
        if company.sudo().smec_worklist_date != today:
            self.sudo()._build(company, today)
        return self.env["ir.actions.act_window"]._for_xml_id("smec_credit_worklist.smec_credit_worklist_action")

    def action_refresh(self):
        """A Collection Manager writes the list of today again (a payment came in, a customer was reassigned)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only a Collection Manager writes the worklist again."))
        self.sudo()._build(self.env.company)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

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

    # ------------------------------------------------------------
    # THE CALL'S OUTCOME
    # ------------------------------------------------------------

    def _check_caller(self):
        if not self.env.user.has_group(AGENT):
            raise AccessError(_("Only collection users record the outcome of a call."))
        self.check_access("write")
        for row in self:
            if row.done:
                raise UserError(_("%(customer)s was called already today.", customer=row.partner_id.name))

    def _close(self, outcome, note=None):
        """The call's outcome recorded: the customer leaves today's list."""
        values = {"done": True, "outcome": outcome, "done_on": fields.Datetime.now()}
        self._smec_action_write(values)
        if note:
            self.note = note

    def _open_invoices(self, overdue=True):
        """The customer's open invoices in this company, past due first (those a call is about)."""
        self.ensure_one()
        today = self.date
        domain = [
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
            ("commercial_partner_id", "=", self.partner_id.id),
            ("company_id", "=", self.company_id.id),
        ]
        if overdue:
            domain.append(("invoice_date_due", "<", today))
        return self.env["account.move"].search(domain, order="invoice_date_due, id")

    def action_promise(self):
        """A promise to pay from the call: the promise form, prefilled (from today's dunning call when there is
        one); saving it records the outcome and takes the customer off the list."""
        self.ensure_one()
        self._check_caller()
        Promise = self.env["smec.collection.promise"]
        contact = self.contact_id
        if contact and contact.channel == "call" and not contact.call_outcome:
            context = Promise._from_contact(contact)
        else:
            invoices = self._open_invoices() or self._open_invoices(overdue=False)
            context = {
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_channel": "call",
                "default_invoice_ids": [Command.set(invoices.ids)],
                "default_line_ids": [
                    Command.create(
                        {
                            "date": fields.Date.context_today(self) + timedelta(days=7),
                            "amount": sum(invoices.mapped("amount_residual_signed")),
                        }
                    )
                ],
            }
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to Pay"),
            "res_model": "smec.collection.promise",
            "view_mode": "form",
            "target": "new",
            "context": {**context, "smec_worklist_id": self.id},
        }

    def action_dispute(self):
        """The customer disputes: the dispute form, its past-due invoices listed; saving it records the outcome."""
        self.ensure_one()
        self._check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": _("Dispute"),
            "res_model": "smec.collection.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_name": _("Disputed on a call, %(date)s", date=self.date),
                "default_invoice_ids": [Command.set(self._open_invoices().ids)],
                "smec_worklist_id": self.id,
            },
        }

    def action_no_answer(self):
        """Nobody answered: the call counts, and the customer drops below those not called yet today. Today's
        dunning call, if any, gets its outcome (its call task done)."""
        self._check_caller()
        for row in self:
            contact = row.contact_id
            if contact and contact.channel == "call" and not contact.call_outcome:
                contact.action_no_answer()
            row._smec_action_write(
                {"outcome": "no_answer", "attempts": row.attempts + 1, "done_on": fields.Datetime.now()}
            )
        return True

    def action_new_contact(self):
        """Whoever answered named someone else to talk to: the new contact person's form."""
        self.ensure_one()
        self._check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": _("New Contact Person"),
            "res_model": "smec.credit.worklist.contact",
            "view_mode": "form",
            "target": "new",
            "context": {"default_worklist_id": self.id},
        }

    @api.model
    def _recorded_from_context(self, outcome, partner):
        """The row of the context's ``smec_worklist_id`` (sent by the outcome buttons) closed with ``outcome`` once
        the promise or dispute of ``partner`` it opened is saved; and today's dunning call with it."""
        row_id = self.env.context.get("smec_worklist_id")
        if not row_id:
            return
        row = self.browse(int(row_id)).exists()
        if not row or row.done or row.partner_id != partner.commercial_partner_id:
            return
        row._check_caller()
        contact = row.contact_id
        if outcome == "disputed" and contact.channel == "call" and not contact.call_outcome:
            contact.action_disputed()
        row._close(outcome)
