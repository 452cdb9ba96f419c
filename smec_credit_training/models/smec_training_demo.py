"""Demo data only: a class with trainees in every state of the programme, a
past exam session with results, and an issued certificate that the public
verification page accepts."""

import base64
import io

from dateutil.relativedelta import relativedelta
from PIL import Image

from odoo import api, fields, models

from .smec_training_class import SEAT_STATES
from .smec_training_session import last_weekend


def _png(size=(413, 579), colour=(200, 210, 230)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class SmecTrainingDemo(models.AbstractModel):
    _name = "smec.training.demo"
    _description = "Training Demo Story"

    @api.model
    def _documents(self, partner):
        Attachment = self.env["ir.attachment"]
        scan = base64.b64encode(b"%PDF-1.4 demo scan")
        return {
            "doc_id_copy": [fields.Command.set(Attachment.create({"name": "id-card.pdf", "datas": scan}).ids)],
            "doc_photos": [
                fields.Command.set(Attachment.create([{"name": f"photo-{n}.png", "raw": _png()} for n in (1, 2)]).ids)
            ],
            "doc_proof": [fields.Command.set(Attachment.create({"name": "diploma.pdf", "datas": scan}).ids)],
            "doc_registration_form": [
                fields.Command.set(Attachment.create({"name": "registration.pdf", "datas": scan}).ids)
            ],
        }

    @api.model
    def _story(self, training_class, trainees):
        """``trainees``: {state: partner id}, for the states draft, complete,
        waiting, approved, examined, passed, failed, certified, rejected."""
        Enrolment = self.env["smec.training.enrolment"]
        training_class = self.env["smec.training.class"].browse(training_class)
        enrolments = {}
        for state, partner_id in trainees.items():
            partner = self.env["res.partner"].browse(partner_id)
            vals = {"class_id": training_class.id, "partner_id": partner.id, "years_experience": 3}
            if state != "draft":
                vals.update(self._documents(partner))
            enrolments[state] = Enrolment.create(vals)
        for state, enrolment in enrolments.items():
            if state != "draft":
                enrolment.action_submit()
        for state in SEAT_STATES:
            enrolments[state].action_approve()
        # the class is now full: the next approval waits
        training_class.capacity = len(SEAT_STATES)
        enrolments["waiting"].action_approve()
        enrolments["rejected"].rejection_reason = "The proof of work is a business card, not a certificate."
        enrolments["rejected"].action_reject()

        today = fields.Date.context_today(self)
        Result = self.env["smec.training.result"]
        marks = {
            "certified": (86, 35, 25, 24, "A clear evaluation report; the collection plan follows the lawful steps."),
            "failed": (71, 20, 18, 15, "The collection plan skips the demand letter."),
        }
        Session = self.env["smec.training.session"]

        def session(months_ago):
            month = today - relativedelta(months=months_ago)
            saturday, sunday = last_weekend(month.year, month.month)
            return Session.search([("date_theory", "=", saturday)]) or Session.create(
                {"date_theory": saturday, "date_practical": sunday}
            )

        past, recent = session(4), session(1)
        past.enrolment_ids = enrolments["certified"] | enrolments["failed"]
        recent.enrolment_ids = enrolments["passed"] | enrolments["examined"]
        for state, (theory, report, tracking, plan, comment) in marks.items():
            Result.create(
                {
                    "enrolment_id": enrolments[state].id,
                    "session_id": past.id,
                    "theory_score": theory,
                    "practical_report": report,
                    "practical_tracking": tracking,
                    "practical_plan": plan,
                    "comments": comment,
                }
            ).action_confirm()
        # passed last month: the certificate is pending, due 45 working days later
        Result.create(
            {
                "enrolment_id": enrolments["passed"].id,
                "session_id": recent.id,
                "theory_score": 64,
                "practical_report": 26,
                "practical_tracking": 20,
                "practical_plan": 18,
            }
        ).action_confirm()
        Result.create({"enrolment_id": enrolments["examined"].id, "session_id": recent.id, "theory_score": 58})
        Result.search([("enrolment_id", "in", [e.id for e in enrolments.values()])]).filtered(
            lambda r: r.state == "confirmed"
        ).action_publish()
        self.env["smec.training.certificate"]._cron_issue()
        return enrolments
