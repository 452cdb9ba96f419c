from . import smec_training_class
from . import smec_training_enrolment
from . import smec_training_result
from . import smec_training_certificate
from . import smec_training_verify_attempt
from . import smec_training_session
