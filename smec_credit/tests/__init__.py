from . import test_uscc
from . import test_scoring
from . import test_security
from . import test_assessment
from . import test_flags
from . import test_review
from . import test_exposure
from . import test_order_hold
