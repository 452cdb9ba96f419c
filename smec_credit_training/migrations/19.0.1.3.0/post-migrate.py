"""19.0.1.3.0: classes get the shipped programme; an enrolment's state follows
its latest confirmed result and its issued certificate; results confirmed
before publishing existed stay visible to their trainees."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE smec_training_class c SET programme_id = d.res_id
          FROM ir_model_data d
         WHERE c.programme_id IS NULL
           AND d.module = 'smec_credit_training' AND d.name = 'programme_credit_manager'
        """
    )
    cr.execute("UPDATE smec_training_result SET published = TRUE WHERE state = 'confirmed'")
    # before the results had to be of approved enrolments, any could have one
    cr.execute(
        """
        UPDATE smec_training_enrolment SET state = 'approved'
         WHERE state IN ('draft', 'complete') AND id IN (SELECT enrolment_id FROM smec_training_result)
        """
    )
    cr.execute(
        """
        UPDATE smec_training_enrolment e
           SET state = CASE WHEN r.passed THEN 'passed' ELSE 'failed' END
          FROM smec_training_result r
         WHERE r.enrolment_id = e.id AND r.is_latest AND e.state = 'approved'
        """
    )
    cr.execute(
        """
        UPDATE smec_training_enrolment e SET state = 'certified'
         WHERE EXISTS (SELECT 1 FROM smec_training_certificate c
                        WHERE c.enrolment_id = e.id AND c.state IN ('issued', 'revoked'))
        """
    )
