from . import smec_credit_flag_import
