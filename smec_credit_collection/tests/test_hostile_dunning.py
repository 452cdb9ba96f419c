from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .test_dunning import DUE, DunningCommon


@tagged("post_install", "-at_install")
class TestDunningHoldsItsRules(DunningCommon, RpcCase):
    """Collectors, managers and users of another company call the dunning
    models over HTTP with whatever values and context they like."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = cls._user("smec_dunning_agent", "smec_credit_collection.group_collection_agent")
        cls.manager = cls._user("smec_dunning_manager", "smec_credit_collection.group_collection_manager")
        cls.make_invoice(cls.customer, 1000, DUE - timedelta(days=30), DUE)
        with freeze_time(f"{DUE + timedelta(days=8)} 02:00:00"):
            cls.env["smec.collection.run"]._cron_run()
        contacts = cls.env["smec.collection.contact"].search([("partner_id", "=", cls.customer.id)])
        cls.email = contacts.filtered(lambda c: c.channel == "email")
        cls.call_task = contacts.filtered(lambda c: c.channel == "call")

    def test_a_contact_is_written_by_the_run_only(self):
        self.call_refused(
            self.agent,
            "AccessError",
            "not allowed to create",
            "smec.collection.contact",
            "create",
            [{"partner_id": self.customer.id, "stage_id": self.stage[7].id, "channel": "email"}],
        )
        self.call_refused(
            self.manager, "AccessError", "not allowed to create", "smec.collection.contact", "copy", [self.email.id]
        )
        for vals in ({"state": "delivered"}, {"call_outcome": "promised"}):
            with self.subTest(vals=vals):
                self.call_refused(
                    self.agent,
                    "AccessError",
                    "buttons only",
                    "smec.collection.contact",
                    "write",
                    [self.call_task.id],
                    vals,
                )
        # what the run wrote stays (another value is refused, naming it); what happened next is recorded
        self.call_refused(
            self.agent,
            "UserError",
            "Amount Due, Email, Partner of a Dunning Contact cannot be set",
            "smec.collection.contact",
            "write",
            [self.email.id],
            {
                "amount_total": 1,
                "partner_id": self.agent.partner_id.id,
                "mail_id": False,
                "call_note": "left a message",
            },
        )
        self.call_ok(self.agent, "smec.collection.contact", "write", [self.email.id], {"call_note": "left a message"})
        self.email.invalidate_recordset()
        self.assertEqual((self.email.amount_total, self.email.partner_id), (1000.0, self.customer))
        self.assertTrue(self.email.mail_id)
        self.call_refused(
            self.agent,
            "UserError",
            "Only a letter is signed for",
            "smec.collection.contact",
            "write",
            [self.email.id],
            {"signed_date": str(DUE)},
        )
        self.call_refused(
            self.agent,
            "UserError",
            "Unknown call outcome",
            "smec.collection.contact",
            "action_record_outcome",
            [self.call_task.id],
            "paid_in_gold",
        )
        # "promised" is the call's outcome once the promise is saved, not when its dialog opens
        action = self.call_ok(self.agent, "smec.collection.contact", "action_promised", [self.call_task.id])
        self.call_task.invalidate_recordset()
        self.assertEqual((self.call_task.call_outcome, self.call_task.state), (False, "sent"))
        self.call_ok(self.agent, "smec.collection.promise", "create", [{}], context=action["context"])
        self.call_task.invalidate_recordset()
        self.assertEqual((self.call_task.call_outcome, self.call_task.state), ("promised", "delivered"))

    def test_only_a_collection_manager_runs_and_edits_a_run(self):
        self.call_refused(
            self.agent,
            "AccessError",
            "not allowed to create",
            "smec.collection.run",
            "create",
            [{"company_id": self.company.id}],
        )
        # a kind sent as a default is refused (only the scheduler's runs are scheduled), and a state
        # sent as a default is refused unless the values set the state themselves (as Odoo uses a default)
        self.call_refused(
            self.manager,
            "UserError",
            "Kind of a Dunning Run cannot be set",
            "smec.collection.run",
            "create",
            [{"company_id": self.company.id, "state": "preview"}],
            context={"default_state": "done", "default_kind": "scheduled"},
        )
        self.call_refused(
            self.manager,
            "AccessError",
            "buttons only",
            "smec.collection.run",
            "create",
            [{"company_id": self.company.id}],
            context={"default_state": "done"},
        )
        run_id = self.call_ok(
            self.manager,
            "smec.collection.run",
            "create",
            [{"company_id": self.company.id, "state": "preview"}],
            context={"default_state": "done"},
        )[0]
        run = self.env["smec.collection.run"].browse(run_id)
        self.assertEqual((run.state, run.kind), ("preview", "manual"))
        for method in ("action_preview", "action_confirm", "action_cancel"):
            with self.subTest(method=method):
                self.call_refused(
                    self.agent, "AccessError", "Only a Collection Manager", "smec.collection.run", method, [run_id]
                )
        self.call_refused(
            self.agent,
            "AccessError",
            "Only a Collection Manager",
            "smec.collection.contact",
            "action_skip",
            [self.email.id],
        )
        self.call_refused(
            self.manager, "AccessError", "buttons only", "smec.collection.run", "write", [run_id], {"state": "done"}
        )

    def test_another_companys_user_sees_nothing(self):
        other = self.setup_other_company()["company"]
        outsider = self.env["res.users"].create(
            {
                "name": "Outsider",
                "login": "smec_dunning_outsider",
                "password": "smec_dunning_outsider",
                "company_id": other.id,
                "company_ids": [(6, 0, other.ids)],
                "group_ids": [(6, 0, self.env.ref("smec_credit_collection.group_collection_manager").ids)],
            }
        )
        self.call_refused(
            outsider,
            "AccessError",
            "multi-company issue|not allowed",
            "smec.collection.contact",
            "read",
            [self.email.id],
            ["amount_total"],
        )
        self.assertEqual(self.call_ok(outsider, "smec.collection.contact", "search", []), [])
        self.call_refused(
            outsider,
            "AccessError",
            "multi-company issue|not allowed",
            "smec.collection.run",
            "action_confirm",
            self.email.run_id.ids,
        )

    def test_bad_plans_and_stages_are_refused(self):
        self.call_refused(
            self.manager,
            "ValidationError",
            "has no active stage",
            "smec.collection.plan",
            "create",
            [{"name": "Empty", "company_id": self.company.id}],
        )
        message = self.call_refused(
            self.manager,
            "ValidationError",
            "same day",
            "smec.collection.stage",
            "create",
            [{"name": "Twice", "plan_id": self.plan.id, "days_overdue": 30, "channel_email": True}],
        )
        self.assertNotIn("psycopg2", message)
        self.call_refused(
            self.manager,
            "ValidationError",
            "does nothing",
            "smec.collection.stage",
            "create",
            [{"name": "Idle", "plan_id": self.plan.id, "days_overdue": 45}],
        )
        self.call_refused(
            self.manager,
            "ValidationError",
            "positive",
            "smec.collection.stage",
            "write",
            [self.stage[7].id],
            {"interval_days": 0},
        )
        self.assertEqual(len(self.plan.stage_ids), 5)

    def test_statement_figures_are_computed(self):
        vals = {"partner_id": self.customer.id, "date_from": "2026-01-01", "date_to": str(DUE)}
        self.call_refused(
            self.agent,
            "UserError",
            r"Closing Balance of a Statement of Account cannot be set.*closing_balance=1",
            "smec.collection.statement",
            "create",
            [{**vals, "closing_balance": 1}],
        )
        statement_id = self.call_ok(self.agent, "smec.collection.statement", "create", [vals])[0]
        statement = self.env["smec.collection.statement"].browse(statement_id)
        self.assertEqual(statement.closing_balance, 1000.0)
        self.call_refused(
            self.agent,
            "AccessError",
            "buttons only",
            "smec.collection.statement",
            "write",
            [statement_id],
            {"state": "confirmed"},
        )

    def test_the_limitation_clock_cannot_be_forged_over_rpc(self):
        invoice = self.email.line_ids.move_id
        expiry = invoice.smec_limitation_expiry
        accountant = self._user("smec_lim_rpc_accountant", "account.group_account_invoice")
        self.call_refused(
            accountant,
            "UserError",
            "Claim Expires On, Limitation Runs From of a Journal Entry cannot be set",
            "account.move",
            "write",
            [invoice.id],
            {"smec_limitation_expiry": "2099-01-01", "smec_limitation_start": "2099-01-01"},
        )
        invoice.invalidate_recordset()
        self.assertEqual(invoice.smec_limitation_expiry, expiry)
        # an event claiming a source it does not have is refused for want of evidence
        self.call_refused(
            self.agent,
            "ValidationError",
            "evidence",
            "smec.collection.limitation.event",
            "create",
            [{"move_id": invoice.id, "kind": "demand", "date": str(DUE), "contact_id": self.email.id}],
        )
        # users of the invoices without collection rights read, never write
        self.call_refused(
            accountant,
            "AccessError",
            "not allowed to create",
            "smec.collection.limitation.event",
            "create",
            [{"move_id": invoice.id, "kind": "filing", "date": str(DUE)}],
        )
        self.assertFalse(invoice.smec_limitation_event_ids)

    def test_legal_files_and_promises_hold_their_rules_over_rpc(self):
        invoice = self.email.line_ids.move_id
        legal = self.env["smec.collection.legal.file"].create(
            {"partner_id": self.customer.id, "invoice_ids": [(6, 0, invoice.ids)]}
        )
        for method in ("action_close", "action_file_suit", "action_lawyer_letter_sent"):
            with self.subTest(method=method):
                self.call_refused(
                    self.agent, "AccessError", "Collection Manager", "smec.collection.legal.file", method, [legal.id]
                )
        self.call_refused(
            self.agent,
            "AccessError",
            "buttons only",
            "smec.collection.legal.file",
            "write",
            [legal.id],
            {"state": "closed"},
        )
        self.call_refused(
            self.agent,
            "AccessError",
            "not allowed to create",
            "smec.collection.legal.file",
            "create",
            [{"partner_id": self.customer.id}],
        )
        legal.invalidate_recordset()
        self.assertEqual(legal.state, "preparing")
        vals = {
            "partner_id": self.customer.id,
            "invoice_ids": [(6, 0, invoice.ids)],
            "line_ids": [(0, 0, {"date": str(DUE + timedelta(days=20)), "amount": 500})],
        }
        with freeze_time(f"{DUE + timedelta(days=8)} 03:00:00"):
            self.call_refused(
                self.agent,
                "UserError",
                "Amount Promised, Escalated, Received of a Promise to Pay cannot be set",
                "smec.collection.promise",
                "create",
                [{**vals, "amount": 1, "paid_amount": 999, "escalated": True}],
            )
            promise_id = self.call_ok(self.agent, "smec.collection.promise", "create", [vals])[0]
        promise = self.env["smec.collection.promise"].browse(promise_id)
        # what only the code computes is its own
        self.assertEqual((promise.amount, promise.paid_amount, promise.escalated), (500.0, 0.0, False))
        self.call_refused(
            self.agent,
            "AccessError",
            "buttons only",
            "smec.collection.promise",
            "write",
            [promise_id],
            {"state": "kept"},
        )
