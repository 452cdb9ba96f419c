from . import account_move
from . import account_payment_term
from . import res_company
from . import res_config_settings
from . import smec_collection_run
from . import smec_collection_statement
from . import smec_credit_aging
