import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from odoo.addons.smec_workday.models.smec_workday_year import UnknownWorkdayYear

D = datetime.date


@tagged("post_install", "-at_install")
class TestWorkday(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Year = cls.env["smec.workday.year"]
        cls.manager = new_test_user(cls.env, "smec_wd_manager", groups="smec_workday.group_workday_manager")
        cls.employee = new_test_user(cls.env, "smec_wd_employee", groups="base.group_user")
        # a future year nobody has entered, whatever the package knows by then
        cls.future = max(cls.Year.search([]).mapped("year")) + 1

    def test_seeded_from_the_package(self):
        y2026 = self.Year.search([("year", "=", 2026)])
        self.assertEqual((y2026.state, y2026.source), ("published", "package"))
        # 2026: 33 holiday dates (weekends inside them included), 6 make-up working days
        self.assertEqual((y2026.holiday_count, y2026.workday_count), (33, 6))
        self.assertIn(2004, self.Year.search([]).mapped("year"))
        # seeding again adds nothing
        self.assertFalse(self.Year._seed_from_package())

    def test_working_days_of_2026(self):
        is_working = self.Year.is_working_day
        self.assertFalse(is_working(D(2026, 2, 16)))  # Monday, Spring Festival
        self.assertTrue(is_working(D(2026, 2, 14)))  # Saturday, made a working day
        self.assertTrue(is_working(D(2026, 2, 28)))  # Saturday, made a working day
        self.assertFalse(is_working(D(2026, 3, 1)))  # an ordinary Sunday
        self.assertTrue(is_working(D(2026, 3, 2)))  # an ordinary Monday
        self.assertFalse(is_working(D(2026, 10, 7)))  # Wednesday, National Day

    def test_next_and_first_working_day(self):
        # Friday 13 Feb 2026 -> Saturday 14th is a make-up working day
        self.assertEqual(self.Year.next_working_day(D(2026, 2, 13)), D(2026, 2, 14))
        # Saturday 14th -> Spring Festival 15th-23rd -> Tuesday 24th
        self.assertEqual(self.Year.next_working_day(D(2026, 2, 14)), D(2026, 2, 24))
        self.assertEqual(self.Year.first_working_day(D(2026, 2, 18)), D(2026, 2, 24))
        self.assertEqual(self.Year.first_working_day(D(2026, 2, 24)), D(2026, 2, 24))

    def test_add_working_days(self):
        # from Thursday 12 Feb 2026, the start not counted: 13 (Fri), 14 (Sat, make-up),
        # 24, 25, 26 (after the Spring Festival)
        self.assertEqual(self.Year.add_working_days(D(2026, 2, 12), 5), D(2026, 2, 26))
        self.assertEqual(self.Year.add_working_days(D(2026, 2, 12), 0), D(2026, 2, 12))
        # 45 working days from Monday 1 Sep 2026: September has 21 working days after
        # the 1st (22 weekdays + Sunday 20th made working - Friday 25th Mid-autumn - the 1st
        # itself); October: 1-7 National Day, Saturday 10th made working; 8, 9, 10, 12-16
        # (5), 19-23 (5), 26-30 (5) = 18 -> 39 by 30 Oct; 6 more: 2-6 Nov, 9 Nov
        self.assertEqual(self.Year.add_working_days(D(2026, 9, 1), 45), D(2026, 11, 9))
        with self.assertRaises(ValidationError):
            self.Year.add_working_days(D(2026, 9, 1), -1)

    def test_an_unknown_year_is_refused_not_guessed(self):
        day = D(self.future, 3, 2)
        with self.assertRaisesRegex(UnknownWorkdayYear, str(self.future)) as caught:
            self.Year.is_working_day(day)
        self.assertEqual(caught.exception.year, self.future)
        # counting across the new year needs the next year too
        with self.assertRaises(UnknownWorkdayYear):
            self.Year.add_working_days(D(self.future - 1, 12, 28), 10)

    def test_a_manager_enters_and_publishes_next_year(self):
        year = self.Year.with_user(self.manager).create(
            {
                "year": self.future,
                "notice": "国办发明电",
                "day_ids": [
                    Command.create({"date": D(self.future, 1, 1), "kind": "holiday", "name": "元旦"}),
                ],
            }
        )
        # being entered: still refused
        with self.assertRaises(UnknownWorkdayYear):
            self.Year.is_working_day(D(self.future, 1, 1))
        year.action_publish()
        self.assertFalse(self.Year.is_working_day(D(self.future, 1, 1)))
        # a published year is corrected once set back to being entered, and the correction is seen at once
        # (the cached schedule follows)
        second = next(D(self.future, 1, d) for d in range(2, 9) if D(self.future, 1, d).weekday() < 5)
        with self.assertRaisesRegex(UserError, "set it back to being entered"):
            year.write({"day_ids": [Command.create({"date": second, "name": "元旦"})]})
        year.action_draft()
        year.write({"day_ids": [Command.create({"date": second, "name": "元旦"})]})
        year.action_publish()
        self.assertFalse(self.Year.is_working_day(second))

    def test_publishing_needs_holidays(self):
        year = self.Year.with_user(self.manager).create({"year": self.future})
        with self.assertRaisesRegex(UserError, "statutory holidays"):
            year.action_publish()
        self.assertEqual(year.state, "draft")

    def test_bad_days_are_refused(self):
        year = self.Year.create({"year": self.future})
        with self.assertRaisesRegex(ValidationError, "is not in"):
            year.day_ids = [Command.create({"date": D(self.future + 1, 1, 1)})]
        weekday = next(D(self.future, 1, d) for d in range(1, 8) if D(self.future, 1, d).weekday() == 2)
        with self.assertRaisesRegex(ValidationError, "Saturday or a Sunday"):
            year.day_ids = [Command.create({"date": weekday, "kind": "workday"})]

    def test_employees_read_but_do_not_edit(self):
        y2026 = self.Year.search([("year", "=", 2026)])
        self.assertEqual(y2026.with_user(self.employee).holiday_count, 33)
        with self.assertRaises(AccessError):
            y2026.with_user(self.employee).write({"state": "draft"})
        with self.assertRaises(AccessError):
            self.Year.with_user(self.employee).create({"year": self.future})
        with self.assertRaises(AccessError):
            self.Year.with_user(self.employee).action_seed_from_package()
