from odoo import _, api, fields, models
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

    @api.model
    def _aging_shows_fapiao(self, company):
        """Whether ``company``'s aging gives the fapiao numbers: a company in China, as l10n_cn shows its field."""
        return company.account_fiscal_country_id.code == "CN"

    @api.model
    def _aging_detail_columns(self, company):
        """The fapiao number beside each item's own, in the workbook's detail and the PDF's, as a Chinese customer
        reconciles by it."""
        columns = super()._aging_detail_columns(company)
        if self._aging_shows_fapiao(company):
            fapiao = SQL("(SELECT fm.fapiao FROM account_move fm WHERE fm.id = aging.move_id)")
            columns = [*columns, (_("Fapiao No."), fapiao)]
        return columns


class SmecCreditAgingWizard(models.TransientModel):
    _inherit = "smec.credit.aging.wizard"

    basis = fields.Selection(selection_add=[("fapiao", "Fapiao date")], ondelete={"fapiao": "set default"})

    def _aging_context(self):
        # the list shows the fapiao numbers when the detail's other forms do
        shown = self.env["smec.credit.aging"]._aging_shows_fapiao(self.company_id)
        return {**super()._aging_context(), "smec_aging_fapiao": shown}


class SmecCreditAgingLine(models.Model):
    _inherit = "smec.credit.aging.line"

    fapiao = fields.Char(related="move_id.fapiao", string="Fapiao No.")
