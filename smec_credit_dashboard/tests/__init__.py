from . import test_credit_dashboard
