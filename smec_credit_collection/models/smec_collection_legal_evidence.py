"""The evidence of a legal file: a checklist of the seven kinds a court asks
for in a claim over unpaid goods, filled from Odoo's own records where they
exist (orders, invoices, signed statements, demand letters with their proof of
delivery, acknowledgments) and by hand for the rest (signed delivery notes,
bank records). One click exports the bundle: a PDF index and the documents,
as a zip."""

import io
import re
import zipfile
from html import escape

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

EVIDENCE_KINDS = [
    ("contract", "Contract or order"),
    ("delivery", "Signed delivery notes"),
    ("statement", "Signed statements"),
    ("invoice", "Invoices"),
    ("demand", "Demand letters with proof of delivery"),
    ("acknowledgment", "Acknowledgments"),
    ("bank", "Bank records"),
]
# the Odoo report that prints a record listed as evidence
REPORTS = {"sale.order": "sale.action_report_saleorder", "account.move": "account.account_invoices"}


class SmecCollectionLegalEvidence(models.Model):
    _name = "smec.collection.legal.evidence"
    _description = "Legal File Evidence"
    # the records and files it names are rendered into the bundle with full rights: the user must read them
    _inherit = ["smec.reference.mixin"]
    _order = "file_id, kind, id"

    file_id = fields.Many2one("smec.collection.legal.file", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="file_id.company_id", store=True)
    kind = fields.Selection(EVIDENCE_KINDS, required=True)
    name = fields.Char(required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Files")
    res_model = fields.Char(readonly=True)
    res_id = fields.Many2oneReference(model_field="res_model", readonly=True)
    automatic = fields.Boolean(readonly=True, help="Collected from Odoo's records; collected again on request.")
    has_content = fields.Boolean(compute="_compute_has_content")

    @api.depends("attachment_ids", "res_model", "res_id")
    def _compute_has_content(self):
        for item in self:
            item.has_content = bool(item.attachment_ids or (item.res_model and item.res_id))

    def write(self, vals):
        self.file_id._smec_check_locked({"evidence_ids": True})
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items.file_id._smec_check_locked({"evidence_ids": True})
        return items


class SmecCollectionLegalEvidenceMixin(models.AbstractModel):
    _name = "smec.collection.legal.evidence.mixin"
    _description = "Legal File: Evidence"

    evidence_ids = fields.One2many("smec.collection.legal.evidence", "file_id")
    evidence_score = fields.Integer(
        string="Evidence Complete (%)",
        compute="_compute_evidence_score",
        help="The share of the seven kinds of evidence the file holds at least one document of.",
    )
    evidence_missing = fields.Char(compute="_compute_evidence_score")

    @api.depends("evidence_ids.kind", "evidence_ids.has_content")
    def _compute_evidence_score(self):
        labels = dict(self.env["smec.collection.legal.evidence"]._fields["kind"]._description_selection(self.env))
        for legal in self:
            present = {item.kind for item in legal.evidence_ids if item.has_content}
            legal.evidence_score = round(100 * len(present) / len(EVIDENCE_KINDS))
            legal.evidence_missing = ", ".join(labels[kind] for kind, _label in EVIDENCE_KINDS if kind not in present)

    def _evidence_found(self):
        """vals of the evidence Odoo's records give, kind by kind."""
        self.ensure_one()
        invoices = self.invoice_ids
        partner = self.partner_id.commercial_partner_id
        found = []
        for order in invoices.invoice_line_ids.sale_line_ids.order_id:
            found.append(
                {
                    "kind": "contract",
                    "name": _("Sale order %(name)s", name=order.name),
                    "res_model": "sale.order",
                    "res_id": order.id,
                }
            )
        for invoice in invoices:
            found.append(
                {
                    "kind": "invoice",
                    "name": _("Invoice %(name)s", name=invoice.name),
                    "res_model": "account.move",
                    "res_id": invoice.id,
                }
            )
        statements = self.env["smec.collection.statement"].search(
            [("company_id", "=", self.company_id.id), ("partner_id", "=", partner.id), ("state", "=", "confirmed")]
        )
        for statement in statements:
            found.append(
                {
                    "kind": "statement",
                    "name": _(
                        "Statement %(name)s, balance %(amount)s confirmed on %(date)s",
                        name=statement.name,
                        amount=statement.currency_id.format(statement.closing_balance),
                        date=statement.returned_date,
                    ),
                    "attachment_ids": [Command.set(statement.slip_attachment_ids.ids)],
                }
            )
        letters = self.env["smec.collection.contact"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", partner.id),
                ("channel", "=", "letter"),
                ("state", "in", ("sent", "delivered")),
                ("letter_attachment_id", "!=", False),
            ]
        )
        for letter in letters:
            proof = (
                _("courier %(ref)s, signed for on %(date)s", ref=letter.tracking_ref or "-", date=letter.signed_date)
                if letter.signed_date
                else _("not yet signed for")
            )
            found.append(
                {
                    "kind": "demand",
                    "name": _(
                        "Demand letter %(name)s of %(date)s: %(proof)s", name=letter.name, date=letter.date, proof=proof
                    ),
                    "attachment_ids": [Command.set((letter.letter_attachment_id | letter.signed_proof_ids).ids)],
                }
            )
        # emails count as demands only as what they are (the readme: when a demand counts)
        evidence_labels = dict(
            self.env["smec.collection.limitation.event"]._fields["evidence"]._description_selection(self.env)
        )
        emails = invoices.smec_limitation_event_ids.filtered(
            lambda e: e.kind == "demand" and e.contact_id.channel == "email"
        ).contact_id
        for email in emails:
            event = email.env["smec.collection.limitation.event"].search([("contact_id", "=", email.id)], limit=1)
            found.append(
                {
                    "kind": "demand",
                    "name": _(
                        "Demand email %(name)s of %(date)s: %(evidence)s. %(note)s",
                        name=email.name,
                        date=event.date,
                        evidence=evidence_labels[event.evidence],
                        note=event.note or "",
                    ),
                    "res_model": "mail.message" if email.mail_id.mail_message_id else False,
                    "res_id": email.mail_id.mail_message_id.id,
                    "attachment_ids": [Command.set(email.mail_id.attachment_ids.ids)],
                }
            )
        for event in invoices.smec_limitation_event_ids.filtered(lambda e: e.kind == "acknowledgment"):
            found.append(
                {
                    "kind": "acknowledgment",
                    "name": _("Acknowledgment of %(invoice)s, %(date)s", invoice=event.move_id.name, date=event.date),
                    "attachment_ids": [Command.set(event.attachment_ids.ids)],
                }
            )
        return found

    def action_collect_evidence(self):
        """Collect again what Odoo's records give; what was added by hand stays."""
        for legal in self:
            legal.check_access("write")
            legal._smec_check_locked({"evidence_ids": True})
            Evidence = self.env["smec.collection.legal.evidence"].sudo()
            Evidence.search([("file_id", "=", legal.id), ("automatic", "=", True)]).unlink()
            Evidence.create([{**vals, "file_id": legal.id, "automatic": True} for vals in legal._evidence_found()])
        return True

    def _bundle_files(self):
        """[(file name, bytes)] of the evidence, in checklist order."""
        self.ensure_one()
        # rendered with full rights below: what the user may not read is refused here
        self.evidence_ids._smec_check_readable()
        Report = self.env["ir.actions.report"].sudo().with_context(force_report_rendering=True)
        order = {kind: index for index, (kind, _label) in enumerate(EVIDENCE_KINDS)}
        files = []
        for number, item in enumerate(sorted(self.evidence_ids, key=lambda e: (order[e.kind], e.id)), start=1):
            stem = f"{number:02d}-{item.kind}-{_safe(item.name)}"
            if item.res_model in REPORTS and item.res_id:
                pdf, _type = Report._render_qweb_pdf(REPORTS[item.res_model], [item.res_id])
                files.append((f"{stem}.pdf", pdf))
            elif item.res_model == "mail.message" and item.res_id:
                files.append((f"{stem}.html", _message_file(self.env["mail.message"].sudo().browse(item.res_id))))
            for index, attachment in enumerate(item.sudo().attachment_ids, start=1):
                extension = (attachment.name or "").rsplit(".", 1)[-1] if "." in (attachment.name or "") else "bin"
                files.append((f"{stem}-{index}.{_safe(extension)}", attachment.raw or b""))
        return files

    def action_export_bundle(self):
        """The evidence bundle: 00-index.pdf and the documents, as one zip kept
        on the file."""
        self.ensure_one()
        self.check_access("read")
        if not self.evidence_ids:
            raise UserError(_("Collect the evidence first."))
        files = self._bundle_files()
        Report = self.env["ir.actions.report"].sudo().with_context(force_report_rendering=True)
        index, _type = Report._render_qweb_pdf(
            "smec_credit_collection.action_report_legal_index", self.ids, data={"files": [n for n, _b in files]}
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("00-index.pdf", index)
            for name, content in files:
                bundle.writestr(name, content)
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{_safe(self.name)}-evidence.zip",
                    "raw": buffer.getvalue(),
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/zip",
                }
            )
        )
        return {"type": "ir.actions.act_url", "url": f"/web/content/{attachment.id}?download=true", "target": "self"}


def _message_file(message):
    """An email as it was sent: who to whom, when, its subject and its text, as an HTML page."""
    recipients = ", ".join(message.partner_ids.mapped(lambda p: f"{p.name} <{p.email or ''}>"))
    head = "".join(
        f"<tr><th>{escape(label)}</th><td>{escape(str(value or ''))}</td></tr>"
        for label, value in (
            (message.env._("From"), message.email_from),
            (message.env._("To"), recipients),
            (message.env._("Date"), message.date),
            ("Message-Id", message.message_id),
            (message.env._("Subject"), message.subject),
        )
    )
    return f"<html><body><table>{head}</table><hr/>{message.body or ''}</body></html>".encode()


def _safe(text):
    """A file name part without path separators or odd characters."""
    return re.sub(r"[^\w.-]+", "_", text or "", flags=re.UNICODE).strip("_")[:60] or "document"
