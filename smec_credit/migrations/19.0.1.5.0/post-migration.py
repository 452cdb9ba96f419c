"""19.0.1.5.0: an unknown answer scores its criterion's conservative answer instead of being left out of the score.
Existing criteria get the shipped rule (the second-lowest answer, the lowest of two), and the shipped answers that
mean "no information" are marked so. Assessments already decided keep their scores: they are history."""


def migrate(cr, version):
    cr.execute(
        """
        WITH ranked AS (
            SELECT criterion_id, score,
                   ROW_NUMBER() OVER (PARTITION BY criterion_id ORDER BY score) AS rank,
                   COUNT(*) OVER (PARTITION BY criterion_id) AS answers
              FROM smec_credit_criterion_option
        )
        UPDATE smec_credit_criterion c
           SET unknown_score = r.score
          FROM ranked r
         WHERE r.criterion_id = c.id AND r.rank = CASE WHEN r.answers >= 3 THEN 2 ELSE 1 END
        """
    )
    cr.execute(
        """
        UPDATE smec_credit_criterion_option o
           SET is_unknown = TRUE
          FROM smec_credit_criterion c
         WHERE c.id = o.criterion_id
           AND c.kind = 'choice'
           AND o.name->>'en_US' IN ('No information', 'Unknown')
        """
    )
