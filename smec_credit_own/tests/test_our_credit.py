"""The company's own credit: its obligations' deadlines moved by China's
holidays, reminders and the record of when each was done, supplier bills
flagged before they are due, large customers past the law's 60 days, public
records with what to do, all on one page."""

import datetime
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestOurCredit(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Obligation = cls.env["smec.credit.obligation"]
        cls.tax = Obligation.create(
            {
                "name": "Monthly VAT",
                "company_id": cls.company.id,
                "kind": "tax",
                "frequency": "monthly",
                "deadline_day": 15,
                "move_rule": "tax",
                "user_id": cls.credit_user.id,
            }
        )
        cls.settlement = Obligation.create(
            {
                "name": "Yearly income tax settlement",
                "company_id": cls.company.id,
                "kind": "tax",
                "frequency": "yearly",
                "deadline_month": 5,
                "deadline_day": 31,
                "open_month": 1,
                "move_rule": "rest_day",
                "user_id": cls.credit_user.id,
            }
        )
        cls.report = Obligation.create(
            {
                "name": "Yearly report",
                "company_id": cls.company.id,
                "kind": "annual_report",
                "frequency": "yearly",
                "deadline_month": 6,
                "deadline_day": 30,
                "open_month": 1,
                "move_rule": "none",
                "remind_days": 30,
                "user_id": cls.credit_user.id,
            }
        )

    def deadlines(self, obligation):
        return {d.date_nominal: d for d in obligation.deadline_ids}

    def test_tax_deadlines_moved_by_holidays(self):
        (self.tax | self.settlement | self.report)._make_deadlines(date(2026, 1, 1), date(2026, 12, 31))
        tax = self.deadlines(self.tax)
        self.assertEqual(len([day for day in tax if day.year == 2026]), 12)
        # January: New Year 1-3 January (3 days) -> 18 January, a Sunday -> Monday 19
        # February: the 15th is the Spring Festival's first day; no 3-day run before it -> Tuesday 24, after it
        # March: the 15th is a Sunday -> Monday 16
        # May: Labour Day 1-5 May (5 days) -> 20 May; October: National Day 1-7 (7 days) -> 22 October
        # December: the 15th is a Tuesday, not moved
        expected = {
            1: date(2026, 1, 19),
            2: date(2026, 2, 24),
            3: date(2026, 3, 16),
            5: date(2026, 5, 20),
            10: date(2026, 10, 22),
            12: date(2026, 12, 15),
        }
        self.assertEqual({m: tax[date(2026, m, 15)].date_deadline for m in expected}, expected)
        self.assertEqual(
            tax[date(2026, 5, 15)].moved_reason, "Extended by 5 days of holidays (2026-05-01 to 2026-05-05)."
        )
        self.assertFalse(tax[date(2026, 12, 15)].moved_reason)
        # the yearly settlement: 31 May 2026 is a Sunday -> 1 June; the yearly report's date is fixed
        self.assertEqual(self.deadlines(self.settlement)[date(2026, 5, 31)].date_deadline, date(2026, 6, 1))
        report = self.deadlines(self.report)[date(2026, 6, 30)]
        self.assertEqual(
            (report.date_open, report.date_deadline, report.period), (date(2026, 1, 1), date(2026, 6, 30), "2026")
        )
        # the tax authority's calendar wins
        tax[date(2026, 5, 15)].date_announced = date(2026, 5, 22)
        self.assertEqual(tax[date(2026, 5, 15)].date_deadline, date(2026, 5, 22))
        self.assertEqual(tax[date(2026, 5, 15)].moved_reason, "Announced by the authority.")
        # planning twice makes nothing twice
        self.assertFalse(self.tax._make_deadlines(date(2026, 1, 1), date(2026, 12, 31)))

    def test_year_not_published_keeps_the_rule_date_until_it_is(self):
        Year = self.env["smec.workday.year"]
        self.assertFalse(Year.search([("year", "=", 2199)]))
        deadline = self.tax._make_deadlines(date(2199, 9, 1), date(2199, 9, 30))
        # 15 September 2199 is a Sunday, but nobody published 2199: kept, and said
        self.assertEqual((deadline.date_deadline, deadline.calendar_missing), (date(2199, 9, 15), True))
        self.assertIn("2199 is not published", deadline.moved_reason)
        Year.create({"year": 2199, "day_ids": [(0, 0, {"date": date(2199, 1, 1)})]}).action_publish()
        deadline._recompute_again()
        self.assertEqual((deadline.date_deadline, deadline.calendar_missing), (date(2199, 9, 16), False))

    def test_reminder_once_then_done_by_the_responsible(self):
        today = self.today
        obligation = self.tax.copy({"name": "Stamp duty", "move_rule": "none", "deadline_day": 28})
        # planned as it was entered: the first of its deadlines from today
        deadline = obligation.deadline_ids.filtered(
            lambda d: today <= d.date_nominal <= today + datetime.timedelta(days=40)
        ).sorted("date_nominal")[:1]
        self.assertTrue(deadline)
        remind_from = deadline.date_deadline - datetime.timedelta(days=5)
        deadline._remind(remind_from - datetime.timedelta(days=1))
        self.assertFalse(deadline.activity_ids, "too early")
        deadline._remind(remind_from)
        deadline._remind(remind_from)
        activity = deadline.activity_ids
        self.assertEqual(
            (len(activity), activity.user_id, activity.date_deadline, activity.activity_type_id),
            (
                1,
                self.credit_user,
                deadline.date_deadline,
                self.env.ref("smec_credit_own.mail_activity_type_obligation"),
            ),
        )
        # the credit user can neither forge the record nor make deadlines; the button records it
        as_user = deadline.with_user(self.credit_user)
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager changes"):
            as_user.write({"done_date": today - datetime.timedelta(days=30)})
        with self.assertRaisesRolledBack(AccessError, "set with its buttons only"):
            deadline.with_user(self.credit_manager).write({"done_date": today - datetime.timedelta(days=30)})
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager changes"):
            as_user.write({"date_announced": today + datetime.timedelta(days=90)})
        with self.assertRaisesRolledBack(UserError, "made from their obligation"):
            self.env["smec.credit.obligation.deadline"].with_user(self.credit_manager).create(
                {"obligation_id": obligation.id, "date_nominal": today}
            )
        as_user.done_note = "Receipt 4401-2026-0042"
        as_user.action_done()
        self.assertEqual(
            (deadline.done_date, deadline.done_by_id, deadline.state, deadline.activity_ids),
            (today, self.credit_user, "done", self.env["mail.activity"]),
        )
        with self.assertRaisesRolledBack(UserError, "already done"):
            as_user.action_done()
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager reopens"):
            as_user.action_reopen()
        with self.assertRaises(AccessError):
            deadline.with_user(self.salesman).read(["date_deadline"])

    def test_missed_and_late_states(self):
        past = self.tax._make_deadlines(date(2026, 3, 1), date(2026, 4, 30))
        march, april = past.sorted("date_nominal")
        Deadline = self.env["smec.credit.obligation.deadline"]
        self.assertEqual(Deadline.search([("id", "in", past.ids), ("state", "in", ["missed"])]), past)
        march.sudo().write({"done_date": date(2026, 3, 20)})  # due 16 March
        april.sudo().write({"done_date": date(2026, 4, 10)})  # due 15 April
        self.assertEqual((march.state, april.state), ("late", "done"))

    def test_public_record_needs_its_removal_date(self):
        record = self.env["smec.credit.public.record"].create(
            {
                "name": "穗市监罚[2026]17号",
                "company_id": self.company.id,
                "kind": "abnormal",
                "date": date(2026, 3, 2),
                "authority": "Guangzhou Market Regulation",
            }
        )
        self.assertIn("abnormal-operation list", record.guidance)
        with self.assertRaisesRolledBack(ValidationError, "Say when"):
            record.state = "removed"
        with self.assertRaisesRolledBack(ValidationError, "before it was decided"):
            record.write({"state": "removed", "date_removed": date(2026, 3, 1)})
        with self.assertRaises(AccessError):
            record.with_user(self.credit_user).write({"state": "removed", "date_removed": date(2026, 4, 1)})

    def test_our_credit_page(self):
        today = self.today
        supplier = self.env["res.partner"].create({"name": "Foshan Glaze Supplies", "is_company": True})
        days = datetime.timedelta
        overdue = self.make_invoice(supplier, 1000, today - days(40), today - days(10), move_type="in_invoice")
        soon = self.make_invoice(supplier, 500, today - days(20), today + days(3), move_type="in_invoice")
        self.make_invoice(supplier, 700, today, today + days(30), move_type="in_invoice")  # not yet
        self.pay(overdue, 200, today)  # 800 left
        big = self.env["res.partner"].create(
            {"name": "State Grid Guangdong", "is_company": True, "smec_debtor_size": "public"}
        )
        late = self.make_invoice(big, 2000, today - days(61), today - days(31))
        self.make_invoice(big, 300, today - days(59), today - days(29))  # inside the 60 days
        self.make_invoice(self.customer, 900, today - days(90), today - days(60))  # an SME: its terms, not the law's
        once = self.tax.copy(
            {"name": "Customs declaration", "frequency": "once", "once_date": today - days(3), "move_rule": "none"}
        )
        missed = once._make_deadlines(today - days(40), today)
        # the other obligations' deadlines are kept up to date (they were planned as they were entered)
        (self.tax | self.settlement | self.report).deadline_ids.sudo().write({"done_date": today})
        self.assertEqual((missed.date_deadline, missed.state), (today - days(3), "missed"))
        self.env["smec.credit.public.record"].create(
            {
                "name": "LIST-001",
                "company_id": self.company.id,
                "kind": "abnormal",
                "date": today,
                "authority": "Market Regulation",
            }
        )
        page = self.env["smec.credit.our.credit"].with_user(self.credit_user).create({"company_id": self.company.id})
        self.assertEqual(
            (
                page.payable_overdue_count,
                page.payable_overdue_amount,
                page.payable_soon_count,
                page.payable_soon_amount,
                page.large_late_count,
                page.large_late_amount,
                page.deadline_missed_count,
                page.record_open_count,
            ),
            (1, 800, 1, 500, 1, 2000, 1, 1),
        )
        self.assertEqual(self.env["account.move"].search(page.action_open_payables()["domain"]), overdue | soon)
        self.assertEqual(self.env["account.move"].search(page.action_open_large_debtors()["domain"]), late)
        advice = str(page.advice)
        self.assertIn("Pay the 1 overdue supplier bills", advice)
        self.assertIn("LIST-001", advice)
        self.assertIn("1 invoices of large enterprises", advice)
        self.assertIn(f"Customs declaration {missed.period} was due", advice)

    def test_supplier_bills_get_one_activity_before_they_are_due(self):
        today = self.today
        self.company.write({"smec_own_credit_user_id": self.credit_manager_2.id, "smec_payable_warn_days": 5})
        supplier = self.env["res.partner"].create({"name": "Foshan Glaze Supplies", "is_company": True})
        soon = self.make_invoice(supplier, 500, today, today + datetime.timedelta(days=5), move_type="in_invoice")
        later = self.make_invoice(supplier, 500, today, today + datetime.timedelta(days=6), move_type="in_invoice")
        Move = self.env["account.move"]
        Move._cron_payable_activities()
        Move._cron_payable_activities()
        self.assertEqual(
            (len(soon.activity_ids), soon.activity_ids.user_id, soon.smec_payable_warned),
            (1, self.credit_manager_2, True),
        )
        self.assertFalse(later.activity_ids)


@tagged("post_install", "-at_install")
class TestOurCreditOverRpc(SmecCreditCommon, RpcCase):
    """What a credit user or a salesperson can send over JSON-RPC changes no
    deadline's dates or record, and reaches no page they may not see."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.obligation = cls.env["smec.credit.obligation"].create(
            {
                "name": "Monthly VAT",
                "company_id": cls.company.id,
                "kind": "tax",
                "deadline_day": 15,
                "move_rule": "tax",
                "user_id": cls.credit_user.id,
            }
        )
        cls.deadline = cls.obligation._make_deadlines(date(2026, 5, 1), date(2026, 5, 31))

    def test_deadlines_and_records_over_rpc(self):
        deadline, user, manager = self.deadline, self.credit_user, self.credit_manager
        model = "smec.credit.obligation.deadline"
        self.call_refused(
            user,
            "UserError",
            "Only a Credit Manager changes",
            model,
            "write",
            [deadline.id],
            {"done_date": "2026-05-01"},
        )
        self.call_refused(
            manager,
            "AccessError",
            "set with its buttons only",
            model,
            "write",
            [deadline.id],
            {"done_date": "2026-05-01"},
        )
        self.call_refused(
            manager, "UserError", "come from the rule", model, "write", [deadline.id], {"date_nominal": "2026-06-15"}
        )
        self.call_refused(manager, "UserError", "made from their obligation", model, "copy", [deadline.id])
        answer = self.call(
            manager, model, "load", ["obligation_id/.id", "date_nominal"], [[str(self.obligation.id), "2026-07-15"]]
        )
        self.assertTrue(answer["result"]["messages"], "an import of deadlines is refused")
        # a date or a company sent with a manager's change is refused (computed from the rule and calendar)
        other = self.env["res.company"].create({"name": "Other Co"})
        self.call_refused(
            manager,
            "UserError",
            "Company, Deadline of a Deadline of an Own Obligation cannot be set",
            model,
            "write",
            [deadline.id],
            {"date_deadline": "2026-05-16", "company_id": other.id, "done_note": "x"},
        )
        deadline.invalidate_recordset()
        self.assertEqual(
            (deadline.date_deadline, deadline.company_id, self.obligation.company_id),
            (date(2026, 5, 20), self.company, self.company),
        )
        # the button records it as the caller, today
        self.call_ok(user, model, "action_done", [deadline.id])
        deadline.invalidate_recordset()
        self.assertEqual(deadline.done_by_id, user)
        # public records: read by credit users, kept by managers; the page is the credit people's
        self.call_refused(
            user,
            "AccessError",
            "not allowed",
            "smec.credit.public.record",
            "create",
            {"name": "X", "kind": "penalty", "date": "2026-05-01", "authority": "A"},
        )
        self.call_refused(self.salesman, "AccessError", "not allowed", "smec.credit.our.credit", "create", {})
        self.call_refused(self.salesman, "AccessError", "not allowed", model, "search_read", [], ["date_deadline"])

    def test_an_obligation_entered_on_7_december_shows_its_15_december_deadline(self):
        """The monthly tax filing entered on 7 December 2026 shows the deadline of the 15th that same day, on the
        deadlines list and Our Credit's page, not after the daily job's next run; a changed rule moves it."""
        model = "smec.credit.obligation.deadline"
        fields_ = ["date_nominal", "date_deadline", "state"]
        figures = ["deadline_soon_count", "deadline_missed_count"]

        def page():
            page_id = self.call_ok(self.credit_user, "smec.credit.our.credit", "create", {})
            read = self.call_ok(self.credit_user, "smec.credit.our.credit", "read", [page_id], figures)[0]
            return read["deadline_soon_count"], read["deadline_missed_count"]

        with freeze_time("2026-12-07 09:00:00"):
            soon, missed = page()
            obligation_id = self.call_ok(
                self.credit_manager,
                "smec.credit.obligation",
                "create",
                {
                    "name": "Monthly tax filing",
                    "kind": "tax",
                    "frequency": "monthly",
                    "deadline_day": 15,
                    "move_rule": "tax",
                    "user_id": self.credit_user.id,
                },
            )
            deadlines = self.call_ok(
                self.credit_user, model, "search_read", [("obligation_id", "=", obligation_id)], fields_
            )
            # 15 December 2026 to 15 November 2027, a year ahead: 12; none before the day it was entered.
            # December 2026: no holiday of 3 days before the 15th, a Tuesday: not moved
            self.assertEqual(len(deadlines), 12)
            self.assertEqual(
                (deadlines[0]["date_nominal"], deadlines[0]["date_deadline"], deadlines[0]["state"]),
                ("2026-12-15", "2026-12-15", "todo"),
            )
            # Our Credit's page the same day: one more deadline in the next 30 days, none missed
            self.assertEqual(page(), (soon + 1, missed))
            # filed on the 20th from now on: 20 December 2026 is a Sunday, the filing moves to Monday 21;
            # the deadline of the 15th the rule no longer gives is gone
            self.call_ok(self.credit_manager, "smec.credit.obligation", "write", [obligation_id], {"deadline_day": 20})
            deadlines = self.call_ok(
                self.credit_user, model, "search_read", [("obligation_id", "=", obligation_id)], fields_
            )
            self.assertEqual(len(deadlines), 12)
            self.assertEqual(
                (deadlines[0]["date_nominal"], deadlines[0]["date_deadline"]), ("2026-12-20", "2026-12-21")
            )
