from . import forecast_math
