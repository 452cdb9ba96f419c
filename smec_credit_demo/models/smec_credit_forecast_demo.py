from odoo import api, models


class SmecCreditForecastDemo(models.AbstractModel):
    """Demo data only: the wholesaler's cash-in forecast as of the demo's day, computed by its credit manager,
    so that Credit > Receivables > Cash-in Forecast opens on the year the demo tells."""

    _name = "smec.credit.forecast.demo"
    _description = "Cash-in Forecast Demo"

    @api.model
    def _smec_demo_forecast(self, user):
        forecast = self.env["smec.credit.forecast"].with_user(user).create({"company_id": self.env.company.id})
        forecast.action_compute()
        return forecast
