import io
from datetime import timedelta
from unittest.mock import patch

from reportlab.pdfgen import canvas

from odoo.tests import HttpCase, tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestRunTour(SmecCreditCommon, HttpCase):
    def test_preview_confirm_and_open_the_letter_in_the_browser(self):
        manager = self._user("smec_tour_collection_manager", "smec_credit_collection.group_collection_manager")
        debtor = self.env["res.partner"].create(
            {"name": "Tour Debtor Ltd", "is_company": True, "email": "ap@tourdebtor.example.com"}
        )
        self.make_invoice(debtor, 1500, self.today - timedelta(days=65), self.today - timedelta(days=35))
        Report = type(self.env["ir.actions.report"])
        render = Report._render_qweb_pdf

        def real_pdf(report, report_ref, res_ids=None, data=None):
            # test mode renders HTML unless asked; the letter must be the PDF it is in production
            return render(report.with_context(force_report_rendering=True), report_ref, res_ids=res_ids, data=data)

        def one_page(report, bodies, *args, **kwargs):
            # no wkhtmltopdf while the browser runs: under Odoo's runner the test server
            # serves only wkhtmltopdf during a conversion and refuses the browser's
            # requests (the letter's own rendering is tested in test_dunning)
            buffer = io.BytesIO()
            page = canvas.Canvas(buffer)
            page.drawString(72, 720, "Demand letter")
            page.save()
            return buffer.getvalue()

        with (
            patch.object(Report, "_render_qweb_pdf", real_pdf),
            patch.object(Report, "_run_wkhtmltopdf", one_page),
        ):
            self.start_tour(
                "/odoo/action-smec_credit_collection.smec_collection_run_action",
                "smec_collection_run_tour",
                login=manager.login,
            )
        contacts = self.env["smec.collection.contact"].search([("partner_id", "=", debtor.id)])
        self.assertEqual(sorted(contacts.mapped("channel")), ["email", "letter"])
        self.assertEqual(set(contacts.mapped("state")), {"sent"})
        letter = contacts.filtered(lambda c: c.channel == "letter").letter_attachment_id
        self.assertEqual(letter.mimetype, "application/pdf")
        self.assertTrue(letter.raw.startswith(b"%PDF"))
        self.assertEqual(contacts.sudo().run_id.state, "done")
