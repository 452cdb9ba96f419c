"""What the go-live preview says the first dunning run will do with old debts, worked out by hand (what the
runs then do: smec_credit_collection's test_go_live_dunning, on the same four customers)."""

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.smec_credit_collection.tests.test_go_live_dunning import GO_LIVE, OldDebtsCommon


@tagged("post_install", "-at_install")
class TestGoLivePreviewOfDunning(OldDebtsCommon):
    def test_the_preview_of_the_first_run(self):
        with freeze_time(f"{GO_LIVE} 02:00:00"):
            wizard = self.env["smec.credit.go.live"].create({"company_id": self.company.id})
            self.assertEqual(wizard.first_stage_id, self.stage[30], "by default, the formal demand")
            preview = sorted(
                (line.partner_id.name, line.stage, line.kind, line.amount)
                for line in wizard.line_ids
                if line.kind != "order"
            )
        demand, friendly, reminder = self.stage[30].name, self.stage[7].name, self.stage[-3].name
        self.assertEqual(
            preview,
            sorted(
                [
                    # 200 days overdue: the formal demand, not the lawyer's letter nor legal preparation
                    (self.old.name, demand, "email", 10000),
                    (self.old.name, demand, "letter", 10000),
                    # 45 days: the formal demand too
                    (self.recent.name, demand, "email", 3000),
                    (self.recent.name, demand, "letter", 3000),
                    (self.late.name, friendly, "call", 2000),
                    (self.late.name, friendly, "email", 2000),
                    (self.soon.name, reminder, "email", 1000),
                ]
            ),
        )
        self.assertEqual((wizard.customer_count, wizard.letter_count, wizard.legal_count), (4, 2, 0))
        # the preview kept nothing and sent nothing
        self.assertFalse(self.Contact.search([]))
        self.assertFalse(self.company._smec_credit_live())
        # going live clears it
        with freeze_time(f"{GO_LIVE} 02:00:00"):
            wizard.action_go_live()
        self.assertFalse(wizard.line_ids)
