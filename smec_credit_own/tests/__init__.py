from . import test_our_credit
from . import test_own_guard
