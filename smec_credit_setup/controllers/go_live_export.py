from odoo import http
from odoo.http import request

from odoo.addons.smec_base.tools import downloads


class SmecCreditGoLiveExport(http.Controller):
    @http.route("/smec_credit/go_live/<int:wizard_id>/xlsx", type="http", auth="user", methods=["GET"])
    def go_live_xlsx(self, wizard_id, **_kwargs):
        """The go-live preview of one wizard as a workbook, built when asked: only the user who made the preview
        reads it (a transient record is its creator's)."""
        wizard = request.env["smec.credit.go.live"].browse(wizard_id)
        wizard.check_access("read")
        content = wizard._export_xlsx()
        return downloads.xlsx_response(content, wizard._export_filename())
