from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

BUCKETS = 9  # current + up to 7 bands + over the last one


class SmecCreditAgingLine(models.Model):
    """Open items as of a date, read from the aging engine's query.

    The query depends on the context set by the aging wizard: ``smec_aging_date``,
    ``smec_aging_basis``, ``smec_aging_account_type`` and the filters. The list
    grouped by partner reads as an aged balance; the pivot crosses partners and
    buckets; each row drills down to its journal item.
    """

    _name = "smec.credit.aging.line"
    # a search flushes these first: the query reads them from the database
    _depends = {"res.partner": ["smec_related_type"]}
    _description = "Aging Line"
    _auto = False
    _order = "partner_id, date_maturity, id"
    _rec_name = "move_name"

    move_id = fields.Many2one("account.move", string="Entry", readonly=True)
    move_name = fields.Char(string="Number", readonly=True)
    partner_id = fields.Many2one("res.partner", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    grade_id = fields.Many2one("smec.credit.grade", readonly=True)
    related_type = fields.Selection(
        lambda self: self.env["res.partner"]._fields["smec_related_type"]._description_selection(self.env),
        string="Related Party",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    account_id = fields.Many2one("account.account", readonly=True)
    date = fields.Date(readonly=True)
    invoice_date = fields.Date(readonly=True)
    date_maturity = fields.Date(string="Due Date", readonly=True)
    days = fields.Integer(
        string="Days Past Due", readonly=True, aggregator="max", help="Negative: the item falls due in that many days."
    )
    # what a customer's row shows: its oldest overdue item, never a negative count of days
    days_overdue = fields.Integer(readonly=True, aggregator="max")
    bucket = fields.Selection(selection="_selection_bucket", readonly=True)
    original_amount = fields.Monetary(currency_field="company_currency_id", readonly=True)
    open_amount = fields.Monetary(currency_field="company_currency_id", readonly=True)
    open_amount_currency = fields.Monetary(string="Open (Currency)", currency_field="currency_id", readonly=True)
    amount_b0 = fields.Monetary(string="Bucket 0", currency_field="company_currency_id", readonly=True)
    amount_b1 = fields.Monetary(string="Bucket 1", currency_field="company_currency_id", readonly=True)
    amount_b2 = fields.Monetary(string="Bucket 2", currency_field="company_currency_id", readonly=True)
    amount_b3 = fields.Monetary(string="Bucket 3", currency_field="company_currency_id", readonly=True)
    amount_b4 = fields.Monetary(string="Bucket 4", currency_field="company_currency_id", readonly=True)
    amount_b5 = fields.Monetary(string="Bucket 5", currency_field="company_currency_id", readonly=True)
    amount_b6 = fields.Monetary(string="Bucket 6", currency_field="company_currency_id", readonly=True)
    amount_b7 = fields.Monetary(string="Bucket 7", currency_field="company_currency_id", readonly=True)
    amount_b8 = fields.Monetary(string="Bucket 8", currency_field="company_currency_id", readonly=True)

    @api.model
    def _selection_bucket(self):
        labels = self.env.company._smec_aging_labels()
        return [(str(index), label) for index, label in enumerate(labels)]

    @api.model
    def _aging_params(self):
        """The aging wizard's choices, read from the context (which any caller
        can send): checked as the wizard checks them, with a clear error."""
        ctx = self.env.context
        try:
            as_of = fields.Date.to_date(ctx.get("smec_aging_date")) or fields.Date.context_today(self)
        except (TypeError, ValueError):
            raise UserError(_("The aging date must be a date, such as 2026-06-30.")) from None
        self.env["smec.credit.aging"]._check_as_of(as_of)
        basis = ctx.get("smec_aging_basis", "due")
        account_type = ctx.get("smec_aging_account_type", "asset_receivable")
        bases = self.env["smec.credit.aging.wizard"]._fields["basis"].get_values(self.env)
        if basis not in bases or account_type not in ("asset_receivable", "liability_payable"):
            raise UserError(_("Open the aging from its wizard: the basis or the kind of account is not one it offers."))
        params = {"as_of": as_of, "basis": basis, "account_type": account_type}
        for key in ("partner_ids", "user_ids", "grade_ids"):
            ids = ctx.get(f"smec_aging_{key}") or None
            if ids is not None and (
                not isinstance(ids, list | tuple)
                or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
            ):
                raise UserError(
                    _("Open the aging from its wizard: the partners, salespeople or grades are not a list.")
                )
            params[key] = list(ids) if ids else None
        return params

    @property
    def _table_query(self):
        params = self._aging_params()
        inner = self.env["smec.credit.aging"]._aging_query(self.env.company, **params)
        buckets = SQL(", ").join(
            SQL(
                "CASE WHEN aging.bucket = %s THEN aging.open_amount ELSE 0 END AS %s",
                index,
                SQL.identifier(f"amount_b{index}"),
            )
            for index in range(BUCKETS)
        )
        return SQL(
            """
            SELECT aging.id, aging.move_id, aging.move_name, aging.partner_id, aging.user_id, aging.grade_id,
                   aging.related_type,
                   aging.company_id, aging.company_currency_id, aging.currency_id, aging.account_id, aging.date,
                   aging.invoice_date, aging.date_maturity, aging.days, GREATEST(aging.days, 0) AS days_overdue,
                   aging.bucket::varchar AS bucket,
                   aging.original_amount, aging.open_amount, aging.open_amount_currency, %s
              FROM (%s) aging
            """,
            buckets,
            inner,
        )

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """Bucket columns are named after the company's buckets; unused ones are hidden."""
        result = super().fields_get(allfields, attributes)
        labels = self.env.company._smec_aging_labels()
        for index in range(BUCKETS):
            description = result.get(f"amount_b{index}")
            if description is None:
                continue
            if index < len(labels):
                description["string"] = labels[index]
            else:
                description["string"] = ""
        return result

    def action_open_entry(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
        }
