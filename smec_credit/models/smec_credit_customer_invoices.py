"""The invoices a record lists are its customer's.

A claim, a dispute or a promise to pay lists invoices of one customer in one
company. The form's domain offers only those, but any caller sends any id, and
a record that lists the right invoices can be moved to another customer (or
company) afterwards. A model that mixes this in names the paths to the invoices
it lists (``_smec_invoice_paths``: "invoice_ids", "line_ids.move_id") and to
its customer and company (``_smec_customer_path``, ``_smec_company_path``):
after every create or write that touches one of them, by anyone, each listed
invoice must be a posted customer invoice of that customer (its commercial
partner) in that company, or the call is refused and nothing is written.
"""

from odoo import _, api, models
from odoo.exceptions import ValidationError


class SmecCreditCustomerInvoices(models.AbstractModel):
    _name = "smec.credit.customer.invoices"
    _description = "Invoices Listed Are the Customer's"

    _smec_invoice_paths = ("invoice_ids",)
    _smec_customer_path = "partner_id"
    _smec_company_path = "company_id"
    _smec_invoice_types = ("out_invoice",)

    @api.model
    def _smec_invoice_triggers(self):
        paths = (*self._smec_invoice_paths, self._smec_customer_path, self._smec_company_path)
        return {path.split(".", 1)[0] for path in paths}

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._smec_check_customer_invoices()
        return records

    def write(self, vals):
        result = super().write(vals)
        if self._smec_invoice_triggers() & vals.keys():
            self._smec_check_customer_invoices()
        return result

    def _smec_check_customer_invoices(self):
        for record in self:
            customer = record.mapped(self._smec_customer_path).commercial_partner_id
            company = record.mapped(self._smec_company_path)
            invoices = self.env["account.move"]
            for path in self._smec_invoice_paths:
                invoices |= record.mapped(path)
            foreign = invoices.sudo().filtered(
                lambda m, customer=customer, company=company: (
                    m.move_type not in self._smec_invoice_types
                    or m.state != "posted"
                    or m.commercial_partner_id != customer
                    or m.company_id != company
                )
            )
            if foreign:
                raise ValidationError(
                    _(
                        "%(model)s of %(partner)s: it can only list its own posted invoices in %(company)s, "
                        "%(invoices)s cannot be listed here.",
                        model=self.env["ir.model"]._get(record._name).name,
                        partner=customer.display_name,
                        company=company.display_name,
                        invoices=", ".join(foreign.mapped("display_name")),
                    )
                )
