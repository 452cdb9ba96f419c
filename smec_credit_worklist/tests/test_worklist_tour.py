"""The outcome buttons clicked in a browser, as the collector."""

from odoo.tests import tagged

from .common import WorklistCommon


@tagged("post_install", "-at_install")
class TestWorklistTour(WorklistCommon):
    def test_no_answer_clicked_in_the_worklist(self):
        """Collection > Worklist as the collector: B (3,000) on top; No Answer on it counts the call and drops B
        below the four not called yet, C (2,250) on top (as test_no_answer_drops_the_customer_below_those_not_called
        says through the ORM)."""
        self.start_tour("/odoo", "smec_credit_worklist_no_answer_tour", login=self.collector.login)
        row = self.row(self.b)
        self.assertEqual((row.done, row.outcome, row.attempts, row.rank), (False, "no_answer", 1, 1))
        self.assertTrue(row.done_on)
        self.assertEqual(
            self.rows(self.collector).partner_id.ids, [self.c.id, self.a.id, self.d.id, self.e.id, self.b.id]
        )
