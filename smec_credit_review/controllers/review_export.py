from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.smec_base.tools import downloads, public_input


class SmecCreditReviewExport(http.Controller):
    @http.route("/smec_credit_review/<int:review_id>/xlsx", type="http", auth="user", methods=["GET"])
    def review_xlsx(self, review_id, **_kwargs):
        """The review's workbook, built when asked: who may read the review may download it."""
        review_id = public_input.to_id(review_id)
        review = request.env["smec.credit.review"].browse(review_id).exists() if review_id else None
        if not review:
            raise NotFound()
        review.check_access("read")
        content = review._export_xlsx()
        return downloads.xlsx_response(content, review._export_filename())
