from odoo import api, models


class SmecCreditProposal(models.Model):
    _inherit = "smec.credit.proposal"

    @api.model
    def _alerted_industries(self, company, today):
        """The industries with an alerting reference figure published in the last 12 months: the monthly review
        tightens their customers' terms."""
        return self.env["smec.credit.industry.figure"]._alerted_industries(company, today)
