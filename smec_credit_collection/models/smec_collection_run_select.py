from odoo import models
from odoo.tools import SQL, split_every

from odoo.addons.smec_credit.tools.cron import commit_progress

BATCH_PARTNERS = 500
# a demand letter is proposed this many days before a claim expires, unless a
# letter went out in the last LETTER_PENDING_DAYS (it may still be signed for)
LIMITATION_LETTER_DAYS = 60
LETTER_PENDING_DAYS = 30


class SmecCollectionRunSelection(models.AbstractModel):
    """The dunning run's selection: which partner gets which stage today."""

    _name = "smec.collection.run.selection"
    _description = "Dunning Run: Selection"

    def _select(self):
        """Write the run's contacts, batch by batch of partners, each batch one
        statement and one commit (a resumed run writes again only what is not
        written: the unique index drops the rest). Returns how many it wrote."""
        self.ensure_one()
        stages = self.env["smec.collection.stage"].search([("company_id", "=", self.company_id.id)])
        if not stages:
            self._log_line(self.env._("No dunning stage is active: nothing to do."))
            return 0
        self._expire_drafts()
        self._withdraw_paid_mails()
        self._withdraw_paid_waiting()
        self.env["smec.credit.risk.flag"]._smec_lift_settled_holds(companies=self.company_id)
        # kept or broken as of today: a broken promise escalates its customer below
        self.env["smec.collection.promise"]._settle(self.company_id, self.date)
        # the statements read invoices, partners and contacts as the database has them
        self.env.flush_all()
        ahead = max(0, -min(stages.mapped("days_overdue")))
        # one scan for the partners with something to chase, then one statement per batch of them
        partner_ids = [row[0] for row in self.env.execute_query(self._candidates_sql(ahead))]
        written, remaining = 0, len(partner_ids)
        for batch in split_every(BATCH_PARTNERS, partner_ids):
            written += self.env.execute_query(self._select_sql(ahead, list(batch)))[0][0]
            remaining -= len(batch)
            commit_progress(self.env, len(batch), remaining)
        self.env["smec.collection.promise"].sudo().search(
            [("company_id", "=", self.company_id.id), ("state", "=", "broken"), ("escalated", "=", False)]
        ).write({"escalated": True})
        self.invalidate_recordset(["contact_ids"])
        self.env["smec.collection.contact"].invalidate_model()
        return written

    def _expire_drafts(self):
        """A draft of a run's preview left unconfirmed on its day is not sent
        later with old amounts: it is cancelled, and today's run proposes it
        again if still due. (A contact waiting for a manager is not a draft: it
        waits, and is sent with the amounts of the day it goes out.)"""
        self.env["smec.collection.contact"].search(
            [("company_id", "=", self.company_id.id), ("state", "=", "draft"), ("date", "<", self.date)]
        ).write({"state": "cancelled", "reason": self.env._("Not confirmed on its day.")})

    def _select_sql(self, ahead, partner_ids):
        """One batch: the partners' keys (partner, currency), the plan and the
        stage each is at, the channels, the rules (interval, weekly cap, email
        address), then the contacts and their invoices written at once."""
        company = self.company_id
        key = str(company.id)
        return SQL(
            """
WITH items AS MATERIALIZED (%(items)s),
batch AS (SELECT DISTINCT partner_id FROM items),
keys AS (
    SELECT i.partner_id, i.currency_id, MAX(i.days) AS days,
           MIN(i.expiry) FILTER (
               WHERE i.expiry BETWEEN %(today)s::date AND %(today)s::date + %(expiring_days)s) AS expiring
      FROM items i
     GROUP BY i.partner_id, i.currency_id
),
planned AS (
    SELECT k.*, COALESCE(rp.smec_customer_type, 'default') AS customer_type,
           COALESCE(
             (SELECT pl.id FROM smec_collection_plan pl
               WHERE pl.id = (rp.smec_collection_plan_id ->> %(key)s)::int AND pl.active
                 AND pl.company_id = %(company)s),
             (SELECT pl.id FROM smec_collection_plan pl
                JOIN smec_collection_plan_smec_credit_grade_rel r ON r.smec_collection_plan_id = pl.id
               WHERE pl.company_id = %(company)s AND pl.active
                 AND r.smec_credit_grade_id = (rp.smec_grade_id ->> %(key)s)::int
               ORDER BY pl.sequence, pl.id LIMIT 1),
             (SELECT pl.id FROM smec_collection_plan pl
               WHERE pl.company_id = %(company)s AND pl.active AND pl.customer_type = rp.smec_customer_type
               ORDER BY pl.sequence, pl.id LIMIT 1),
             (SELECT pl.id FROM smec_collection_plan pl
               WHERE pl.company_id = %(company)s AND pl.active AND pl.is_default
               ORDER BY pl.sequence, pl.id LIMIT 1)
           ) AS plan_id
      FROM keys k JOIN res_partner rp ON rp.id = k.partner_id
),
-- the stage reached and not yet paid (a partner never moves back before that), and
-- the deadline of the contact that first reached it
level AS (
    SELECT DISTINCT ON (c.partner_id, c.currency_id)
           c.partner_id, c.currency_id, s.days_overdue AS days, c.date + s.payment_days AS deadline
      FROM smec_collection_contact c
      JOIN batch b USING (partner_id)
      JOIN smec_collection_stage s ON s.id = c.stage_id
     WHERE c.company_id = %(company)s AND c.state IN ('sent', 'delivered')
       AND EXISTS (SELECT 1 FROM smec_collection_contact_line l
                     JOIN account_move_line ol ON ol.id = l.move_line_id
                    WHERE l.contact_id = c.id AND NOT ol.reconciled AND ol.amount_residual > 0)
     ORDER BY c.partner_id, c.currency_id, s.days_overdue DESC, c.date
),
-- a demand delivered for what the partner still owes: the evidence a legal file needs
demanded AS (
    SELECT DISTINCT c.partner_id
      FROM smec_collection_contact c
      JOIN batch b USING (partner_id)
     WHERE c.company_id = %(company)s AND c.channel IN ('email', 'letter') AND c.state = 'delivered'
       AND EXISTS (SELECT 1 FROM smec_collection_contact_line l
                     JOIN account_move_line ol ON ol.id = l.move_line_id
                    WHERE l.contact_id = c.id AND NOT ol.reconciled AND ol.amount_residual > 0)
),
-- how far a partner may go today: up to the first stage (the go-live's choice, else the plan's
-- first letter: a formal demand, never a lawyer's letter) by its days, however old the debt; past
-- it one stage at a time, once the stage reached is past its payment deadline
first_stage AS (
    SELECT pl.partner_id, pl.currency_id,
           COALESCE(%(first_days)s,
                    (SELECT MIN(s.days_overdue) FROM smec_collection_stage s
                      WHERE s.plan_id = pl.plan_id AND s.active AND s.channel_letter),
                    pl.days) AS days
      FROM planned pl
),
allowed AS (
    SELECT pl.partner_id, pl.currency_id, dm.partner_id IS NOT NULL AS demanded,
           GREATEST(pl.days, COALESCE(lv.days, pl.days)) AS days_due,
           GREATEST(fs.days,
                    CASE WHEN lv.days IS NULL THEN fs.days
                         WHEN %(today)s::date < lv.deadline THEN lv.days
                         ELSE COALESCE((SELECT MIN(s.days_overdue) FROM smec_collection_stage s
                                         WHERE s.plan_id = pl.plan_id AND s.active AND s.days_overdue > lv.days),
                                       lv.days)
                    END) AS days_allowed
      FROM planned pl
      JOIN first_stage fs ON fs.partner_id = pl.partner_id AND fs.currency_id = pl.currency_id
      LEFT JOIN level lv ON lv.partner_id = pl.partner_id AND lv.currency_id = pl.currency_id
      LEFT JOIN demanded dm ON dm.partner_id = pl.partner_id
),
reached AS (
    SELECT pl.*,
           -- a stage that holds the orders (legal preparation) only after a demand was delivered
           (SELECT s.id FROM smec_collection_stage s
             WHERE s.plan_id = pl.plan_id AND s.active
               AND s.days_overdue <= LEAST(al.days_due, al.days_allowed)
               AND (al.demanded OR NOT COALESCE(s.hold_orders, FALSE))
             ORDER BY s.days_overdue DESC LIMIT 1) AS current_id,
           -- a promise broken since the last run: one stage up
           CASE WHEN EXISTS (
                    SELECT 1 FROM smec_collection_promise bp
                     WHERE bp.company_id = %(company)s AND bp.partner_id = pl.partner_id
                       AND bp.state = 'broken' AND NOT COALESCE(bp.escalated, FALSE))
                THEN (SELECT s.id FROM smec_collection_stage s
                       WHERE s.plan_id = pl.plan_id AND s.active
                         AND s.days_overdue > al.days_due
                         AND (al.demanded OR NOT COALESCE(s.hold_orders, FALSE))
                       ORDER BY s.days_overdue LIMIT 1) END AS escalated_id
      FROM planned pl
      JOIN allowed al ON al.partner_id = pl.partner_id AND al.currency_id = pl.currency_id
),
target AS (
    SELECT r.partner_id, r.currency_id, r.days, r.expiring, r.customer_type, r.plan_id,
           COALESCE(r.escalated_id, r.current_id) AS stage_id
      FROM reached r
),
due AS (
    SELECT t.*, s.interval_days, s.days_overdue AS stage_days,
           -- someone to write to: an invoicing contact, else the partner itself, or a guarantor
           -- (three lookups by index: one condition OR-ing them scans every partner)
           (EXISTS (SELECT 1 FROM res_partner ri
                     WHERE ri.parent_id = t.partner_id AND ri.type = 'invoice' AND ri.active
                       AND COALESCE(ri.email, '') != '')
            OR EXISTS (SELECT 1 FROM res_partner r
                        WHERE r.id = t.partner_id AND r.active AND COALESCE(r.email, '') != '')
            OR EXISTS (SELECT 1 FROM smec_partner_guarantor_rel g
                         JOIN res_partner rg ON rg.id = g.guarantor_id
                        WHERE g.partner_id = t.partner_id AND rg.active AND COALESCE(rg.email, '') != '')
           ) AS has_email,
           s.channel_email, s.channel_letter, s.channel_call, s.hold_orders,
           -- the scheduled run leaves these to a Collection Manager: they wait for one
           %(queue)s AND s.needs_confirmation AS waits,
           -- a claim about to expire: a demand letter, whatever the stage, unless one is on its way
           t.expiring IS NOT NULL AND NOT EXISTS (
               SELECT 1 FROM smec_collection_contact c
                WHERE c.company_id = %(company)s AND c.partner_id = t.partner_id
                  AND c.currency_id = t.currency_id AND c.channel = 'letter'
                  AND (c.state = 'waiting'
                       OR (c.state != 'cancelled' AND c.date > %(today)s::date - %(pending_days)s))
           ) AS limitation_letter
      FROM target t JOIN smec_collection_stage s ON s.id = t.stage_id
),
wanted AS (
    SELECT DISTINCT ON (d.partner_id, d.currency_id, ch.channel)
           d.partner_id, d.currency_id, d.plan_id, d.stage_id, d.customer_type, d.days, d.stage_days,
           d.waits, ch.channel, ch.reason
      FROM due d
     CROSS JOIN LATERAL (VALUES
           ('letter', d.limitation_letter, %(expiring)s || TO_CHAR(d.expiring, 'YYYY-MM-DD') || '.', 0),
           ('email', d.channel_email AND d.has_email, NULL, 1),
           ('call', d.channel_email AND NOT d.has_email, %(no_email)s, 3),
           ('letter', d.channel_letter, NULL, 2),
           ('call', d.channel_call, NULL, 2),
           ('hold', d.hold_orders, NULL, 4)) AS ch(channel, wanted, reason, rank)
     WHERE ch.wanted
       -- the same stage is not sent again on a channel within its interval, nor written
       -- while one waits for a manager or was held back by one
       AND (ch.rank = 0 OR NOT EXISTS (
               SELECT 1 FROM smec_collection_contact c
                WHERE c.company_id = %(company)s AND c.partner_id = d.partner_id
                  AND c.currency_id = d.currency_id AND c.stage_id = d.stage_id AND c.channel = ch.channel
                  AND (c.state = 'waiting' OR c.held_until > %(today)s::date
                       OR (c.state != 'cancelled' AND c.date > %(today)s::date - d.interval_days))))
       -- a manager dropped it: not again for the same invoices (a new overdue one brings it back)
       AND NOT EXISTS (
               SELECT 1 FROM smec_collection_contact c
                WHERE c.company_id = %(company)s AND c.partner_id = d.partner_id
                  AND c.currency_id = d.currency_id AND c.stage_id = d.stage_id AND c.channel = ch.channel
                  AND c.dropped
                  AND NOT EXISTS (
                      SELECT 1 FROM items i
                       WHERE i.partner_id = d.partner_id AND i.currency_id = d.currency_id
                         AND i.days >= LEAST(d.stage_days, 1)
                         AND NOT EXISTS (SELECT 1 FROM smec_collection_contact_line l
                                          WHERE l.contact_id = c.id AND l.move_line_id = i.line_id)))
     ORDER BY d.partner_id, d.currency_id, ch.channel, ch.rank
),
capped AS (
    SELECT w.*,
           w.channel != 'hold' AND (
               SELECT COUNT(*) FROM smec_collection_contact c
                WHERE c.company_id = %(company)s AND c.partner_id = w.partner_id AND c.channel != 'hold'
                  AND c.state NOT IN ('cancelled', 'draft', 'waiting') AND c.date > %(today)s::date - 7)
           + ROW_NUMBER() OVER (PARTITION BY w.partner_id, w.channel = 'hold'
                              ORDER BY w.stage_days DESC, w.currency_id,
                                       CASE w.channel WHEN 'letter' THEN 1 WHEN 'email' THEN 2 ELSE 3 END)
           > %(cap)s AS over_cap
      FROM wanted w
),
-- what each contact chases: every overdue item (and, before the due date, what falls due)
amounts AS (
    SELECT s.partner_id, s.currency_id, s.stage_id, SUM(i.residual) AS amount
      FROM (SELECT DISTINCT partner_id, currency_id, stage_id, stage_days FROM wanted) s
      JOIN items i ON i.partner_id = s.partner_id AND i.currency_id = s.currency_id
                  AND i.days >= LEAST(s.stage_days, 1)
     GROUP BY s.partner_id, s.currency_id, s.stage_id
),
inserted AS (
    INSERT INTO smec_collection_contact
           (run_id, company_id, partner_id, currency_id, plan_id, stage_id, channel, date, state, reason,
            customer_type, days_overdue, amount_total, create_uid, create_date, write_uid, write_date)
    SELECT %(run)s, %(company)s, c.partner_id, c.currency_id, c.plan_id, c.stage_id, c.channel, %(today)s,
           CASE WHEN c.over_cap THEN 'cancelled' WHEN c.waits THEN 'waiting' ELSE 'draft' END,
           CASE WHEN c.over_cap THEN %(over_cap)s ELSE c.reason END,
           c.customer_type, c.days, a.amount,
           %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
      FROM capped c
      JOIN amounts a ON a.partner_id = c.partner_id AND a.currency_id = c.currency_id AND a.stage_id = c.stage_id
    ON CONFLICT (company_id, partner_id, currency_id, stage_id, channel, date) DO NOTHING
    RETURNING id, partner_id, currency_id, stage_id
),
lines AS (%(lines)s RETURNING contact_id)
SELECT COUNT(*) FROM inserted
            """,
            items=self._items_sql(ahead, partner_ids),
            lines=self._lines_insert_sql(
                SQL(
                    "SELECT n.id AS contact_id, n.partner_id, n.currency_id, s.days_overdue AS stage_days "
                    "FROM inserted n JOIN smec_collection_stage s ON s.id = n.stage_id"
                )
            ),
            key=key,
            company=company.id,
            today=self.date,
            cap=company.smec_weekly_contact_cap,
            first_days=SQL(
                "%s::integer", first.days_overdue if (first := company.smec_dunning_first_stage_id) else None
            ),
            run=self.id,
            queue=self.kind == "scheduled",
            uid=self.env.uid,
            no_email=self.env._("No email address for the invoicing contacts: a call task instead."),
            expiring_days=LIMITATION_LETTER_DAYS,
            pending_days=LETTER_PENDING_DAYS,
            expiring=self.env._(
                "A demand letter before the claim expires: signed for by the customer, it restarts the limitation "
                "period of an invoice that expires on "
            ),
            over_cap=self.env._(
                "Not sent: the partner was already contacted %(cap)s times in seven days.",
                cap=company.smec_weekly_contact_cap,
            ),
        )

    def _lines_insert_sql(self, contacts):
        """The statement that writes the invoices each contact of ``contacts``
        (SQL rows of contact_id, partner_id, currency_id, stage_days) chases,
        from the ``items`` of the statement it is part of: every overdue item,
        and before the due date what falls due."""
        return SQL(
            """
    INSERT INTO smec_collection_contact_line
           (contact_id, move_line_id, move_id, date_maturity, days_overdue, amount_residual,
            create_uid, create_date, write_uid, write_date)
    SELECT c.contact_id, i.line_id, i.move_id, i.date_maturity, i.days, i.residual,
           %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
      FROM (%(contacts)s) c
      JOIN items i ON i.partner_id = c.partner_id AND i.currency_id = c.currency_id
                  AND i.days >= LEAST(c.stage_days, 1)""",
            contacts=contacts,
            uid=self.env.uid,
        )

    def _log_line(self, text):
        self.sudo().write({"log": "\n".join(filter(None, [self.log, text]))})
