from odoo import http
from odoo.http import content_disposition, request


class SmecCreditGoLiveExport(http.Controller):
    @http.route("/smec_credit/go_live/<int:wizard_id>/xlsx", type="http", auth="user", methods=["GET"])
    def go_live_xlsx(self, wizard_id, **_kwargs):
        """The go-live preview of one wizard as a workbook, built when asked: only the user who made the preview
        reads it (a transient record is its creator's)."""
        wizard = request.env["smec.credit.go.live"].browse(wizard_id)
        wizard.check_access("read")
        content = wizard._export_xlsx()
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("Content-Disposition", content_disposition(wizard._export_filename())),
                ("Content-Length", str(len(content))),
            ],
        )
