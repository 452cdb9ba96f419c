"""19.0.1.5.0: the documents filed on an enrolment become the enrolment's (an upload
made before the enrolment was saved had no record, and only its uploader could read
it); each issued certificate keeps the verification address it was printed with."""


def migrate(cr, version):
    for table, column in (
        ("smec_training_enrolment_id_copy_rel", "smec_training_enrolment_id"),
        ("smec_training_enrolment_photos_rel", "smec_training_enrolment_id"),
        ("smec_training_enrolment_proof_rel", "smec_training_enrolment_id"),
        ("smec_training_enrolment_form_rel", "smec_training_enrolment_id"),
    ):
        cr.execute(
            f"""
            UPDATE ir_attachment a
               SET res_model = 'smec.training.enrolment', res_id = r.{column}
              FROM {table} r
             WHERE r.ir_attachment_id = a.id AND COALESCE(a.res_id, 0) = 0
               AND COALESCE(a.res_model, 'smec.training.enrolment') = 'smec.training.enrolment'
            """
        )
    cr.execute("SELECT value FROM ir_config_parameter WHERE key = 'web.base.url'")
    row = cr.fetchone()
    base = (row[0] if row else "").rstrip("/")
    cr.execute(
        """
        UPDATE smec_training_certificate
           SET verify_url = %s || '/certificate/verify?number=' || number
         WHERE state != 'pending' AND verify_url IS NULL AND %s != ''
        """,
        (base, base),
    )
