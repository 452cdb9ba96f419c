from . import smec_collection_stage
from . import smec_collection_dispute
from . import smec_credit_exposure
from . import res_company
