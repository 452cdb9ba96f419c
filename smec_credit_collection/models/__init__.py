from . import smec_collection_stage
from . import smec_collection_dispute
from . import smec_credit_assessment
from . import res_company
