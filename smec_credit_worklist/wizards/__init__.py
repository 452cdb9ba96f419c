from . import smec_credit_worklist_contact
