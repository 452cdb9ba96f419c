"""No public or portal route of smec_credit and smec_credit_collection answers
a server error, whatever it is sent (#30): missing values, wrong types, nan,
huge numbers, negative amounts, impossible dates, ids past the database's
integers, text that is not UTF-8, a signature that is no image. Each answers
its own message or sends the visitor back, and nothing is written. The
statement page shows only its own texts: a text passed in its link is never
shown as its alert."""

import base64
import json
import struct
import zlib
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

HUGE_ID = "99999999999999999999"
BAD_AMOUNTS = ["nan", "NaN", "inf", "-inf", "1e400", "-5", "0", "abc", "", "9" * 400, "1,000", "0x10"]
BAD_DATES = ["", "nan", "2026-02-30", "99999-01-01", "0000-00-00", "2099-12-31", "yesterday", "2026-1-1" * 100]


def png_header(width, height):
    """A PNG whose header claims ``width`` x ``height`` pixels and whose data is a few bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")
    )


@tagged("post_install", "-at_install")
class TestPublicRoutesNeverFail(SmecCreditCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        cls.invoice = cls.make_invoice(
            cls.customer, 1000, cls.today - timedelta(days=60), cls.today - timedelta(days=30)
        )
        contact = cls.env["res.partner"].create(
            {"name": "Li Na", "parent_id": cls.customer.id, "email": "li@example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, "smec_public_li", groups="base.group_portal", partner_id=contact.id, company_id=cls.company.id
        )
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.statement = cls.env["smec.collection.statement"].create(
            {"partner_id": cls.customer.id, "date_from": cls.today - timedelta(days=90)}
        )
        cls.statement._smec_action_write({"state": "sent"})
        cls.token = cls.statement._portal_ensure_token()

    def setUp(self):
        super().setUp()
        self.Promise = self.env["smec.collection.promise"]
        self.Dispute = self.env["smec.collection.dispute"]
        self.counts = (self.Promise.search_count([]), self.Dispute.search_count([]))

    def assertNothingWritten(self):
        self.statement.invalidate_recordset()
        self.assertEqual(self.statement.state, "sent")
        self.assertEqual((self.Promise.search_count([]), self.Dispute.search_count([])), self.counts)

    def assertAnswered(self, response, what):
        self.assertLess(response.status_code, 500, f"{what}: {response.status_code}")
        self.assertNotIn("Internal Server Error", response.text, what)

    def csrf_token(self):
        page = self.url_open(f"/my/statements/{self.statement.id}?access_token={self.token}")
        return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]

    def post(self, path, data):
        """A form posted as the browser posts it, with the page's CSRF token."""
        if isinstance(data, bytes):
            token = self.csrf_token().encode()
            return self.url_open(
                path,
                data=data + b"&csrf_token=" + token,
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        return self.url_open(path, data={**data, "csrf_token": self.csrf_token()})

    def confirm(self, statement_id, params):
        response = self.url_open(
            f"/my/statements/{statement_id}/confirm",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertAnswered(response, f"confirm {params}")
        answer = response.json()
        self.assertNotIn("error", answer, f"confirm {params}: a server error")
        return answer["result"]

    # ------------------------------------------------------------

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_the_promise_route(self):
        for user in (None, self.portal_user):
            self.authenticate(user and user.login, user and user.login)
            path = f"/my/statements/{self.statement.id}/promise?access_token={self.token}"
            good_day = str(self.today + timedelta(days=10))
            for amount in BAD_AMOUNTS:
                with self.subTest(user=user, amount=amount):
                    response = self.post(path, {"date": good_day, "amount": amount})
                    self.assertAnswered(response, amount)
                    self.assertIn("Give the day you will pay and the amount", response.text)
            for day in BAD_DATES:
                with self.subTest(user=user, date=day):
                    response = self.post(path, {"date": day, "amount": "100"})
                    self.assertAnswered(response, day)
            for body in (
                b"date=%FF%FE&amount=%FF",
                b"amount=100",
                b"date=" + good_day.encode(),
                b"",
                b"amount=1&amount=2",
            ):
                with self.subTest(user=user, body=body):
                    self.assertAnswered(self.post(path, body), body)
            for statement_id in (HUGE_ID, "2147483648", "0"):
                with self.subTest(user=user, statement_id=statement_id):
                    response = self.post(f"/my/statements/{statement_id}/promise", {"date": good_day, "amount": "100"})
                    self.assertAnswered(response, statement_id)
            self.assertNothingWritten()

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_the_dispute_route(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        path = f"/my/statements/{self.statement.id}/dispute"
        for line_id in ("abc", "²", "-1", HUGE_ID, "", "1.5", "0"):
            with self.subTest(line_id=line_id):
                self.assertAnswered(self.post(path, {"line_ids": line_id, "reason": "Broken"}), line_id)
        for body in (b"line_ids=%FF&reason=%FF%FE", b"reason=Broken", b"line_ids=1", b""):
            with self.subTest(body=body):
                self.assertAnswered(self.post(path, body), body)
        self.assertAnswered(self.post(f"/my/statements/{HUGE_ID}/dispute", {"line_ids": "1", "reason": "x"}), HUGE_ID)
        self.assertNothingWritten()

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_the_confirm_route(self):
        huge = base64.b64encode(png_header(20000, 20000)).decode()
        not_an_image = base64.b64encode(b"this is no image").decode()
        for params in (
            {},
            {"access_token": self.token},
            {"access_token": self.token, "name": ["Li"], "signature": {"a": 1}},
            {"access_token": self.token, "name": {"first": "Li"}, "signature": 12},
            {"access_token": self.token, "name": "Li Na", "signature": "data:image/png;base64,!!!"},
            {"access_token": self.token, "name": "Li Na", "signature": "data:image/png;base64," + not_an_image},
            {"access_token": self.token, "name": "Li Na", "signature": "data:image/png;base64," + huge},
            {"access_token": ["x"], "name": "Li Na", "signature": "x"},
            {"access_token": self.token, "name": "", "signature": ""},
            {"access_token": self.token, "name": "Li Na", "unexpected": 1},
        ):
            with self.subTest(params=params):
                self.assertIn("error", self.confirm(self.statement.id, params))
        for statement_id in (HUGE_ID, "0"):
            self.assertIn("error", self.confirm(statement_id, {"name": "Li", "signature": "x"}))
        self.assertNothingWritten()

    @mute_logger("odoo.http", "odoo.sql_db")
    def test_the_pages(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        for path in (
            "/my/statements",
            "/my/statements?page=abc",
            f"/my/statements/page/{HUGE_ID}",
            "/my/statements/page/0",
            f"/my/statements/{HUGE_ID}",
            "/my/statements/2147483648",
            f"/my/statements/{self.statement.id}?access_token=%FF%FE",
            f"/my/statements/{self.statement.id}?message=%FF&error=%FE",
            f"/smec_credit/aging/{HUGE_ID}/xlsx",
            "/smec_credit/aging/2147483647/xlsx",
            "/smec_credit/aging/1/xlsx",
        ):
            with self.subTest(path=path):
                self.assertAnswered(self.url_open(path), path)
        self.authenticate(None, None)
        for path in (f"/my/statements/{HUGE_ID}?access_token=x", f"/smec_credit/aging/{HUGE_ID}/xlsx"):
            with self.subTest(path=path, user="public"):
                self.assertAnswered(self.url_open(path), path)

    def test_a_text_in_the_link_is_never_the_pages_alert(self):
        phishing = "Your account is blocked: call +86 400 000 0000 now"
        page = self.url_open(
            f"/my/statements/{self.statement.id}?access_token={self.token}&message=error&error={phishing}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("call +86 400", page.text)
        self.assertNotIn("alert-danger", page.text)
        # the statement's own error, after a refused answer, is shown once
        page = self.post(
            f"/my/statements/{self.statement.id}/promise?access_token={self.token}",
            {"date": str(self.today - timedelta(days=3)), "amount": "100"},
        )
        self.assertIn("Choose a day from today until", page.text)
        page = self.url_open(f"/my/statements/{self.statement.id}?access_token={self.token}&message=error")
        self.assertNotIn("Choose a day from today until", page.text)
