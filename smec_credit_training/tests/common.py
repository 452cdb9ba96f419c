"""What the training tests share: an enrolment with every document a real
upload would give (two printable photos among them)."""

import io
import re

from PIL import Image

from odoo import Command
from odoo.tools.pdf import PdfReader


def png_bytes(size=(413, 579), colour=(220, 220, 220)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def document_vals(env):
    """Values of the four required documents, as the upload widget sends them."""
    Attachment = env["ir.attachment"]
    scans = Attachment.create([{"name": name, "raw": b"%PDF-1.4 scan"} for name in ("id.pdf", "proof.pdf", "form.pdf")])
    photos = Attachment.create([{"name": f"photo{n}.png", "raw": png_bytes()} for n in (1, 2)])
    return {
        "doc_id_copy": [Command.set(scans[0].ids)],
        "doc_photos": [Command.set(photos.ids)],
        "doc_proof": [Command.set(scans[1].ids)],
        "doc_registration_form": [Command.set(scans[2].ids)],
    }


def approved_enrolment(env, training_class, partner):
    """An enrolment through its documents and the officer's approval."""
    enrolment = env["smec.training.enrolment"].create(
        {"class_id": training_class.id, "partner_id": partner.id, **document_vals(env)}
    )
    enrolment.action_submit()
    enrolment.action_approve()
    return enrolment


def sit(result, right):
    """Answer the result's theory paper as the trainee would: the first ``right``
    questions correctly, the others wrongly; then hand it in."""
    paper = result.theory_input_id
    for index, question in enumerate(paper.predefined_question_ids):
        answers = question.suggested_answer_ids
        wrong = answers.filtered(lambda a: not a.is_correct)[:1]
        answer = answers.filtered("is_correct") if index < right else wrong
        paper._save_lines(question, answer.id)
    paper._mark_done()


def pdf_text(pdf):
    """The text layer of a PDF's pages, each run of white space one space."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
