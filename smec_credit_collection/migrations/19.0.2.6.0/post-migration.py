"""19.0.2.6.0: the dunning email's table of open invoices is a template of its own
(``mail_dunning_invoices``), which modules extend (the fapiao numbers). The
email's template is ``noupdate``: in a database installed before, its body, in
each language, has its table replaced by the call when the table is still the
one this module shipped (whatever the headers' language); a table a user
changed is kept as it is."""

import json
import logging
import re

_logger = logging.getLogger(__name__)

SHIPPED_TABLE = re.compile(
    r'<table style="border-collapse: collapse; margin: 12px 0;" border="1" cellpadding="4">\s*'
    r"<tr>\s*(?:<th>[^<]*</th>\s*){4}</tr>\s*"
    r'<tr t-foreach="object.line_ids" t-as="line">\s*'
    r"<td t-out=\"line.move_id.name or ''\"/>\s*"
    r'<td t-out="format_date\(line.date_maturity\)"/>\s*'
    r'<td t-out="line.days_overdue"/>\s*'
    r'<td t-out="format_amount\(line.amount_residual, object.currency_id\)"/>\s*'
    r"</tr>\s*</table>"
)
CALL = '<t t-call="smec_credit_collection.mail_dunning_invoices"/>'


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT t.id, t.body_html FROM mail_template t
          JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
         WHERE d.module = 'smec_credit_collection' AND d.name = 'mail_template_dunning'
        """
    )
    for template_id, body in cr.fetchall():
        changed = {lang: SHIPPED_TABLE.sub(CALL, text or "", count=1) for lang, text in (body or {}).items()}
        kept = sorted(lang for lang, text in changed.items() if CALL not in text)
        if kept:
            _logger.info(
                "Dunning email template %s: the table of %s was changed by a user and is kept", template_id, kept
            )
        if changed != body:
            cr.execute("UPDATE mail_template SET body_html = %s WHERE id = %s", (json.dumps(changed), template_id))
