from . import smec_credit_flag_import
from . import smec_credit_go_live
