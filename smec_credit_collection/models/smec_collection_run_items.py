"""The items the dunning run may chase: the open receivable journal items of
the run's company that are due, less their disputed part, that meet the rules
of ``_smec_dunning_candidate_conditions`` (the extension point another module
adds a rule to), and the partners they make candidates. The selection
(``smec_collection_run_select.py``) reads them in its scan and in each batch's
statement."""

from odoo import api, models
from odoo.tools import SQL


class SmecCollectionRunItems(models.AbstractModel):
    _inherit = "smec.collection.run.selection"

    @api.model
    def _smec_dunning_candidate_conditions(self, aml, partner):
        """The rules an open receivable journal item meets to be dunned today:
        a list of ``odoo.tools.SQL`` conditions, ANDed into the selection's one
        statement (``_items_sql``: the candidates' scan, then the
        ``INSERT ... SELECT`` of each batch of partners, and the refresh of a
        contact a manager sends).

        ``aml`` is the SQL alias of the item (``account_move_line``), ``partner``
        the SQL expression of the id of the customer dunned (the commercial
        partner of the item's partner). The run's company is ``self.company_id``
        and its day ``self.date``. The rules here: Odoo's own "No Follow-Up"
        flag, and an open promise to pay covering the invoice (the disputed part
        of an item is taken out by ``_items_sql`` itself, the rest is chased).

        Another module adds a rule by extending the method on
        ``smec.collection.run`` (or this mixin) and appending its condition::

            def _smec_dunning_candidate_conditions(self, aml, partner):
                return [
                    *super()._smec_dunning_candidate_conditions(aml, partner),
                    SQL("NOT EXISTS (SELECT 1 FROM my_table t WHERE t.partner_id = %s)", partner),
                ]

        A condition runs for every open receivable item of the company in each
        run: keep it a lookup by an index (an ``EXISTS`` on an indexed column),
        not a scan, and the run stays as fast. ``test_smec_dunning_rule`` (under
        ``tests/``) is such a module."""
        return [
            SQL("NOT COALESCE(%s.no_followup, FALSE)", aml),
            # an open promise covers the invoice until its last date plus the grace days
            SQL(
                """NOT EXISTS (
                   SELECT 1 FROM smec_collection_promise_invoice_rel r
                     JOIN smec_collection_promise pr ON pr.id = r.promise_id
                    WHERE r.move_id = %(aml)s.move_id AND pr.state = 'open'
                      AND pr.date_last + pr.grace_days >= %(today)s)""",
                aml=aml,
                today=self.date,
            ),
        ]

    def _items_sql(self, ahead, partner_ids=None):
        """The open receivable lines of the company that dunning may chase, due
        by ``ahead`` days from the run's day (of ``partner_ids`` only, if given)."""
        return SQL(
            """
            SELECT p.commercial_partner_id AS partner_id, aml.currency_id, aml.id AS line_id, aml.move_id,
                   aml.date_maturity, (%(today)s::date - aml.date_maturity) AS days,
                   aml.amount_residual_currency - COALESCE(dl.disputed_currency, 0) AS residual,
                   am.smec_limitation_expiry AS expiry
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id AND acc.account_type = 'asset_receivable'
              -- a left join (every line has its move): a query that reads nothing of
              -- the move, such as the candidates' scan, does not visit it at all
              LEFT JOIN account_move am ON am.id = aml.move_id
              JOIN res_partner p ON p.id = aml.partner_id
              -- an open dispute takes its part out; the undisputed rest is chased
              LEFT JOIN (%(disputed)s) dl ON dl.line_id = aml.id
             WHERE aml.company_id = %(company)s AND aml.parent_state = 'posted' AND NOT aml.reconciled
               AND aml.amount_residual > 0 AND aml.date_maturity <= %(today)s::date + %(ahead)s
               AND aml.amount_residual_currency - COALESCE(dl.disputed_currency, 0) > 0
               AND %(partners)s AND %(conditions)s
            """,
            today=self.date,
            company=self.company_id.id,
            ahead=ahead,
            # through the partners' own ids, so that a batch reads its lines by the partner index
            partners=SQL(
                "aml.partner_id IN (SELECT rp.id FROM res_partner rp WHERE rp.commercial_partner_id = ANY(%s))",
                partner_ids,
            )
            if partner_ids is not None
            else SQL("TRUE"),
            conditions=SQL(" AND ").join(
                [
                    SQL("TRUE"),
                    *(
                        SQL("(%s)", condition)
                        for condition in self._smec_dunning_candidate_conditions(
                            SQL("aml"), SQL("p.commercial_partner_id")
                        )
                    ),
                ]
            ),
            disputed=self.env["smec.collection.dispute.line"]._disputed_sql(
                self.company_id.id,
                SQL("d.partner_id = ANY(%s)", partner_ids) if partner_ids is not None else None,
            ),
        )

    def _candidates_sql(self, ahead):
        return SQL("SELECT DISTINCT partner_id FROM (%s) items ORDER BY partner_id", self._items_sql(ahead))
