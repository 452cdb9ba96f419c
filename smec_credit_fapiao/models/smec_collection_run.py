from odoo import models
from odoo.tools import SQL


class SmecCollectionRun(models.Model):
    _inherit = "smec.collection.run"

    def _smec_fapiao_waiting_sql(self, move):
        """True for a customer invoice (``move``: the SQL alias of its
        account_move row) dunning waits for: its fapiao not issued, when the
        company asks dunning to wait for it, or its term counted from the
        fapiao's receipt and the receipt not entered."""
        return SQL(
            """%(move)s.move_type = 'out_invoice' AND (
                   (%(hold)s AND %(move)s.smec_fapiao_state = 'to_issue')
                OR (%(move)s.smec_fapiao_received_date IS NULL AND EXISTS (
                       SELECT 1 FROM account_payment_term t
                        WHERE t.id = %(move)s.invoice_payment_term_id AND t.smec_from_fapiao_receipt)))""",
            move=move,
            hold=bool(self.company_id.smec_fapiao_dunning),
        )

    def _smec_dunning_candidate_conditions(self, aml, partner):
        """One rule more: an invoice waiting for its fapiao is not chased (a
        lookup of its move by primary key). With ``smec_fapiao_waiting`` in the
        context the rule is reversed: only those (what the run then notes)."""
        waiting = SQL(
            "EXISTS (SELECT 1 FROM account_move fm WHERE fm.id = %s.move_id AND %s)",
            aml,
            self._smec_fapiao_waiting_sql(SQL("fm")),
        )
        if self.env.context.get("smec_fapiao_waiting"):
            return [*super()._smec_dunning_candidate_conditions(aml, partner), waiting]
        return [*super()._smec_dunning_candidate_conditions(aml, partner), SQL("NOT %s", waiting)]

    def _select(self):
        written = super()._select()
        self._smec_fapiao_note_waiting()
        return written

    def _smec_fapiao_note_waiting(self):
        """Say why invoices were not chased: in the reason of the run's contacts
        of the same customer and currency (not a letter's: the reason of a letter
        chooses its template), and in the run's log for a customer with nothing
        else to chase."""
        self.ensure_one()
        stages = self.env["smec.collection.stage"].search([("company_id", "=", self.company_id.id)])
        if not stages:
            return
        ahead = max(0, -min(stages.mapped("days_overdue")))
        items = self.with_context(smec_fapiao_waiting=True)._items_sql(ahead)
        rows = self.env.execute_query(
            SQL(
                """SELECT i.partner_id, i.currency_id, m.smec_fapiao_state = 'to_issue' AND %(hold)s AS not_issued,
                          ARRAY_AGG(DISTINCT m.name ORDER BY m.name)
                     FROM (%(items)s) i JOIN account_move m ON m.id = i.move_id
                    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 DESC""",
                items=items,
                hold=bool(self.company_id.smec_fapiao_dunning),
            )
        )
        if not rows:
            return
        notes = {}
        for partner_id, currency_id, not_issued, names in rows:
            if not_issued:
                text = self.env._("Not chased until their fapiao is issued: %(invoices)s.", invoices=", ".join(names))
            else:
                text = self.env._(
                    "Not chased until the customer has received their fapiao (the payment term counts from its "
                    "receipt): %(invoices)s.",
                    invoices=", ".join(names),
                )
            notes.setdefault((partner_id, currency_id), []).append(text)
        contacts = self.env["smec.collection.contact"].search([("run_id", "=", self.id)])
        noted = set()
        for contact in contacts:
            key = (contact.partner_id.id, contact.currency_id.id)
            noted.add(key)
            if key in notes and contact.channel != "letter":
                contact.sudo().write({"reason": "\n".join(filter(None, [contact.reason, *notes[key]]))})
        partners = self.env["res.partner"].browse({partner_id for partner_id, _currency in notes})
        for (partner_id, currency_id), texts in notes.items():
            if (partner_id, currency_id) not in noted:
                for text in texts:
                    self._log_line(f"{partners.browse(partner_id).display_name}: {text}")
