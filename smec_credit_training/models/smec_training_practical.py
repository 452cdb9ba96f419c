"""The practical exam: each session carries its case (an SME's credit situation,
as documents the centre uploads); on the practical day each trainee sitting the
session downloads it from the portal and hands in their work there (the credit
assessment report, the receivables tracking sheet, the collection plan) before
the session closes; the work is kept with the result, and the Examiner marks it
on the rubric once the session has closed."""

from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .smec_training_result import RUBRIC

PRACTICAL_HOURS = (time(9, 0), time(17, 0))  # the practical day, in the company's time zone
MAX_SUBMISSION_FILES = 10


class SmecTrainingSessionPractical(models.Model):
    _name = "smec.training.session"
    _inherit = ["smec.training.session", "smec.training.files.mixin"]
    _smec_file_fields = ("case_attachment_ids",)

    practical_start = fields.Datetime(
        compute="_compute_practical_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="From then the trainees download the case on the portal.",
    )
    practical_end = fields.Datetime(
        compute="_compute_practical_hours",
        store=True,
        readonly=False,
        precompute=True,
        help="The trainees hand in their work on the portal until then.",
    )
    case_attachment_ids = fields.Many2many(
        "ir.attachment",
        "smec_training_session_case_rel",
        string="Practical Case",
        help="The simulated SME's documents the trainees work on; they see them on the practical day only.",
    )

    @api.depends("date_practical", "company_id")
    def _compute_practical_hours(self):
        for session in self:
            if not session.date_practical:
                continue
            zone = pytz.timezone(session.company_id.partner_id.tz or "Asia/Shanghai")
            start, end = (
                zone.localize(datetime.combine(session.date_practical, hour)).astimezone(pytz.utc).replace(tzinfo=None)
                for hour in PRACTICAL_HOURS
            )
            session.practical_start, session.practical_end = start, end

    @api.constrains("practical_start", "practical_end")
    def _check_practical_hours(self):
        for session in self.filtered(lambda s: s.practical_start and s.practical_end):
            if session.practical_end <= session.practical_start:
                raise UserError(_("The practical exam of %(session)s ends after it starts.", session=session.name))

    def _practical_started(self):
        self.ensure_one()
        return bool(self.practical_start and self.practical_start <= fields.Datetime.now())

    def _practical_open(self):
        self.ensure_one()
        return self._practical_started() and fields.Datetime.now() < self.practical_end


class SmecTrainingResultPractical(models.Model):
    _name = "smec.training.result"
    _inherit = ["smec.training.result", "smec.training.files.mixin"]
    _smec_file_fields = ("submission_ids",)

    submission_ids = fields.Many2many(
        "ir.attachment",
        "smec_training_result_submission_rel",
        string="Practical Work",
        readonly=True,
        help="The files the trainee handed in on the portal.",
    )
    submitted_at = fields.Datetime(readonly=True)

    def write(self, vals):
        # the work is the trainee's, handed in on the portal; the marks come once the session has closed
        if not self.env.su:
            if {"submission_ids", "submitted_at"} & set(vals):
                raise AccessError(_("The practical work is handed in by the trainee on the portal."))
            if set(RUBRIC) & set(vals):
                now = fields.Datetime.now()
                open_ = self.filtered(lambda r: r.session_id.practical_end and r.session_id.practical_end > now)
                if open_:
                    raise UserError(
                        _(
                            "The practical exam of %(session)s is still open: it is marked once it has closed.",
                            session=open_[0].session_id.name,
                        )
                    )
        return super().write(vals)

    def _portal_submit(self, files):
        """Hand in the practical work (replacing what was handed in before), while the session is open."""
        self.ensure_one()
        result = self.sudo()
        if result.state != "draft" or not result.session_id._practical_open():
            raise UserError(
                _("The practical exam is not open: work is handed in on the practical day, until it closes.")
            )
        if not files:
            raise UserError(_("Choose the files of your work."))
        if len(files) > MAX_SUBMISSION_FILES:
            raise UserError(_("Hand in at most %(count)s files.", count=MAX_SUBMISSION_FILES))
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {"name": name, "raw": content, "res_model": self._name, "res_id": self.id}
                    for name, content, _mimetype in files
                ]
            )
        )
        old = result.submission_ids
        result.write({"submission_ids": [fields.Command.set(attachments.ids)], "submitted_at": fields.Datetime.now()})
        old.unlink()
        result.message_post(
            body=_("Practical work handed in on the portal: %(files)s.", files=", ".join(attachments.mapped("name")))
        )
        return attachments
