"""Certificates of the credit-manager programme.

A pass makes a pending certificate due 45 China working days after the pass
date (the pass date not counted), on ``smec_workday``'s calendar. A year the
calendar does not know leaves the certificate pending without a due date, and
the Training Manager is told which year to enter (the enrolment says so too);
the daily job tries again. The verification address printed in its QR code is
the centre's public address (a company setting), frozen when it is issued.
The number is random (not the database id, nor a counter another number gives
away), and the public verification page needs it with the holder's name.
"""

import base64
import secrets
import unicodedata

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

from .smec_training_programme import tell_training_manager

WORKING_DAYS_TO_ISSUE = 45
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def normalize_name(name):
    """Names compared as people type them: case, width and spaces aside."""
    text = unicodedata.normalize("NFKC", name or "")
    return "".join(text.split()).casefold()


class SmecTrainingCertificate(models.Model):
    _name = "smec.training.certificate"
    _description = "Credit Manager Certificate"
    _inherit = ["mail.thread", "mail.activity.mixin", "smec.guard.mixin"]
    _order = "pass_date desc, id desc"
    _check_company_auto = True
    _rec_name = "number"

    _smec_code_fields = frozenset(
        {
            "number",
            "result_id",
            "enrolment_id",
            "partner_id",
            "pass_date",
            "due_date",
            "issue_date",
            "expiry_date",
            "previous_id",
            "verify_url",
            "waiting_for",
            "waiting_year",
        }
    )
    _smec_action_fields = frozenset({"state"})
    _smec_locked_states = frozenset({"revoked", "expired"})
    _smec_locked_writable = frozenset({"photo"})

    number = fields.Char(readonly=True, copy=False, index=True)
    result_id = fields.Many2one("smec.training.result", readonly=True, ondelete="restrict")
    enrolment_id = fields.Many2one("smec.training.enrolment", readonly=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="enrolment_id.company_id", store=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Holder", readonly=True, index=True)
    programme_id = fields.Many2one(related="enrolment_id.programme_id", string="Programme Record")
    programme = fields.Char(related="enrolment_id.programme_id.name", string="Programme")
    photo = fields.Image(max_width=600, max_height=800, help="Printed on the certificate: one of the enrolment photos.")
    pass_date = fields.Date(readonly=True)
    due_date = fields.Date(string="Due Issue Date", readonly=True)
    issue_date = fields.Date(readonly=True)
    expiry_date = fields.Date(readonly=True, help="Empty when the programme sets no validity.")
    state = fields.Selection(
        [("pending", "Pending"), ("issued", "Issued"), ("revoked", "Revoked"), ("expired", "Expired")],
        default="pending",
        required=True,
        tracking=True,
    )
    revoke_reason = fields.Text(tracking=True)
    previous_id = fields.Many2one("smec.training.certificate", string="Renews", readonly=True)
    renewed_by_id = fields.Many2one("smec.training.certificate", compute="_compute_renewed_by_id", string="Renewed by")
    verify_url = fields.Char(
        string="Verification Address",
        readonly=True,
        copy=False,
        help="Printed in the QR code: the centre's public address when the certificate was issued; it never changes.",
    )
    waiting_for = fields.Selection(
        [("calendar", "The working-day calendar of its year"), ("address", "The centre's public verification address")],
        readonly=True,
        help="What a pending certificate waits for to get its due date or be issued.",
    )
    waiting_year = fields.Integer(readonly=True)
    waiting_reason = fields.Char(compute="_compute_waiting_reason", help="Why a pending certificate is not issued yet.")

    _number_unique = models.UniqueIndex("(number)", "Certificate numbers are unique.")

    def _compute_renewed_by_id(self):
        renewals = self.sudo().search([("previous_id", "in", self.ids)], order="id")
        for certificate in self:
            certificate.renewed_by_id = renewals.filtered(lambda r, c=certificate: r.previous_id == c)[-1:]

    @api.depends("waiting_for", "waiting_year")
    def _compute_waiting_reason(self):
        """In the reader's language (the job that found it runs in another)."""
        for certificate in self:
            if certificate.waiting_for == "calendar":
                reason = _("Waits for the %(year)s working-day calendar", year=certificate.waiting_year)
            elif certificate.waiting_for == "address":
                reason = _("Waits for the centre's public verification address")
            else:
                reason = False
            certificate.waiting_reason = reason

    def _verify_address(self):
        """The address the QR code encodes: frozen at issue, else the centre's setting now."""
        self.ensure_one()
        if self.verify_url:
            return self.verify_url
        base = self.company_id.smec_training_public_url
        return base and f"{base}/certificate/verify?number={self.number or ''}"

    @api.model
    def _new_number(self):
        year = fields.Date.context_today(self).year
        return f"CM{year}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _i in range(10))

    @api.model
    def _create_for(self, result):
        """The pending certificate of a pass; a renewal links the holder's last one."""
        enrolment = result.enrolment_id
        previous = self.sudo().search(
            [("partner_id", "=", enrolment.partner_id.id), ("state", "in", ("issued", "expired"))],
            order="issue_date desc",
            limit=1,
        )
        photos = enrolment.sudo().doc_photos.filtered(lambda a: (a.mimetype or "").startswith("image/"))
        certificate = self.sudo().create(
            {
                "number": self._new_number(),
                "result_id": result.id,
                "enrolment_id": enrolment.id,
                "partner_id": enrolment.partner_id.id,
                "pass_date": result.exam_date,
                "previous_id": previous.id,
                "photo": photos[:1].datas,
            }
        )
        certificate._compute_due_date()
        return certificate

    def _compute_due_date(self):
        """45 working days after the pass date; None while the calendar lacks a year."""
        Calendar = self.env["smec.workday.year"]
        for certificate in self.filtered(lambda c: c.state == "pending" and c.pass_date):
            try:
                due = Calendar.add_working_days(certificate.pass_date, WORKING_DAYS_TO_ISSUE)
            except UnknownWorkdayYear as error:
                certificate.sudo().write({"due_date": False, "waiting_for": "calendar", "waiting_year": error.year})
                certificate._tell_manager(
                    _("Enter the %(year)s working-day calendar", year=error.year),
                    _(
                        "Certificate %(number)s of %(holder)s is due 45 working days after %(date)s, which reaches "
                        "into %(year)s: enter that year's statutory holidays and make-up working days (Credit "
                        "Training > Configuration > China Working Days), publish it, and the daily job issues it.",
                        number=certificate.number,
                        holder=certificate.partner_id.name,
                        date=certificate.pass_date,
                        year=error.year,
                    ),
                )
                continue
            certificate.sudo().write({"due_date": due, "waiting_for": False, "waiting_year": 0})

    def _tell_manager(self, summary, note):
        tell_training_manager(self, summary, note)

    @api.model
    def _cron_issue(self):
        """Issue what is due today; settle the due dates the calendar now allows;
        expire what has run past its programme's validity."""
        today = fields.Date.context_today(self)
        self.sudo().search(
            [("state", "=", "issued"), ("expiry_date", "!=", False), ("expiry_date", "<", today)]
        )._smec_action_write({"state": "expired"})
        pending = self.sudo().search([("state", "=", "pending")])
        pending.filtered(lambda c: not c.due_date)._compute_due_date()
        due = pending.filtered(lambda c: c.due_date and c.due_date <= today)
        unaddressed = due.filtered(lambda c: not c.company_id.smec_training_public_url)
        for certificate in unaddressed:
            certificate.sudo().waiting_for = "address"
            certificate._tell_manager(
                _("Set the centre's public verification address"),
                _(
                    "Certificate %(number)s of %(holder)s is due: its QR code needs the address where anyone checks "
                    "it. An administrator sets it once (Settings > Credit Training > Public verification address); "
                    "the daily job then issues it.",
                    number=certificate.number,
                    holder=certificate.partner_id.name,
                ),
            )
        due -= unaddressed
        template = self.env.ref("smec_credit_training.mail_template_certificate_issued", raise_if_not_found=False)
        for index, certificate in enumerate(due):
            certificate._smec_action_write({"state": "issued"})
            months = certificate.programme_id.validity_months
            certificate.sudo().write(
                {
                    "issue_date": certificate.due_date,
                    "expiry_date": months and certificate.due_date + relativedelta(months=months),
                    "verify_url": certificate._verify_address(),
                    "waiting_for": False,
                }
            )
            certificate.activity_ids.sudo().action_feedback(feedback=_("Issued."))
            certificate.enrolment_id._smec_exam_state("certified")
            if template and certificate.partner_id.email:
                certificate.message_post_with_source(
                    template,
                    subtype_xmlid="mail.mt_comment",
                    email_layout_xmlid="mail.mail_notification_light",
                )
            # each certificate in its own committed step: a crash resumes after the last one issued
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(1, remaining=len(due) - index - 1)
        return len(due)

    # ------------------------------------------------------------
    # a Training Manager's
    # ------------------------------------------------------------

    def _check_manager(self, action):
        if not self.env.user.has_group("smec_credit_training.group_training_manager"):
            raise AccessError(_("Only a Training Manager %(action)s certificates.", action=action))

    def action_revoke(self):
        self._check_manager(_("revokes"))
        if any(c.state != "issued" for c in self):
            raise UserError(_("Only an issued certificate is revoked."))
        if any(not (c.revoke_reason or "").strip() for c in self):
            raise UserError(_("Write why the certificate is revoked first."))
        self._smec_action_write({"state": "revoked"})
        return True

    def unlink(self):
        if any(c.state != "pending" for c in self):
            raise UserError(_("An issued certificate stays on record: revoke it instead."))
        self._check_manager(_("deletes"))
        return super().unlink()

    # ------------------------------------------------------------
    # public verification
    # ------------------------------------------------------------

    def _certificate_lang(self):
        """A certificate is printed in Chinese, the language of the centre that issues it
        (in the holder's language where the database has no Chinese)."""
        self.ensure_one()
        installed = dict(self.env["res.lang"].get_installed())
        return "zh_CN" if "zh_CN" in installed else (self.partner_id.lang or self.env.lang)

    def _qr_data_uri(self):
        """The QR code of the verification address, as a data URI (no request
        back to the server while the PDF is made)."""
        self.ensure_one()
        png = self.env["ir.actions.report"].barcode("QR", self._verify_address() or "", width=240, height=240)
        return "data:image/png;base64," + base64.b64encode(png).decode()

    @api.model
    def _verify(self, number, name):
        """(status, programme, issue date) for the public page: 'valid', 'revoked',
        'expired' or 'not_found'; a pending certificate is not found. Both are required."""
        # whatever a visitor types: printable characters only (the database refuses NUL)
        number = "".join(ch for ch in number or "" if ch.isprintable()).strip().upper()
        name = "".join(ch for ch in name or "" if ch.isprintable())
        if not number or not name.strip() or len(number) > 40 or len(name) > 200:
            return "not_found", None, None
        certificate = self.sudo().search(
            [("number", "=", number), ("state", "in", ("issued", "revoked", "expired"))], limit=1
        )
        if not certificate or normalize_name(certificate.partner_id.name) != normalize_name(name):
            return "not_found", None, None
        status = {"issued": "valid"}.get(certificate.state, certificate.state)
        return status, certificate.programme, certificate.issue_date
