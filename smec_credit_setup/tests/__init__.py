from . import test_credit_setup
from . import test_go_live_preview
from . import test_chart_accounts_setup
