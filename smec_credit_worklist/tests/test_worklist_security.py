"""The worklist over JSON-RPC, as a collector, a Collection Manager and a salesperson would call it: each sees
what the rules let them, and every value sent is applied or refused with the field named, never dropped."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import WorklistCommon

MODEL = "smec.credit.worklist"


@tagged("post_install", "-at_install")
class TestWorklistSecurity(WorklistCommon):
    def test_a_collector_reads_their_own_list_only(self):
        rows = self.call_ok(self.collector, MODEL, "search_read", [("date", "=", str(self.D))], ["partner_id", "score"])
        self.assertEqual([r["partner_id"][0] for r in rows], [self.b.id, self.c.id, self.a.id, self.d.id, self.e.id])
        self.assertEqual([r["score"] for r in rows], [3000.0, 2250.0, 2000.0, 1500.0, 0.0])
        self.assertEqual(self.call_ok(self.collector_2, MODEL, "search_read", [], ["partner_id"]), [])
        self.call_refused(self.collector_2, "AccessError", ".+", MODEL, "read", [self.row(self.b).id], ["score"])
        self.call_refused(self.collector_2, "AccessError", ".+", MODEL, "action_no_answer", [self.row(self.b).id])

    def test_what_a_collector_sends_is_applied_or_refused(self):
        row = self.row(self.b)
        self.call_ok(self.collector, MODEL, "write", [row.id], {"note": "Pays on Friday"})
        self.assertEqual(row.note, "Pays on Friday")
        message = self.call_refused(self.collector, "UserError", "Worth a Call", MODEL, "write", [row.id], {"score": 1})
        self.assertIn("score=1", message)
        self.call_refused(
            self.collector,
            "AccessError",
            "buttons only",
            MODEL,
            "write",
            [row.id],
            {"done": True, "outcome": "promised"},
        )
        self.call_refused(
            self.collector,
            "AccessError",
            "Only a Collection Manager reassigns",
            MODEL,
            "write",
            [row.id],
            {"user_id": self.collector_2.id},
        )
        # the collector the row has already: no change, accepted
        self.call_ok(self.collector, MODEL, "write", [row.id], {"user_id": self.collector.id, "note": "Again"})
        self.call_refused(
            self.collector, "AccessError", ".+", MODEL, "create", {"partner_id": self.b.id, "date": str(self.D)}
        )
        self.assertEqual((row.score, row.done, row.user_id, row.note), (3000.0, False, self.collector, "Again"))
        self.call_ok(self.collector, MODEL, "action_no_answer", [row.id])
        self.assertEqual(row.attempts, 1)

    def test_a_manager_reassigns_over_rpc(self):
        row = self.row(self.d)
        rows = self.call_ok(self.manager, MODEL, "search_read", [("date", "=", str(self.D))], ["partner_id"])
        self.assertEqual(len(rows), 5)
        self.call_ok(self.manager, MODEL, "write", [row.id], {"user_id": self.collector_2.id})
        self.assertEqual(self.d.with_company(self.company).smec_collector_id, self.collector_2)
        rows = self.call_ok(self.collector_2, MODEL, "search_read", [], ["partner_id"])
        self.assertEqual([r["partner_id"][0] for r in rows], [self.d.id])
        self.call_refused(
            self.manager, "UserError", "not a collection user", MODEL, "write", [row.id], {"user_id": self.salesman.id}
        )
        self.call_refused(self.manager, "AccessError", ".+", MODEL, "unlink", [row.id])

    def test_a_salesperson_has_no_worklist(self):
        self.call_refused(self.salesman, "AccessError", ".+", MODEL, "search_read", [], ["partner_id"])
        self.call_refused(self.salesman, "AccessError", "collection users", MODEL, "action_open_worklist")

    def test_another_company_s_list_stays_out(self):
        other = self.env["res.company"].create({"name": "Other Wholesaler"})
        stranger = self.env["res.partner"].create({"name": "Stranger", "is_company": True})
        self.Worklist.sudo().create({"company_id": other.id, "partner_id": stranger.id, "date": self.D})
        rows = self.call_ok(self.manager, MODEL, "search_read", [], ["partner_id"])
        self.assertNotIn(stranger.id, [r["partner_id"][0] for r in rows])
        both = new_test_user(
            self.env,
            "smec_wl_manager_two",
            groups="smec_credit_collection.group_collection_manager",
            company_id=other.id,
            company_ids=[Command.set((self.company | other).ids)],
        )
        rows = self.call_ok(both, MODEL, "search_read", [], ["partner_id"], context={"allowed_company_ids": other.ids})
        self.assertEqual([r["partner_id"][0] for r in rows], [stranger.id])

    def test_a_collector_who_edits_contacts_does_not_reassign_from_the_partner_form(self):
        seller = new_test_user(
            self.env,
            "smec_wl_seller",
            groups="smec_credit_collection.group_collection_agent,base.group_partner_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        self.call_refused(
            seller,
            "AccessError",
            "Collector",
            "res.partner",
            "write",
            [self.d.id],
            {"smec_collector_id": seller.id},
        )
        # what the partner has already is no change: the form sends it back with the rest
        self.call_ok(
            seller, "res.partner", "write", [self.d.id], {"smec_collector_id": self.collector.id, "phone": "1"}
        )
        self.assertEqual(self.d.with_company(self.company).smec_collector_id, self.collector)
        # the Collection Manager reassigns through the worklist: the customer's change log says so
        self.call_ok(self.manager, MODEL, "write", [self.row(self.d).id], {"user_id": self.collector_2.id})
        log = self.env["smec.credit.log"].search(
            [("partner_id", "=", self.d.id), ("field", "=", "collector")], order="id desc", limit=1
        )
        self.assertEqual((log.old_value, log.new_value), (self.collector.name, self.collector_2.name))
        self.assertIn("Reassigned in the worklist by", log.reason)
