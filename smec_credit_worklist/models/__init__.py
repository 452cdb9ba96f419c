from . import res_company, res_partner, smec_collection, smec_credit_worklist
