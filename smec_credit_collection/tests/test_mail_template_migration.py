"""A database installed before 19.0.2.6.0 keeps its dunning email's template (users edit it, updates keep it):
the migration replaces the table of invoices it shipped by the call of the template modules extend, in every
language, and leaves a table a user changed as it is."""

import importlib.util
import json
from pathlib import Path

from odoo.tests import TransactionCase, tagged

MIGRATION = Path(__file__).resolve().parent.parent / "migrations" / "19.0.2.6.0" / "post-migration.py"
CALL = '<t t-call="smec_credit_collection.mail_dunning_invoices"/>'


def shipped_table(headers):
    cells = "".join(f"\n            <th>{header}</th>" for header in headers)
    return (
        '<table style="border-collapse: collapse; margin: 12px 0;" border="1" cellpadding="4">\n'
        f"        <tr>{cells}\n        </tr>\n"
        '        <tr t-foreach="object.line_ids" t-as="line">\n'
        "            <td t-out=\"line.move_id.name or ''\"/>\n"
        '            <td t-out="format_date(line.date_maturity)"/>\n'
        '            <td t-out="line.days_overdue"/>\n'
        '            <td t-out="format_amount(line.amount_residual, object.currency_id)"/>\n'
        "        </tr>\n    </table>"
    )


@tagged("post_install", "-at_install")
class TestMailTemplateMigration(TransactionCase):
    def test_the_shipped_table_becomes_the_call_a_changed_one_stays(self):
        template = self.env.ref("smec_credit_collection.mail_template_dunning")
        table = shipped_table(["Invoice", "Due date", "Days overdue", "Open amount"])
        english = f"<div>\n    <p>Dear customer,</p>\n    {table}\n</div>"
        chinese = f"<div>\n    {shipped_table(['发票', '到期日', '逾期天数', '未付金额'])}\n    <p>应付合计</p>\n</div>"
        # a user added a column to the Traditional Chinese table
        changed = shipped_table(["發票", "到期日", "逾期天數", "未付金額"]).replace(
            "<td t-out=\"line.move_id.name or ''\"/>", "<td t-out=\"line.move_id.name or ''\"/><td>!</td>"
        )
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_template SET body_html = %s WHERE id = %s",
            [json.dumps({"en_US": english, "zh_CN": chinese, "zh_TW": f"<div>{changed}</div>"}), template.id],
        )
        spec = importlib.util.spec_from_file_location("smec_mail_template_migration", MIGRATION)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.2.5.0")
        self.env.cr.execute("SELECT body_html FROM mail_template WHERE id = %s", [template.id])
        body = self.env.cr.fetchone()[0]
        self.assertEqual(body["en_US"], f"<div>\n    <p>Dear customer,</p>\n    {CALL}\n</div>")
        self.assertEqual(body["zh_CN"], f"<div>\n    {CALL}\n    <p>应付合计</p>\n</div>")
        self.assertEqual(body["zh_TW"], f"<div>{changed}</div>")
