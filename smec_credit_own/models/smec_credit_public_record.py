from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# what to do about each kind of public record, shown on the record and on "Our Credit"
GUIDANCE = {
    "penalty": _lt(
        "Pay the fine and put right what the decision found. Once the shortest publicity period of the penalty has "
        "passed, apply for credit repair on Credit China (信用中国) with the payment receipt and the proof of the "
        "rectification, so that customers' and banks' checks no longer show it."
    ),
    "abnormal": _lt(
        "File the missing yearly report, correct the information published or register the new address, then apply "
        "to the market regulation authority that listed the company to be removed from the abnormal-operation list. "
        "A company left on the list for three years is moved to the list of serious violations."
    ),
    "serious": _lt(
        "Put right every cause of the listing and apply to the authority that listed the company for removal when "
        "the period the rules set has passed; meanwhile expect tenders and bank credit to be refused."
    ),
    "dishonest": _lt(
        "Pay or settle what the judgment orders (an agreement with the creditor filed with the court counts), then "
        "ask the enforcing court to delete the listing; it is deleted within three working days of the request "
        "granted."
    ),
    "tax_rating": _lt(
        "Ask the tax office for the deductions behind the rating, file and pay what is missing with its late fee, "
        "then ask for the rating to be repaired where the rules allow it."
    ),
    "other": _lt("Note what the authority decided and the steps to have it removed or corrected."),
}


class SmecCreditPublicRecord(models.Model):
    """A public record about the company itself, entered by the credit manager
    from the publicity system, Credit China or a court's list, kept until it is
    removed, with what to do about it."""

    _name = "smec.credit.public.record"
    _description = "Public Record About the Company"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "state, date desc, id desc"

    name = fields.Char(string="Reference", required=True, tracking=True, help="The decision's or listing's number.")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    kind = fields.Selection(
        [
            ("penalty", "Administrative penalty"),
            ("abnormal", "Abnormal-operation listing"),
            ("serious", "Serious violation listing"),
            ("dishonest", "Dishonest judgment debtor"),
            ("tax_rating", "Tax credit rating below B"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    date = fields.Date(string="Decided On", required=True, tracking=True)
    authority = fields.Char(required=True, tracking=True)
    reason = fields.Text(help="What the authority found.")
    amount = fields.Monetary(string="Fine", currency_field="currency_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("open", "On the record"), ("removed", "Removed")], required=True, default="open", tracking=True
    )
    date_removed = fields.Date(string="Removed On", tracking=True)
    guidance = fields.Text(string="What To Do", compute="_compute_guidance")
    user_id = fields.Many2one("res.users", string="Responsible", default=lambda self: self.env.user, tracking=True)

    _amount_positive = models.Constraint("CHECK(amount IS NULL OR amount >= 0)", "A fine cannot be negative.")

    @api.constrains("state", "date_removed", "date")
    def _check_removal(self):
        for record in self:
            if record.state == "removed" and not record.date_removed:
                raise ValidationError(_("Say when %(name)s was removed.", name=record.name))
            if record.date_removed and record.date_removed < record.date:
                raise ValidationError(_("%(name)s cannot be removed before it was decided.", name=record.name))

    @api.depends("kind")
    def _compute_guidance(self):
        for record in self:
            record.guidance = GUIDANCE[record.kind]._translate(self.env.lang) if record.kind else False
