from . import test_credit_setup
from . import test_go_live_dunning
