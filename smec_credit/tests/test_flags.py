import base64
import io

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import SmecCreditCommon


@tagged("post_install", "-at_install")
class TestFlagsAndUscc(SmecCreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.smec_uscc = "91110000600037341L"
        cls.other = cls.env["res.partner"].create(
            {"name": "Dongfang Trading Co., Ltd.", "is_company": True, "smec_uscc": "91110108551385082Q"}
        )

    def run_import(self, content, filename):
        wizard = (
            self.env["smec.credit.flag.import"]
            .with_user(self.credit_user)
            .create({"file": base64.b64encode(content), "filename": filename})
        )
        wizard.action_import()
        return wizard

    def test_csv_import_row_by_row(self):
        csv = (
            "uscc,name,flag_type,date,source,reference,note\n"
            "91110000600037341L,,dishonest_debtor,2026-03-02,中國執行信息公開網,(2026)京0105執123號,\n"
            ",Dongfang Trading Co., Ltd.,abnormal_operation,2026-01-15,公示系統,,annual report\n"
            "91110000600037341L,,dishonest_debtor,2026-03-02,中國執行信息公開網,,again\n"
            "91110000600037341X,,litigation,2026-02-01,,,\n"
            ",Nobody Ltd,litigation,2026-02-01,,,\n"
            "91110108551385082Q,,bankrupt,2026-02-01,,,\n"
            "91110108551385082Q,,litigation,02/01/2026,,,\n"
        ).replace(",Dongfang Trading Co., Ltd.,", ',"Dongfang Trading Co., Ltd.",')
        wizard = self.run_import(csv.encode(), "extract.csv")
        lines = {line.row: line for line in wizard.line_ids}
        self.assertEqual(
            {row: line.status for row, line in lines.items()},
            {2: "created", 3: "created", 4: "matched", 5: "rejected", 6: "rejected", 7: "rejected", 8: "rejected"},
        )
        self.assertEqual((wizard.created_count, wizard.matched_count, wizard.rejected_count), (2, 1, 4))
        self.assertIn("No company", lines[5].message)  # valid format, no such partner, no name
        self.assertIn("No company", lines[6].message)
        self.assertIn("Unknown flag type bankrupt", lines[7].message)
        self.assertIn("Unreadable date", lines[8].message)

        flag = self.customer.smec_risk_flag_ids
        self.assertEqual(len(flag), 1)
        self.assertEqual(
            (flag.flag_type, str(flag.date), flag.reference), ("dishonest_debtor", "2026-03-02", "(2026)京0105執123號")
        )
        self.assertTrue(flag.blocking)
        self.assertTrue(self.customer.smec_has_blocking_flag)
        self.assertEqual(self.customer.smec_effective_grade_id, self.grade["D"])
        other_flag = self.other.smec_risk_flag_ids
        self.assertEqual(other_flag.flag_type, "abnormal_operation")
        self.assertFalse(other_flag.blocking)
        self.assertFalse(self.other.smec_has_blocking_flag)
        self.assertEqual(self.other.smec_effective_grade_id, self.grade["C"], "new customers: company policy")

    def test_import_report_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "smec_credit")])._update_translations(["zh_CN"])
        self.credit_user.lang = "zh_CN"
        csv = "uscc,name,flag_type,date\n,Nobody Ltd,litigation,2026-02-01\nABC,,litigation,2026-02-01\n"
        lines = self.run_import(csv.encode(), "extract.csv").line_ids.sorted("row")
        self.assertEqual(
            lines.mapped("message"), ["没有此统一社会信用代码或名称的公司。", "ABC 不是统一社会信用代码。"]
        )

    def test_xlsx_import(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["USCC", "Name", "flag_type", "date", "source"])
        sheet.append(["91110108551385082Q", None, "serious_illegal", "2026-05-06", "公示系統"])
        sheet.append([None, None, "litigation", "2026-05-06", None])
        buffer = io.BytesIO()
        book.save(buffer)
        wizard = self.run_import(buffer.getvalue(), "extract.xlsx")
        self.assertEqual(wizard.line_ids.mapped("status"), ["created", "rejected"])
        self.assertTrue(self.other.smec_has_blocking_flag)

    def test_lifted_flag_stops_blocking(self):
        flag = self.env["smec.credit.risk.flag"].create(
            {"partner_id": self.customer.id, "flag_type": "bankruptcy", "date": self.days(-10)}
        )
        self.assertTrue(self.customer.smec_has_blocking_flag)
        flag.action_lift()
        self.customer.invalidate_recordset(["smec_has_blocking_flag"])
        self.assertFalse(self.customer.smec_has_blocking_flag)
        self.assertNotIn(self.customer, self.env["res.partner"].search([("smec_has_blocking_flag", "=", True)]))

    def test_flagged_partners_and_active_flags_are_searched_both_ways(self):
        Flag = self.env["smec.credit.risk.flag"]
        third = self.env["res.partner"].create({"name": "Nanfang Ceramics", "is_company": True})
        # in force since 10 days; ended yesterday; in force only from next week
        active = Flag.create({"partner_id": self.customer.id, "flag_type": "bankruptcy", "date": self.days(-10)})
        ended = Flag.create(
            {"partner_id": self.other.id, "flag_type": "bankruptcy", "date": self.days(-30), "date_end": self.days(-1)}
        )
        coming = Flag.create({"partner_id": third.id, "flag_type": "bankruptcy", "date": self.days(7)})
        flags, partners = active | ended | coming, self.customer | self.other | third

        def flags_where(*domain):
            return Flag.search([("id", "in", flags.ids), *domain])

        def partners_where(*domain):
            return self.env["res.partner"].search([("id", "in", partners.ids), *domain])

        self.assertEqual(flags_where(("is_active_flag", "=", True)), active)
        self.assertEqual(flags_where(("is_active_flag", "=", False)), ended | coming)
        self.assertEqual(flags_where(("is_active_flag", "!=", True)), ended | coming)
        self.assertEqual(partners_where(("smec_has_blocking_flag", "=", True)), self.customer)
        self.assertEqual(partners_where(("smec_has_blocking_flag", "=", False)), self.other | third)
        self.assertEqual(partners_where(("smec_has_blocking_flag", "!=", False)), self.customer)
        self.assertEqual(partners_where(("smec_has_blocking_flag", "in", [True, False])), partners)
        self.assertEqual(flags_where(("is_active_flag", "in", [True, False])), flags)

    def test_flag_of_another_company_does_not_block_here(self):
        other = self.setup_other_company()["company"]
        self.env["smec.credit.risk.flag"].create(
            {"partner_id": self.customer.id, "flag_type": "dishonest_debtor", "company_id": other.id}
        )
        self.assertFalse(self.customer.smec_has_blocking_flag)
        self.assertTrue(self.customer.with_company(other).smec_has_blocking_flag)

    def test_uscc_validation_and_override(self):
        partner = self.env["res.partner"].create({"name": "Checked Ltd", "is_company": True})
        with self.assertRaisesRolledBack(ValidationError, "is not a unified social credit code"):
            partner.smec_uscc = "91110000600037341I"
        with self.assertRaisesRolledBack(ValidationError, "expected L"):
            partner.smec_uscc = "91110000600037341M"
        partner.invalidate_recordset()  # what the database kept: nothing
        self.assertFalse(partner.smec_uscc)
        # only a Credit Manager may accept a code that fails the check character, and it is logged
        with self.assertRaises(AccessError):
            partner.with_user(self.credit_user).write({"smec_uscc": "91110000600037341M", "smec_uscc_override": True})
        partner.with_user(self.credit_manager).sudo().with_context(smec_credit_reason="Registry shows this code").write(
            {"smec_uscc": "91110000600037341m", "smec_uscc_override": True}
        )
        self.assertEqual(partner.smec_uscc, "91110000600037341M")
        self.assertEqual(partner.smec_uscc_status, "checksum")
        log = partner.smec_log_ids
        self.assertEqual(
            (log.field, log.old_value, log.new_value, log.reason),
            ("uscc_override", "No", "Yes", "Registry shows this code"),
        )

    def test_duplicate_uscc_reported(self):
        twin = self.env["res.partner"].create(
            {"name": "Huaxin Tiles (old record)", "is_company": True, "smec_uscc": "9111 0000 6000 37341L"}
        )
        self.assertEqual(twin.smec_uscc, "91110000600037341L")
        self.assertEqual(twin.smec_uscc_duplicate_ids, self.customer)
        self.assertEqual(self.customer.smec_uscc_duplicate_ids, twin)
        self.assertFalse(self.other.smec_uscc_duplicate_ids)
        found = self.env["res.partner"].search([("smec_uscc_duplicate_ids", "!=", False)])
        self.assertEqual(found, self.customer | twin)
