"""The statement of account on the customer portal: the customer's contact
confirms the balance with Odoo's portal signature, or disputes lines, each
opening a dispute. The confirmation keeps who, when, the signed statement as a
PDF and its SHA-256; it acknowledges the debt for the limitation clock."""

import base64
import hashlib
from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from odoo.addons.smec_base.tools import public_input

SIGNATURE_MAX_PIXELS = 4000 * 4000


class SmecCollectionStatementPortal(models.AbstractModel):
    _name = "smec.collection.statement.portal"
    _description = "Statement of Account on the Portal"
    _inherit = ["portal.mixin"]

    portal_signed_by = fields.Char(string="Signed By", readonly=True, copy=False)
    portal_signed_on = fields.Datetime(string="Signed On", readonly=True, copy=False)
    portal_signature = fields.Image(string="Signature", readonly=True, copy=False, max_width=1024, max_height=1024)
    portal_partner_id = fields.Many2one("res.partner", string="Confirmed by Contact", readonly=True, copy=False)
    signed_attachment_id = fields.Many2one("ir.attachment", string="Signed Statement", readonly=True, copy=False)
    signed_hash = fields.Char(string="SHA-256 of the Signed Statement", readonly=True, copy=False)

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for statement in self:
            statement.access_url = f"/my/statements/{statement.id}"
        return res

    def _smec_portal_partner_check(self, user):
        """A user of another customer cannot answer this statement, whatever link
        they hold; the public user (a link) answers for the customer it names."""
        self.ensure_one()
        if not user._is_public() and user.partner_id.commercial_partner_id != self.partner_id.commercial_partner_id:
            raise AccessError(_("This statement is addressed to another customer."))

    def _smec_portal_check_open(self):
        if self.state != "sent":
            raise UserError(_("This statement was already answered, or has not been sent yet."))

    def _smec_portal_confirm(self, name, signature, user):
        """Confirmed by ``name``, signed in as ``user`` (a portal user of the
        customer, or the public user holding the statement's link), with
        ``signature`` (a PNG, base64)."""
        self.ensure_one()
        self._smec_portal_partner_check(user)
        self._smec_portal_check_open()
        name = public_input.to_text(name, limit=200)
        if not name or not signature:
            raise UserError(_("Sign with your name to confirm the balance."))
        today = fields.Date.context_today(self)
        self.sudo().write(
            {
                "portal_signed_by": name,
                "portal_signed_on": fields.Datetime.now(),
                "portal_signature": signature,
                "portal_partner_id": user.partner_id.id if not user._is_public() else False,
                "returned_date": today,
                "confirmed_amount": self.closing_balance,
            }
        )
        self.env.flush_all()
        report = self.env.ref("smec_credit_collection.action_report_statement")
        # a PDF always, test runs included: it is the document the customer signed
        Report = self.env["ir.actions.report"].sudo().with_context(force_report_rendering=True)
        pdf, _type = Report._render_qweb_pdf(report, self.ids)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": _("%(name)s signed.pdf", name=self.name),
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        self.sudo().write(
            {
                "signed_attachment_id": attachment.id,
                "signed_hash": hashlib.sha256(pdf).hexdigest(),
                "slip_attachment_ids": [Command.link(attachment.id)],
            }
        )
        self.sudo()._smec_action_write({"state": "confirmed"})
        self.sudo()._smec_record_acknowledgment()
        self.sudo().message_post(
            body=_(
                "Balance of %(amount)s confirmed on the portal by %(name)s.",
                amount=self.currency_id.format(self.closing_balance),
                name=name,
            ),
            attachment_ids=attachment.ids,
        )
        return True

    def _smec_portal_dispute(self, line_ids, reason, user):
        """Each open invoice line the customer ticks opens a dispute of its open
        amount, with what the customer wrote."""
        self.ensure_one()
        self._smec_portal_partner_check(user)
        self._smec_portal_check_open()
        reason = public_input.to_text(reason, limit=4000)
        if not reason:
            raise UserError(_("Tell us what is wrong with the lines you dispute."))
        lines = {row["id"]: row for row in self._statement_lines() if row["move_type"] == "out_invoice"}
        wanted = [public_input.to_id(i) for i in line_ids]
        unknown = [i for i in wanted if i not in lines]
        if not wanted or None in wanted or unknown:
            raise UserError(_("Choose the invoice lines of this statement that you dispute."))
        items = self.env["account.move.line"].sudo().browse(wanted)
        Dispute = self.env["smec.collection.dispute"].sudo()
        disputes = Dispute.browse()
        for move in items.move_id.filtered(lambda m: m.amount_residual > 0):
            disputed = move.amount_residual - move.smec_disputed_amount
            if move.currency_id.compare_amounts(disputed, 0) <= 0:
                continue
            disputes |= Dispute.create(
                {
                    "name": _("%(invoice)s disputed on the statement", invoice=move.name),
                    "company_id": self.company_id.id,
                    "partner_id": self.partner_id.id,
                    "reason": "other",
                    "description": reason,
                    "user_id": self._smec_collector().id,
                    "line_ids": [Command.create({"move_id": move.id, "amount": disputed})],
                }
            )
        if not disputes:
            raise UserError(_("These invoices are paid or already disputed."))
        self.sudo().write({"returned_date": fields.Date.context_today(self), "slip_note": reason})
        self.sudo()._smec_action_write({"state": "disputed"})
        self.sudo().message_post(
            body=_(
                "Lines disputed on the portal: %(invoices)s.",
                invoices=", ".join(disputes.line_ids.move_id.mapped("name")),
            )
        )
        return disputes

    def _smec_portal_promise(self, day, amount, user):
        """The customer promises to pay ``amount`` on ``day``, once per
        statement. The promise covers the customer's overdue open invoices,
        oldest first, that the amount pays (all open ones when none is overdue
        yet), and waits for a collector's acceptance before it pauses dunning."""
        self.ensure_one()
        self._smec_portal_partner_check(user)
        if self.state not in ("sent", "confirmed"):
            raise UserError(_("This statement cannot be answered any more."))
        Promise = self.env["smec.collection.promise"].sudo()
        if self._smec_portal_promise_made():
            raise UserError(_("You already promised to pay on this statement: we will be in touch about it."))
        day, amount = public_input.to_date(day), public_input.to_amount(amount)
        if not day or amount is None:
            raise UserError(_("Give the day you will pay and the amount."))
        today, horizon = self._smec_promise_days()
        if not today <= day <= horizon:
            raise UserError(
                _("Choose a day from today until %(horizon)s to pay.", horizon=format_date(self.env, horizon))
            )
        Move = self.env["account.move"].sudo()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("move_type", "=", "out_invoice"),
            ("state", "=", "posted"),
            ("payment_state", "in", ("not_paid", "partial")),
        ]
        order = "invoice_date_due, id"
        invoices = Move.search([*domain, ("invoice_date_due", "<", today)], order=order) or Move.search(
            domain, order=order
        )
        if not invoices:
            raise UserError(_("Nothing is open on your account."))
        covered, running = Move, 0.0
        for invoice in invoices:
            if self.currency_id.compare_amounts(running, amount) >= 0:
                break
            covered |= invoice
            running += invoice.amount_residual_signed
        if self.currency_id.compare_amounts(amount, running) > 0:
            raise UserError(_("At most %(open)s is open on these invoices.", open=self.currency_id.format(running)))
        try:
            with self.env.cr.savepoint():
                promise = Promise.create(
                    {
                        "company_id": self.company_id.id,
                        "partner_id": self.partner_id.id,
                        "channel": "portal",
                        "state": "proposed",
                        "statement_id": self.id,
                        "user_id": self._smec_collector().id,
                        "portal_user_id": user.id if not user._is_public() else False,
                        "invoice_ids": [Command.set(covered.ids)],
                        "line_ids": [Command.create({"date": day, "amount": amount})],
                    }
                )
        except ValidationError as error:
            raise UserError(error.args[0]) from None
        promise.message_post(body=_("Promised on the portal by %(name)s.", name=user.partner_id.name))
        promise.activity_schedule(
            "mail.mail_activity_data_todo",
            user_id=promise.user_id.id,
            summary=_("Promise made on the portal: accept or refuse it"),
            note=_(
                "%(partner)s promises %(amount)s by %(date)s on statement %(statement)s. Accepted, it pauses dunning "
                "on %(invoices)s until then.",
                partner=self.partner_id.name,
                amount=self.currency_id.format(amount),
                date=day,
                statement=self.name,
                invoices=", ".join(covered.mapped("name")),
            ),
        )
        return promise

    def _smec_promise_days(self):
        """The first and the last day a customer may promise to pay on."""
        today = fields.Date.context_today(self)
        return today, today + timedelta(days=self.company_id.smec_promise_max_days)

    def _smec_portal_promise_made(self):
        """The promise made on this statement, shown to the customer: at most one."""
        return self.env["smec.collection.promise"].sudo().search([("statement_id", "=", self.id)], limit=1)

    def _smec_collector(self):
        """Who follows the customer's answers up: its collector, else whoever issued the statement."""
        return self.partner_id.with_company(self.company_id).smec_collector_id or self.create_uid

    @api.model
    def _smec_portal_signature_data(self, signature):
        """The signature as the portal widget sends it: base64 without its header."""
        if not isinstance(signature, str):
            raise ValueError("not a signature")
        if "," in signature:
            signature = signature.split(",", 1)[1]
        pixels = public_input.image_pixels(base64.b64decode(signature or "", validate=True))
        # the portal's pad draws a few hundred pixels a side: anything else is refused before it is decoded
        if not pixels or pixels > SIGNATURE_MAX_PIXELS:
            raise ValueError("not a signature")
        return signature
