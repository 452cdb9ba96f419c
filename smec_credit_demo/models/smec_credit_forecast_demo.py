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

    @api.model
    def _smec_demo_worklist(self):
        """The collectors' worklist of the demo's day, as the morning job writes it from the forecast above
        (smec_credit_worklist), so that the guides' worklist pages open on rows without a first click."""
        self.env["smec.credit.worklist"].sudo()._build(self.env.company)
        return True
