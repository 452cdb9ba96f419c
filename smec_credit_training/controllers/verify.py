from odoo import http
from odoo.http import request


class CertificateVerification(http.Controller):
    """Anyone checks a certificate with its number and its holder's name; the
    answer is valid, revoked or not found, with the programme and issue date."""

    @http.route("/certificate/verify", type="http", auth="public", methods=["GET", "POST"], website=True, sitemap=False)
    def verify(self, number=None, name=None, **kw):
        shown = "".join(ch for ch in number if ch.isprintable())[:40] if isinstance(number, str) else ""
        values = {"number": shown, "name": "", "status": None, "programme": None, "issue_date": None}
        if request.httprequest.method == "POST":
            address = request.httprequest.remote_addr or "unknown"
            if not request.env["smec.training.verify.attempt"]._allow(address):
                values["status"] = "limited"
            else:
                status, programme, issue_date = request.env["smec.training.certificate"]._verify(
                    number if isinstance(number, str) else "", name if isinstance(name, str) else ""
                )
                values.update(status=status, programme=programme, issue_date=issue_date)
        return request.render("smec_credit_training.certificate_verify_page", values)
