from . import smec_credit_obligation
from . import smec_credit_obligation_deadline
from . import smec_credit_public_record
from . import smec_credit_our_credit
from . import res_company
from . import res_config_settings
from . import account_move
