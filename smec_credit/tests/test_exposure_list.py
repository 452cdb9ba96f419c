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
