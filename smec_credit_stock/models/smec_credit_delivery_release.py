"""A Credit Manager's release of one held delivery.

Anyone who sees a held delivery (the warehouse, the salesperson, a Credit
Manager) asks for a release with a note; a Credit Manager releases it (or
refuses) with a note, through the decision mixin: who and when are stamped,
the Credit Managers' activities are closed, and when the company asks for four
eyes (it does not let Credit Managers approve their own requests) the one who
asked does not release. A release is for that delivery only: its backorder,
another delivery of the order, are checked again.
"""

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

RELEASE_STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("released", "Released"),
    ("refused", "Refused"),
]


class SmecCreditDeliveryRelease(models.Model):
    _name = "smec.credit.delivery.release"
    _description = "Credit Release of a Delivery"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.credit.decision.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    _rec_name = "picking_id"

    # smec.guard.mixin: the customer, company, value and reasons are the delivery's when the request is created,
    # the workflow and its stamps are set by the buttons only
    _smec_code_fields = frozenset({"partner_id", "company_id", "reasons", "amount"})
    _smec_action_fields = frozenset({"state", "requested_by_id", "decided_by_id", "decided_on"})
    _smec_locked_states = frozenset({"released", "refused"})

    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", required=True, index=True, ondelete="cascade", check_company=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", compute="_compute_partner_company", store=True, precompute=True, index=True
    )
    company_id = fields.Many2one(
        "res.company", compute="_compute_partner_company", store=True, precompute=True, index=True
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    scheduled_date = fields.Datetime(related="picking_id.scheduled_date")
    origin = fields.Char(related="picking_id.origin", string="Source Document")
    amount = fields.Monetary(
        string="Delivery Value", readonly=True, currency_field="company_currency_id", help="At the order's prices."
    )
    reasons = fields.Text(string="Why the delivery is held", readonly=True)
    request_note = fields.Text(string="Why it should go")
    requested_by_id = fields.Many2one("res.users", readonly=True)
    state = fields.Selection(RELEASE_STATES, default="draft", required=True, tracking=True, index=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    _one_open_release = models.UniqueIndex("(picking_id) WHERE state IN ('requested', 'released')")

    @api.depends("picking_id")
    def _compute_partner_company(self):
        for release in self:
            picking = release.picking_id
            partner = picking.sale_id.partner_invoice_id or picking.partner_id
            release.partner_id = partner.commercial_partner_id
            release.company_id = picking.company_id

    @api.depends_context("uid")
    def _compute_can_decide(self):
        self.can_decide = self.env.user.has_group(self._smec_decider_group)

    def _smec_locked_message(self):
        return _("This credit release is decided: it is kept as it is.")

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("decision_note") for vals in vals_list) and not self.env.su:
            self._smec_check_decider(_("Only a Credit Manager writes the decision on a credit release."))
        return super().create(vals_list)

    def _smec_fill_code_fields(self):
        # why the delivery is held and its value, read once the request exists (smec.guard.mixin)
        for release in self:
            picking = release.picking_id
            reasons = self.env["smec.credit.delivery.reasons"]._hold_reasons(picking, lock=False)[picking]
            if not reasons:
                raise UserError(_("Delivery %s is not on credit hold: it needs no release.", picking.name))
            facts = self.env["smec.credit.delivery.check"].sudo()._delivery_check_facts(picking, lock=False)
            release.sudo().write(
                {"reasons": "\n".join(r["message"] for r in reasons), "amount": facts[0]["value"] if facts else 0}
            )
        return super()._smec_fill_code_fields()

    def write(self, vals):
        if "picking_id" in vals and not self.env.su and any(r.picking_id.id != vals["picking_id"] for r in self):
            raise UserError(_("A credit release stays with the delivery it was asked for."))
        if "request_note" in vals and any(r.state != "draft" for r in self):
            raise UserError(_("The note of a request cannot change once it is sent."))
        if "decision_note" in vals and not self.env.su:
            self._smec_check_decider(_("Only a Credit Manager writes the decision on a credit release."))
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_request(self):
        for release in self:
            if release.state != "draft":
                raise UserError(_("This request was already sent."))
            if not (release.request_note or "").strip():
                raise UserError(_("Say why delivery %s should go despite the hold.", release.picking_id.name))
            release._smec_action_write({"state": "requested", "requested_by_id": self.env.uid})
            body = _(
                "Credit release requested by %(user)s: %(note)s\nReasons of the hold:\n%(reasons)s",
                user=self.env.user.name,
                note=release.request_note,
                reasons=release.reasons,
            )
            release.message_post(body=body)
            release.picking_id.sudo().message_post(body=body, author_id=self.env.user.partner_id.id)
            release._smec_ask_deciders(
                _("Release delivery %s held for credit", release.picking_id.name), exclude_self=True
            )
        return {"type": "ir.actions.act_window_close"}

    def action_release(self):
        self._check_decision()
        self._smec_decide({"state": "released"}, note_required=True)
        self._notify_decision(_("released"))
        return {"type": "ir.actions.act_window_close"}

    def action_refuse(self):
        self._check_decision()
        self._smec_decide({"state": "refused"}, note_required=True)
        self._notify_decision(_("refused"))
        return {"type": "ir.actions.act_window_close"}

    def _check_decision(self):
        self._smec_check_decider(_("Only a Credit Manager releases a delivery held for credit."))
        for release in self:
            if release.state not in ("draft", "requested"):
                raise UserError(_("This credit release is decided already."))
            if release.picking_id.state in ("done", "cancel"):
                raise UserError(_("Delivery %s is done or cancelled.", release.picking_id.name))
            asker = release.requested_by_id or release.create_uid
            if asker == self.env.user and not release.company_id.smec_allow_self_approval:
                raise UserError(
                    _(
                        "You asked for the release of %(picking)s: another Credit Manager must decide on it "
                        "(the company asks for four eyes).",
                        picking=release.picking_id.name,
                    )
                )

    def _notify_decision(self, verb):
        for release in self:
            body = _(
                "Credit release %(verb)s by %(user)s: %(note)s",
                verb=verb,
                user=self.env.user.name,
                note=release.decision_note,
            )
            release.message_post(body=body)
            picking = release.picking_id.sudo()
            picking.message_post(body=body, author_id=self.env.user.partner_id.id)
            if release.requested_by_id and release.requested_by_id != self.env.user:
                picking.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=release.requested_by_id.id,
                    summary=_("Credit release %s", verb),
                    note=plaintext2html(release.decision_note or ""),
                )
