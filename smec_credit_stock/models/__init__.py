from . import res_company
from . import res_config_settings
from . import smec_credit_delivery_check
from . import smec_credit_delivery_hold_day
from . import smec_credit_delivery_reasons
from . import smec_credit_delivery_release
from . import stock_picking
