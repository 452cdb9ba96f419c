from . import res_company, res_partner, smec_collection, smec_credit_worklist
from . import smec_credit_worklist_outcome, smec_credit_worklist_rank
