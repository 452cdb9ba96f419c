"""No public or portal route of the training (nor of the working-day calendar,
which has none) answers a server error, whatever it is sent: not-a-numbers,
numbers too large for the database, values of the wrong type (a file for a text,
several values for one), images that are no images or claim gigapixels, bytes
that are not UTF-8, parameters missing. Each route is listed here, and a route
added without being listed fails the test."""

from urllib.parse import urlencode

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged

from .common import approved_enrolment, png_bytes, png_header_only

HUGE = "99999999999999999999"
IDS = ["0", "1", "2147483647", "2147483648", HUGE]
VALUES = ["nan", "inf", "-1", "1e400", HUGE, "", "\x00", "é" * 300, "x" * 2000, "<script>alert(1)</script>"]
FILES = [
    ("bomb.png", png_header_only(20000, 20000), "image/png"),
    ("fake.png", b"not an image at all", "image/png"),
    ("photo.png", png_bytes(), "text/plain"),
    ("big.pdf", b"%PDF-1.4" + b"0" * (11 * 1024 * 1024), "application/pdf"),
]
# every route of the two add-ons, with the form fields it reads
ROUTES = {
    "/training/enrol": [
        "class_id",
        "audience_id",
        "name",
        "email",
        "phone",
        "years_experience",
        "is_student",
        "doc_id_copy",
        "doc_photos",
        "doc_proof",
        "doc_registration_form",
    ],
    "/training/registration-form": [],
    "/certificate/verify": ["number", "name"],
    "/my/training": ["message", "error"],
    "/my/training/<int:enrolment_id>/registration-form": [],
    "/my/training/<int:enrolment_id>/upload": ["document", "files"],
    "/my/training/document/<int:attachment_id>": [],
    "/my/training/certificate/<int:certificate_id>": [],
    "/my/training/toolkit/<string:key>": [],
    "/my/training/lesson/<int:lesson_id>/material/<int:attachment_id>": [],
    "/my/training/exam/<int:result_id>/case/<int:attachment_id>": [],
    "/my/training/exam/<int:result_id>/work/<int:attachment_id>": [],
    "/my/training/exam/<int:result_id>/submit": ["files"],
}


@tagged("post_install", "-at_install")
class TestRoutesTakeAnyInput(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainee = new_test_user(cls.env, "smec_fuzz_trainee", groups="base.group_portal", name="Fuzz Trainee")
        cls.training_class = cls.env["smec.training.class"].create(
            {
                "name": "Credit Manager, Fuzz",
                "date_start": "2026-11-01",
                "date_end": "2027-06-30",
                "state": "open",
                "published": True,
            }
        )
        cls.enrolment = approved_enrolment(cls.env, cls.training_class, cls.trainee.partner_id)
        # a limit no test reaches: every request is the subject here
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")

    def setUp(self):
        super().setUp()
        self.patch(type(self.env["smec.training.verify.attempt"]), "_allow", lambda self, address, kind="verify": True)

    def our_routes(self):
        modules = ("odoo.addons.smec_credit_training.", "odoo.addons.smec_workday.")
        installed = sorted(self.env.registry._init_modules)
        return {
            url
            for url, endpoint in http._generate_routing_rules(installed, nodb_only=False)
            if endpoint.original_endpoint.__module__.startswith(modules)
        }

    def test_every_route_is_listed(self):
        self.assertEqual(self.our_routes(), set(ROUTES))

    def urls(self, route):
        """The route with malformed values in its path parameters."""
        if "<" not in route:
            return [route]
        urls = []
        for value in IDS + (["nan", "x" * 3000, "%FF%FE", "%00"] if "<string:" in route else []):
            parts = []
            for part in route.split("/"):
                parts.append(value if part.startswith("<") else part)
            urls.append("/".join(parts))
        return urls

    def token(self):
        page = self.url_open("/certificate/verify")
        return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    def assert_no_server_error(self, response, what):
        self.assertLess(response.status_code, 500, f"{what}: {response.text[:300]}")

    def send_all(self):
        token = self.token()
        for route, fields in ROUTES.items():
            urls = self.urls(route)
            for url in urls:
                with self.subTest(url=url[:120]):
                    self.assert_no_server_error(self.url_open(url), f"GET {url[:80]}")
                    self.assert_no_server_error(self.url_open(url, data={"csrf_token": token}), f"POST {url[:80]}")
            # the values, on the route with a real record where it has one (the trainee's enrolment)
            url = route.replace("<int:enrolment_id>", str(self.enrolment.id)) if "<" in route else route
            url = urls[1] if "<" in url else url
            for field_values in self.malformed(fields, token):
                with self.subTest(url=url[:80], sent=str(field_values)[:80]):
                    query = field_values.pop("query", None)
                    target = f"{url}?{urlencode(query)}" if query else url
                    self.assert_no_server_error(
                        self.url_open(target, **field_values), f"{url[:80]} {field_values!s:.80}"
                    )

    def malformed(self, fields, token):
        """The ways of sending ``fields`` wrongly, as requests' keyword arguments."""
        if not fields:
            return
        for value in VALUES:
            query = dict.fromkeys(fields, value)
            yield {"query": query}
            yield {"data": {**query, "csrf_token": token}}
        yield {"data": {**dict.fromkeys(fields, "x" * 100000), "csrf_token": token}}
        # several values for one name, a file where a text is read, nothing at all
        yield {"data": [(field, v) for field in fields for v in ("1", "two")] + [("csrf_token", token)]}
        for name, content, mimetype in FILES:
            yield {"data": {"csrf_token": token}, "files": [(fields[-1], (name, content, mimetype))]}
        yield {
            "data": {"csrf_token": token},
            "files": [(field, ("small.png", png_bytes(), "image/png")) for field in fields],
        }
        # a body that is not UTF-8
        raw = (
            "&".join(f"{field}=%FF%FE%FA" for field in fields).encode() + b"&name=\xff\xfe&csrf_token=" + token.encode()
        )
        yield {"data": raw, "headers": {"Content-Type": "application/x-www-form-urlencoded"}}

    def test_the_public_sends_anything(self):
        self.send_all()

    def test_a_trainee_sends_anything(self):
        self.authenticate("smec_fuzz_trainee", "smec_fuzz_trainee")
        self.send_all()
