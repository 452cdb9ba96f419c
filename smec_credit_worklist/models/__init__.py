from . import res_company, smec_collection, smec_credit_worklist
