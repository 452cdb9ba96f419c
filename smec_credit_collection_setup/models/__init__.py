from . import smec_credit_setup
from . import smec_credit_go_live
