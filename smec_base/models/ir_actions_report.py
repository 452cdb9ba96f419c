from odoo import models

from ..tools.pdf_text import searchable_cjk


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(self, bodies, report_ref=False, *args, **kwargs):
        # EXTENDS base: the add-ons' reports (aging, letters, statements, certificates...) extract, copy and
        # search their Chinese text as printed, not as the CJK font's radicals (tools/pdf_text.py); Odoo's own
        # reports are left as they are. Why this private method and no public hook: it is the one step every
        # PDF of a report passes through whole, once, before Odoo splits it per record and stores it; core has
        # no hook on the PDF's bytes (_render_qweb_pdf_prepare_streams, which sale and account extend, gets the
        # streams already split, and would redo the work per record). Its signature is checked by the aging
        # PDF's test (smec_credit/tests/test_aging_pdf.py), which reads the PDF's text.
        pdf = super()._run_wkhtmltopdf(bodies, report_ref, *args, **kwargs)
        report = self._get_report(report_ref) if report_ref else self.browse()
        if report and (report.report_name or "").startswith("smec_"):
            pdf = searchable_cjk(pdf)
        return pdf
