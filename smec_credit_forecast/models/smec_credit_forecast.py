"""A cash-in forecast kept: the company, the day it is made as of, its parameters, and once computed its lines
(per open item and week, read by the pivot, graph and list by week, customer and collector) and its
customers' payment behaviour (read by the worklist and the dashboards)."""

import numpy as np

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.smec_credit.tools.cron import commit_progress

from ..tools.forecast_math import pg_array
from .smec_credit_forecast_engine import WEEKS

# a missing number of days late, as the lines' arrays carry it (no day late comes near)
NONE = -(10**8)
MANAGER_GROUPS = ("smec_credit.group_credit_manager", "smec_credit_collection.group_collection_manager")


class SmecCreditForecast(models.Model):
    _name = "smec.credit.forecast"
    _description = "Cash-in Forecast"
    _inherit = ["smec.guard.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _smec_code_fields = frozenset(
        {
            "computed_on",
            "amount_open",
            "amount_expected",
            "amount_low",
            "amount_high",
            "amount_later",
            "amount_disputed",
            "amount_legal",
            "amount_naive",
            "late_share",
            "is_newest",
        }
    )
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"done"})

    name = fields.Char(compute="_compute_name")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="As Of",
        required=True,
        default=fields.Date.context_today,
        help="The forecast sees the ledger, promises, disputes and legal files as they stood at the end of this "
        "day, and forecasts the 13 weeks after it.",
    )
    half_life_days = fields.Integer(
        string="Half-life (Days)",
        default=90,
        required=True,
        help="An invoice paid this many days before the forecast's date weighs half as much as one paid on it.",
    )
    lookback_days = fields.Integer(
        string="History (Days)", default=365, required=True, help="The paid invoices read: paid in these days."
    )
    min_history = fields.Integer(
        string="Minimum History",
        default=3,
        required=True,
        help="A customer with fewer paid invoices in the history follows the company's payment behaviour.",
    )
    default_kept_rate = fields.Float(
        string="Default Kept Rate (%)",
        default=50.0,
        required=True,
        help="The weight of a promise when neither the customer nor the company settled one in 12 months.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Computed")], default="draft", required=True)
    computed_on = fields.Datetime(readonly=True)
    line_ids = fields.One2many("smec.credit.forecast.line", "forecast_id", string="Lines")
    behaviour_ids = fields.One2many("smec.credit.forecast.behaviour", "forecast_id", string="Payment Behaviour")
    amount_open = fields.Monetary(string="Open Receivables", readonly=True)
    amount_expected = fields.Monetary(string="Expected in 13 Weeks", readonly=True)
    amount_low = fields.Monetary(string="Low (13 Weeks)", readonly=True)
    amount_high = fields.Monetary(string="High (13 Weeks)", readonly=True)
    amount_later = fields.Monetary(string="Later or Doubtful", readonly=True)
    amount_disputed = fields.Monetary(string="Disputed (Apart)", readonly=True)
    amount_legal = fields.Monetary(string="Legal Claims (Apart)", readonly=True)
    amount_naive = fields.Monetary(
        string="Naive (13 Weeks)", readonly=True, help="Every open item paid on its due date."
    )
    late_share = fields.Float(
        string="Company: Paid Late (%)",
        readonly=True,
        help="The weighted share of the company's invoices paid after their due date or not paid: the payment "
        "behaviour of a customer without its own.",
    )
    is_newest = fields.Boolean(
        string="Newest",
        readonly=True,
        index=True,
        help="The company's computed forecast of the latest day (the latest computed of that day): the one the "
        "dashboards and the collectors' worklist read.",
    )

    _parameters_check = models.Constraint(
        "CHECK(half_life_days > 0 AND lookback_days > 0 AND min_history >= 1 "
        "AND default_kept_rate >= 0 AND default_kept_rate <= 100)",
        "The half-life and the history are more than 0 days, the minimum history at least 1 invoice, the default "
        "kept rate between 0 and 100 %.",
    )

    @api.depends("company_id", "date")
    def _compute_name(self):
        for forecast in self:
            forecast.name = _("%(company)s as of %(date)s", company=forecast.company_id.name or "", date=forecast.date)

    def _smec_locked_message(self):
        return _("This forecast is computed: make a new one to change its date or parameters.")

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _check_manager(self):
        if not any(self.env.user.has_group(group) for group in MANAGER_GROUPS):
            raise AccessError(_("Only a Credit Manager or a Collection Manager computes a cash-in forecast."))
        self.check_access("write")

    def action_compute(self):
        """Compute the forecast: its lines and its customers' behaviour, written in one statement each."""
        self._check_manager()
        today = fields.Date.context_today(self)
        for forecast in self:
            if forecast.state != "draft":
                raise UserError(_("This forecast is computed already: make a new one."))
            if forecast.date > today:
                raise UserError(_("A forecast is made as of today or a past day, not %(date)s.", date=forecast.date))
            result = forecast._engine_result()
            forecast.sudo()._store(result)
        return True

    @api.model
    def _cron_weekly(self):
        """Each live company's forecast as of its today (nothing before a company's credit control is live),
        one company at a time, each committed when the job runs as a scheduled job: called again after a crash,
        it skips the companies that have a computed forecast of the day and makes the others'."""
        for company in self.env["res.company"].sudo().search([]):  # pylint: disable=no-search-all
            if not company._smec_credit_live():
                continue
            Forecast = self.sudo().with_company(company).with_context(lang=company._smec_language())
            today = self.env["smec.collection.run"]._today(company)
            if Forecast.search_count([("company_id", "=", company.id), ("date", "=", today), ("state", "=", "done")]):
                continue
            forecast = Forecast.create({"company_id": company.id, "date": today})
            forecast._compute_and_store()
            commit_progress(self.env, 1, 0)  # a scheduled job's companies done are kept if a later one fails

    def _compute_and_store(self):
        """Compute and store (the scheduled job's path: no manager's check, no other date than its day's)."""
        for forecast in self:
            forecast._store(forecast._engine_result())

    def _engine_result(self):
        self.ensure_one()
        return self.env["smec.credit.forecast.engine"]._forecast(
            self.company_id,
            self.date,
            half_life=self.half_life_days,
            lookback=self.lookback_days,
            min_history=self.min_history,
            default_kept=self.default_kept_rate / 100.0,
        )

    def action_open_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("smec_credit_forecast.smec_credit_forecast_line_action")
        action["domain"] = [("forecast_id", "=", self.id)]
        action["context"] = {"search_default_in_weeks": 1}
        return action

    def action_open_behaviour(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "smec_credit_forecast.smec_credit_forecast_behaviour_action"
        )
        action["domain"] = [("forecast_id", "=", self.id)]
        return action

    # ------------------------------------------------------------
    # STORING
    # ------------------------------------------------------------

    def _store(self, result):
        """The engine's result written: lines and behaviour in one INSERT ... SELECT each, the totals."""
        self.ensure_one()
        items, rows = result["items"], result["rows"]
        expected, low, high = result["weekly"]
        self.env.execute_query(SQL("DELETE FROM smec_credit_forecast_line WHERE forecast_id = %s", self.id))
        self.env.execute_query(SQL("DELETE FROM smec_credit_forecast_behaviour WHERE forecast_id = %s", self.id))
        if len(rows["item"]):
            self._insert_lines(items, rows)
        self._insert_behaviour(result["behaviour"])
        self.write(
            {
                "state": "done",
                "computed_on": fields.Datetime.now(),
                "amount_open": sum(i["open_amount"] for i in items),
                "amount_expected": float(expected[:WEEKS].sum()),
                "amount_low": float(low[:WEEKS].sum()),
                "amount_high": float(high[:WEEKS].sum()),
                "amount_later": float(expected[WEEKS]),
                "amount_disputed": result["apart"]["disputed"],
                "amount_legal": result["apart"]["legal"],
                "amount_naive": float(result["naive"][:WEEKS].sum()),
                "late_share": 100.0 * (result["company_shares"][0] or 0.0),
            }
        )
        self._update_newest(self.company_id)
        self.env["smec.credit.forecast.line"].invalidate_model()
        self.env["smec.credit.forecast.behaviour"].invalidate_model()
        self.invalidate_recordset(["line_ids", "behaviour_ids"])

    @api.model
    def _update_newest(self, companies):
        """Mark each company's newest computed forecast (the latest day, then the latest computed), and no other:
        one statement, run whenever a forecast is computed or deleted."""
        self.flush_model(["state", "date", "company_id", "is_newest"])
        self.env.execute_query(
            SQL(
                """
                WITH newest AS (
                    SELECT DISTINCT ON (company_id) company_id, id
                      FROM smec_credit_forecast
                     WHERE company_id = ANY(%(companies)s) AND state = 'done'
                     ORDER BY company_id, date DESC, id DESC
                )
                UPDATE smec_credit_forecast f
                   SET is_newest = (f.id IN (SELECT id FROM newest))
                 WHERE f.company_id = ANY(%(companies)s)
                   AND f.is_newest IS DISTINCT FROM (f.id IN (SELECT id FROM newest))
                """,
                companies=companies.ids,
            )
        )
        self.invalidate_model(["is_newest"])

    def unlink(self):
        companies = self.company_id
        # the lines' table has no foreign key (smec.credit.forecast.line): they go with their forecast here
        self.check_access("unlink")
        self.env.execute_query(SQL("DELETE FROM smec_credit_forecast_line WHERE forecast_id = ANY(%s)", self.ids))
        self.env["smec.credit.forecast.line"].invalidate_model()
        result = super().unlink()
        self._update_newest(companies)
        return result

    def _insert_lines(self, items, rows):
        """One INSERT ... SELECT FROM unnest: a column per array, one element per line, each array sent as one
        text literal (parsed by PostgreSQL's array input, where a list sent as a parameter becomes an ARRAY[...]
        of as many SQL expressions). The item's columns are repeated for its lines with numpy; dates travel as
        days from the forecast's date, a missing value as 0 (ids) or NONE (days late), and the weeks' keys,
        dates and the amounts in the invoice's currency are derived in SQL."""
        index = rows["item"]

        def per_line(values, dtype=np.int64):
            return np.asarray(list(values), dtype=dtype)[index]

        def days(key):
            return per_line(NONE if i[key] is None else i[key] for i in items)

        due = per_line((i["date_maturity"] - self.date).days for i in items)
        self.env.execute_query(
            SQL(
                """
                INSERT INTO smec_credit_forecast_line
                       (forecast_id, company_id, date, week, week_start, kind, partner_id, user_id, move_id,
                        move_line_id, currency_id, date_maturity, date_expected, date_early, date_late, source,
                        kept_rate, amount, amount_low, amount_high, amount_currency, amount_currency_low,
                        amount_currency_high)
                SELECT %(forecast)s, %(company)s, %(date)s,
                       CASE WHEN r.week < 0 THEN 'apart' WHEN r.week >= %(weeks)s THEN 'later'
                            ELSE lpad((r.week + 1)::text, 2, '0') END,
                       CASE WHEN r.week >= 0 AND r.week < %(weeks)s THEN %(date)s::date + 1 + 7 * r.week END,
                       r.kind, NULLIF(r.partner, 0), NULLIF(r.user_id, 0), NULLIF(r.move, 0), r.line,
                       NULLIF(r.currency, 0), %(date)s::date + r.due,
                       %(date)s::date + r.due + NULLIF(r.p50, %(none)s),
                       %(date)s::date + r.due + NULLIF(r.p10, %(none)s),
                       %(date)s::date + r.due + NULLIF(r.p90, %(none)s),
                       r.source, r.kept, r.amount, r.low, r.high, r.amount * r.ratio, r.low * r.ratio, r.high * r.ratio
                  FROM unnest(%(kind)s::varchar[], %(week)s::int[], %(amount)s::numeric[], %(low)s::numeric[],
                              %(high)s::numeric[], %(partner)s::int[], %(user)s::int[], %(move)s::int[],
                              %(line)s::int[], %(currency)s::int[], %(due)s::int[], %(p10)s::int[], %(p50)s::int[],
                              %(p90)s::int[], %(source)s::varchar[], %(kept)s::float8[], %(ratio)s::numeric[])
                       AS r(kind, week, amount, low, high, partner, user_id, move, line, currency, due, p10, p50,
                            p90, source, kept, ratio)
                """,
                forecast=self.id,
                company=self.company_id.id,
                date=self.date,
                weeks=WEEKS,
                none=NONE,
                kind=pg_array(rows["kind"].tolist()),
                week=pg_array(rows["week"].tolist()),
                amount=pg_array(np.round(rows["amount"].astype(float), 6).tolist()),
                low=pg_array(np.round(rows["low"].astype(float), 6).tolist()),
                high=pg_array(np.round(rows["high"].astype(float), 6).tolist()),
                partner=pg_array(per_line(i["partner_id"] or 0 for i in items).tolist()),
                user=pg_array(per_line(i["user_id"] or 0 for i in items).tolist()),
                move=pg_array(per_line(i["move_id"] or 0 for i in items).tolist()),
                line=pg_array(per_line(i["id"] for i in items).tolist()),
                currency=pg_array(per_line(i["currency_id"] or 0 for i in items).tolist()),
                due=pg_array(due.tolist()),
                p10=pg_array(days("p10").tolist()),
                p50=pg_array(days("p50").tolist()),
                p90=pg_array(days("p90").tolist()),
                source=pg_array(per_line((i["source"] for i in items), dtype=object).tolist()),
                kept=pg_array(per_line((100.0 * i["kept_rate"] for i in items), dtype=float).tolist()),
                ratio=pg_array(
                    per_line((i["open_amount_currency"] / i["open_amount"] for i in items), dtype=float).tolist()
                ),
            )
        )

    def _insert_behaviour(self, behaviour):
        if not behaviour:
            return
        partners = sorted(behaviour)
        values = [behaviour[p] for p in partners]
        self.env.execute_query(
            SQL(
                """
                INSERT INTO smec_credit_forecast_behaviour
                       (forecast_id, company_id, partner_id, source, invoice_count, days_p10, days_p50, days_p90,
                        late_share, unpaid_share, kept_rate, kept_own)
                SELECT %(forecast)s, %(company)s, b.partner, b.source, b.n, b.p10, b.p50, b.p90, b.late, b.unpaid,
                       b.kept, b.own
                  FROM unnest(%(partner)s::int[], %(source)s::varchar[], %(n)s::int[], %(p10)s::int[],
                              %(p50)s::int[], %(p90)s::int[], %(late)s::float8[], %(unpaid)s::float8[],
                              %(kept)s::float8[], %(own)s::bool[])
                       AS b(partner, source, n, p10, p50, p90, late, unpaid, kept, own)
                """,
                forecast=self.id,
                company=self.company_id.id,
                partner=pg_array(partners),
                source=pg_array(v["source"] for v in values),
                n=pg_array(v["invoice_count"] for v in values),
                p10=pg_array(v["p10"] for v in values),
                p50=pg_array(v["p50"] for v in values),
                p90=pg_array(v["p90"] for v in values),
                late=pg_array(100.0 * v["late_share"] if v["late_share"] is not None else None for v in values),
                unpaid=pg_array(100.0 * v["unpaid_share"] if v["unpaid_share"] is not None else None for v in values),
                kept=pg_array(100.0 * v["kept_rate"] for v in values),
                own=pg_array("t" if v["kept_own"] else "f" for v in values),
            )
        )
