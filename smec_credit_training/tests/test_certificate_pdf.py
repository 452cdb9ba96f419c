"""The certificate as its holder gets it: the PDF downloaded from the portal, read
as a PDF (its text, its images) and as a printed page (its QR code decoded from
the rendered page, pointing at the verification page of its number, on the
centre's public address frozen when it was issued), and the email that brings it."""

import base64
import io
from datetime import date

import pypdfium2
import zxingcpp
from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import format_date
from odoo.tools.pdf import PdfReader

from .common import approved_enrolment, exam_session, pdf_text, png_bytes

PUBLIC = "https://training.example.org"
PHOTO_GREEN = (30, 160, 60)


def rendered(pdf, scale=3):
    """The first page of ``pdf`` as an image, as a printer or a screen shows it."""
    page = pypdfium2.PdfDocument(pdf)[0]
    return page.render(scale=scale).to_pil().convert("RGB")


@tagged("post_install", "-at_install")
class TestCertificatePdf(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"].search(
            [("name", "in", ("smec_base", "smec_credit_training"))]
        )._update_translations(["zh_CN"])
        # the PDF does not fetch its styles: the test server answers one request at a time
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        company = cls.env.company
        company.write(
            {
                "name": "示范培训中心",
                "smec_training_public_url": PUBLIC,
                "smec_training_seal": base64.b64encode(png_bytes((300, 300), (200, 20, 20))),
                "smec_training_signatory": "李明远 中心主任",
            }
        )
        # the administrator logs in from another host: the certificate does not follow
        cls.env["ir.config_parameter"].sudo().set_param("web.base.url", "http://127.0.0.1:8097")
        cls.holder = new_test_user(cls.env, "smec_pdf_holder", groups="base.group_portal", name="张伟")
        cls.other = new_test_user(cls.env, "smec_pdf_other", groups="base.group_portal", name="李娜")
        training_class = cls.env["smec.training.class"].create(
            {"name": "信用管理师·杭州", "date_start": "2025-11-01", "date_end": "2025-12-31"}
        )
        enrolment = approved_enrolment(cls.env, training_class, cls.holder.partner_id)
        enrolment.doc_photos[0].raw = png_bytes((413, 579), PHOTO_GREEN)
        result = cls.env["smec.training.result"].create(
            {
                "enrolment_id": enrolment.id,
                "session_id": exam_session(cls.env, date(2026, 1, 24), enrolment).id,
                "theory_score": 75,
                "practical_report": 35,
                "practical_tracking": 25,
                "practical_plan": 20,
            }
        )
        result.action_confirm()
        cls.certificate = enrolment.certificate_ids
        with freeze_time("2026-04-02 03:00:00"):
            cls.env["smec.training.certificate"]._cron_issue()

    def download(self, login):
        self.authenticate(login, login)
        return self.url_open(f"/my/training/certificate/{self.certificate.id}")

    def test_the_holders_pdf_says_who_when_and_scans_to_its_verification(self):
        certificate = self.certificate
        self.assertEqual(certificate.state, "issued")
        response = self.download("smec_pdf_holder")
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        pdf = response.content
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        zh = self.env(context={"lang": "zh_CN"})
        # in Chinese, its title once, the holder, the number, the pass and issue dates, the centre
        self.assertEqual(text.count("信用管理师证书"), 1, text)
        for expected in (
            "张伟",
            certificate.number,
            format_date(zh, date(2026, 1, 25), lang_code="zh_CN"),
            format_date(zh, date(2026, 4, 2), lang_code="zh_CN"),
            "示范培训中心",
            "李明远 中心主任",
            f"{PUBLIC}/certificate/verify?number={certificate.number}",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Credit Manager Certificate", text)
        # its images: the holder's photo, the QR code, the seal
        images = PdfReader(io.BytesIO(pdf)).pages[0].images
        self.assertGreaterEqual(len(images), 3)
        page = rendered(pdf)
        green = sum(1 for pixel in page.getdata() if abs(pixel[0] - 30) + abs(pixel[1] - 160) + abs(pixel[2] - 60) < 40)
        # the photo printed at about two inches (35 x 49 mm on the page, which the PDF renderer
        # shrinks to fit): at 216 pixels an inch, at least 25 x 35 mm is over 212 x 298 pixels
        self.assertGreater(green, 212 * 298, "the holder's photo is printed")
        codes = zxingcpp.read_barcodes(page)
        self.assertEqual([c.text for c in codes], [f"{PUBLIC}/certificate/verify?number={certificate.number}"])
        # the address scanned opens the verification page with the number filled in
        path = codes[0].text.removeprefix(PUBLIC)
        self.assertIn(f'value="{certificate.number}"', self.url_open(path).text)
        # another portal user gets nothing
        self.assertEqual(self.download("smec_pdf_other").status_code, 404)

    def test_the_certificate_is_on_a4_under_the_centres_letterhead(self):
        """The training centre's letterhead heads the certificate, one A4 landscape page: its name, its address
        in Foshan, its unified social credit code (a Chinese company's taxpayer number) and its bank account."""
        company = self.env.company
        company.write(
            {
                "street": "季华五路 28 号",
                "city": "佛山市禅城区",
                "country_id": self.env.ref("base.cn").id,
                "vat": "91440604MA4WJ8K2XQ",
            }
        )
        bank = self.env["res.bank"].create({"name": "中国工商银行佛山分行"})
        self.env["res.partner.bank"].create(
            {"partner_id": company.partner_id.id, "acc_number": "2013 0203 0920 0168 816", "bank_id": bank.id}
        )
        pdf = self.download("smec_pdf_holder").content
        pages = pypdfium2.PdfDocument(pdf)
        self.assertEqual([tuple(round(x) for x in page.get_size()) for page in pages], [(842, 595)])
        text = pdf_text(pdf)
        for expected in (
            "示范培训中心",
            "季华五路 28 号",
            "统一社会信用代码:91440604MA4WJ8K2XQ",  # the full-width colon, read through NFKC
            "开户行及账号: 中国工商银行佛山分行 2013 0203 0920 0168 816",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("YourCompany", text)

    def test_the_address_is_frozen_when_issued(self):
        self.env.company.smec_training_public_url = "https://moved.example.org"
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "http://localhost:8069")
        page = rendered(self.download("smec_pdf_holder").content)
        self.assertEqual(
            [c.text for c in zxingcpp.read_barcodes(page)],
            [f"{PUBLIC}/certificate/verify?number={self.certificate.number}"],
        )

    def test_the_email_is_in_chinese_with_the_certificate(self):
        message = self.certificate.message_ids.filtered(lambda m: self.certificate.number in (m.subject or ""))
        self.assertEqual(message.partner_ids, self.holder.partner_id)
        self.assertIn("证书编号", message.body)
        self.assertIn("恭喜", message.body)
        self.assertIn(f"{PUBLIC}/certificate/verify?number={self.certificate.number}", message.body)
        self.assertEqual(len(message.attachment_ids), 1, "the certificate attached")
        self.assertIn(self.certificate.number, message.attachment_ids.name)
