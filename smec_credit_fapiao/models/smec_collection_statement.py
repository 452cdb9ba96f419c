from odoo import models
from odoo.tools import SQL


class SmecCollectionStatement(models.Model):
    _inherit = "smec.collection.statement"

    def _statement_lines(self):
        """The movements, each with its invoice's fapiao number (``fapiao``):
        Chinese customers reconcile a statement by the fapiao numbers."""
        rows = super()._statement_lines()
        if rows:
            numbers = dict(
                self.env.execute_query(
                    SQL(
                        """SELECT aml.id, am.fapiao FROM account_move_line aml
                             JOIN account_move am ON am.id = aml.move_id
                            WHERE aml.id = ANY(%s) AND am.fapiao IS NOT NULL""",
                        [row["id"] for row in rows],
                    )
                )
            )
            for row in rows:
                row["fapiao"] = numbers.get(row["id"]) or ""
        return rows
