from odoo import _, api, fields, models
from odoo.tools import SQL

from .smec_credit_forecast_engine import WEEKS

SOURCES = [
    ("own", "Customer's own history"),
    ("company", "Company's history"),
    ("none", "No history beyond its lateness"),
]


class SmecCreditForecastLine(models.Model):
    """What one open item brings in one week of a forecast (or apart: disputed, claimed by a legal file), in
    the company's currency and the invoice's: the expected amount, and the low and high bands. Written by
    the forecast's computation only, in one statement: a forecast of a ledger ten times the bench's writes about
    a million of them.

    Its table is the add-on's own (``_auto = False``, made by ``init``), without foreign keys: the lines copy
    figures of the day from records that may change or go later (invoices, customers, collectors), and they go
    with their forecast (``smec.credit.forecast.unlink``); a foreign key checked on each of a million rows
    written at once was most of a forecast's time (seven of them: 242 of 290 s at the bench's size; the
    forecast's alone, 8 of 16 s for 792,018 rows). One index, the forecast's: every screen reads the lines of
    one forecast."""

    _name = "smec.credit.forecast.line"
    _description = "Cash-in Forecast Line"
    _order = "forecast_id, week, partner_id, id"
    _rec_name = "move_id"
    _auto = False

    forecast_id = fields.Many2one("smec.credit.forecast", required=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    date = fields.Date(string="As Of", readonly=True)
    week = fields.Selection(selection="_selection_week", readonly=True)
    week_start = fields.Date(readonly=True)
    kind = fields.Selection(
        [
            ("invoice", "Payment behaviour"),
            ("promise", "Promise to pay"),
            ("disputed", "Disputed"),
            ("legal", "Legal claim"),
        ],
        readonly=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Collector", readonly=True)
    move_id = fields.Many2one("account.move", string="Invoice", readonly=True)
    move_line_id = fields.Many2one("account.move.line", string="Journal Item", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    date_expected = fields.Date(
        string="Expected Payment", readonly=True, help="The due date plus the median of the days late it follows."
    )
    date_early = fields.Date(string="Early (10th Percentile)", readonly=True)
    date_late = fields.Date(string="Late (90th Percentile)", readonly=True)
    source = fields.Selection(SOURCES, string="Behaviour From", readonly=True)
    kept_rate = fields.Float(string="Kept Rate (%)", readonly=True, aggregator="avg")
    amount = fields.Monetary(string="Expected", currency_field="company_currency_id", readonly=True)
    amount_low = fields.Monetary(string="Low", currency_field="company_currency_id", readonly=True)
    amount_high = fields.Monetary(string="High", currency_field="company_currency_id", readonly=True)
    amount_currency = fields.Monetary(string="Expected (Currency)", currency_field="currency_id", readonly=True)
    amount_currency_low = fields.Monetary(string="Low (Currency)", currency_field="currency_id", readonly=True)
    amount_currency_high = fields.Monetary(string="High (Currency)", currency_field="currency_id", readonly=True)

    def init(self):
        self.env.execute_query(
            SQL(
                """
                CREATE TABLE IF NOT EXISTS smec_credit_forecast_line (
                    id serial PRIMARY KEY,
                    forecast_id integer NOT NULL,
                    company_id integer NOT NULL, date date, week varchar, week_start date, kind varchar,
                    partner_id integer, user_id integer, move_id integer, move_line_id integer, currency_id integer,
                    date_maturity date, date_expected date, date_early date, date_late date, source varchar,
                    kept_rate double precision, amount numeric, amount_low numeric, amount_high numeric,
                    amount_currency numeric, amount_currency_low numeric, amount_currency_high numeric
                )
                """
            )
        )
        # a table made by the ORM before (19.0.1.0.0): its foreign keys and other indexes dropped
        for (name,) in self.env.execute_query(
            SQL(
                """
                SELECT conname FROM pg_constraint
                 WHERE conrelid = 'smec_credit_forecast_line'::regclass AND contype = 'f'
                """
            )
        ):
            self.env.execute_query(
                SQL("ALTER TABLE %s DROP CONSTRAINT %s", SQL.identifier(self._table), SQL.identifier(name))
            )
        for column in ("company_id", "partner_id"):
            self.env.execute_query(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(f"{self._table}__{column}_index")))
        self.env.execute_query(
            SQL(
                "CREATE INDEX IF NOT EXISTS smec_credit_forecast_line__forecast_id_index "
                "ON smec_credit_forecast_line (forecast_id)"
            )
        )

    @api.model
    def _selection_week(self):
        # a loop, not a comprehension: _() finds the language in its caller's frame
        weeks = []
        for week in range(1, WEEKS + 1):
            weeks.append((f"{week:02d}", _("Week %(week)s", week=week)))
        return [*weeks, ("later", _("Later or doubtful")), ("apart", _("Apart (disputed, legal)"))]


class SmecCreditForecastBehaviour(models.Model):
    """A customer's payment behaviour as a forecast read it: where its distribution of days late came from,
    its percentiles, the weighted share of its invoices paid late, and the kept rate of its promises."""

    _name = "smec.credit.forecast.behaviour"
    _description = "Customer Payment Behaviour"
    _order = "forecast_id, partner_id"
    _rec_name = "partner_id"

    forecast_id = fields.Many2one("smec.credit.forecast", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index=True)
    source = fields.Selection(SOURCES, string="Behaviour From", readonly=True)
    invoice_count = fields.Integer(string="Paid Invoices", readonly=True)
    days_p10 = fields.Integer(string="Days Late (10th Percentile)", readonly=True, aggregator="avg")
    days_p50 = fields.Integer(string="Days Late (Median)", readonly=True, aggregator="avg")
    days_p90 = fields.Integer(string="Days Late (90th Percentile)", readonly=True, aggregator="avg")
    late_share = fields.Float(string="Paid Late (%)", readonly=True, aggregator="avg")
    unpaid_share = fields.Float(
        string="Not Paid (%)",
        readonly=True,
        aggregator="avg",
        help="The weighted share of invoices still open more than 90 days past due. A percentile of days late "
        "that falls on them is left empty.",
    )
    kept_rate = fields.Float(string="Promises Kept (%)", readonly=True, aggregator="avg")
    kept_own = fields.Boolean(string="Own Promises", readonly=True, help="The customer settled promises in 12 months.")
