from odoo import Command

from odoo.addons.smec_credit_collection.tests.test_dunning import DunningCommon

DIGITAL = "26442000000012345678"  # a fully digital fapiao (数电票): 2026, Guangdong (44), channel 2, sequence
PAPER = "04410123"  # an older paper or e-fapiao number: 8 digits


class FapiaoCommon(DunningCommon):
    """The dunning test company, with a term counted from the fapiao's receipt
    (票到30天付款), an accountant (Billing) and a collector (Collection Agent)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.term = cls.env["account.payment.term"].create(
            {
                "name": "票到30天付款",
                "smec_from_fapiao_receipt": True,
                "line_ids": [Command.create({"value": "percent", "value_amount": 100, "nb_days": 30})],
            }
        )
        cls.accountant = cls._user("smec_fapiao_accountant", "account.group_account_invoice")
        cls.collector = cls._user("smec_fapiao_collector", "smec_credit_collection.group_collection_agent")

    @classmethod
    def make_term_invoice(cls, amount, invoice_date, post=True, partner=None):
        """An invoice on the term counted from the fapiao's receipt (no due date given: the term's)."""
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (partner or cls.customer).id,
                "invoice_date": invoice_date,
                "invoice_payment_term_id": cls.term.id,
                "invoice_line_ids": [
                    Command.create({"name": "Tiles", "quantity": 1, "price_unit": amount, "tax_ids": [Command.clear()]})
                ],
            }
        )
        if post:
            move.action_post()
        return move

    @staticmethod
    def term_dates(move):
        return sorted(move.line_ids.filtered(lambda line: line.display_type == "payment_term").mapped("date_maturity"))
