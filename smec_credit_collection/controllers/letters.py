from odoo import http
from odoo.http import content_disposition, request


class DunningLetters(http.Controller):
    @http.route("/smec_collection/run/<int:run_id>/letters", type="http", auth="user")
    def dunning_run_letters(self, run_id):
        """The mail room's PDF of a run: the letters that went out, as sent.
        The access rules are the user's: a run or letters they may not read
        are refused as any read is."""
        run = request.env["smec.collection.run"].browse(run_id).exists()
        if not run:
            raise request.not_found()
        pdf = run._letters_pdf()
        name = request.env._("Letters %(run)s.pdf", run=run.display_name)
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(name)),
            ],
        )
