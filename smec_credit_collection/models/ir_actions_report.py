import lxml.html

from odoo import models

# reports that print their letterhead in the page: no header or footer file
LETTERHEAD_IN_PAGE = frozenset({"smec_credit_collection.report_dunning_letter"})


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        """The dunning letter has its letterhead in the page, and a run's letters
        are converted in one process: Debian's wkhtmltopdf (unpatched Qt) takes
        neither header and footer files nor more than one input document, so
        they go without header and footer, as one document with a page break
        before each letter. Odoo then splits the PDF per letter by its pages
        (each letter starts a page with its one heading)."""
        if report_ref and self._get_report(report_ref).report_name in LETTERHEAD_IN_PAGE:
            header = footer = None
            if len(bodies) > 1:
                bodies = [self._smec_one_document(bodies)]
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    def _smec_one_document(self, bodies):
        """The bodies (whole HTML pages of one layout) as one page: the first
        one's head, then each one's content after a page break."""
        first = lxml.html.document_fromstring(bodies[0])
        target = first.body
        for body in bodies[1:]:
            page_break = lxml.html.Element("div", style="page-break-before: always;")
            target.append(page_break)
            for node in lxml.html.document_fromstring(body).body:
                target.append(node)
        return lxml.html.tostring(first, encoding="unicode")
