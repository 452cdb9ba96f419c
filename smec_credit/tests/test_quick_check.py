"""Which customers get the full 5C and which the quick check: by expected
yearly sales under the company's threshold, unless a tag asks for the full 5C."""

from odoo import Command
from odoo.tests import tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestQuickCheck(SmecCreditCommon):
    def test_quick_check_or_full_5c(self):
        self.company.write({"smec_full_5c_min_sales": 100000})
        key = self.env["res.partner.category"].create({"name": "Key account"})
        self.company.smec_full_5c_tag_ids = key
        Partner = self.env["res.partner"]
        small = Partner.create({"name": "Small Buyer", "is_company": True, "smec_expected_yearly_sales": 50000})
        tagged_small = Partner.create(
            {
                "name": "Small Key Buyer",
                "is_company": True,
                "smec_expected_yearly_sales": 50000,
                "category_id": [Command.set(key.ids)],
            }
        )
        big = Partner.create({"name": "Big Buyer", "is_company": True, "smec_expected_yearly_sales": 150000})
        Assessment = self.env["smec.credit.assessment"]
        depth = {p.name: Assessment.create({"partner_id": p.id}).scorecard_id.depth for p in (small, tagged_small, big)}
        self.assertEqual(depth, {"Small Buyer": "quick", "Small Key Buyer": "full", "Big Buyer": "full"})
        quick = Assessment.create({"partner_id": small.id})
        self.assertEqual(
            sorted(quick.answer_ids.mapped("criterion_id.name")),
            sorted(
                [
                    "Share of invoices paid on time",
                    "Litigation and dishonesty record",
                    "Years in business",
                    "Longest overdue",
                    "Guarantees, deposits or credit insurance",
                    "Industry risk level",
                ]
            ),
        )
