"""The exposure list as the Credit User reads it over HTTP: a customer held for any reason stands out, with the
reason, not only a customer over its limit."""

from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestExposureList(SmecCreditCommon, RpcCase):
    def test_a_customer_held_for_any_reason_stands_out_with_the_reason(self):
        Partner = self.env["res.partner"]
        # grade D, a blocking flag, 69,000 open for 267 days, no limit of its own (grade D's is 0)
        worst = Partner.create({"name": "Haifeng Renovation Team", "is_company": True})
        worst.sudo().write({"smec_grade_id": self.grade["D"].id})
        self.make_invoice(worst, 69000, self.today - timedelta(days=297), self.today - timedelta(days=267))
        flag = self.env["smec.credit.risk.flag"].create(
            {"partner_id": worst.id, "flag_type": "dishonest_debtor", "blocking": True, "source": "court"}
        )
        # grade D without a flag: its policy blocks every credit order
        cash_only = Partner.create({"name": "Cash Only Shop", "is_company": True})
        cash_only.sudo().write({"smec_grade_id": self.grade["D"].id})
        self.make_invoice(cash_only, 500, self.today)
        # grade A over its limit: 12,000 open against 10,000
        over = Partner.create({"name": "Busy Builders", "is_company": True})
        over.sudo().write({"smec_grade_id": self.grade["A"].id, "credit_limit": 10000})
        self.make_invoice(over, 12000, self.today)
        # grade B within its limit and paying on time: not held
        fine = Partner.create({"name": "Steady Tiles", "is_company": True})
        fine.sudo().write({"smec_grade_id": self.grade["B"].id, "credit_limit": 10000})
        self.make_invoice(fine, 3000, self.today)
        self.env.flush_all()

        rows = self.call_ok(
            self.credit_user,
            "smec.credit.exposure.report",
            "search_read",
            [("partner_id", "in", (worst | cash_only | over | fine).ids)],
            ["partner_id", "credit_limit", "exposure", "utilisation", "max_overdue_days", "hold_reason", "hold_detail"],
            order="partner_id",
        )
        by_name = {row["partner_id"][1]: row for row in rows}
        self.assertEqual(
            {name: (row["hold_reason"], row["hold_detail"]) for name, row in by_name.items()},
            {
                "Haifeng Renovation Team": (
                    "flag",
                    f"Risk flag: {flag.display_name}; 267 days overdue (held after 90)",
                ),
                "Cash Only Shop": ("grade_block", f"Grade {self.grade['D'].display_name}: orders blocked"),
                "Busy Builders": ("limit", "Exposure $\xa012,000.00 over the limit $\xa010,000.00"),
                "Steady Tiles": (False, ""),
            },
        )
        worst_row = by_name["Haifeng Renovation Team"]
        self.assertEqual(
            (worst_row["credit_limit"], worst_row["exposure"], worst_row["max_overdue_days"]), (0.0, 69000.0, 267)
        )
        # the list marks every held row, not only those over a limit
        arch = self.call_ok(self.credit_user, "smec.credit.exposure.report", "get_views", [[False, "list"]])["views"][
            "list"
        ]["arch"]
        self.assertIn('decoration-danger="hold_reason"', arch)
        held = self.call_ok(
            self.credit_user,
            "smec.credit.exposure.report",
            "search_count",
            [("partner_id", "in", (worst | cash_only | over | fine).ids), ("hold_reason", "!=", False)],
        )
        self.assertEqual(held, 3)

    # ------------------------------------------------------------
    # the list's policy is the order check's, read for all customers at once
    # ------------------------------------------------------------

    def approve(self, order, decision, increase=0.0, until=None):
        approval = (
            self.env["smec.credit.approval"]
            .with_user(self.salesman)
            .create({"order_id": order.id, "request_note": "A good customer"})
        )
        approval.action_request()
        decided = {"decision": decision, "decision_note": "Agreed"}
        if decision == "temporary":
            decided.update({"temp_limit_increase": increase, "temp_until": until})
        approval.with_user(self.credit_manager).write(decided)
        approval.with_user(self.credit_manager).action_approve()
        return approval

    def test_the_lists_figures_are_the_order_checks(self):
        """Four customers, limit 10,000 each; the list reads their limit, increase, flags and exposure for all of
        them in one pass, the order check for one customer at a time: the figures must be the same.

        * Increase: 4,200 open, then an order of 9,000 approved with a temporary increase of 5,000 valid until
          today, and confirmed; a blocking flag lifted today: exposure 13,200 against 15,000, 88 % used, 1,800
          left, not held.
        * Flagged: 3,000 open and a blocking flag: 30 %, 7,000 left, held by the flag.
        * Approved once: 2,000 open, then an order of 12,000 approved once (over the limit) and confirmed:
          14,000 against 10,000, 140 %, -4,000 left, held by the limit for any other order.
        * Increase ended: 11,000 open and an increase of 3,000 that ended yesterday: 110 %, -1,000 left, held
          by the limit."""
        Partner = self.env["res.partner"]
        names = ("Increase", "Flagged", "Approved once", "Increase ended")
        customers = {
            name: Partner.create({"name": name, "is_company": True, "user_id": self.salesman.id}) for name in names
        }
        for customer in customers.values():
            customer.sudo().credit_limit = 10000
        self.make_invoice(customers["Increase"], 4200, self.today)
        self.make_invoice(customers["Flagged"], 3000, self.today)
        self.make_invoice(customers["Approved once"], 2000, self.today)
        self.make_invoice(customers["Increase ended"], 11000, self.today)

        peak = self.make_order(customers["Increase"], 9000, user=self.salesman)
        self.approve(peak, "temporary", 5000, self.today)
        peak.with_user(self.salesman).action_confirm()
        Flag = self.env["smec.credit.risk.flag"]
        lifted = Flag.create(
            {"partner_id": customers["Increase"].id, "flag_type": "dishonest_debtor", "blocking": True}
        )
        lifted.action_lift()
        flag = Flag.create({"partner_id": customers["Flagged"].id, "flag_type": "dishonest_debtor", "blocking": True})
        big = self.make_order(customers["Approved once"], 12000, user=self.salesman)
        self.approve(big, "once")
        big.with_user(self.salesman).action_confirm()
        self.assertEqual(big.state, "sale")
        ended = self.approve(
            self.make_order(customers["Increase ended"], 500, user=self.salesman), "temporary", 3000, self.days(5)
        )
        # (no user may date an increase in the past: its end is moved as time would move it)
        self.env.flush_all()
        self.env.cr.execute("UPDATE smec_credit_approval SET temp_until = %s WHERE id = %s", [self.days(-1), ended.id])
        self.env.invalidate_all()

        rows = (
            self.env["smec.credit.exposure.report"]
            .with_user(self.credit_user)
            .search([("partner_id", "in", [c.id for c in customers.values()])])
        )
        listed = {
            row.partner_id.name: (
                row.credit_limit,
                row.temporary_increase,
                row.exposure,
                row.available,
                row.utilisation,
                row.flagged,
                row.hold_reason,
            )
            for row in rows
        }
        self.assertEqual(
            listed,
            {
                "Increase": (10000.0, 5000.0, 13200.0, 1800.0, 88.0, False, False),
                "Flagged": (10000.0, 0.0, 3000.0, 7000.0, 30.0, True, "flag"),
                "Approved once": (10000.0, 0.0, 14000.0, -4000.0, 140.0, False, "limit"),
                "Increase ended": (10000.0, 0.0, 11000.0, -1000.0, 110.0, False, "limit"),
            },
        )
        # the order check of a new quotation of 100 for each: the same limit, increase, flags and exposure, and
        # it is held for the reason the list shows (the 100 changes no reason: 13,300 stays within 15,000)
        for name, customer in customers.items():
            with self.subTest(customer=name):
                quotation = self.make_order(customer, 100, user=self.salesman)
                [facts] = self.env["smec.credit.order.check"]._order_check_facts(quotation, lock=False)
                policy = facts["policy"]
                limit, increase, exposure, _available, utilisation, flagged, held = listed[name]
                self.assertEqual(
                    (policy["limit"], policy["temporary_increase"], facts["exposure"]["total"]),
                    (limit, increase, exposure),
                )
                self.assertEqual(round(100 * exposure / (limit + increase), 2), utilisation)
                self.assertEqual(policy["flag_ids"], flag.ids if flagged else [])
                reasons = quotation._smec_credit_gate(lock=False)[quotation]
                self.assertEqual([r["code"] for r in reasons], [held] if held else [])
