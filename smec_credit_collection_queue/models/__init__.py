from . import res_company
from . import smec_collection_run
