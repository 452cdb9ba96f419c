"""What the training tests share: an enrolment with every document a real
upload would give (two printable photos among them)."""

import io
import re
import struct
import unicodedata
import zlib
from datetime import timedelta

import pypdfium2
from PIL import Image

from odoo import Command


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
    """The text layer of a PDF's pages as a reader copies it (Chinese included), each
    run of white space one space."""
    document = pypdfium2.PdfDocument(pdf)
    text = " ".join(page.get_textpage().get_text_range() for page in document)
    # the PDF maps some ideographs to their Kangxi radical look-alikes (U+2F00-2FDF): NFKC folds them
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def png_header_only(width, height):
    """A PNG of a few bytes whose header claims ``width`` x ``height`` pixels (a
    "decompression bomb": a decoder would allocate gigabytes for it)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def exam_session(env, saturday, enrolments=None):
    """The exam session of the weekend that starts on ``saturday``, as the daily job
    plans it (past ones included), with ``enrolments`` registered before it starts."""
    Session = env["smec.training.session"].sudo()
    session = Session.search([("date_theory", "=", saturday), ("company_id", "=", env.company.id)])
    if not session:
        session = Session.create({"date_theory": saturday, "date_practical": saturday + timedelta(days=1)})
    if enrolments:
        session.enrolment_ids = [Command.link(e.id) for e in enrolments]
    return session.with_env(env)
