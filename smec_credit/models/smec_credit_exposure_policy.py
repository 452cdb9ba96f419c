"""The credit policy, as SQL pieces, and its readers: what the credit check
applies to a customer's exposure (``smec_credit_exposure.py``) for a company:
the applied limit, the grade whose policy applies, the blocking risk flags and
the temporary limit increases in force.

Each piece is written once and read by the partner's screen
(``_credit_policy``), the order check and the delivery check
(``_credit_policy_sql``, made for the few customers of a check) and the
exposure list (``_credit_policies_sql``, grouped for thousands of customers),
on the same conditions.
"""

from odoo import api, fields, models
from odoo.tools import SQL

from .res_company_live import credit_live_sql


class SmecCreditExposurePolicy(models.AbstractModel):
    _inherit = "smec.credit.exposure"

    @staticmethod
    def _applied_limit_sql():
        """SQL: the limit the credit check applies to partner ``rp`` for company
        ``c`` (with ``_applied_limit_joins_sql``), the one definition the
        partner's screen, the exposure list and the check read: none once the
        company is live with Odoo's credit-limit setting (``account_use_credit_limit``)
        turned off (going live turns it on; before, the screens show the limits
        going live will apply); else the partner's value for the company if
        set, even 0 (a company-dependent field as the ORM reads it), else the
        company default; when that is 0 and the partner has no grade, the
        new-customer grade's limit; 0: no limit."""
        return SQL(
            """
            CASE WHEN %(live)s AND NOT COALESCE(c.account_use_credit_limit, FALSE) THEN 0
                 WHEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric, 0) > 0
                 THEN COALESCE((rp.credit_limit ->> c.id::text)::numeric, dflt.json_value::numeric)
                 WHEN rp.smec_grade_id ->> c.id::text IS NULL THEN COALESCE(newgrade.limit_amount, 0)
                 ELSE 0 END
            """,
            live=credit_live_sql(SQL("c")),
        )

    @staticmethod
    def _applied_limit_joins_sql():
        return SQL(
            """
            LEFT JOIN smec_credit_grade newgrade ON newgrade.id = c.smec_new_customer_grade_id
            LEFT JOIN ir_model_fields limit_field ON limit_field.model = 'res.partner'
                                                  AND limit_field.name = 'credit_limit'
            LEFT JOIN ir_default dflt ON dflt.field_id = limit_field.id AND dflt.company_id = c.id
                                     AND dflt.user_id IS NULL AND dflt.condition IS NULL
            """
        )

    @staticmethod
    def _policy_grade_sql():
        """SQL: the grade whose policy applies to partner ``rp`` for company ``c``:
        its own, else the new-customer grade."""
        return SQL("COALESCE((rp.smec_grade_id ->> c.id::text)::int, c.smec_new_customer_grade_id)")

    @staticmethod
    def _blocking_flag_sql(today):
        """SQL: conditions on the risk flag ``f`` that holds the credit orders of
        its partner for company ``c`` on ``today``: active, blocking, the
        company's or shared, raised and not lifted."""
        # (the line breaks are those of the order check's statement, which reads it)
        return SQL(
            "f.active AND f.blocking\n"
            "                            AND (f.company_id IS NULL OR f.company_id = c.id)\n"
            "                            AND f.date <= %(today)s AND (f.date_end IS NULL OR f.date_end > %(today)s)",
            today=today,
        )

    @staticmethod
    def _temporary_increase_sql(today):
        """SQL: conditions on the credit approval ``a`` whose temporary limit
        increase applies on ``today`` (to its partner and company)."""
        return SQL(
            "a.state = 'approved'\n                       AND a.decision = 'temporary' AND a.temp_until >= %(today)s",
            today=today,
        )

    @api.model
    def _credit_policy_sql(self, ids, company_id, today):
        """SQL: one row (id, credit_limit, grade_id, flag_ids,
        temporary_increase, related_type) per partner of ``ids`` (an SQL int[]
        expression); see ``_credit_policy``. Made for a few partners (the
        checks' customers): the flags and increases are read partner by
        partner; a list of all customers reads ``_credit_policies_sql``."""
        return SQL(
            """
            SELECT rp.id,
                   %(limit)s AS credit_limit,
                   %(grade)s AS grade_id,
                   ARRAY(SELECT f.id FROM smec_credit_risk_flag f
                          WHERE f.partner_id = rp.id AND %(flag)s
                          ORDER BY f.date DESC, f.id DESC) AS flag_ids,
                   (SELECT COALESCE(SUM(a.temp_limit_increase), 0) FROM smec_credit_approval a
                     WHERE a.partner_id = rp.id AND a.company_id = c.id AND %(increase)s) AS temporary_increase,
                   rp.smec_related_type AS related_type
              FROM res_partner rp
              JOIN res_company c ON c.id = %(company)s
              %(limit_joins)s
             WHERE rp.id = ANY(%(ids)s)
            """,
            ids=ids,
            company=company_id,
            limit=self._applied_limit_sql(),
            grade=self._policy_grade_sql(),
            flag=self._blocking_flag_sql(today),
            increase=self._temporary_increase_sql(today),
            limit_joins=self._applied_limit_joins_sql(),
        )

    @api.model
    def _credit_policies_sql(self, keys, today):
        """SQL: the policy of ``_credit_policy_sql`` for every row (pid,
        company_id) of ``keys`` (an SQL relation, a CTE's name), for lists of
        thousands of customers: rows (id, company_id, credit_limit, grade_id,
        flagged, temporary_increase, related_type). The blocking flags and the
        temporary increases in force are grouped once for all partners and
        joined by partner and company, on the same conditions: read partner by
        partner, as the checks read them for their few customers, they cost
        the list of 20,002 customers of bench/run.py 304,000 buffer reads
        instead of 3,200, and a nested loop the planner then keeps for the
        whole query."""
        return SQL(
            """
            WITH flagged AS (
                SELECT DISTINCT f.partner_id AS pid, c.id AS company_id
                  FROM smec_credit_risk_flag f
                  JOIN res_company c ON %(flag)s
            ),
            increases AS (
                SELECT a.partner_id AS pid, a.company_id, SUM(a.temp_limit_increase) AS amount
                  FROM smec_credit_approval a
                 WHERE %(increase)s
                 GROUP BY 1, 2
            )
            SELECT k.pid AS id, k.company_id,
                   %(limit)s AS credit_limit,
                   %(grade)s AS grade_id,
                   flagged.pid IS NOT NULL AS flagged,
                   COALESCE(increases.amount, 0) AS temporary_increase,
                   rp.smec_related_type AS related_type
              FROM %(keys)s k
              JOIN res_partner rp ON rp.id = k.pid
              JOIN res_company c ON c.id = k.company_id
              %(limit_joins)s
              LEFT JOIN flagged ON flagged.pid = k.pid AND flagged.company_id = k.company_id
              LEFT JOIN increases ON increases.pid = k.pid AND increases.company_id = k.company_id
            """,
            keys=keys,
            limit=self._applied_limit_sql(),
            grade=self._policy_grade_sql(),
            flag=self._blocking_flag_sql(today),
            increase=self._temporary_increase_sql(today),
            limit_joins=self._applied_limit_joins_sql(),
        )

    @api.model
    def _credit_policy(self, partners, company, today=None):
        """What the credit check applies to commercial ``partners`` for
        ``company``, in one query: {partner_id: {limit, grade_id, flag_ids,
        temporary_increase}}.

        * limit: the partner's own limit for the company (or its company
          default), else, while the partner has no grade, the new-customer
          grade's limit; 0 means no limit (``_applied_limit_sql``);
        * grade_id: the partner's grade for the company, else the new-customer grade;
        * flag_ids: its active blocking risk flags (the company's and shared ones);
        * temporary_increase: the sum of its approved increases still valid;
        * related_type: how it is related to the owners, if it is a related party.
        """
        ids = list(set(partners.ids))
        if not ids:
            return {}
        self.env.flush_all()
        query = self._credit_policy_sql(SQL("%s::int[]", ids), company.id, today or fields.Date.context_today(self))
        return {
            pid: {
                "limit": float(limit),
                "grade_id": grade_id,
                "flag_ids": flag_ids,
                "temporary_increase": float(increase),
                "related_type": related_type,
            }
            for pid, limit, grade_id, flag_ids, increase, related_type in self.env.execute_query(query)
        }
