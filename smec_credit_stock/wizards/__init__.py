from . import smec_credit_overdelivery
