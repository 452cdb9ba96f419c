from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class SmecCreditWorklistContact(models.TransientModel):
    """A contact person the call named: added to the customer, with a call task for the next day; the customer
    leaves today's list."""

    _name = "smec.credit.worklist.contact"
    _description = "New Contact Person from a Call"

    worklist_id = fields.Many2one("smec.credit.worklist", required=True, ondelete="cascade")
    partner_id = fields.Many2one(related="worklist_id.partner_id", string="Customer")
    name = fields.Char(required=True)
    function = fields.Char(string="Job Position")
    phone = fields.Char()
    email = fields.Char()
    note = fields.Text(help="What the call said.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not (vals.get("phone") or vals.get("email") or "").strip():
                raise UserError(_("Give the new contact person's phone number or email: how else to reach them?"))
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        row = self.worklist_id
        row._check_caller()
        customer = row.partner_id
        # a collector adds a contact person to a customer of their list (collectors do not edit partners otherwise)
        person = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "parent_id": customer.id,
                    "type": "contact",
                    "function": self.function,
                    "phone": self.phone,
                    "email": self.email,
                }
            )
        )
        user = row.user_id or self.env.user
        customer.sudo().activity_schedule(
            "mail.mail_activity_data_call",
            date_deadline=fields.Date.context_today(self) + timedelta(days=1),
            user_id=user.id,
            summary=_("Call %(person)s of %(customer)s", person=person.name, customer=customer.name),
            note=plaintext2html(
                _(
                    "%(person)s (%(function)s, %(phone)s) was named on the call of %(date)s. %(note)s",
                    person=person.name,
                    function=person.function or "-",
                    phone=person.phone or person.email,
                    date=row.date,
                    note=self.note or "",
                )
            ),
        )
        row._close("new_contact", self.note)
        return {"type": "ir.actions.act_window_close"}
