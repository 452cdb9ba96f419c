"""Demo data only: a training centre's year, dated from the day the database is
made. The spring class is over (one trainee certified, one failed and retaking);
the autumn class ended six weeks ago and sat last month's session (one passed,
her certificate waiting as the calendar says, one being marked); the winter class
is open for enrolment (approved, on the waiting list, complete, draft, rejected).
Each enrolment's documents are real files: scans as PDF, photos as portraits."""

import base64
import io

from dateutil.relativedelta import relativedelta
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A5
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from odoo import Command, api, fields, models

from odoo.addons.smec_credit_training.models.smec_training_session import exam_weekend

# skin, hair and jacket of each trainee's photo, varied so that no two look alike
LOOKS = [
    ((241, 204, 178), (30, 24, 20), (40, 52, 84)),
    ((236, 196, 166), (52, 36, 26), (70, 70, 74)),
    ((245, 212, 190), (20, 18, 18), (28, 40, 64)),
    ((230, 190, 160), (60, 44, 30), (90, 40, 40)),
]


def portrait(look, size=(413, 579)):
    """A two-inch ID photo: a head and shoulders on the blue background such photos have."""
    skin, hair, jacket = LOOKS[look % len(LOOKS)]
    width, height = size
    image = Image.new("RGB", size, (67, 142, 219))
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.05, height * 0.68, width * 0.95, height * 1.35), fill=jacket)
    draw.polygon(
        [(width * 0.42, height * 0.7), (width * 0.58, height * 0.7), (width * 0.5, height * 0.86)], fill="white"
    )
    draw.rectangle((width * 0.43, height * 0.52, width * 0.57, height * 0.7), fill=skin)
    draw.ellipse((width * 0.27, height * 0.14, width * 0.73, height * 0.6), fill=skin)
    draw.chord((width * 0.25, height * 0.1, width * 0.75, height * 0.5), 180, 360, fill=hair)
    for eye in (0.41, 0.59):
        draw.ellipse((width * eye - 9, height * 0.36 - 5, width * eye + 9, height * 0.36 + 5), fill=(40, 30, 30))
    draw.arc((width * 0.43, height * 0.44, width * 0.57, height * 0.52), 20, 160, fill=(150, 70, 70), width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


def scan(title, lines):
    """A one-page PDF with a title and a few lines (Chinese included)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A5)
    page.setFont("STSong-Light", 16)
    page.drawString(40, 540, title)
    page.setFont("STSong-Light", 11)
    for index, line in enumerate(lines):
        page.drawString(40, 500 - 22 * index, line)
    page.rect(30, 380, 360, 190)
    page.showPage()
    page.save()
    return buffer.getvalue()


def thumbnail(name):
    """The first page's picture a PDF's card shows in the chatter, made with the demo. Without it the web
    client renders one per PDF and posts them at once; the enrolment's scans render to the same picture, and
    Odoo's filestore refuses the second of two identical files written at the same moment ("The attachment
    collides with an existing file", a race of ir.attachment._file_write): a demo page failed on it once."""
    image = Image.new("RGB", (148, 210), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 30, 138, 120), outline=(60, 60, 60))
    draw.text((12, 10), name, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return base64.b64encode(buffer.getvalue())


def attachment_vals(name, raw):
    """An attachment's values, a PDF's with its card's picture (thumbnail())."""
    return {"name": name, "raw": raw, **({"thumbnail": thumbnail(name)} if name.endswith(".pdf") else {})}


class SmecTrainingDemo(models.AbstractModel):
    _name = "smec.training.demo"
    _description = "Training Demo Story"

    @api.model
    def _documents(self, partner, look):
        Attachment = self.env["ir.attachment"]
        name = partner.name
        files = {
            "doc_id_copy": [
                ("id-card.pdf", scan("居民身份证复印件 ID card copy", [f"姓名 Name: {name}", "仅供报名使用"]))
            ],
            "doc_photos": [(f"photo-{n}.jpg", portrait(look)) for n in (1, 2)],
            "doc_proof": [("work-certificate.pdf", scan("工作证明 Proof of work", [name, "从事信用管理工作 3 年"]))],
            "doc_registration_form": [("registration-form.pdf", scan("信用管理师培训报名表", [name, "本人签字确认"]))],
        }
        return {
            field: [Command.set(Attachment.create([attachment_vals(n, raw) for n, raw in items]).ids)]
            for field, items in files.items()
        }

    @api.model
    def _session(self, months_ago):
        """The exam session of a past month, on its exam weekend."""
        today = fields.Date.context_today(self)
        month = today - relativedelta(months=months_ago)
        saturday, sunday = exam_weekend(self.env["smec.workday.year"], month.year, month.month)
        Session = self.env["smec.training.session"]
        return Session.search([("date_theory", "=", saturday)]) or Session.create(
            {"date_theory": saturday, "date_practical": sunday}
        )

    @api.model
    def _story(self, classes, trainees):
        """``classes``: {spring, autumn, winter: class id}; ``trainees``: {state: partner id}
        for the states certified, failed (spring), passed, examined (autumn), approved,
        waiting, complete, draft, rejected (winter)."""
        Enrolment = self.env["smec.training.enrolment"]
        Class = self.env["smec.training.class"]
        class_of = {
            "certified": "spring",
            "failed": "spring",
            "passed": "autumn",
            "examined": "autumn",
        }
        enrolments = {}
        for look, (state, partner_id) in enumerate(trainees.items()):
            partner = self.env["res.partner"].browse(partner_id)
            training_class = Class.browse(classes[class_of.get(state, "winter")])
            vals = {"class_id": training_class.id, "partner_id": partner.id, "years_experience": 2 + look % 5}
            if state != "draft":
                vals.update(self._documents(partner, look))
            enrolments[state] = Enrolment.create(vals)
        for state, enrolment in enrolments.items():
            if state != "draft":
                enrolment.action_submit()
        for state in ("certified", "failed", "passed", "examined", "approved"):
            enrolments[state].action_approve()
        # the winter class is full: the next approval waits
        enrolments["waiting"].action_approve()
        enrolments["rejected"].rejection_reason = "The proof of work is a business card, not a certificate."
        enrolments["rejected"].action_reject()

        # the autumn class's on-site sessions, their attendance taken by their instructors
        autumn = Class.browse(classes["autumn"])
        for index, lesson in enumerate(autumn.lesson_ids.filtered(lambda lesson: lesson.mode == "onsite")):
            lesson = lesson.with_user(lesson.instructor_id.partner_id.user_ids[:1])
            lesson.action_take_attendance()
            present = enrolments["passed"] | (enrolments["examined"] if index == 0 else enrolments["passed"])
            lesson.attendance_ids.filtered(lambda a, p=present: a.enrolment_id in p).write({"present": True})

        Result = self.env["smec.training.result"]
        marks = {
            "certified": (86, 35, 25, 24, "A clear evaluation report; the collection plan follows the lawful steps."),
            "failed": (71, 20, 18, 15, "The collection plan skips the demand letter."),
        }
        past, recent = self._session(4), self._session(1)
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
        # passed last month: the certificate is pending, due 45 working days later (or waiting for the
        # next year's calendar, which the Training Manager is told to enter)
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
        # the practical case of last month's session, and the work handed in by the trainee being marked
        Attachment = self.env["ir.attachment"]
        case = scan(
            "实操案例 某商贸企业新客户 (Practical case: a trading company's new customer)",
            [
                "A building-materials wholesaler asks for 30 days' credit on 200,000 yuan a month.",
                "附 营业执照、近两年报表、征信报告",
            ],
        )
        recent.case_attachment_ids = [Command.set(Attachment.create(attachment_vals("practical-case.pdf", case)).ids)]
        examined = Result.create(
            {"enrolment_id": enrolments["examined"].id, "session_id": recent.id, "theory_score": 58}
        )
        work = [
            ("credit-assessment-report.pdf", scan("客户信用评估报告 (Credit assessment report)", ["5C: 68, grade B"])),
            ("receivables-tracking.pdf", scan("应收账款跟踪表 (Receivables tracking sheet)", ["30/60/90/180"])),
            ("collection-plan.pdf", scan("逾期账款催收方案 (Collection plan)", ["友好协商 → 正式函告 → 第三方协助"])),
        ]
        examined.write(
            {
                "submission_ids": [Command.set(Attachment.create([attachment_vals(n, r) for n, r in work]).ids)],
                "submitted_at": fields.Datetime.to_string(
                    fields.Datetime.from_string(f"{recent.date_practical} 07:30:00")
                ),
            }
        )
        Result.search([("enrolment_id", "in", [e.id for e in enrolments.values()])]).filtered(
            lambda r: r.state == "confirmed"
        ).action_publish()
        self.env["smec.training.certificate"]._cron_issue()
        return enrolments
