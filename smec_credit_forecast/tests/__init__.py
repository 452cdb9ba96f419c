from . import test_backtest
from . import test_forecast
from . import test_forecast_security
from . import test_forecast_cron
