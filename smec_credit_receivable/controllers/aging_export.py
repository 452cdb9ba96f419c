from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.smec_base.tools import downloads, public_input


class SmecCreditAgingExport(http.Controller):
    @http.route("/smec_credit/aging/<int:wizard_id>/xlsx", type="http", auth="user", methods=["GET"])
    def aging_xlsx(self, wizard_id, **_kwargs):
        """The aging workbook of one wizard, built when asked and streamed: no
        copy of it is kept in the database. The wizard's record rules decide
        who may download it, as they decide who may open it."""
        wizard_id = public_input.to_id(wizard_id)
        wizard = request.env["smec.credit.aging.wizard"].browse(wizard_id).exists() if wizard_id else None
        if not wizard:
            raise NotFound()
        wizard.check_access("read")
        content = wizard._export_xlsx()
        return downloads.xlsx_response(content, wizard._export_filename())
