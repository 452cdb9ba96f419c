"""A path with a NUL character is no attachment's address: the database cannot even
be asked (PostgreSQL refuses NUL in a string), so Odoo's fallback that serves an
attachment by its URL answered a server error to any such address."""

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _serve_fallback(cls):
        if "\x00" in request.httprequest.path:
            return None
        return super()._serve_fallback()
