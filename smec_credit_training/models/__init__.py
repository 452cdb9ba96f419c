from . import smec_training_class
from . import smec_training_enrolment
