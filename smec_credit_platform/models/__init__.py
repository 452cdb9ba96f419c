from . import smec_credit_platform
from . import smec_credit_platform_statement
