from . import smec_credit_aging_wizard
from . import smec_credit_writeoff_recover
from . import smec_credit_industry_figure_import
