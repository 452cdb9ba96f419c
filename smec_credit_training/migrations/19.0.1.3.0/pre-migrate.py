"""19.0.1.3.0: the enrolment states of the programme (documents complete,
approved; examined, passed, failed, certified from the results)."""


def migrate(cr, version):
    cr.execute("UPDATE smec_training_enrolment SET state = 'complete' WHERE state = 'submitted'")
    cr.execute("UPDATE smec_training_enrolment SET state = 'approved' WHERE state = 'accepted'")
