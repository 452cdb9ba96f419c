from odoo import api, fields, models
from odoo.tools import SQL


class SmecCreditAging(models.AbstractModel):
    _inherit = "smec.credit.aging"

    @api.model
    def _aging_basis_date(self, basis):
        """By fapiao date: the day the item's fapiao was issued; an item with no
        fapiao date (none issued, or not an invoice) ages from its invoice date,
        so that an old invoice never issued does not look new."""
        if basis == "fapiao":
            return SQL(
                "COALESCE((SELECT fm.smec_fapiao_date FROM account_move fm WHERE fm.id = l.move_id), l.invoice_date)"
            )
        return super()._aging_basis_date(basis)


class SmecCreditAgingWizard(models.TransientModel):
    _inherit = "smec.credit.aging.wizard"

    basis = fields.Selection(selection_add=[("fapiao", "Fapiao date")], ondelete={"fapiao": "set default"})

    def _aging_context(self):
        # the list shows the fapiao numbers for a company in China, as l10n_cn shows its field
        return {**super()._aging_context(), "smec_aging_fapiao": self.company_id.account_fiscal_country_id.code == "CN"}


class SmecCreditAgingLine(models.Model):
    _inherit = "smec.credit.aging.line"

    fapiao = fields.Char(related="move_id.fapiao", string="Fapiao No.")
