from . import smec_credit_profile
from . import smec_credit_setup
from . import res_company
from . import res_config_settings
