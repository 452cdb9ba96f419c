"""Going live, the step: a Credit Manager (or an administrator) takes the company live, with the choices made
here (only Credit Managers set credit limits from then on; ``smec_credit_collection`` adds the stage a
customer's first dunning contact goes no further than). It records the day and who took it
(``res.company._smec_go_live``).

What going live today would do (the quotations held, the first dunning run's contacts), on screen and as an
xlsx workbook, is the preview ``smec_credit_setup`` adds to this step.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SmecCreditGoLive(models.TransientModel):
    _name = "smec.credit.go.live"
    _description = "Credit Control Go-Live"

    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    live_date = fields.Date(related="company_id.smec_credit_live_date")
    live_by_id = fields.Many2one(related="company_id.smec_credit_live_by_id")
    separate_roles = fields.Boolean(
        string="Only Credit Managers Set Credit Limits",
        help="Until then, whoever Odoo lets set a customer's credit limit (invoicing and accounting users) still "
        "may, as before SMEC Credit was installed. Ticked, only Credit Managers may from going live on.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self.env["res.company"].browse(vals.get("company_id") or self.env.company.id)._smec_check_go_live_rights()
        return super().create(vals_list)

    def _go_live_values(self):
        """Company values the step sets with going live; other add-ons add their choices."""
        self.ensure_one()
        return {"smec_separate_credit_roles": self.separate_roles}

    def action_go_live(self):
        self.ensure_one()
        if self.company_id._smec_credit_live():
            raise UserError(_("%(company)s is live already.", company=self.company_id.name))
        self.company_id._smec_go_live(self._go_live_values())
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }
