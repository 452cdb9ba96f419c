"""Open receivables per partner, kept by the database for the credit check.

Contract
--------
* **What it keeps.** Table ``smec_credit_receivable_balance``: per partner,
  company and due date, the residual of the open posted receivable journal
  items (``amount_due``, the positive residuals; ``amount_credit``, the
  negative ones: payments and credit notes not yet applied). The credit check
  reads a few rows per customer instead of summing its open items, whose
  number grows with its history (about 25 ms for 50,000 open items against
  a few rows; ``bench/README.md`` has the measured cost and benefit).
* **Who writes it.** Only the statement-level triggers on
  ``account_move_line`` below, in the same transaction as whatever writes the
  journal items: the ORM, reconciliation, partner merges, raw SQL. No user
  and no ORM method writes it; there is no model on it to write through.
* **How it is rebuilt.** From all journal items at each install and update
  of smec_credit (``init``), when an account becomes or stops being a
  receivable account (a trigger on ``account_account``), and by the weekly
  verification job when it finds a difference (``_cron_verify``).
* **Uninstall.** ``_drop_all`` (called by the module's uninstall hook) drops
  the triggers first, then the functions and the table: left behind, the
  triggers would make every journal item write fail.
"""

import logging

from odoo import api, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class SmecCreditReceivableBalance(models.AbstractModel):
    _name = "smec.credit.receivable.balance"
    _description = "Open Receivables Kept per Partner"

    @staticmethod
    def _receivable_contributions(rows, sign=1):
        """SQL: what the journal items of ``rows`` (a table or a trigger's
        transition table) add to the balance table, times ``sign``."""
        return SQL(
            """
            SELECT l.company_id, l.partner_id, COALESCE(l.date_maturity, 'infinity'::date) AS date_maturity,
                   %(sign)s * GREATEST(l.amount_residual, 0) AS amount_due,
                   %(sign)s * LEAST(l.amount_residual, 0) AS amount_credit
              FROM %(rows)s l
              JOIN account_account acc ON acc.id = l.account_id AND acc.account_type = 'asset_receivable'
             WHERE l.parent_state = 'posted'
               AND l.reconciled IS NOT TRUE
               AND l.partner_id IS NOT NULL
               AND l.amount_residual != 0
            """,
            rows=SQL.identifier(rows),
            sign=SQL(str(int(sign))),
        )

    @classmethod
    def _receivable_totals(cls):
        """SQL: the balance table's rows, computed from all journal items."""
        return SQL(
            """
            SELECT partner_id, company_id, date_maturity,
                   SUM(amount_due) AS amount_due, SUM(amount_credit) AS amount_credit
              FROM (%s) contributions
             GROUP BY 1, 2, 3
            HAVING SUM(amount_due) != 0 OR SUM(amount_credit) != 0
            """,
            cls._receivable_contributions("account_move_line"),
        )

    @staticmethod
    def _apply_receivable_delta(contributions):
        """SQL for the trigger: add ``contributions`` to the balance table in
        key order (two statements never wait on each other's rows in opposite
        orders), then drop the rows emptied (found by a partial index)."""
        return SQL(
            """
            INSERT INTO smec_credit_receivable_balance AS b
                        (partner_id, company_id, date_maturity, amount_due, amount_credit)
                 SELECT partner_id, company_id, date_maturity, SUM(amount_due), SUM(amount_credit)
                   FROM (%s) contributions
                  GROUP BY 1, 2, 3
                 HAVING SUM(amount_due) != 0 OR SUM(amount_credit) != 0
                  ORDER BY 1, 2, 3
            ON CONFLICT (partner_id, company_id, date_maturity) DO UPDATE
               SET amount_due = b.amount_due + EXCLUDED.amount_due,
                   amount_credit = b.amount_credit + EXCLUDED.amount_credit;
            DELETE FROM smec_credit_receivable_balance WHERE amount_due = 0 AND amount_credit = 0;
            """,
            contributions,
        )

    def init(self):
        cr = self.env.cr
        cr.execute(
            """
            CREATE TABLE IF NOT EXISTS smec_credit_receivable_balance (
                partner_id integer NOT NULL,
                company_id integer NOT NULL,
                date_maturity date NOT NULL,
                amount_due numeric NOT NULL DEFAULT 0,
                amount_credit numeric NOT NULL DEFAULT 0,
                PRIMARY KEY (partner_id, company_id, date_maturity)
            );
            CREATE INDEX IF NOT EXISTS smec_credit_receivable_balance_empty_idx
                ON smec_credit_receivable_balance (partner_id) WHERE amount_due = 0 AND amount_credit = 0;
            """
        )
        new_rows = self._receivable_contributions("new_rows")
        old_rows = self._receivable_contributions("old_rows", -1)
        cr.execute(
            SQL(
                """
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_apply() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    %(insert)s
                ELSIF TG_OP = 'UPDATE' THEN
                    %(update)s
                ELSE
                    %(delete)s
                END IF;
                RETURN NULL;
            END
            $fn$;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_ins ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_upd ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_del ON account_move_line;
            CREATE TRIGGER smec_credit_receivable_balance_ins AFTER INSERT ON account_move_line
                REFERENCING NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();
            CREATE TRIGGER smec_credit_receivable_balance_upd AFTER UPDATE ON account_move_line
                REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();
            CREATE TRIGGER smec_credit_receivable_balance_del AFTER DELETE ON account_move_line
                REFERENCING OLD TABLE AS old_rows
                FOR EACH STATEMENT EXECUTE FUNCTION smec_credit_receivable_balance_apply();

            -- the whole table from the journal items; an account that becomes,
            -- or stops being, receivable changes which items count: rare, so
            -- the table is rebuilt then
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_rebuild_all() RETURNS void
            LANGUAGE sql AS $fn$
                DELETE FROM smec_credit_receivable_balance;
                INSERT INTO smec_credit_receivable_balance
                            (partner_id, company_id, date_maturity, amount_due, amount_credit)
                     %(totals)s;
            $fn$;
            CREATE OR REPLACE FUNCTION smec_credit_receivable_balance_rebuild() RETURNS trigger
            LANGUAGE plpgsql AS $fn$
            BEGIN
                PERFORM smec_credit_receivable_balance_rebuild_all();
                RETURN NULL;
            END
            $fn$;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_account ON account_account;
            CREATE TRIGGER smec_credit_receivable_balance_account AFTER UPDATE OF account_type ON account_account
                FOR EACH ROW WHEN (OLD.account_type IS DISTINCT FROM NEW.account_type
                                   AND 'asset_receivable' IN (OLD.account_type, NEW.account_type))
                EXECUTE FUNCTION smec_credit_receivable_balance_rebuild();
            """,
                insert=self._apply_receivable_delta(new_rows),
                update=self._apply_receivable_delta(SQL("%s UNION ALL %s", new_rows, old_rows)),
                delete=self._apply_receivable_delta(old_rows),
                totals=self._receivable_totals(),
            )
        )
        # rebuilt at each install and update: a changed definition never
        # leaves stale totals behind
        self._rebuild()

    @api.model
    def _rebuild(self):
        """Recompute the whole balance table from the journal items."""
        self.env.flush_all()
        self.env.cr.execute("SELECT smec_credit_receivable_balance_rebuild_all()")

    @api.model
    def _drift(self):
        """Rows where the balance table differs from the journal items:
        [(partner_id, company_id, date_maturity, kept, actual)]. Empty unless
        something bypassed the triggers (disabled by hand, say)."""
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """
                WITH actual AS (%s)
                SELECT COALESCE(k.partner_id, a.partner_id), COALESCE(k.company_id, a.company_id),
                       COALESCE(k.date_maturity, a.date_maturity),
                       COALESCE(k.amount_due + k.amount_credit, 0), COALESCE(a.amount_due + a.amount_credit, 0)
                  FROM smec_credit_receivable_balance k
                  FULL JOIN actual a USING (partner_id, company_id, date_maturity)
                 WHERE k.amount_due IS DISTINCT FROM a.amount_due
                    OR k.amount_credit IS DISTINCT FROM a.amount_credit
                 ORDER BY 1, 2, 3
                """,
                self._receivable_totals(),
            )
        )

    @api.model
    def _cron_verify(self):
        """Weekly safety net: compare the kept totals with the journal items and
        rebuild them, with a warning in the log, if anything drifted."""
        drift = self._drift()
        if drift:
            _logger.warning(
                "SMEC Credit: %s open-receivable totals differed from the journal items "
                "(first: partner %s, company %s, due %s: kept %s, actual %s); rebuilt.",
                len(drift),
                *drift[0],
            )
            self._rebuild()
        return len(drift)

    @api.model
    def _drop_all(self):
        """Remove the triggers, then the functions and the table (uninstall)."""
        self.env.cr.execute(
            """
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_ins ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_upd ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_del ON account_move_line;
            DROP TRIGGER IF EXISTS smec_credit_receivable_balance_account ON account_account;
            DROP FUNCTION IF EXISTS smec_credit_receivable_balance_apply();
            DROP FUNCTION IF EXISTS smec_credit_receivable_balance_rebuild();
            DROP FUNCTION IF EXISTS smec_credit_receivable_balance_rebuild_all();
            DROP TABLE IF EXISTS smec_credit_receivable_balance;
            """
        )
