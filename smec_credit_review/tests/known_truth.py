"""A ledger whose truth is known: each customer has a hidden risk that drives both its assessment answers
(with noise) and how it pays, so that a review can be checked against what was put in.

Used by the tests (a few hundred customers) and by ``bench/review.py`` (20,000), written in bulk SQL:

* each customer's hidden risk r is drawn from a standard normal;
* its assessment on the card, approved between one horizon and one horizon plus the approval window ago,
  answers each questionnaire criterion from ``signal * -r + sqrt(1 - signal²) * noise`` (one standard normal
  per answer), cut into the criterion's answers from the worst to the best; a criterion of signal 0 is
  pure noise. The ledger's criteria (paid on time, ...) and the industry are unknown, as for new customers;
* its payment behaviour: bad with probability 1 / (1 + exp(-(alpha + beta * r))); a bad customer leaves its
  second invoice unpaid for 150 days (half of them never pay it), the others pay everything 0-29 days late.
  Each customer has ``invoices`` invoices of 1,000-1,800, a month apart, from ten days after its approval.
"""

from odoo.tools import SQL


def give_wrong_weight(card):
    """The card of the bench and the tests, given a deliberately wrong weight: Conditions 40 % (Character 10 %),
    with the (noise) market environment weighing 5 to the industry's 1. Returns {criterion name: criterion}."""
    card.write(
        {
            "weight_character": 10,
            "weight_capacity": 20,
            "weight_capital": 20,
            "weight_collateral": 10,
            "weight_conditions": 40,
        }
    )
    criteria = {criterion.name: criterion for criterion in card.criterion_ids}
    criteria["Regional and market environment"].weight = 5.0
    return criteria


def card_options(card):
    """[(criterion id, kind, [(rank, option id or None, value, score)], unknown score)] of the card's
    questionnaire criteria, answers from the worst (rank 0) up; the ledger's criteria are left unknown."""
    result = []
    for criterion in card.criterion_ids:
        if criterion.source != "manual":
            continue
        options = criterion.option_ids.filtered(lambda o: not o.is_unknown).sorted("score")
        answers = []
        for rank, option in enumerate(options):
            if criterion.kind == "choice":
                answers.append((rank, option.id, 0.0, option.score))
            else:
                value = option.value_min if option.has_min else option.value_max - 1
                answers.append((rank, None, value, option.score))
        result.append((criterion.id, criterion.kind, answers))
    return result


