from . import smec_credit_forecast_reads
from . import smec_credit_forecast_engine
from . import smec_credit_forecast
from . import smec_credit_forecast_backtest
from . import smec_credit_forecast_line
