from . import test_workday
