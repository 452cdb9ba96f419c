from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

EVENT_KINDS = [
    ("demand", "Demand delivered"),
    ("payment", "Partial payment"),
    ("confirmation", "Balance confirmed"),
    ("acknowledgment", "Written acknowledgment"),
    ("filing", "Payment order, suit or arbitration filed"),
]
# what a restart rests on, from the strongest: a court weighs each differently (the readme: when a demand counts)
EVIDENCE = [
    ("court", "Court or arbitration record"),
    ("debtor", "The debtor's own signature, acknowledgment or reply"),
    ("signed", "Signed for (courier record)"),
    ("bank", "Bank record"),
    ("document", "Document attached by hand"),
    ("data_message", "Email to the address designated for notices, not returned: should have arrived"),
]


class SmecCollectionLimitationEvent(models.Model):
    """An event that restarts the limitation period of an invoice (Civil Code
    Art. 195): a demand that reached the debtor, a partial payment, a confirmed
    balance or signed acknowledgment, a filing. The dunning contacts, payments
    and statements record theirs, linked to their source; a collector enters the
    others with their evidence."""

    _name = "smec.collection.limitation.event"
    _description = "Limitation Restart"
    # its date is evidence (smec.evidence.mixin), its files readable (smec.reference.mixin)
    _inherit = ["smec.guard.mixin", "smec.evidence.mixin", "smec.reference.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    # the sources are linked by their own code, never by a caller; so is the evidence it rests on
    _smec_code_fields = frozenset(
        {"contact_id", "statement_id", "partial_id", "legal_file_id", "company_id", "partner_id", "evidence"}
    )
    _smec_evidence_dates = {"date": "attachment_ids"}
    _smec_evidence_manager_group = "smec_credit_collection.group_collection_manager"

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('move_type', '=', 'out_invoice'), ('state', '=', 'posted')]",
        check_company=True,
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="move_id.commercial_partner_id", store=True, index=True, string="Customer")
    date = fields.Date(required=True, default=fields.Date.context_today)
    kind = fields.Selection(EVENT_KINDS, required=True)
    contact_id = fields.Many2one("smec.collection.contact", string="Dunning Contact", ondelete="cascade", index=True)
    statement_id = fields.Many2one("smec.collection.statement", ondelete="cascade", index=True)
    partial_id = fields.Many2one("account.partial.reconcile", string="Payment", ondelete="cascade", index=True)
    legal_file_id = fields.Many2one("smec.collection.legal.file", ondelete="cascade", index="btree_not_null")
    source = fields.Char(compute="_compute_source")
    evidence = fields.Selection(
        EVIDENCE,
        string="Rests On",
        compute="_compute_evidence",
        store=True,
        readonly=False,
        precompute=True,
        help="What the restart rests on: a court weighs an email that should have arrived less than a letter "
        "signed for or the debtor's own acknowledgment.",
    )
    note = fields.Text()
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence")
    user_id = fields.Many2one("res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True)

    _contact_unique = models.UniqueIndex("(contact_id, move_id) WHERE contact_id IS NOT NULL")
    _statement_unique = models.UniqueIndex("(statement_id, move_id) WHERE statement_id IS NOT NULL")
    _partial_unique = models.UniqueIndex("(partial_id, move_id) WHERE partial_id IS NOT NULL")
    _legal_unique = models.UniqueIndex("(legal_file_id, move_id, date) WHERE legal_file_id IS NOT NULL")

    @api.depends("kind", "date", "move_id")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for event in self:
            event.display_name = " ".join(
                filter(None, [event.move_id.name, kinds.get(event.kind), str(event.date or "")])
            )

    @api.depends("contact_id", "statement_id", "partial_id", "legal_file_id")
    def _compute_source(self):
        for event in self:
            source = (
                event.contact_id or event.statement_id or event.partial_id.credit_move_id.move_id or event.legal_file_id
            )
            event.source = source.display_name if source else _("Entered by %(user)s", user=event.user_id.name)

    @api.depends("contact_id", "statement_id", "partial_id", "legal_file_id")
    def _compute_evidence(self):
        """By its source; a dunning contact's code sets its own (signed for, a data message, the debtor's reply)."""
        for event in self:
            if event.contact_id:
                event.evidence = event.evidence or (
                    "signed" if event.contact_id.channel == "letter" else "data_message"
                )
            elif event.statement_id:
                event.evidence = "debtor"
            elif event.partial_id:
                event.evidence = "bank"
            elif event.legal_file_id:
                event.evidence = "court"
            else:
                event.evidence = "document"

    def _smec_evidence_log_record(self):
        return self.move_id

    @api.constrains("date", "move_id")
    def _check_date(self):
        today = fields.Date.context_today(self)
        for event in self:
            invoice = event.move_id
            if invoice.move_type != "out_invoice" or invoice.state != "posted":
                raise ValidationError(_("The limitation period runs on posted customer invoices only."))
            if event.date > today:
                raise ValidationError(
                    _("A restart of the limitation period cannot be dated in the future (%(date)s).", date=event.date)
                )
            if event.date < (invoice.invoice_date or invoice.date):
                raise ValidationError(
                    _(
                        "%(date)s is before invoice %(invoice)s was issued: nothing restarts a claim before it exists.",
                        date=event.date,
                        invoice=invoice.display_name,
                    )
                )

    def _has_source(self):
        self.ensure_one()
        return bool(self.contact_id or self.statement_id or self.partial_id or self.legal_file_id)

    @api.constrains("kind", "attachment_ids", "contact_id", "statement_id", "partial_id", "legal_file_id")
    def _check_evidence(self):
        for event in self:
            if not event._has_source() and not event.attachment_ids:
                raise ValidationError(
                    _(
                        "Attach the evidence of the %(kind)s (a signed acknowledgment, the filing receipt...): "
                        "a restart a court will not see does not restart anything.",
                        kind=dict(EVENT_KINDS)[event.kind].lower(),
                    )
                )

    def write(self, vals):
        self._check_editable()
        return super().write(vals)

    def unlink(self):
        self._check_editable()
        return super().unlink()

    def _check_editable(self):
        if not self.env.su and any(e._has_source() for e in self):
            raise AccessError(
                _(
                    "This restart comes from its source (a contact, a statement, a payment, a legal file): change "
                    "the source instead."
                )
            )
