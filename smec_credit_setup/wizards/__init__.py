from . import smec_credit_go_live
