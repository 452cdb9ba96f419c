"""The back-test: forecasts made as of past dates compared with what the items open on those dates then
received, week by week, against the naive forecast (every open item paid on its due date).

For each horizon h (1, 4 and 13 weeks) two errors, over all the origins together, as a share of what was
received in the h weeks:

* weekly: the sum of |forecast - received| of each of the first h weeks (WAPE: a forecast that puts the cash
  in the wrong week is wrong even if the total is right);
* cumulative: |cash forecast in the h weeks - cash received in them| (the question "how much by then?").

A forecast as of D sees only what was known on D: the items open on D (the aging as of D), the invoices paid
by D, the promises, disputes and legal files as they stood on D.
"""

from datetime import timedelta

import numpy as np

from odoo import api, fields, models

from .smec_credit_forecast_engine import WEEKS

HORIZONS = (1, 4, 13)


class SmecCreditForecast(models.Model):
    _inherit = "smec.credit.forecast"

    @api.model
    def _backtest_origins(self, today=None, count=6, step_weeks=4):
        """The latest ``count`` dates whose 13 weeks are all past, ``step_weeks`` apart, oldest first."""
        today = today or fields.Date.context_today(self)
        latest = today - timedelta(days=7 * WEEKS)
        return [latest - timedelta(days=7 * step_weeks * k) for k in reversed(range(count))]

    @api.model
    def _backtest(self, company, origins, **params):
        """{"origins": [{"as_of", "forecast", "naive", "received"} (13 weekly amounts each)], "horizons":
        {h: {"model", "naive", "model_cumulative", "naive_cumulative", "received", "gain", "gain_cumulative"}}}.
        ``gain`` is 1 - model error / naive error (0.25: a quarter less error than the naive forecast)."""
        engine = self.env["smec.credit.forecast.engine"]
        reads = self.env["smec.credit.forecast.reads"]
        runs = []
        for as_of in origins:
            result = engine._forecast(company, as_of, **params)
            runs.append(
                {
                    "as_of": as_of,
                    "forecast": [float(v) for v in result["weekly"][0][:WEEKS]],
                    "naive": [float(v) for v in result["naive"][:WEEKS]],
                    "received": reads._received(company, as_of, WEEKS),
                }
            )
        return {"origins": runs, "horizons": self._backtest_errors(runs)}

    @api.model
    def _backtest_errors(self, runs):
        horizons = {}
        if not runs:
            return horizons
        forecast = np.array([r["forecast"] for r in runs])
        naive = np.array([r["naive"] for r in runs])
        received = np.array([r["received"] for r in runs])
        for h in HORIZONS:
            total = received[:, :h].sum()
            errors = {
                "model": np.abs(forecast[:, :h] - received[:, :h]).sum(),
                "naive": np.abs(naive[:, :h] - received[:, :h]).sum(),
                "model_cumulative": np.abs(forecast[:, :h].sum(axis=1) - received[:, :h].sum(axis=1)).sum(),
                "naive_cumulative": np.abs(naive[:, :h].sum(axis=1) - received[:, :h].sum(axis=1)).sum(),
            }
            row = {key: float(value / total) if total else None for key, value in errors.items()}
            row["received"] = float(total)
            row["gain"] = 1 - row["model"] / row["naive"] if row["naive"] else None
            row["gain_cumulative"] = (
                1 - row["model_cumulative"] / row["naive_cumulative"] if row["naive_cumulative"] else None
            )
            horizons[h] = row
        return horizons

    @api.model
    def _backtest_markdown(self, outcome):
        """The back-test as Markdown tables (the command's output)."""
        lines = [
            "| horizon | received | forecast error (weekly) | naive error (weekly) | gain | "
            "forecast error (cumulative) | naive error (cumulative) | gain |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]

        def pct(value):
            return "-" if value is None else f"{100 * value:.1f} %"

        for h, row in outcome["horizons"].items():
            lines.append(
                f"| {h} week{'s' if h > 1 else ''} | {row['received']:,.0f} | {pct(row['model'])} | "
                f"{pct(row['naive'])} | {pct(row['gain'])} | {pct(row['model_cumulative'])} | "
                f"{pct(row['naive_cumulative'])} | {pct(row['gain_cumulative'])} |"
            )
        lines += ["", "| as of | received (13 weeks) | forecast | naive |", "|---|---:|---:|---:|"]
        for run in outcome["origins"]:
            lines.append(
                f"| {run['as_of']} | {sum(run['received']):,.0f} | {sum(run['forecast']):,.0f} | "
                f"{sum(run['naive']):,.0f} |"
            )
        return "\n".join(lines)
