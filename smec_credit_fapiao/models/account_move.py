from odoo import api, fields, models
from odoo.exceptions import ValidationError

# a fully digital fapiao (数电票) has 20 digits; the paper and older e-fapiao numbers 8
FAPIAO_LENGTHS = (8, 20)
# what may be written on a posted invoice without Odoo re-synchronising its lines
FAPIAO_FIELDS = {"fapiao", "smec_fapiao_date", "smec_fapiao_received_date"}


class AccountMove(models.Model):
    _inherit = "account.move"

    # ------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------

    # l10n_cn's own field, widened from its 8 digits: one number per invoice, in l10n_cn's list and form, for
    # both kinds of fapiao (its constraint is replaced by _check_fapiao below). No size: Odoo cuts a value to
    # a Char's size in silence, and a 21-digit number would be saved as 20; _check_fapiao refuses it instead.
    fapiao = fields.Char(size=None)
    smec_fapiao_date = fields.Date(
        string="Fapiao Issued On", copy=False, tracking=True, help="The day the VAT fapiao was issued."
    )
    smec_fapiao_received_date = fields.Date(
        string="Fapiao Received On",
        copy=False,
        tracking=True,
        help="The day the customer received the fapiao (its e-invoice delivered, or signed for). A payment term "
        "counted from the fapiao's receipt counts from this day.",
    )
    smec_fapiao_state = fields.Selection(
        [("to_issue", "To Issue"), ("issued", "Issued, Not Received"), ("received", "Received")],
        string="Fapiao Status",
        compute="_compute_smec_fapiao_state",
        store=True,
        index="btree_not_null",
        help="For customer invoices only: whether their fapiao is issued (its number entered) and received.",
    )
    smec_fapiao_from_receipt = fields.Boolean(
        related="invoice_payment_term_id.smec_from_fapiao_receipt", string="Term Counted from the Fapiao's Receipt"
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("move_type", "fapiao", "smec_fapiao_received_date")
    def _compute_smec_fapiao_state(self):
        for move in self:
            if move.move_type != "out_invoice":
                move.smec_fapiao_state = False
            elif not move.fapiao:
                move.smec_fapiao_state = "to_issue"
            else:
                move.smec_fapiao_state = "received" if move.smec_fapiao_received_date else "issued"

    @api.depends("smec_fapiao_received_date")
    def _compute_needed_terms(self):  # pylint: disable=missing-return
        """A term counted from the fapiao's receipt counts from the day entered
        (票到30天付款); before that from the invoice date, as Odoo does: the due
        date is provisional, and dunning does not chase the invoice until the
        receipt is entered (``smec.collection.run``)."""
        from_receipt = self.filtered(
            lambda m: m.invoice_payment_term_id.smec_from_fapiao_receipt and m.smec_fapiao_received_date
        )
        super(AccountMove, self - from_receipt)._compute_needed_terms()
        for move in from_receipt:
            # the day reaches the term's _compute_terms through the context: Odoo's compute passes the invoice date
            super(
                AccountMove, move.with_context(smec_fapiao_received_date=move.smec_fapiao_received_date)
            )._compute_needed_terms()

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("fapiao")
    def _check_fapiao(self):
        """Replaces l10n_cn's check (8 digits only): 8 or 20 digits."""
        label = self._fields["fapiao"]._description_string(self.env)
        for move in self:
            if move.fapiao and (len(move.fapiao) not in FAPIAO_LENGTHS or not move.fapiao.isdecimal()):
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(invoice)s: %(value)s is not a fapiao number. A fully digital fapiao (数电票) "
                        "has 20 digits, a paper or older electronic one 8 digits.",
                        field=label,
                        invoice=move.display_name,
                        value=repr(move.fapiao),
                    )
                )

    @api.constrains("fapiao", "smec_fapiao_date", "smec_fapiao_received_date")
    def _check_smec_fapiao_dates(self):
        for move in self:
            names = {f: move._fields[f]._description_string(self.env) for f in FAPIAO_FIELDS}
            for fname in ("smec_fapiao_date", "smec_fapiao_received_date"):
                if move[fname] and not move.fapiao:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(invoice)s needs the fapiao's number (%(number)s) first.",
                            field=names[fname],
                            invoice=move.display_name,
                            number=names["fapiao"],
                        )
                    )
            today = fields.Date.context_today(move)
            for fname in ("smec_fapiao_date", "smec_fapiao_received_date"):
                if move[fname] and move[fname] > today:
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(invoice)s cannot be %(day)s, a day still to come.",
                            field=names[fname],
                            invoice=move.display_name,
                            day=move[fname],
                        )
                    )
            if move.smec_fapiao_date and move.smec_fapiao_received_date:
                if move.smec_fapiao_received_date < move.smec_fapiao_date:
                    raise ValidationError(
                        self.env._(
                            "%(received)s of %(invoice)s (%(day)s) is before %(issued)s (%(issue_day)s).",
                            received=names["smec_fapiao_received_date"],
                            invoice=move.display_name,
                            day=move.smec_fapiao_received_date,
                            issued=names["smec_fapiao_date"],
                            issue_day=move.smec_fapiao_date,
                        )
                    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        """On a posted invoice whose term counts from the fapiao's receipt, the
        receipt moves the due date of its receivable lines (Odoo re-synchronises
        the lines of draft invoices only: a posted one's are moved here, their
        amounts untouched)."""
        if "smec_fapiao_received_date" not in vals or not set(vals) <= FAPIAO_FIELDS:
            return super().write(vals)
        posted = self.filtered(lambda m: m.state == "posted" and m.invoice_payment_term_id.smec_from_fapiao_receipt)
        result = super(AccountMove, self - posted).write(vals)
        if posted:
            super(AccountMove, posted.with_context(skip_invoice_sync=True)).write(vals)
            posted._smec_fapiao_move_due_dates()
        return result

    def _smec_fapiao_move_due_dates(self):
        """The due dates of the posted invoices' term lines, from their payment
        term counted again (from the fapiao's receipt, else the invoice date)."""
        for move in self:
            dates = sorted(key["date_maturity"] for key in move.needed_terms if key)
            lines = move.line_ids.filtered(lambda line: line.display_type == "payment_term").sorted(
                lambda line: (line.date_maturity or fields.Date.to_date("1900-01-01"), line.id)
            )
            if len(dates) != len(lines):
                continue  # lines edited by hand: left as they are
            for line, day in zip(lines, dates, strict=True):
                if line.date_maturity != day:
                    line.with_context(skip_invoice_sync=True).date_maturity = day
