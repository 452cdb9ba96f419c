from . import smec_workday_year
from . import smec_workday_day
