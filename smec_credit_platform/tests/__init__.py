from . import test_platform_settlement
from . import test_platform_terms
