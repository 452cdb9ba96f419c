"""Marketplace platforms: for an e-commerce seller the debtor is the platform,
which settles on its own cycle. A platform is a partner with its settlement
cycle; an order sold through it is invoiced to it, due on the day the cycle
says (so the aging, the exposure and the dunning see the platform's debt as it
really falls due), and carries the platform's order number that its settlement
statement quotes (``smec.credit.platform.statement``)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.platform import expected_settlement

CREDIT_MANAGER = ("smec_credit.group_credit_manager",)

WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class SmecCreditLog(models.Model):
    _inherit = "smec.credit.log"

    field = fields.Selection(
        selection_add=[
            ("platform", "Marketplace platform"),
            ("settlement_basis", "Settlement clock starts"),
            ("autoconfirm_days", "Automatic confirmation after"),
            ("settlement_days", "Settled after (days)"),
            ("settlement_cutoff", "Payout"),
            ("settlement_weekday", "Payout day"),
            ("settlement_monthday", "Payout day of month"),
        ],
        ondelete={
            "platform": "cascade",
            "settlement_basis": "cascade",
            "autoconfirm_days": "cascade",
            "settlement_days": "cascade",
            "settlement_cutoff": "cascade",
            "settlement_weekday": "cascade",
            "settlement_monthday": "cascade",
        },
    )


# one concern per file (docs/architecture.md): the platform's side of the partner, the order and the invoice live here
class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _smec_credit_fields(self):
        """A platform's settlement cycle sets when its invoices fall due: credit terms, a Credit Manager's to
        change, logged like the limit (smec_credit's smec_credit_log.py)."""
        return {
            **super()._smec_credit_fields(),
            "smec_is_platform": ("platform", CREDIT_MANAGER),
            "smec_settlement_basis": ("settlement_basis", CREDIT_MANAGER),
            "smec_autoconfirm_days": ("autoconfirm_days", CREDIT_MANAGER),
            "smec_settlement_days": ("settlement_days", CREDIT_MANAGER),
            "smec_settlement_cutoff": ("settlement_cutoff", CREDIT_MANAGER),
            "smec_settlement_weekday": ("settlement_weekday", CREDIT_MANAGER),
            "smec_settlement_monthday": ("settlement_monthday", CREDIT_MANAGER),
        }

    smec_is_platform = fields.Boolean(
        string="Marketplace Platform",
        help="Orders sold through this platform are invoiced to it and due on its settlement cycle.",
    )
    smec_settlement_basis = fields.Selection(
        [("delivery", "After delivery"), ("confirmation", "After the customer's confirmation")],
        string="Settlement Clock Starts",
        default="delivery",
    )
    smec_autoconfirm_days = fields.Integer(
        string="Automatic Confirmation After",
        default=10,
        help="Days after delivery the platform confirms receipt for a customer who does not: the start of the "
        "clock when the order's confirmation date is not known.",
    )
    smec_settlement_days = fields.Integer(string="Settled After (days)", default=7)
    smec_settlement_cutoff = fields.Selection(
        [("none", "Order by order"), ("weekly", "Weekly payout"), ("monthly", "Monthly payout")],
        string="Payout",
        default="none",
    )
    smec_settlement_weekday = fields.Selection(WEEKDAYS, string="Payout Day", default="0")
    smec_settlement_monthday = fields.Integer(string="Payout Day Of Month", default=10)
    smec_platform_fee_account_id = fields.Many2one(
        "account.account",
        string="Platform Fees Account",
        company_dependent=True,
        domain="[('account_type', 'in', ('expense', 'expense_direct_cost'))]",
        help="Commissions and fees deducted in the platform's settlements are booked to it.",
    )

    @api.constrains("smec_settlement_days", "smec_autoconfirm_days", "smec_settlement_monthday")
    def _check_settlement_cycle(self):
        for partner in self.filtered("smec_is_platform"):
            if not 0 <= partner.smec_settlement_days <= 365 or not 0 <= partner.smec_autoconfirm_days <= 365:
                raise ValidationError(_("A platform settles within a year: its days are between 0 and 365."))
            if not 1 <= partner.smec_settlement_monthday <= 31:
                raise ValidationError(_("The payout day of the month is between 1 and 31."))

    def _smec_expected_settlement(self, delivered, confirmed=None):
        """The day this platform pays an order delivered on ``delivered`` (confirmed by the customer on
        ``confirmed`` when known)."""
        self.ensure_one()
        start = delivered
        if self.smec_settlement_basis == "confirmation":
            start = confirmed or fields.Date.add(delivered, days=self.smec_autoconfirm_days)
        return expected_settlement(
            start,
            self.smec_settlement_days,
            self.smec_settlement_cutoff or "none",
            int(self.smec_settlement_weekday or 0),
            self.smec_settlement_monthday or 1,
        )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    smec_platform_id = fields.Many2one(
        "res.partner",
        string="Sold Through",
        domain="[('smec_is_platform', '=', True)]",
        index="btree_not_null",
        help="The marketplace platform the order was sold through: it is invoiced to the platform, which settles it.",
    )
    smec_platform_order_ref = fields.Char(string="Platform Order Number", copy=False)
    smec_platform_confirmed_on = fields.Date(
        string="Customer Confirmed On", copy=False, help="When the customer confirmed receipt on the platform."
    )

    @api.onchange("smec_platform_id")
    def _onchange_smec_platform_id(self):
        if self.smec_platform_id:
            self.partner_invoice_id = self.smec_platform_id

    @api.constrains("smec_platform_id", "partner_invoice_id")
    def _check_smec_platform_invoiced(self):
        for order in self.filtered("smec_platform_id"):
            if order.partner_invoice_id.commercial_partner_id != order.smec_platform_id.commercial_partner_id:
                raise ValidationError(
                    _(
                        "%(order)s is sold through %(platform)s: it is invoiced to the platform, which pays it.",
                        order=order.name,
                        platform=order.smec_platform_id.name,
                    )
                )

    def _prepare_invoice(self):
        vals = super()._prepare_invoice()
        if self.smec_platform_id:
            vals.update(
                {
                    "smec_platform_id": self.smec_platform_id.id,
                    "smec_platform_order_ref": self.smec_platform_order_ref or self.name,
                    "smec_platform_confirmed_on": self.smec_platform_confirmed_on,
                }
            )
        return vals


class AccountMovePlatform(models.Model):
    _inherit = "account.move"

    # what the settlement's reconciliation writes (smec.guard.mixin): a value sent is refused with its name
    _smec_code_fields = frozenset({"smec_settlement_flag", "smec_settlement_note"})

    smec_platform_id = fields.Many2one("res.partner", string="Sold Through", readonly=True, index="btree_not_null")
    smec_platform_order_ref = fields.Char(string="Platform Order Number", readonly=True, index="btree_not_null")
    smec_platform_confirmed_on = fields.Date(string="Customer Confirmed On", readonly=True)
    smec_settlement_flag = fields.Selection(
        [("late", "Settled late"), ("short", "Settled short"), ("late_short", "Settled late and short")],
        string="Settlement",
        readonly=True,
        copy=False,
    )
    smec_settlement_note = fields.Char(string="Settlement Note", readonly=True, copy=False)

    def _post(self, soft=True):
        # the platform's cycle, not a payment term, says when it pays
        for move in self.filtered(lambda m: m.smec_platform_id and m.move_type == "out_invoice"):
            delivered = move.invoice_date or fields.Date.context_today(move)
            move.write(
                {
                    "invoice_date": delivered,
                    "invoice_payment_term_id": False,
                    "invoice_date_due": move.smec_platform_id._smec_expected_settlement(
                        delivered, move.smec_platform_confirmed_on
                    ),
                }
            )
        return super()._post(soft=soft)
