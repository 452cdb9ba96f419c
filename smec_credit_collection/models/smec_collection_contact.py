from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .smec_collection_plan import CUSTOMER_TYPES

CHANNELS = [("email", "Email"), ("letter", "Letter"), ("call", "Call task"), ("hold", "Order hold")]
STATES = [
    ("draft", "Draft"),
    ("waiting", "Waiting for a Manager"),
    ("sent", "Sent"),
    ("delivered", "Delivered"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
OUTCOMES = [
    ("reached", "Reached"),
    ("promised", "Promised to pay"),
    ("disputed", "Disputed"),
    ("refused", "Refused"),
    ("no_answer", "No answer"),
]


class SmecCollectionContact(models.Model):
    """One contact of a dunning run with a partner: the stage, the channel, the
    invoices and open amounts at that moment, and what came of it. The daily run
    writes them in SQL; one per partner, company, currency, stage, channel and
    day, by a unique index, whoever runs it."""

    _name = "smec.collection.contact"
    _description = "Dunning Contact"
    # the signed-for date is evidence (smec.evidence.mixin); the files it names, readable (smec.reference.mixin)
    _inherit = ["mail.thread", "smec.guard.mixin", "smec.evidence.mixin", "smec.reference.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True
    _smec_evidence_dates = {"signed_date": "signed_proof_ids"}
    _smec_evidence_manager_group = "smec_credit_collection.group_collection_manager"

    # what the run wrote stays as written: users only record what happened next
    _smec_code_fields = frozenset(
        {
            "run_id",
            "company_id",
            "partner_id",
            "currency_id",
            "plan_id",
            "stage_id",
            "channel",
            "date",
            "line_ids",
            "amount_total",
            "days_overdue",
            "customer_type",
            "mail_id",
            "activity_id",
            "letter_attachment_id",
            "reason",
            "user_id",
            "held_until",
            "dropped",
        }
    )
    _smec_action_fields = frozenset({"state", "call_outcome"})

    name = fields.Char(string="Reference", compute="_compute_name", search="_search_name")
    run_id = fields.Many2one("smec.collection.run", index=True, readonly=True, ondelete="set null")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", required=True, readonly=True, index=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    plan_id = fields.Many2one("smec.collection.plan", readonly=True, ondelete="restrict")
    stage_id = fields.Many2one("smec.collection.stage", required=True, readonly=True, ondelete="restrict")
    channel = fields.Selection(CHANNELS, required=True, readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    state = fields.Selection(STATES, required=True, default="draft", readonly=True, tracking=True)
    reason = fields.Text(readonly=True, help="Why the contact was redirected, not sent or failed.")
    customer_type = fields.Selection(CUSTOMER_TYPES, readonly=True)
    days_overdue = fields.Integer(
        readonly=True, aggregator="max", help="Days past due of the oldest open invoice on the day."
    )
    amount_total = fields.Monetary(readonly=True, string="Amount Due")
    line_ids = fields.One2many("smec.collection.contact.line", "contact_id", readonly=True, string="Invoices")
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    mail_id = fields.Many2one("mail.mail", string="Email", readonly=True, ondelete="set null")
    mail_state = fields.Selection(related="mail_id.state", string="Email State")
    activity_id = fields.Many2one("mail.activity", string="Call Task", readonly=True, ondelete="set null")
    letter_attachment_id = fields.Many2one("ir.attachment", string="Letter", readonly=True, ondelete="set null")
    tracking_ref = fields.Char(string="Courier Tracking Number", tracking=True)
    signed_date = fields.Date(string="Signed For On", tracking=True)
    signed_proof_ids = fields.Many2many(
        "ir.attachment",
        "smec_collection_contact_signed_proof_rel",
        string="Proof of Delivery",
        help="The courier's record of the letter signed for (a receipt, a screenshot of the tracking page): the "
        "evidence of the demand, in the legal file's bundle.",
    )
    call_outcome = fields.Selection(OUTCOMES, readonly=True, tracking=True)
    call_note = fields.Text()
    needs_confirmation = fields.Boolean(related="stage_id.needs_confirmation")
    held_until = fields.Date(
        string="Held Back Until", readonly=True, help="A manager held it back: the stage is proposed again then."
    )
    dropped = fields.Boolean(
        readonly=True, help="A manager dropped it: the stage is not proposed again for the invoices it lists."
    )
    wording = fields.Text(compute="_compute_texts")
    script = fields.Text(string="Call Script", compute="_compute_texts")
    payment_deadline = fields.Date(compute="_compute_texts")
    recipient_ids = fields.Many2many("res.partner", compute="_compute_recipients", string="Recipients")
    recipient_partner_to = fields.Char(compute="_compute_recipients")

    _contact_unique = models.UniqueIndex(
        "(company_id, partner_id, currency_id, stage_id, channel, date)",
        "This partner already has this contact of this stage today.",
    )

    @api.depends("date")
    def _compute_name(self):
        for contact in self:
            contact.name = f"DUN/{contact.date:%Y%m%d}/{contact.id:06d}" if contact.id and contact.date else ""

    def _search_name(self, operator, value):
        if operator not in ("=", "ilike") or not isinstance(value, str):
            return [("id", "=", 0)]
        digits = value.rsplit("/", 1)[-1]
        return [("id", "=", int(digits))] if digits.isdigit() else [("id", "=", 0)]

    @api.depends("stage_id", "customer_type", "date")
    def _compute_texts(self):
        for contact in self:
            stage, kind = contact.stage_id, contact.customer_type or "default"
            contact.wording = stage._wording(kind) if stage else ""
            contact.script = stage._script(kind) if stage else ""
            contact.payment_deadline = contact.date and contact.date + timedelta(days=stage.payment_days or 0)

    @api.depends("partner_id")
    def _compute_recipients(self):
        for contact in self:
            recipients = contact.partner_id._smec_dunning_recipients() if contact.partner_id else contact.partner_id
            contact.recipient_ids = recipients
            contact.recipient_partner_to = ",".join(str(pid) for pid in recipients.ids)

    def _compute_display_name(self):
        for contact in self:
            contact.display_name = f"{contact.name} {contact.partner_id.name or ''}".strip()

    # ------------------------------------------------------------
    # what a user records afterwards
    # ------------------------------------------------------------

    def _check_collection_agent(self):
        if not self.env.user.has_group("smec_credit_collection.group_collection_agent"):
            raise AccessError(_("Only collection users record the outcome of a dunning contact."))
        self.check_access("write")

    def _smec_set_outcome(self, outcome):
        self._check_collection_agent()
        if outcome not in dict(OUTCOMES):
            raise UserError(_("Unknown call outcome: %(outcome)s.", outcome=outcome))
        if any(c.channel != "call" or c.state not in ("sent", "delivered") for c in self):
            raise UserError(_("Only a call task that went out has an outcome."))
        self._smec_action_write({"call_outcome": outcome, "state": "delivered"})

    def action_record_outcome(self, outcome, note=False):
        """The collector records how the call went; the call task is done with it."""
        self._smec_set_outcome(outcome)
        label = dict(self._fields["call_outcome"]._description_selection(self.env))[outcome]
        for contact in self:
            if note:
                contact.call_note = note
            if contact.activity_id.active:
                contact.activity_id.sudo().action_feedback(feedback=_("Outcome: %(outcome)s", outcome=label))
        return True

    def action_reached(self):
        return self.action_record_outcome("reached")

    def action_promised(self):
        """The promise, prefilled from the call: saving it records the call's
        outcome and closes the call task; discarding it leaves the call open."""
        self.ensure_one()
        self._check_collection_agent()
        if self.channel != "call" or self.state not in ("sent", "delivered") or self.call_outcome:
            raise UserError(_("Only a call task that went out and has no outcome yet gets a promise."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Promise to Pay"),
            "res_model": "smec.collection.promise",
            "view_mode": "form",
            "target": "new",
            "context": self.env["smec.collection.promise"]._from_contact(self),
        }

    def action_disputed(self):
        return self.action_record_outcome("disputed")

    def action_refused(self):
        return self.action_record_outcome("refused")

    def action_no_answer(self):
        return self.action_record_outcome("no_answer")

    # ------------------------------------------------------------
    # the signed-for date, evidence (smec.evidence.mixin)
    # ------------------------------------------------------------

    def _smec_evidence_refusal(self, fname):
        if self.channel != "letter":
            return _("Only a letter is signed for.")
        if self.state not in ("sent", "delivered"):
            return _("Letter %(name)s never went out: it cannot have been signed for.", name=self.name)
        if not (self.tracking_ref or "").strip():
            return _(
                "Enter the courier's tracking number of letter %(name)s with the day it was signed for.", name=self.name
            )
        return ""

    def _smec_evidence_earliest(self, fname):
        return self.date

    def write(self, vals):
        res = super().write(vals)
        if vals.get("signed_date"):
            self.filtered(lambda c: c.state == "sent")._smec_action_write({"state": "delivered"})
        elif "signed_date" in vals:
            # a manager cleared a wrong signed-for date: the letter is back to sent, its demand gone
            self.filtered(lambda c: c.channel == "letter" and c.state == "delivered")._smec_action_write(
                {"state": "sent"}
            )
            self.env["smec.collection.limitation.event"].sudo().search([("contact_id", "in", self.ids)]).unlink()
        if vals.get("state") == "delivered" or vals.get("signed_date"):
            self._smec_record_demands()
        return res

    def _letter_report(self):
        """The report that prints this letter: its stage's template, or the demand
        letter when the run adds one because a claim is about to expire."""
        self.ensure_one()
        demand = self.env.ref("smec_credit_collection.action_report_dunning_letter", raise_if_not_found=False)
        return self.stage_id.letter_report_id or (self.reason and demand) or self.env["ir.actions.report"]

    def action_open_letter(self):
        self.ensure_one()
        if not self.letter_attachment_id:
            raise UserError(_("This contact has no letter."))
        return {"type": "ir.actions.act_url", "url": f"/web/content/{self.letter_attachment_id.id}?download=true"}

    def _responsible(self, manager=False):
        """Who follows the contact up: the stage says the partner's collector, its
        salesperson or a named user; whoever is missing, the stage's user, then
        the partner's collector, its salesperson, a Collection Manager of the
        company. With ``manager``, a step only a manager takes: the stage's
        user, else a Collection Manager. Never a technical user (OdooBot), and
        the administrator only when no one else is."""
        self.ensure_one()
        stage, partner, company = self.stage_id, self.partner_id.with_company(self.company_id), self.company_id
        Users = self.env["res.users"]
        if manager:
            chosen = Users._smec_people(stage.user_id, company)
            return chosen or Users._smec_collection_managers(company)[:1]
        named = {"collector": partner.smec_collector_id, "salesperson": partner.user_id, "user": stage.user_id}
        chosen = Users._smec_people(named.get(stage.responsible) | stage.user_id, company)
        return chosen[:1] or partner._smec_follow_up_user(company)


class SmecCollectionContactLine(models.Model):
    _name = "smec.collection.contact.line"
    _description = "Dunning Contact Invoice"
    _order = "date_maturity, id"

    contact_id = fields.Many2one("smec.collection.contact", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contact_id.company_id")
    move_line_id = fields.Many2one("account.move.line", required=True, ondelete="cascade", index=True)
    move_id = fields.Many2one("account.move", string="Invoice", required=True, ondelete="cascade")
    date_maturity = fields.Date(string="Due Date")
    invoice_date = fields.Date(related="move_id.invoice_date")
    days_overdue = fields.Integer()
    currency_id = fields.Many2one(related="contact_id.currency_id")
    amount_residual = fields.Monetary(string="Open Amount")
