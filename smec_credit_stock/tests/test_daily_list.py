from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import SmecCreditStockCommon


@tagged("post_install", "-at_install")
class TestDailyList(SmecCreditStockCommon):
    """Each morning the Credit Managers get one activity listing the deliveries
    held that were scheduled for the day, with their values."""

    def test_one_list_a_day_and_none_twice(self):
        self.overdue(self.customer, 1500, 100)
        now = fields.Datetime.now()
        _o1, held_1 = self.sell(self.customer, 10)  # 1,000.00
        _o2, held_2 = self.sell(self.customer, 5)  # 500.00
        _o3, later = self.sell(self.customer, 3)
        good = self.env["res.partner"].create({"name": "Pays On Time", "is_company": True})
        _o4, fine = self.sell(good, 4)
        (held_1 | held_2 | fine).scheduled_date = now
        later.scheduled_date = now + timedelta(days=2)
        Day = self.env["smec.credit.delivery.hold.day"]
        Day._cron_smec_held_deliveries()
        day = Day.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(day), 1)
        self.assertEqual(day.picking_ids, held_1 | held_2)
        self.assertEqual(day.amount, 1500)
        self.assertIn(held_1.name, day.summary)
        self.assertIn("100 days past due", day.summary)
        managers = self.env.ref("smec_credit.group_credit_manager").user_ids.filtered(
            lambda u: self.company in u.company_ids
        )
        self.assertIn(self.credit_manager, managers)
        self.assertEqual(sorted(day.activity_ids.user_id.ids), sorted(managers.ids))
        self.assertEqual(
            day.activity_ids[:1].summary, f"2 deliveries held for credit today ({self.currency.format(1500)})"
        )
        # run again (or after a crash): nothing twice
        Day._cron_smec_held_deliveries()
        self.assertEqual(Day.search([("company_id", "=", self.company.id)]), day)
        self.assertEqual(len(day.activity_ids), len(managers))
        # a Credit Manager reads it; the warehouse does not
        self.assertEqual(Day.with_user(self.credit_manager).search([]), day)
        self.assertFalse(self.env["smec.credit.delivery.hold.day"].with_user(self.stock_user).has_access("read"))
