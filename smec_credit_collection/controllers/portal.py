import binascii

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.smec_base.tools import public_input

# what the statement page says after an answer: fixed texts of its template, chosen by a code in the URL;
# an error's own text goes through the session, never through the URL (which anyone can write to a victim)
MESSAGES = ("confirmed", "disputed", "promised")
SESSION_ERROR = "smec_statement_error"


class StatementPortal(CustomerPortal):
    """The customer's statements of account: read, confirm with a signature, or
    dispute lines. The rules are the model's (``smec.collection.statement.portal``)."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "smec_statement_count" in counters:
            Statement = request.env["smec.collection.statement"]
            values["smec_statement_count"] = (
                Statement.search_count(self._smec_statement_domain()) if Statement.has_access("read") else 0
            )
        return values

    def _smec_statement_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "=", partner.id), ("state", "!=", "draft")]

    @http.route(["/my/statements", "/my/statements/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_statements(self, page=1, **kw):
        page = public_input.to_id(page) or 1
        Statement = request.env["smec.collection.statement"]
        domain = self._smec_statement_domain()
        pager = portal_pager(
            url="/my/statements", total=Statement.search_count(domain), page=page, step=self._items_per_page
        )
        statements = Statement.search(domain, limit=self._items_per_page, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update({"statements": statements, "pager": pager, "page_name": "smec_statement"})
        return request.render("smec_credit_collection.portal_my_statements", values)

    def _smec_statement(self, statement_id, access_token):
        statement_id = public_input.to_id(statement_id)
        if not statement_id:
            raise MissingError(_("This statement does not exist."))
        access_token = public_input.to_text(access_token, limit=100) if access_token else None
        statement = self._document_check_access("smec.collection.statement", statement_id, access_token=access_token)
        if statement.state == "draft":
            raise MissingError(_("This statement has not been sent."))
        statement._smec_portal_partner_check(request.env.user)
        return statement

    @http.route(["/my/statements/<int:statement_id>"], type="http", auth="public", website=True)
    def portal_statement_page(self, statement_id, access_token=None, message=None, **kw):
        try:
            statement = self._smec_statement(statement_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        error = request.session.pop(SESSION_ERROR, None) if message == "error" else None
        values = self._get_page_view_values(statement, access_token, {}, "my_statements_history", False)
        first_day, last_day = statement._smec_promise_days()
        values.update(
            {
                "statement": statement,
                "promise": statement._smec_portal_promise_made(),
                "promise_first_day": first_day.isoformat(),
                "promise_last_day": last_day.isoformat(),
                "lines": statement._statement_lines(),
                "message": message if message in MESSAGES or (message == "error" and error) else None,
                "error": error,
                "page_name": "smec_statement",
                "report_type": "html",
            }
        )
        return request.render("smec_credit_collection.portal_statement_page", values)

    @http.route(["/my/statements/<int:statement_id>/confirm"], type="jsonrpc", auth="public", website=True)
    def portal_statement_confirm(self, statement_id, access_token=None, name=None, signature=None, **kw):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            statement = self._smec_statement(statement_id, access_token)
            signature = statement._smec_portal_signature_data(signature)
            statement._smec_portal_confirm(name, signature, request.env.user)
        except (AccessError, MissingError):
            return {"error": _("Invalid statement.")}
        except (TypeError, ValueError, binascii.Error):
            return {"error": _("Invalid signature data.")}
        except UserError as error:
            return {"error": error.args[0]}
        return {"force_refresh": True, "redirect_url": statement.get_portal_url(query_string="&message=confirmed")}

    @http.route(
        ["/my/statements/<int:statement_id>/dispute"], type="http", auth="public", methods=["POST"], website=True
    )
    def portal_statement_dispute(self, statement_id, access_token=None, reason=None, **post):
        try:
            statement = self._smec_statement(statement_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        line_ids = request.httprequest.form.getlist("line_ids")
        try:
            statement._smec_portal_dispute(line_ids, reason, request.env.user)
        except AccessError:
            return request.redirect("/my")
        except UserError as error:
            return self._smec_error(statement, error)
        return request.redirect(statement.get_portal_url(query_string="&message=disputed"))

    @http.route(
        ["/my/statements/<int:statement_id>/promise"], type="http", auth="public", methods=["POST"], website=True
    )
    def portal_statement_promise(self, statement_id, access_token=None, date=None, amount=None, **post):
        try:
            statement = self._smec_statement(statement_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            statement._smec_portal_promise(date, amount, request.env.user)
        except AccessError:
            return request.redirect("/my")
        except UserError as error:
            return self._smec_error(statement, error)
        return request.redirect(statement.get_portal_url(query_string="&message=promised"))

    def _smec_error(self, statement, error):
        """Back to the statement, which shows the error once."""
        request.session[SESSION_ERROR] = error.args[0]
        return request.redirect(statement.get_portal_url(query_string="&message=error"))
