from . import smec_credit_review_demo
