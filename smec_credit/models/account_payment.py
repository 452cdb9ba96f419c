"""Payments that need a look: collected on the owner's private account, or paid
from a bank account that is not the customer's own.

A small company mixes company and private accounts; money a customer pays to
the owner's card, or that a third party pays for it, is a receivable settled
outside the company's books' control, and a classic way for a debt to be paid
twice or not at all. Such customer payments are flagged when posted; a Credit
Manager or an accounting administrator (not whoever recorded the payment) accepts or rejects each, with
a note, and who and when are stamped.

The flag and the review state are the code's (``smec.guard.mixin``), the
decision and its stamps the review buttons'. Once a payment was flagged it
stays to review until a Credit Manager decides: correcting the account it came
from, or setting the payment back to draft, does not take it off the queue; and
the account it came from is tracked in the chatter."""

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.res_bank import sanitize_account_number

REVIEW_STATES = [("to_review", "To review"), ("accepted", "Accepted"), ("rejected", "Rejected")]
# what only the review buttons write
REVIEW_FIELDS = frozenset({"smec_review_decision", "smec_reviewed_by_id", "smec_reviewed_on"})
# what only the code computes
FLAG_FIELDS = frozenset({"smec_foreign_payer", "smec_review_state", "smec_review_required"})


class AccountJournal(models.Model):
    _inherit = "account.journal"

    smec_private_account = fields.Boolean(
        string="Owner's Private Account",
        help="A bank account of the owner, not of the company: customer payments received on it are flagged "
        "for a Credit Manager's review, and the KPIs count what was collected on it.",
    )


class AccountPayment(models.Model):
    _name = "account.payment"
    _inherit = ["account.payment", "smec.guard.mixin"]

    _smec_code_fields = FLAG_FIELDS
    _smec_action_fields = REVIEW_FIELDS

    smec_payer_account = fields.Char(
        string="Paid From Account",
        copy=False,
        tracking=True,
        help="The account number the money came from, as on the bank's advice: a customer payment from an "
        "account that is not one of the customer's own is flagged for review.",
    )
    smec_private_account = fields.Boolean(related="journal_id.smec_private_account", string="On a Private Account")
    smec_foreign_payer = fields.Boolean(
        string="Paid by Another Account",
        compute="_compute_smec_foreign_payer",
        store=True,
        help="The account it came from is not among the customer's registered bank accounts.",
    )
    smec_review_state = fields.Selection(
        REVIEW_STATES, string="Credit Review", compute="_compute_smec_review_state", store=True, index=True
    )
    smec_review_required = fields.Boolean(
        string="Flagged for Review",
        readonly=True,
        copy=False,
        help="The payment was flagged once: it stays to review until a Credit Manager decides.",
    )
    smec_review_decision = fields.Selection(
        [("accepted", "Accepted"), ("rejected", "Rejected")], string="Review Decision", readonly=True, copy=False
    )
    smec_reviewed_by_id = fields.Many2one("res.users", string="Reviewed By", readonly=True, copy=False)
    smec_reviewed_on = fields.Datetime(string="Reviewed On", readonly=True, copy=False)
    smec_review_note = fields.Text(string="Review Note", copy=False)

    @api.depends("smec_payer_account", "partner_id.commercial_partner_id.bank_ids.sanitized_acc_number")
    def _compute_smec_foreign_payer(self):
        for payment in self:
            number = sanitize_account_number(payment.smec_payer_account or "")
            own = payment.partner_id.commercial_partner_id.bank_ids.mapped("sanitized_acc_number")
            payment.smec_foreign_payer = bool(number) and number not in own

    @api.depends(
        "payment_type",
        "partner_type",
        "state",
        "journal_id.smec_private_account",
        "smec_foreign_payer",
        "smec_review_decision",
        "smec_review_required",
    )
    def _compute_smec_review_state(self):
        for payment in self:
            flagged = payment.smec_review_required or (
                payment.payment_type == "inbound"
                and payment.partner_type == "customer"
                and payment.state in ("in_process", "paid")
                and (payment.journal_id.smec_private_account or payment.smec_foreign_payer)
            )
            payment.smec_review_state = (payment.smec_review_decision or "to_review") if flagged else False

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        payments = super().create(vals_list)
        payments._smec_keep_flag()
        return payments

    def write(self, vals):
        # a Credit Manager reads accounting only, and writes the review note all the same
        if not self.env.su and vals.keys() == {"smec_review_note"} and self._smec_may_review():
            self.check_access("read")
            if any(p.smec_review_state != "to_review" for p in self):
                raise UserError(_("The review note is written while the payment waits for its review."))
            return super(AccountPayment, self.sudo()).write(vals)
        result = super().write(vals)
        self._smec_keep_flag()
        return result

    def _smec_keep_flag(self):
        """A payment flagged once stays flagged until it is reviewed."""
        flagged = self.filtered(lambda p: p.smec_review_state == "to_review" and not p.smec_review_required)
        if flagged:
            flagged.sudo().write({"smec_review_required": True})

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    @api.model
    def _smec_may_review(self):
        """Who reviews a payment received on a private or unknown account: a Credit Manager, or an accounting
        administrator (the accountant who keeps the books)."""
        user = self.env.user
        return user.has_group("smec_credit.group_credit_manager") or user.has_group("account.group_account_manager")

    def _smec_review(self, decision):
        if not self._smec_may_review():
            raise AccessError(
                _(
                    "Only a Credit Manager or an accounting administrator reviews payments received on private or "
                    "unknown accounts."
                )
            )
        if any(p.smec_review_state != "to_review" for p in self):
            raise UserError(_("Only a payment waiting for its review is accepted or rejected."))
        # four eyes: whoever recorded the money does not also vouch for where it came from
        for payment in self:
            if payment.create_uid == self.env.user and not payment.company_id.smec_allow_self_approval:
                raise UserError(
                    _(
                        "You recorded payment %(payment)s: another Credit Manager or accounting administrator "
                        "reviews it.",
                        payment=payment.display_name,
                    )
                )
        if decision == "rejected" and any(not (p.smec_review_note or "").strip() for p in self):
            raise UserError(_("Write in the review note why the payment is rejected and what is to be done."))
        self.check_access("read")
        self.sudo().write(
            {
                "smec_review_decision": decision,
                "smec_reviewed_by_id": self.env.user.id,
                "smec_reviewed_on": fields.Datetime.now(),
            }
        )
        for payment in self.sudo():
            payment.message_post(
                body=_(
                    "Credit review: %(decision)s. %(note)s",
                    decision=dict(self._fields["smec_review_decision"]._description_selection(self.env))[decision],
                    note=payment.smec_review_note or "",
                )
            )
        return True

    def action_smec_review_accept(self):
        return self._smec_review("accepted")

    def action_smec_review_reject(self):
        return self._smec_review("rejected")
