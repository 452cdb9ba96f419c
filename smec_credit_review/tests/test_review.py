from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon

from . import known_truth

# the criteria that read the generated customers' hidden risk, and how well; the others are noise
SIGNALS = {"Litigation and dishonesty record": 0.9, "Debt-to-asset ratio": 0.7}


class ReviewCommon(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Review = cls.env["smec.credit.review"]

    def graded(
        self,
        name,
        guarantee="Personal guarantee of the owner",
        market="Neutral",
        litigation="None found",
        approved_days_ago=400,
        valid_days=730,
        partner=None,
    ):
        """An approved assessment of a new customer (fill_new_customer: 59.73) with three answers changed:
        the guarantee (Collateral 10 %: whole +6, part +2, personal 0, none -4), the market (Conditions 15 %,
        half of it: favourable +2.25, unfavourable -3) and the litigation record (Character 30 %, a fifth
        of it: listed -6); approved ``approved_days_ago`` days ago, valid ``valid_days`` days."""
        partner = partner or self.env["res.partner"].create(
            {"name": name, "is_company": True, "industry_id": self.industry.id}
        )
        assessment = self.new_assessment(partner=partner)
        self.fill_new_customer(assessment)
        self.answer(assessment, "Guarantees, deposits or credit insurance", guarantee)
        self.answer(assessment, "Regional and market environment", market)
        self.answer(assessment, "Litigation and dishonesty record", litigation)
        assessment.action_submit()
        assessment.with_user(self.credit_manager).action_approve()
        day = self.today - timedelta(days=approved_days_ago)
        assessment.sudo().write(
            {"date": day, "valid_until": day + timedelta(days=valid_days), "decided_on": datetime.combine(day, time(9))}
        )
        return assessment

    def invoice_after(self, assessment, days, amount=1000.0, paid_days_late=None, paid_amount=None):
        """An invoice ``days`` after the approval, due 30 days later, paid ``paid_days_late`` days after its due
        date (never, when None)."""
        start = assessment.date
        invoice = self.make_invoice(
            assessment.partner_id, amount, start + timedelta(days=days), start + timedelta(days=days + 30)
        )
        if paid_days_late is not None:
            self.pay(invoice, paid_amount or amount, start + timedelta(days=days + 30 + paid_days_late))
        return invoice

    def review(self, **values):
        review = self.Review.with_user(self.credit_manager).create({"scorecard_id": self.card.id, **values})
        review.action_run()
        return review

    @classmethod
    def known_truth(cls, customers, prefix, signals, **options):
        """``customers`` generated customers of the card (known_truth.generate), ``signals`` by criterion name:
        the litigation record and the debt ratio read the hidden risk, every other criterion is noise. Returns
        the number of bad customers put in."""
        criteria = {criterion.name: criterion.id for criterion in cls.card.criterion_ids}
        signals = {criteria[name]: signal for name, signal in signals.items()}
        return known_truth.generate(cls.env, cls.card.sudo(), customers, signals, prefix=prefix, **options)


@tagged("post_install", "-at_install")
class TestReviewSmallLedger(ReviewCommon):
    """Ten customers graded 400 days ago, worked by hand.

    | #  | answers changed                | score | grade | what it did                     | bad |
    | 1  | whole guarantee, favourable    | 67.98 | B     | paid 5 days late                | no  |
    | 2  | whole guarantee                | 65.73 | B     | never paid                      | yes |
    | 3  | part guarantee, favourable     | 63.98 | C     | paid on time                    | no  |
    | 4  | part guarantee                 | 61.73 | C     | paid 20 days late               | no  |
    | 5  | (none)                         | 59.73 | C     | paid on time                    | no  |
    | 6  | unfavourable                   | 56.73 | C     | paid 400 of 1,000, then nothing | yes |
    | 7  | no guarantee                   | 55.73 | C     | paid 90 days late (not more)    | no  |
    | 8  | no guarantee, unfavourable     | 52.73 | C     | never paid                      | yes |
    | 9  | no guarantee, listed debtor    | 49.73 | D     | never paid                      | yes |
    | 10 | no guarantee, listed, unfav.   | 46.73 | D     | never paid                      | yes |

    AUC: the goods (1, 3, 4, 5, 7) score above 5 + 4 + 4 + 4 + 3 = 20 of the 25 (good, bad) pairs: 0.80,
    Gini 0.60. KS: going down the scores, the goods' share minus the bads' reaches 0.8 - 0.2 after #5 and
    1.0 - 0.4 after #7: 0.60.
    Bad rates: B 1/2 = 50 %, C 2/6 = 33.3 %, D 2/2 = 100 %: not ordered (B above C).
    Wilson 95 % (z = 1.96): B 1/2 -> centre 0.5, half-width 1.96 * sqrt(0.125 + 0.2401) / 2.9208 = 0.4055:
    9.45-90.55 %; C 2/6 -> centre 0.6535 / 1.6403 = 0.3984, half-width 1.96 * sqrt(0.03704 + 0.02668) / 1.6403
    = 0.3016: 9.68-70.00 %.
    Amounts: 10 invoices of 1,000 in the horizon; past due more than 90 days: 1,000 x 4 + 600 = 4,600.
    Migration: #1 re-assessed 100 days later with no guarantee (55.73, C); #10's D assessment lapsed after
    90 days; the others kept their grade: B->B 1, B->C 1, C->C 6, D->D 1, D->none 1.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = {}

    def setUp(self):
        super().setUp()
        profiles = [
            ("Covers the whole limit", "Favourable", "None found", 5, None),
            ("Covers the whole limit", "Neutral", "None found", None, None),
            ("Covers part of the limit", "Favourable", "None found", 0, None),
            ("Covers part of the limit", "Neutral", "None found", 20, None),
            ("Personal guarantee of the owner", "Neutral", "None found", 0, None),
            ("Personal guarantee of the owner", "Unfavourable", "None found", 10, 400.0),
            ("None", "Neutral", "None found", 90, None),
            ("None", "Unfavourable", "None found", None, None),
            ("None", "Neutral", "Listed as dishonest or enforced debtor", None, None),
            ("None", "Unfavourable", "Listed as dishonest or enforced debtor", None, None),
        ]
        self.assessments = [
            self.graded(f"Customer {number}", guarantee, market, litigation, valid_days=90 if number == 10 else 730)
            for number, (guarantee, market, litigation, _late, _part) in enumerate(profiles, start=1)
        ]
        # #1 re-assessed 100 days after its first approval, with no guarantee any more (before any invoice, so
        # that its ledger criteria stay unknown)
        self.graded("", "None", "Neutral", approved_days_ago=300, partner=self.assessments[0].partner_id)
        for assessment, (_guarantee, _market, _litigation, late, part) in zip(self.assessments, profiles, strict=True):
            self.invoice_after(assessment, 10, paid_days_late=late if part is None else 10, paid_amount=part)

    def test_scores_and_outcomes(self):
        self.assertEqual(
            [a.total_score for a in self.assessments],
            [67.98, 65.73, 63.98, 61.73, 59.73, 56.73, 55.73, 52.73, 49.73, 46.73],
        )
        review = self.review()
        outcomes = {o.partner_id: o for o in review.outcome_ids}
        self.assertEqual(len(outcomes), 10)
        bad = [outcomes[a.partner_id].bad for a in self.assessments]
        self.assertEqual(bad, [False, True, False, False, False, True, False, True, True, True])
        self.assertEqual(outcomes[self.assessments[5].partner_id].late_amount, 600.0)
        self.assertEqual((review.customer_count, review.bad_count), (10, 5))
        self.assertAlmostEqual(review.bad_rate, 50.0)
        self.assertEqual(review.invoiced_amount, 10000.0)
        self.assertEqual(review.bad_amount, 4600.0)
        self.assertEqual(review.written_off_amount, 0.0)
        self.assertEqual(review.observation_date, self.today - relativedelta(months=12))

    def test_auc_of_ten_customers_and_too_little_data(self):
        review = self.review()
        self.assertAlmostEqual(review.auc, 0.80, places=6)
        self.assertAlmostEqual(review.gini, 0.60, places=6)
        self.assertAlmostEqual(review.ks, 0.60, places=6)
        # ten customers say nothing: the review says so
        self.assertFalse(review.enough_data)
        self.assertFalse(review.proposal_possible)
        self.assertIn("Too little data: 10 customers with 5 bad outcomes", review.conclusion)
        self.assertIn("No proposal", review.conclusion)

    def test_bad_rates_by_grade(self):
        review = self.review()
        lines = {line.grade_id.code: line for line in review.grade_line_ids}
        self.assertEqual([line.grade_id.code for line in review.grade_line_ids], ["A", "B", "C", "D"])
        self.assertEqual(
            [(lines[c].customer_count, lines[c].bad_count) for c in "ABCD"], [(0, 0), (2, 1), (6, 2), (2, 2)]
        )
        self.assertAlmostEqual(lines["B"].bad_rate, 50.0)
        self.assertAlmostEqual(lines["C"].bad_rate, 33.33, places=2)
        self.assertAlmostEqual(lines["D"].bad_rate, 100.0)
        self.assertAlmostEqual(lines["B"].ci_low, 9.45, delta=0.01)
        self.assertAlmostEqual(lines["B"].ci_high, 90.55, delta=0.01)
        self.assertAlmostEqual(lines["C"].ci_low, 9.68, delta=0.01)
        self.assertAlmostEqual(lines["C"].ci_high, 70.00, delta=0.01)
        self.assertEqual(lines["C"].bad_amount, 1600.0)
        # too few customers in each grade to compare them
        self.assertFalse(any(line.enough for line in review.grade_line_ids))
        self.assertFalse(review.grades_ordered)

    def test_migration_matrix(self):
        review = self.review()
        matrix = {(m.from_grade_id.code or "-", m.to_grade_id.code or "-"): m.count for m in review.migration_ids}
        self.assertEqual(matrix, {("B", "B"): 1, ("B", "C"): 1, ("C", "C"): 6, ("D", "D"): 1, ("D", "-"): 1})

    def test_days_past_due_and_horizon(self):
        # #7 paid 90 days late: not more than 90, more than 60
        review = self.review(days_past_due="60")
        self.assertEqual(review.bad_count, 6)
        self.assertEqual(review.bad_amount, 5600.0)
        # #6's 600 stayed open 180 days and more too; the others never paid
        self.assertEqual(self.review(days_past_due="180", date=self.today - timedelta(days=1)).bad_count, 5)
        # a 24-month horizon: nobody was approved long enough ago
        long = self.review(horizon_months=24)
        self.assertEqual(long.customer_count, 0)
        self.assertIn("No assessment of this scorecard was approved between", long.conclusion)
        # its score chart shows the customers graded today (no good or bad ones to compare), the other review's
        # the good and the bad
        self.assertEqual(long.action_open_score_chart()["context"], {"search_default_population": 1})
        self.assertEqual(review.action_open_score_chart()["context"], {"search_default_outcomes": 1})

    def test_write_off_in_the_horizon_is_bad(self):
        """Three more customers graded with the whole guarantee and a favourable market (67.98, B), each
        invoiced 1,000 (due 30 days later) and written off, as a Credit Manager posts a write-off:

        | customer       | invoice (day) | paid             | written off (day)          | bad | late | written off |
        | early          | 10, due 40    | nothing          | all 1,000 (60)             | yes | 0    | 1,000       |
        | partly         | 10, due 40    | 400 on day 45    | the 600 left (100)         | yes | 0    | 600         |
        | after the end  | 340, due 370  | nothing          | all 1,000 (380, past 365)  | no  | 0    | 0           |

        Neither of the first two was ever more than 90 days past due (the write-off settled the invoice
        before day 131): they are bad by the write-off alone. The third's invoice falls due after the horizon
        and its write-off too. Review: 13 customers, 5 + 2 = 7 bad; past due 4,600 as before, written off
        1,600; grade B: 5 customers (#1, #2 and the three), 3 bad (#2, early, partly), 1,000 + 1,000 + 600 = 2,600
        past due or written off.
        """
        Account = self.env["account.account"]
        self.company.write(
            {
                "smec_allowance_account_id": Account.create(
                    {"code": "1231", "name": "Allowance for bad debts", "account_type": "asset_current"}
                ).id,
                "smec_provision_journal_id": self.company_data["default_journal_misc"].id,
            }
        )
        cases = {}
        for name, invoiced_on, paid, written_off_on in (
            ("early", 10, None, 60),
            ("partly", 10, 400.0, 100),
            ("after the end", 340, None, 380),
        ):
            assessment = self.graded(f"Written off {name}", "Covers the whole limit", "Favourable")
            invoice = self.invoice_after(assessment, invoiced_on)
            if paid:
                self.pay(invoice, paid, assessment.date + timedelta(days=45))
            writeoff = (
                self.env["smec.credit.writeoff"]
                .with_user(self.credit_manager)
                .create(
                    {
                        "partner_id": assessment.partner_id.id,
                        "invoice_ids": [(6, 0, invoice.ids)],
                        "date": assessment.date + timedelta(days=written_off_on),
                        "reason": "Debtor dissolved",
                    }
                )
            )
            writeoff.action_post()
            self.assertEqual(invoice.amount_residual, 0.0)
            cases[name] = assessment
        self.assertEqual(cases["early"].total_score, 67.98)
        self.assertEqual(cases["early"].grade_id.code, "B")
        review = self.review()
        outcomes = {o.partner_id: o for o in review.outcome_ids}
        self.assertEqual(
            [
                (outcome.bad, outcome.late_amount, outcome.written_off_amount)
                for outcome in (outcomes[a.partner_id] for a in cases.values())
            ],
            [(True, 0.0, 1000.0), (True, 0.0, 600.0), (False, 0.0, 0.0)],
        )
        self.assertEqual(outcomes[cases["after the end"].partner_id].invoiced_amount, 1000.0)
        self.assertEqual((review.customer_count, review.bad_count), (13, 7))
        self.assertEqual(review.bad_amount, 4600.0)
        self.assertEqual(review.written_off_amount, 1600.0)
        grade_b = review.grade_line_ids.filtered(lambda line: line.grade_id.code == "B")
        self.assertEqual((grade_b.customer_count, grade_b.bad_count, grade_b.bad_amount), (5, 3, 2600.0))

    def test_population_stability_against_the_previous_review(self):
        """A review a quarter ago, then three customers graded today (no guarantee, listed debtor, neutral
        market: 49.73), then today's review.

        A quarter ago the card graded 9 customers (#10's grade had lapsed; #1 counts with its re-assessment,
        55.73): 40-50: 1 (#9), 50-60: 5 (#1, #5, #6, #7, #8), 60-70: 3 (#2, #3, #4). Today: 4, 5, 3 of 12.
        PSI = sum (actual - expected) x ln(actual / expected), shares:
        40-50: (4/12 - 1/9) x ln(3)      = 0.22222 x 1.09861  = 0.24414
        50-60: (5/12 - 5/9) x ln(0.75)   = -0.13889 x -0.28768 = 0.03996
        60-70: (3/12 - 3/9) x ln(0.75)   = -0.08333 x -0.28768 = 0.02397
        = 0.30807, kept to 3 decimals: 0.308; 0.25 or more: the population shifted (the empty bins count 0.0001
        on both sides: 0).
        """
        first = self.review(date=self.today - timedelta(days=91))
        self.assertEqual(first.population_count, 9)
        self.assertFalse(first.previous_review_id)
        self.assertEqual(first.psi, 0.0)
        self.assertIn("first review", first.conclusion)
        population = {line.bin_start: line.count for line in first.bin_ids if line.kind == "population"}
        self.assertEqual({start: count for start, count in population.items() if count}, {40: 1, 50: 5, 60: 3})
        for number in range(3):
            self.graded(f"New customer {number}", "None", "Neutral", "Listed as dishonest or enforced debtor", 0)
        second = self.review()
        self.assertEqual(second.previous_review_id, first)
        self.assertEqual(second.population_count, 12)
        previous = {line.bin_start: line.count for line in second.bin_ids if line.kind == "previous"}
        self.assertEqual(previous, population)
        now = {line.bin_start: line.count for line in second.bin_ids if line.kind == "population" and line.count}
        self.assertEqual(now, {40: 4, 50: 5, 60: 3})
        self.assertEqual(second.psi, 0.308)
        self.assertTrue(second.population_shifted)
        self.assertIn("score differently from those of the review of", second.conclusion)
        self.assertIn("PSI 0.31", second.conclusion)
        # the quarterly job's to-do for the Credit Managers names the shift
        second._ask_managers_when_needed()
        todo = second.activity_ids.filtered(lambda activity: activity.user_id == self.credit_manager)
        self.assertIn("shifted (PSI 0.31)", todo.summary)

    def test_xlsx(self):
        review = self.review()
        content = review._export_xlsx()
        self.assertEqual(content[:2], b"PK")
        import io  # noqa: PLC0415

        from openpyxl import load_workbook  # noqa: PLC0415

        book = load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Summary", "Grades", "Scores", "Migration", "Criteria", "What-if"])
        grades = book["Grades"]
        self.assertEqual([grades.cell(row, 1).value for row in range(2, 6)], ["A", "B", "C", "D"])
        self.assertEqual(grades.cell(4, 4).value, 6)
        self.assertEqual(len(grades._charts), 1)
        self.assertEqual(len(book["Scores"]._charts), 2)
        self.assertEqual(book["Migration"].cell(4, 4).value, 6)  # C -> C

    def test_review_is_history(self):
        review = self.review()
        with self.assertRaisesRolledBack(UserError, "already ran"):
            review.action_run()
        with self.assertRaisesRolledBack(AccessError, "history"):
            review.with_user(self.credit_manager).write({"horizon_months": 6})
        with self.assertRaisesRolledBack(UserError, "history"):
            review.with_user(self.credit_manager).unlink()
        # what the review computed cannot be sent: refused, naming it, and nothing is written
        with self.assertRaisesRolledBack(UserError, "cannot be set.*auc=0.99"):
            review.with_user(self.credit_manager).write({"decision_note": "seen", "auc": 0.99})
        self.assertAlmostEqual(review.auc, 0.80, places=6)


@tagged("post_install", "-at_install")
class TestReviewKnownTruth(ReviewCommon):
    """300 generated customers with a hidden risk: the litigation record and the debt ratio read it (signal
    0.9 and 0.7), the market environment is pure noise, yet the card is given the market's weight wrong:
    Conditions 40 %, Character 10 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        crit = known_truth.give_wrong_weight(cls.card.sudo())
        cls.litigation = crit["Litigation and dishonesty record"]
        cls.debt = crit["Debt-to-asset ratio"]
        cls.market = crit["Regional and market environment"]
        cls.bad_put_in = cls.known_truth(300, "KT test", SIGNALS, invoices=3)

    def test_recovers_the_truth_and_proposes_a_better_card(self):
        review = self.review()
        self.assertEqual(review.customer_count, 300)
        self.assertEqual(review.bad_count, self.bad_put_in)
        self.assertTrue(review.enough_data)
        lines = {line.criterion_id: line for line in review.criterion_line_ids}
        # each criterion alone: the informative ones separate, the noise does not
        self.assertGreater(lines[self.litigation].auc, 0.65)
        self.assertLess(abs(lines[self.market].auc - 0.5), 0.1)
        self.assertGreater(lines[self.litigation].iv, lines[self.market].iv)
        self.assertEqual(lines[self.litigation].answer_rate, 100.0)
        # the fit ranks the informative criteria above the noise the card over-weighs
        self.assertTrue(review.proposal_possible)
        self.assertGreater(lines[self.litigation].proposed_weight, lines[self.market].proposed_weight)
        self.assertGreater(lines[self.debt].proposed_weight, lines[self.market].proposed_weight)
        self.assertLess(lines[self.market].proposed_weight, lines[self.market].current_weight)
        self.assertGreater(review.proposal_auc, review.auc)
        # the proposed bands order the bad rates
        rates = [line.proposed_bad_rate for line in review.grade_line_ids]  # A first
        self.assertEqual(rates, sorted(rates))
        self.assertEqual(sum(line.proposed_count for line in review.grade_line_ids), review.customer_count)

    def test_approval_into_a_new_version(self):
        review = self.review()
        old_card = self.card
        old_assessment = self.env["smec.credit.assessment"].search(
            [("scorecard_id", "=", old_card.id), ("partner_id.name", "=like", "KT test%")], limit=1
        )
        old_score = old_assessment.total_score
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager"):
            review.with_user(self.credit_user).action_approve_proposal()
        proposed = {line.criterion_id.name: line.proposed_criterion_weight for line in review.criterion_line_ids}
        review.with_user(self.credit_manager).action_approve_proposal()
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.decided_by_id, self.credit_manager)
        new_card = review.new_scorecard_id
        self.assertEqual((new_card.version, new_card.previous_version_id), (2, old_card))
        self.assertFalse(old_card.active)
        self.assertEqual(new_card.weight_conditions, review.proposed_weight_conditions)
        self.assertEqual(
            sum(new_card[f"weight_{d}"] for d in ("character", "capacity", "capital", "collateral", "conditions")), 100
        )
        self.assertEqual({c.name: c.weight for c in new_card.criterion_ids}, proposed)
        self.assertEqual(new_card.criterion_ids.mapped("review_origin_id"), old_card.criterion_ids)
        # assessments keep the version they were made with, and their scores
        old_assessment.invalidate_recordset()
        self.assertEqual(old_assessment.scorecard_id, old_card)
        self.assertEqual(old_assessment.total_score, old_score)
        # the next assessment uses the new version
        self.assertEqual(self.new_assessment().scorecard_id, new_card)
        # the grade bands moved to the proposed ones, without overlap
        for line in review.grade_line_ids:
            self.assertEqual((line.grade_id.min_score, line.grade_id.max_score), (line.proposed_min, line.proposed_max))
        # a review of the new version reads the earlier version's assessments, criterion by criterion
        again = self.Review.with_user(self.credit_manager).create({"scorecard_id": new_card.id})
        again.action_run()
        self.assertEqual(again.customer_count, 300)
        self.assertEqual(again.previous_review_id, review)
        litigation = again.criterion_line_ids.filtered(lambda line: line.criterion_id.name == self.litigation.name)
        self.assertEqual(litigation.answer_rate, 100.0)
        self.assertAlmostEqual(
            litigation.auc, review.criterion_line_ids.filtered(lambda line: line.criterion_id == self.litigation).auc
        )

    def test_rights(self):
        with self.assertRaisesRolledBack(AccessError, "not allowed to create"):
            self.Review.with_user(self.credit_user).create({"scorecard_id": self.card.id})
        review = self.review()
        # a Credit User reads the review and its figures
        as_user = review.with_user(self.credit_user)
        self.assertEqual(as_user.customer_count, 300)
        self.assertTrue(as_user.grade_line_ids.mapped("bad_rate"))
        with self.assertRaisesRolledBack(AccessError, "Only a Credit Manager"):
            as_user.action_reject_proposal()
        with self.assertRaisesRolledBack(UserError, "reason"):
            review.with_user(self.credit_manager).action_reject_proposal()
        review.with_user(self.credit_manager).decision_note = "Wait for the next quarter"
        review.with_user(self.credit_manager).action_reject_proposal()
        self.assertEqual(review.state, "rejected")
        self.assertTrue(self.card.active)


@tagged("post_install", "-at_install")
class TestReviewRpc(ReviewCommon, RpcCase):
    """Over JSON-RPC, as the web client and any client call it: the Credit User reads, the Credit Manager runs
    and decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.known_truth(200, "KT rpc", SIGNALS, invoices=2, alpha=-1.5)

    def test_rights_over_rpc(self):
        self.call_refused(
            self.credit_user,
            "AccessError",
            "not allowed to create",
            "smec.credit.review",
            "create",
            [{"scorecard_id": self.card.id}],
        )
        [review_id] = self.call_ok(
            self.credit_manager, "smec.credit.review", "create", [{"scorecard_id": self.card.id}]
        )
        self.call_ok(self.credit_manager, "smec.credit.review", "action_run", [review_id])
        read = self.call_ok(
            self.credit_user, "smec.credit.review", "read", [review_id], ["customer_count", "auc", "proposal_possible"]
        )
        self.assertEqual(read[0]["customer_count"], 200)
        self.assertTrue(read[0]["proposal_possible"])
        self.call_ok(self.credit_user, "smec.credit.review.grade", "search_read", [("review_id", "=", review_id)])
        self.call_refused(
            self.credit_user,
            "AccessError",
            "Only a Credit Manager",
            "smec.credit.review",
            "action_approve_proposal",
            [review_id],
        )
        # the figures cannot be sent, the decision stamps neither
        self.call_refused(
            self.credit_manager,
            "AccessError",
            "buttons",
            "smec.credit.review",
            "write",
            [review_id],
            {"state": "approved"},
        )
        self.call_refused(
            self.credit_manager,
            "UserError",
            "cannot be set.*auc=1.0",
            "smec.credit.review",
            "write",
            [review_id],
            {"auc": 1.0},
        )
        self.assertNotEqual(self.Review.browse(review_id).auc, 1.0)
        self.call_ok(self.credit_manager, "smec.credit.review", "action_approve_proposal", [review_id])
        review = self.Review.browse(review_id)
        self.assertEqual((review.state, review.decided_by_id), ("approved", self.credit_manager))
        self.assertEqual(review.new_scorecard_id.version, 2)
        # the workbook, for who reads the review
        self.authenticate(self.credit_user.login, self.credit_user.login)
        response = self.url_open(f"/smec_credit_review/{review_id}/xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK")


@tagged("post_install", "-at_install")
class TestReviewCron(ReviewCommon):
    """The quarterly job on a card that ranks backwards: the generated customers' risk lowers their chance of
    paying late (beta -1.5), so the worse the grade, the fewer the bad outcomes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        signals = {"Litigation and dishonesty record": 0.9, "Debt-to-asset ratio": 0.9}
        cls.known_truth(300, "KT cron", signals, invoices=2, alpha=-1.2, beta=-1.5)

    def test_quarterly_review_and_to_do(self):
        cards = self.env["smec.credit.scorecard"].search(
            [("company_id", "=", self.company.id), ("partner_role", "=", "customer")]
        )
        self.Review._cron_quarterly_review()
        reviews = self.Review.search([("company_id", "=", self.company.id), ("date", "=", self.today)])
        self.assertEqual(reviews.scorecard_id, cards)
        self.assertEqual(set(reviews.mapped("state")), {"done"})
        review = reviews.filtered(lambda r: r.scorecard_id == self.card)
        self.assertTrue(review.enough_data)
        self.assertFalse(review.grades_ordered)
        self.assertIn("do NOT rise", review.conclusion)
        todo = review.activity_ids.filtered(lambda a: a.user_id == self.credit_manager)
        self.assertEqual(len(todo), 1)
        self.assertIn("no longer ordered", todo.summary)
        # the other card has nobody graded a horizon ago: no to-do
        self.assertFalse((reviews - review).activity_ids)
        # a second run the same day makes nothing new
        self.Review._cron_quarterly_review()
        self.assertEqual(
            self.Review.search_count([("company_id", "=", self.company.id), ("date", "=", self.today)]), len(cards)
        )
