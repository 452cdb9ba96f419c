"""A field the model's code fills once a record exists, sent on creation (#28).

``smec.guard.mixin`` compares a value sent for a code field with what the
record holds once created. An assessment reads its customer's ledger only once
it exists: sending the ledger's own figure is no change and is accepted (an
export of the record imported back), another figure is refused with the
field's name, through the ORM and over JSON-RPC, and nothing is created.
"""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.smec_base.tests.common import RpcCase

from .common import SmecCreditCommon

REFUSED = r"Invoices \(12 months\) of a Credit Assessment cannot be set.*ledger_invoice_count=5"


@tagged("post_install", "-at_install")
class TestCodeFieldsOnCreation(SmecCreditCommon, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # two invoices in the last twelve months: the ledger counts 2
        cls.make_invoice(cls.customer, 300, cls.today - timedelta(days=30))
        cls.make_invoice(cls.customer, 900, cls.today - timedelta(days=10))

    def assessments(self):
        return self.env["smec.credit.assessment"].search_count([("partner_id", "=", self.customer.id)])

    def test_the_ledgers_figure_is_accepted_another_refused(self):
        Assessment = self.env["smec.credit.assessment"].with_user(self.credit_user)
        assessment = Assessment.create({"partner_id": self.customer.id, "ledger_invoice_count": 2})
        self.assertEqual((assessment.ledger_invoice_count, assessment.has_history), (2, True))
        with self.assertRaisesRegex(UserError, REFUSED):
            Assessment.create({"partner_id": self.customer.id, "ledger_invoice_count": 5})
        self.assertEqual(self.assessments(), 1)

    def test_over_json_rpc(self):
        values = {"partner_id": self.customer.id, "ledger_invoice_count": 2}
        assessment_id = self.call_ok(self.credit_user, "smec.credit.assessment", "create", values)
        assessment = self.env["smec.credit.assessment"].browse(assessment_id)
        self.assertEqual(assessment.ledger_invoice_count, 2)
        self.call_refused(
            self.credit_user,
            "UserError",
            REFUSED,
            "smec.credit.assessment",
            "create",
            {**values, "ledger_invoice_count": 5},
        )
        self.assertEqual(self.assessments(), 1)
