import lxml.html

from odoo import models

# letters that print their letterhead in the page: no header or footer file
LETTERHEAD_IN_PAGE = frozenset(
    {
        "smec_credit_collection.report_dunning_letter",
        "smec_credit_collection.report_lawyer_letter",
        "smec_credit_collection.report_statement",
    }
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        """A run's letters are converted in one wkhtmltopdf call, also by the
        wkhtmltopdf Debian ships (unpatched Qt), which takes neither header and
        footer files nor more than one input document: Odoo's step that cuts the
        rendered letters into one document each (with the layout's header and
        footer) gives them here as one document, each letter after a page break,
        without header or footer (the letters carry their letterhead in the
        page). Odoo then splits the PDF per letter by its pages, each letter
        starting a page with its one heading, and stores each letter with its
        contact. Overridden here, the one step that decides what wkhtmltopdf
        gets, rather than the call to wkhtmltopdf itself."""
        prepared = super()._prepare_html(html, report_model=report_model)
        if len(self) != 1 or self.report_name not in LETTERHEAD_IN_PAGE or not prepared:
            return prepared
        bodies, res_ids, _header, _footer, specific_paperformat_args = prepared
        return [self._smec_one_document(bodies)], res_ids, None, None, specific_paperformat_args

    def _smec_one_document(self, bodies):
        """The bodies (whole HTML pages of one layout) as one page: the first
        one's head, then each one's content after a page break."""
        if len(bodies) == 1:
            return bodies[0]
        first = lxml.html.document_fromstring(bodies[0])
        target = first.body
        for body in bodies[1:]:
            page_break = lxml.html.Element("div", style="page-break-before: always;")
            target.append(page_break)
            for node in lxml.html.document_fromstring(body).body:
                target.append(node)
        return lxml.html.tostring(first, encoding="unicode")
