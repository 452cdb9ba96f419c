from . import test_purchase
