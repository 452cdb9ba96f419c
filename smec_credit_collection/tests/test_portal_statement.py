"""The statement of account on the portal, as the customer's contact and as
someone else, over HTTP."""

import hashlib
from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.smec_credit.tests.common import SmecCreditCommon

# a 1 x 1 PNG, as the signature widget sends one (with its data-URL header)
SIGNATURE = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@tagged("post_install", "-at_install")
class TestStatementPortal(SmecCreditCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the PDF is rendered without fetching styles from this test's server
        cls.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        cls.invoice = cls.make_invoice(
            cls.customer, 1000, cls.today - timedelta(days=60), cls.today - timedelta(days=30)
        )
        cls.second = cls.make_invoice(cls.customer, 500, cls.today - timedelta(days=20), cls.today + timedelta(days=10))
        accounting = cls.env["res.partner"].create(
            {"name": "Li Na", "parent_id": cls.customer.id, "type": "invoice", "email": "li.na@huaxin.example.com"}
        )
        cls.portal_user = new_test_user(
            cls.env, "smec_portal_li", groups="base.group_portal", partner_id=accounting.id, company_id=cls.company.id
        )
        stranger = cls.env["res.partner"].create({"name": "Rival Trading Ltd", "is_company": True})
        cls.stranger_user = new_test_user(
            cls.env,
            "smec_portal_rival",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"].create({"name": "Wang", "parent_id": stranger.id}).id,
            company_id=cls.company.id,
        )
        cls.env.user.group_ids |= cls.env.ref("smec_credit_collection.group_collection_manager")
        cls.statement = cls.env["smec.collection.statement"].create(
            {"partner_id": cls.customer.id, "date_from": cls.today - timedelta(days=90)}
        )
        cls.statement._smec_action_write({"state": "sent"})

    def confirm(self, **params):
        return self.make_jsonrpc_request(
            f"/my/statements/{self.statement.id}/confirm", {"name": "Li Na", "signature": SIGNATURE, **params}
        )

    def test_the_customers_contact_confirms_with_a_signature(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        page = self.url_open(f"/my/statements/{self.statement.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice.name, page.text)
        self.assertIn("Confirm the Balance", page.text)
        answer = self.confirm()
        self.assertNotIn("error", answer, answer)
        statement = self.statement
        statement.invalidate_recordset()
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(
            (statement.portal_signed_by, statement.portal_partner_id), ("Li Na", self.portal_user.partner_id)
        )
        self.assertEqual((statement.confirmed_amount, statement.returned_date), (1500.0, self.today))
        pdf = statement.signed_attachment_id.raw
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(statement.signed_hash, hashlib.sha256(pdf).hexdigest())
        self.assertTrue(statement.portal_signature)
        # the confirmed balance acknowledges both open invoices for the limitation clock
        events = (self.invoice | self.second).smec_limitation_event_ids
        self.assertEqual(sorted(events.mapped("kind")), ["confirmation", "confirmation"])
        self.assertEqual(set(events.mapped("date")), {self.today})
        # answered once
        self.assertIn("error", self.confirm())

    def test_another_customers_user_is_refused_even_with_the_link(self):
        self.authenticate(self.stranger_user.login, self.stranger_user.login)
        page = self.url_open(f"/my/statements/{self.statement.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        token = self.statement._portal_ensure_token()
        page = self.url_open(f"/my/statements/{self.statement.id}?access_token={token}", allow_redirects=False)
        self.assertEqual(page.status_code, 303, "the link does not open another customer's statement")
        self.assertEqual(self.confirm().get("error"), "Invalid statement.")
        token = self.statement._portal_ensure_token()
        self.assertEqual(self.confirm(access_token=token).get("error"), "Invalid statement.")
        self.statement.invalidate_recordset()
        self.assertEqual(self.statement.state, "sent")
        self.assertFalse(self.invoice.smec_limitation_event_ids)

    def test_the_link_alone_lets_the_customer_confirm(self):
        token = self.statement._portal_ensure_token()
        page = self.url_open(f"/my/statements/{self.statement.id}?access_token={token}")
        self.assertIn(self.invoice.name, page.text)
        answer = self.confirm(access_token=token)
        self.assertNotIn("error", answer, answer)
        self.statement.invalidate_recordset()
        self.assertEqual((self.statement.state, self.statement.portal_partner_id.id), ("confirmed", False))

    def test_disputed_lines_open_disputes(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        line = self.invoice.line_ids.filtered(lambda aml: aml.account_type == "asset_receivable")
        self.url_open(
            f"/my/statements/{self.statement.id}/dispute",
            data={"line_ids": [line.id], "reason": "10 boxes arrived broken", "csrf_token": self.csrf_token()},
        )
        self.statement.invalidate_recordset()
        self.assertEqual(self.statement.state, "disputed")
        dispute = self.env["smec.collection.dispute"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual((dispute.line_ids.move_id, dispute.amount), (self.invoice, 1000.0))
        self.assertEqual(dispute.description, "10 boxes arrived broken")

    def test_a_line_of_another_statement_cannot_be_disputed(self):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        stranger_invoice = self.make_invoice(
            self.stranger_user.partner_id.commercial_partner_id, 300, self.today - timedelta(days=5)
        )
        line = stranger_invoice.line_ids.filtered(lambda aml: aml.account_type == "asset_receivable")
        self.url_open(
            f"/my/statements/{self.statement.id}/dispute",
            data={"line_ids": [line.id], "reason": "Not ours", "csrf_token": self.csrf_token()},
        )
        self.statement.invalidate_recordset()
        self.assertEqual(self.statement.state, "sent")
        self.assertFalse(self.env["smec.collection.dispute"].search([("description", "=", "Not ours")]))

    def test_the_customer_promises_on_the_portal(self):
        """Within the company's horizon (90 days), once per statement, over the
        overdue invoices its amount pays; it waits for a collector's acceptance
        before it pauses dunning."""
        self.authenticate(self.portal_user.login, self.portal_user.login)
        url = f"/my/statements/{self.statement.id}/promise"
        Promise = self.env["smec.collection.promise"]
        for day, amount, message in (
            (self.today - timedelta(days=1), "500", "Choose a day from today until"),
            (self.today + timedelta(days=91), "500", "Choose a day from today until"),
            (self.today + timedelta(days=10), "1200", "At most $\xa01,000.00 is open"),
        ):
            with self.subTest(day=day, amount=amount):
                page = self.url_open(url, data={"date": str(day), "amount": amount, "csrf_token": self.csrf_token()})
                self.assertIn(message, page.text)
        self.assertFalse(Promise.search([("partner_id", "=", self.customer.id)]))
        self.url_open(
            url, data={"date": str(self.today + timedelta(days=10)), "amount": "800", "csrf_token": self.csrf_token()}
        )
        promise = Promise.search([("partner_id", "=", self.customer.id)])
        # the overdue invoice only: the second is not due yet
        self.assertEqual(
            (promise.channel, promise.portal_user_id, promise.invoice_ids, promise.amount, promise.state),
            ("portal", self.portal_user, self.invoice, 800.0, "proposed"),
        )
        self.assertEqual(promise.statement_id, self.statement)
        self.assertIn("accept or refuse", promise.activity_ids.summary)
        # once per statement
        page = self.url_open(
            url, data={"date": str(self.today + timedelta(days=5)), "amount": "100", "csrf_token": self.csrf_token()}
        )
        self.assertIn("You already promised to pay on this statement", page.text)
        self.assertIn("we will confirm it shortly", page.text)
        self.assertEqual(Promise.search_count([("partner_id", "=", self.customer.id)]), 1)
        # not yet accepted, it pauses nothing; accepted by a collector, dunning waits for it
        self.assertIn(self.customer.id, self.dunned())
        agent = self._user("smec_portal_collector", "smec_credit_collection.group_collection_agent")
        promise.with_user(agent).action_accept()
        self.assertEqual(promise.state, "open")
        self.assertNotIn(self.customer.id, self.dunned())

    def dunned(self):
        """The partners today's dunning run would chase."""
        self.env.flush_all()
        run = self.env["smec.collection.run"].new({"company_id": self.company.id, "date": self.today})
        return {row[0] for row in self.env.execute_query(run._candidates_sql(0))}

    def test_another_customer_cannot_promise_for_this_one(self):
        self.authenticate(self.stranger_user.login, self.stranger_user.login)
        token = self.statement._portal_ensure_token()
        self.url_open(
            f"/my/statements/{self.statement.id}/promise?access_token={token}",
            data={
                "date": str(self.today + timedelta(days=10)),
                "amount": "100",
                "csrf_token": self.csrf_token("/my/account"),
            },
        )
        self.assertFalse(self.env["smec.collection.promise"].search([("partner_id", "=", self.customer.id)]))

    def csrf_token(self, url=None):
        page = self.url_open(url or f"/my/statements/{self.statement.id}")
        return page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
