from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(content: bytes, filename: str):
    """A workbook built on request, streamed as a download under ``filename`` (no copy kept in the database):
    the one response of every add-on's xlsx export route."""
    return request.make_response(
        content,
        headers=[
            ("Content-Type", XLSX),
            ("Content-Disposition", content_disposition(filename)),
            ("Content-Length", str(len(content))),
        ],
    )
