from dateutil.relativedelta import relativedelta
from psycopg2.errors import CheckViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestAssessment(SmecCreditCommon):
    def test_new_customer_unknown_history_scores_as_a_poor_answer(self):
        assessment = self.new_assessment(user=self.credit_user)
        self.assertFalse(assessment.has_history)
        self.assertEqual(len(assessment.answer_ids), len(self.card.criterion_ids))
        history = assessment.answer_ids.filtered(
            lambda a: a.criterion_id.source in ("on_time_share", "avg_days_late", "max_days_overdue")
        )
        # no payment history: unknown, scored as each criterion's second-lowest answer, never left out
        self.assertEqual(history.mapped("status"), ["unknown"] * 3)
        self.assertEqual(sorted(history.mapped("score")), [20.0, 30.0, 35.0])
        industry = assessment.answer_ids.filtered(lambda a: a.criterion_id.source == "industry_risk")
        self.assertEqual((industry.value, industry.score, industry.status), (2.0, 70.0, "known"))

        self.fill_new_customer(assessment)
        self.assertEqual(
            (
                assessment.score_character,
                assessment.score_capacity,
                assessment.score_capital,
                assessment.score_collateral,
                assessment.score_conditions,
            ),
            (48.0, 63.33, 75.0, 40.0, 70.0),
        )
        self.assertEqual((assessment.total_score, assessment.completeness), (59.73, 67.67))
        self.assertEqual(assessment.grade_id, self.grade["C"])
        self.assertEqual(assessment.valid_until, assessment.date + relativedelta(months=12))

    def test_incomplete_assessment_cannot_be_submitted(self):
        assessment = self.new_assessment(user=self.credit_user)
        self.answer(assessment, "Litigation and dishonesty record", "None found")
        with self.assertRaisesRolledBack(UserError, "incomplete; answer: .*Reputation"):
            assessment.action_submit()
        self.assertEqual(assessment.state, "draft")

    def test_approval_flow_grades_the_partner_and_proposes_terms(self):
        assessment = self.new_assessment(user=self.credit_user)
        self.fill_new_customer(assessment)
        assessment.action_submit()
        self.assertEqual(assessment.state, "submitted")
        with self.assertRaisesRolledBack(UserError, "Only a Credit Manager"):
            assessment.with_user(self.credit_user).action_approve()

        self.grade["C"].review_months = 4  # C customers are reviewed three times a year
        assessment.with_user(self.credit_manager).action_approve()
        self.assertEqual(assessment.state, "approved")
        self.assertEqual(assessment.decided_by_id, self.credit_manager)
        self.assertEqual(assessment.valid_until, assessment.date + relativedelta(months=4))
        self.assertEqual(self.customer.smec_grade_id, self.grade["C"])
        self.assertEqual(self.customer.smec_credit_score, 59.73)
        self.assertEqual(self.customer.smec_assessment_id, assessment)
        # the grade change is logged with who, old -> new and why
        log = self.customer.smec_log_ids.filtered(lambda entry: entry.field == "grade")
        self.assertEqual(len(log), 1)
        self.assertEqual((log.old_value, log.new_value), ("", self.grade["C"].display_name))
        self.assertEqual(log.user_id, self.credit_manager)
        self.assertIn(assessment.name, log.reason)

        # grade C: a fixed limit of 20,000 and 15 days
        proposal = assessment.proposal_ids
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal.state, "pending")
        self.assertEqual(proposal.proposed_limit, 20000.0)
        self.assertEqual(proposal.proposed_payment_term_id, self.env.ref("account.account_payment_term_15days"))
        self.assertEqual(self.customer.credit_limit, 0.0, "nothing changes before the manager accepts")

        # the manager adjusts the limit and accepts
        proposal.with_user(self.credit_manager).write({"proposed_limit": 15000, "decision_note": "New customer"})
        proposal.with_user(self.credit_manager).action_accept()
        self.assertEqual(self.customer.credit_limit, 15000.0)
        self.assertEqual(self.customer.property_payment_term_id, self.env.ref("account.account_payment_term_15days"))
        fields_logged = set(self.customer.smec_log_ids.mapped("field"))
        self.assertEqual(fields_logged, {"grade", "credit_limit", "payment_term"})
        limit_log = self.customer.smec_log_ids.filtered(lambda entry: entry.field == "credit_limit")
        self.assertEqual(limit_log.reason, "New customer")

    def test_a_new_approval_supersedes_the_previous_one(self):
        first = self.new_assessment()
        self.fill_new_customer(first)
        first.action_submit()
        first.with_user(self.credit_manager).action_approve()
        second = self.new_assessment()
        self.fill_new_customer(second)
        self.answer(second, "Guarantees, deposits or credit insurance", "Covers the whole limit")
        # collateral 40 -> 100: total 59.73 + (100 - 40) x 10 / 100 = 65.73
        self.assertEqual(second.total_score, 65.73)
        second.action_submit()
        second.with_user(self.credit_manager).action_approve()
        self.assertEqual((first.state, second.state), ("superseded", "approved"))
        self.assertFalse(first.is_current)
        self.assertEqual(self.customer.smec_assessment_id, second)
        self.assertEqual(self.customer.smec_credit_score, 65.73)
        self.assertEqual(len(self.customer.smec_assessment_ids), 2, "history is kept")
        self.assertEqual(first.proposal_ids.state, "cancelled", "the older pending proposal is superseded too")

    def test_rejection_needs_a_reason(self):
        assessment = self.new_assessment()
        self.fill_new_customer(assessment)
        assessment.action_submit()
        with self.assertRaisesRolledBack(UserError, "why the assessment is rejected"):
            assessment.with_user(self.credit_manager).action_reject()
        assessment.decision_note = "Registration extract missing"
        assessment.with_user(self.credit_manager).action_reject()
        self.assertEqual(assessment.state, "rejected")
        self.assertFalse(self.customer.smec_grade_id)

    def test_expired_assessment_cannot_be_approved(self):
        assessment = self.new_assessment()
        self.fill_new_customer(assessment)
        assessment.write({"date": self.days(-400), "valid_until": self.days(-35)})
        assessment.action_submit()
        with self.assertRaisesRolledBack(UserError, "expired"):
            assessment.with_user(self.credit_manager).action_approve()
        self.assertEqual(assessment.state, "submitted")

    def test_expiry_cron_clears_the_grade_and_reminds(self):
        assessment = self.new_assessment()
        self.fill_new_customer(assessment)
        assessment.action_submit()
        assessment.with_user(self.credit_manager).action_approve()
        soon = self.new_assessment(partner=self.env["res.partner"].create({"name": "Soon", "is_company": True}))
        self.fill_new_customer(soon)
        soon.action_submit()
        soon.with_user(self.credit_manager).action_approve()
        later = assessment.valid_until + relativedelta(days=1)  # the day after the first one lapses
        # an approved assessment is history: only server code moves its date
        soon.sudo().write({"valid_until": later + relativedelta(days=20)})

        self.env["smec.credit.assessment"]._cron_expire_assessments(today=later)
        self.assertEqual(assessment.state, "expired")
        self.assertFalse(self.customer.smec_grade_id)
        self.assertEqual(
            self.customer.smec_log_ids.filtered(lambda e: e.field == "grade").sorted("id")[-1].new_value, ""
        )
        self.assertEqual(soon.state, "approved")
        soon.invalidate_recordset(["activity_ids"])
        self.assertEqual(len(soon.activity_ids), 1)
        self.assertEqual(soon.activity_ids.date_deadline, later + relativedelta(days=20))
        # a second run does not remind twice
        self.env["smec.credit.assessment"]._cron_expire_assessments(today=later)
        soon.invalidate_recordset(["activity_ids"])
        self.assertEqual(len(soon.activity_ids), 1)

    def test_bad_scorecard_and_grade_input(self):
        with self.assertRaisesRolledBack(ValidationError, "add up to 105 %"):
            self.card.weight_character = 35
        with self.assertRaisesRolledBack(ValidationError, "overlap"):
            self.grade["B"].max_score = 85
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):  # band out of 0-100
            with self.env.cr.savepoint():
                self.grade["A"].max_score = 120
                self.grade["A"].flush_recordset()
        option = self.card.criterion_ids[0].option_ids[0]
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"):  # score out of 0-100
            with self.env.cr.savepoint():
                option.score = 101
                option.flush_recordset()

    def test_numeric_answer_outside_every_band(self):
        card = self.card.copy()
        criterion = card.criterion_ids.filtered(lambda c: c.name == "Paid-up capital")
        criterion.option_ids.filtered(lambda o: not o.has_min).unlink()  # no band under 100 any more
        assessment = self.env["smec.credit.assessment"].create(
            {"partner_id": self.customer.id, "scorecard_id": card.id}
        )
        with self.assertRaisesRolledBack(ValidationError, "outside every band"):
            self.answer(assessment, "Paid-up capital", value=50)

    def test_contact_cannot_be_assessed(self):
        contact = self.env["res.partner"].create({"name": "Mr Wang", "parent_id": self.customer.id})
        with self.assertRaisesRolledBack(ValidationError, "not its contact"):
            self.env["smec.credit.assessment"].create({"partner_id": contact.id})

    def test_form_reads_like_the_paper_form(self):
        with Form(self.env["smec.credit.assessment"].with_user(self.credit_user)) as form:
            form.partner_id = self.customer
        assessment = form.save()
        self.assertEqual(assessment.scorecard_id, self.card)
        self.assertEqual(assessment.assessor_id, self.credit_user)

    def test_pdf_report_renders(self):
        assessment = self.new_assessment()
        self.fill_new_customer(assessment)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("smec_credit.report_credit_assessment", assessment.ids)[0]
            .decode()
        )
        self.assertIn("Credit Evaluation Report", html)
        self.assertIn("59.73", html)
        self.assertIn("Information complete: 68 %", html)
        self.assertIn("Unknown: conservative score", html)
        self.assertIn("Huaxin Tiles", html)

    def test_supplier_assessment_grades_the_vendor(self):
        supplier = self.env["res.partner"].create({"name": "Yida Clay Supplies", "is_company": True})
        assessment = self.env["smec.credit.assessment"].create({"partner_id": supplier.id, "partner_role": "supplier"})
        self.assertEqual(assessment.scorecard_id.partner_role, "supplier")
        # Character 100 (30), Capacity (70 + 80)/2 = 75 (30), Capital 70 (20), Collateral 60 (10),
        # Conditions: no industry -> unknown, a poor answer 40 (15);
        # total = (3000 + 2250 + 1400 + 600 + 400) / 100 = 76.5 -> B
        self.answer(assessment, "Delivery reliability (on-time deliveries)", "Over 95 %")
        self.answer(assessment, "Quality (rejection rate)", "1-3 %")
        self.answer(assessment, "Years in business", value=7)
        self.answer(assessment, "Financial strength", "Adequate")
        self.answer(assessment, "Alternative sources for what it supplies", "One")
        self.assertEqual(assessment.total_score, 76.5)
        assessment.action_submit()
        assessment.with_user(self.credit_manager).action_approve()
        self.assertEqual(supplier.smec_supplier_grade_id.code, "B")
        self.assertEqual(supplier.smec_supplier_grade_id.partner_role, "supplier")
        self.assertFalse(supplier.smec_grade_id)
        self.assertFalse(assessment.proposal_ids, "suppliers get no credit terms")
        bill = self.make_invoice(supplier, 100, self.today, move_type="in_invoice", post=False)
        self.assertEqual(bill.smec_supplier_grade_id.code, "B")