def generate(
    env,
    card,
    customers,
    signals,
    prefix="Known truth",
    invoices=4,
    alpha=-2.2,
    beta=1.5,
    horizon_months=12,
    sample_months=12,
    random_start=0.35,
):
    """Customers named ``prefix`` 1..n with their assessments on ``card`` and their ledger.

    signals: {criterion id: signal 0-1} for the questionnaire criteria (missing: 0, pure noise).
    Returns the number of bad customers put in.
    """
    company = card.company_id
    cr = env.cr
    env.flush_all()
    options = card_options(card)
    rows = [
        (criterion, signals.get(criterion, 0.0), kind, rank, len(answers), option, value, score)
        for criterion, kind, answers in options
        for rank, option, value, score in answers
    ]
    sale = env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
    bank = env["account.journal"].search([("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
    receivable = env["account.account"].search(
        [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)], limit=1
    )
    income = env["account.account"].search(
        [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
    )
    params = {
        "company": company.id,
        "currency": company.currency_id.id,
        "card": card.id,
        "customers": customers,
        "prefix": prefix,
        "invoices": invoices,
        "alpha": alpha,
        "beta": beta,
        "horizon": horizon_months,
        "window_days": int(sample_months * 30.4),
        "sale": sale.id,
        "bank": bank.id,
        "receivable": receivable.id,
        "income": income.id,
        "uid": env.uid,
    }
    # the required columns other add-ons give a partner (purchase_stock's group_rfq...), at their defaults
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_partner' AND is_nullable = 'NO' AND column_default IS NULL
              AND column_name NOT IN ('id', 'name', 'complete_name', 'is_company', 'active', 'type',
                                      'autopost_bills', 'create_date', 'write_date')"""
    )
    required = [name for (name,) in cr.fetchall() if name in env["res.partner"]._fields]
    defaults = env["res.partner"].default_get(required)
    params["partner_columns"] = SQL("").join(SQL(", %s", SQL.identifier(name)) for name in required)
    params["partner_values"] = SQL("").join(SQL(", %s", defaults.get(name)) for name in required)
    cr.execute(SQL("SELECT setseed(%s)", random_start))
    cr.execute("DROP TABLE IF EXISTS kt_option, kt_customer, kt_answer, kt_invoice")
    cr.execute(
        """CREATE TEMP TABLE kt_option (criterion_id int, signal float8, kind varchar, rank int, n int,
                                        option_id int, value float8, score float8)"""
    )
    if rows:
        cr.execute(SQL("INSERT INTO kt_option VALUES %s", SQL(", ").join(SQL("%s", row) for row in rows)))
    statements = [
        # customers: a hidden risk and an approval date inside the window before the observation date
        """
        CREATE TEMP TABLE kt_customer AS
        SELECT g, sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS risk,
               (CURRENT_DATE - make_interval(months => %(horizon)s))::date
                   - (1 + floor(random() * (%(window_days)s - 2)))::int AS start,
               random() AS draw, random() AS never
          FROM generate_series(1, %(customers)s) g
        """,
        "ALTER TABLE kt_customer ADD COLUMN partner_id int, ADD COLUMN assessment_id int, ADD COLUMN bad bool",
        "UPDATE kt_customer SET bad = draw < 1 / (1 + exp(-(%(alpha)s + %(beta)s * risk)))",
        """
        WITH partners AS (
            INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                                     create_date, write_date %(partner_columns)s)
            SELECT %(prefix)s || ' ' || g, %(prefix)s || ' ' || g, TRUE, TRUE, 'contact', 'ask', now(), now()
                   %(partner_values)s
              FROM kt_customer
            RETURNING id, name)
        UPDATE kt_customer c SET partner_id = p.id FROM partners p WHERE p.name = %(prefix)s || ' ' || c.g
        """,
        "UPDATE res_partner SET commercial_partner_id = id WHERE id IN (SELECT partner_id FROM kt_customer)",
        """
        WITH assessments AS (
            INSERT INTO smec_credit_assessment (name, company_id, partner_id, partner_role, scorecard_id,
                                                assessor_id, date, valid_until, state, decided_by_id, decided_on,
                                                has_history, create_uid, create_date, write_uid, write_date)
            SELECT 'KT/' || c.g, %(company)s, c.partner_id, 'customer', %(card)s, %(uid)s, c.start,
                   c.start + 730, 'approved', %(uid)s, c.start, FALSE, %(uid)s, now(), %(uid)s, now()
              FROM kt_customer c
            RETURNING id, partner_id)
        UPDATE kt_customer c SET assessment_id = a.id FROM assessments a WHERE a.partner_id = c.partner_id
        """,
        # each questionnaire answer from the risk and its noise, cut into the criterion's answers
        """
        CREATE TEMP TABLE kt_answer AS
        SELECT c.assessment_id, q.criterion_id, q.n, q.signal,
               q.signal * -c.risk + sqrt(1 - q.signal * q.signal)
                   * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()) AS latent
          FROM kt_customer c
         CROSS JOIN (SELECT DISTINCT criterion_id, n, signal FROM kt_option) q
        """,
        """
        INSERT INTO smec_credit_assessment_answer (assessment_id, company_id, criterion_id, dimension, sequence,
                                                   option_id, value, answered, applicable, score, is_known,
                                                   create_uid, create_date, write_uid, write_date)
        SELECT a.assessment_id, %(company)s, a.criterion_id, cr.dimension, cr.sequence, o.option_id, o.value,
               TRUE, TRUE, o.score, TRUE, %(uid)s, now(), %(uid)s, now()
          FROM kt_answer a
          JOIN smec_credit_criterion cr ON cr.id = a.criterion_id
          JOIN kt_option o ON o.criterion_id = a.criterion_id
           AND o.rank = LEAST(a.n - 1, floor(a.n / (1 + exp(-1.702 * a.latent)))::int)
        """,
        # the ledger's criteria and the industry: unknown, scored as the criterion's conservative answer
        """
        INSERT INTO smec_credit_assessment_answer (assessment_id, company_id, criterion_id, dimension, sequence,
                                                   value, answered, applicable, score, is_known,
                                                   create_uid, create_date, write_uid, write_date)
        SELECT c.assessment_id, %(company)s, cr.id, cr.dimension, cr.sequence, 0, FALSE, TRUE,
               cr.unknown_score, FALSE, %(uid)s, now(), %(uid)s, now()
          FROM kt_customer c
         CROSS JOIN smec_credit_criterion cr
         WHERE cr.scorecard_id = %(card)s AND cr.source != 'manual'
        """,
        # the scores, as smec_credit's scoring computes them (every answer applies)
        """
        WITH dims AS (
            SELECT ans.assessment_id, cr.dimension, round((SUM(cr.weight * ans.score) / SUM(cr.weight))::numeric, 2)
                   AS score
              FROM smec_credit_assessment_answer ans
              JOIN smec_credit_criterion cr ON cr.id = ans.criterion_id
             WHERE ans.assessment_id IN (SELECT assessment_id FROM kt_customer)
             GROUP BY ans.assessment_id, cr.dimension
        ),
        weighted AS (
            SELECT d.assessment_id, d.dimension, d.score,
                   CASE d.dimension WHEN 'character' THEN s.weight_character WHEN 'capacity' THEN s.weight_capacity
                        WHEN 'capital' THEN s.weight_capital WHEN 'collateral' THEN s.weight_collateral
                        ELSE s.weight_conditions END AS weight
              FROM dims d, smec_credit_scorecard s WHERE s.id = %(card)s
        ),
        totals AS (
            SELECT assessment_id,
                   round(SUM(score * weight) FILTER (WHERE weight > 0)
                         / NULLIF(SUM(weight) FILTER (WHERE weight > 0), 0), 2) AS total,
                   MAX(score) FILTER (WHERE dimension = 'character') AS s1,
                   MAX(score) FILTER (WHERE dimension = 'capacity') AS s2,
                   MAX(score) FILTER (WHERE dimension = 'capital') AS s3,
                   MAX(score) FILTER (WHERE dimension = 'collateral') AS s4,
                   MAX(score) FILTER (WHERE dimension = 'conditions') AS s5
              FROM weighted GROUP BY assessment_id
        )
        UPDATE smec_credit_assessment a
           SET total_score = t.total, score_character = COALESCE(t.s1, 0), score_capacity = COALESCE(t.s2, 0),
               score_capital = COALESCE(t.s3, 0), score_collateral = COALESCE(t.s4, 0),
               score_conditions = COALESCE(t.s5, 0), completeness = 100, missing_answer_count = 0,
               grade_id = (SELECT g.id FROM smec_credit_grade g
                            WHERE g.company_id = %(company)s AND g.partner_role = 'customer'
                              AND (t.total >= g.min_score AND (t.total < g.max_score OR g.max_score >= 100))
                            ORDER BY g.min_score DESC LIMIT 1)
          FROM totals t WHERE t.assessment_id = a.id
        """,
        # invoices a month apart; a bad customer leaves the second one unpaid for 150 days (half: for good)
        """
        CREATE TEMP TABLE kt_invoice AS
        SELECT c.g, j, c.partner_id, c.start + 10 + 30 * j AS inv_date, c.start + 40 + 30 * j AS due,
               (1000 + 100 * ((c.g + j) %% 9))::numeric AS amount,
               CASE WHEN c.bad AND j = 1 THEN (CASE WHEN c.never < 0.5 THEN NULL ELSE 150 END)
                    ELSE floor(random() * 30)::int END AS late
          FROM kt_customer c CROSS JOIN generate_series(0, %(invoices)s - 1) j
        """,
        """
        ALTER TABLE kt_invoice ADD COLUMN move_id int, ADD COLUMN line_id int, ADD COLUMN paid_on date,
                               ADD COLUMN pay_line int
        """,
        "UPDATE kt_invoice SET paid_on = due + late WHERE late IS NOT NULL AND due + late <= CURRENT_DATE",
        """
        WITH moves AS (
            INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                      partner_id, commercial_partner_id, invoice_date, invoice_date_due,
                                      amount_untaxed, amount_total, amount_residual, amount_untaxed_signed,
                                      amount_total_signed, amount_residual_signed, payment_state, create_date,
                                      write_date)
            SELECT %(sale)s, %(currency)s, %(company)s, 'posted', 'out_invoice', 'no', inv_date,
                   'KTINV/' || g || '/' || j, partner_id, partner_id, inv_date, due, amount, amount,
                   CASE WHEN paid_on IS NULL THEN amount ELSE 0 END, amount, amount,
                   CASE WHEN paid_on IS NULL THEN amount ELSE 0 END,
                   CASE WHEN paid_on IS NULL THEN 'not_paid' ELSE 'paid' END, now(), now()
              FROM kt_invoice
            RETURNING id, name)
        UPDATE kt_invoice i SET move_id = m.id FROM moves m WHERE m.name = 'KTINV/' || i.g || '/' || i.j
        """,
        """
        WITH lines AS (
            INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id,
                                           account_id, partner_id, display_type, parent_state, date, date_maturity,
                                           name, debit, credit, balance, amount_currency, amount_residual,
                                           amount_residual_currency, reconciled)
            SELECT move_id, %(sale)s, %(company)s, %(currency)s, %(currency)s, %(receivable)s, partner_id,
                   'payment_term', 'posted', inv_date, due, 'KT', amount, 0, amount, amount,
                   CASE WHEN paid_on IS NULL THEN amount ELSE 0 END,
                   CASE WHEN paid_on IS NULL THEN amount ELSE 0 END, paid_on IS NOT NULL
              FROM kt_invoice
            RETURNING id, move_id)
        UPDATE kt_invoice i SET line_id = l.id FROM lines l WHERE l.move_id = i.move_id
        """,
        """
        INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id,
                                       account_id, partner_id, display_type, parent_state, date, name, debit,
                                       credit, balance, amount_currency, amount_residual, amount_residual_currency,
                                       reconciled)
        SELECT move_id, %(sale)s, %(company)s, %(currency)s, %(currency)s, %(income)s, partner_id, 'product',
               'posted', inv_date, 'KT', 0, amount, -amount, -amount, 0, 0, FALSE
          FROM kt_invoice
        """,
        # one payment entry per invoice paid, reconciled with it on the day it was paid
        """
        WITH moves AS (
            INSERT INTO account_move (journal_id, currency_id, company_id, state, move_type, auto_post, date, name,
                                      partner_id, commercial_partner_id, create_date, write_date)
            SELECT %(bank)s, %(currency)s, %(company)s, 'posted', 'entry', 'no', paid_on, 'KTPAY/' || g || '/' || j,
                   partner_id, partner_id, now(), now()
              FROM kt_invoice WHERE paid_on IS NOT NULL
            RETURNING id, name),
        lines AS (
            INSERT INTO account_move_line (move_id, journal_id, company_id, currency_id, company_currency_id,
                                           account_id, partner_id, display_type, parent_state, date, date_maturity,
                                           name, debit, credit, balance, amount_currency, amount_residual,
                                           amount_residual_currency, reconciled)
            SELECT m.id, %(bank)s, %(company)s, %(currency)s, %(currency)s, %(receivable)s, i.partner_id,
                   'payment_term', 'posted', i.paid_on, i.paid_on, 'KTPAY', 0, i.amount, -i.amount, -i.amount,
                   0, 0, TRUE
              FROM moves m JOIN kt_invoice i ON m.name = 'KTPAY/' || i.g || '/' || i.j
            RETURNING id, move_id)
        UPDATE kt_invoice i SET pay_line = l.id
          FROM lines l JOIN moves m ON m.id = l.move_id
         WHERE m.name = 'KTPAY/' || i.g || '/' || i.j
        """,
        """
        INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, company_id, debit_currency_id,
                                               credit_currency_id, amount, debit_amount_currency,
                                               credit_amount_currency, max_date, create_date, write_date)
        SELECT line_id, pay_line, %(company)s, %(currency)s, %(currency)s, amount, amount, amount, paid_on, now(), now()
          FROM kt_invoice WHERE pay_line IS NOT NULL
        """,
        "ANALYZE account_move_line",
        "ANALYZE account_partial_reconcile",
        "ANALYZE smec_credit_assessment",
        "ANALYZE smec_credit_assessment_answer",
    ]
    for statement in statements:
        cr.execute(SQL(statement, **params))
    cr.execute("SELECT count(*) FILTER (WHERE bad) FROM kt_customer")
    bad = cr.fetchone()[0]
    env.invalidate_all()
    return bad
