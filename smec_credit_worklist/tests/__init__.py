from . import test_worklist
from . import test_worklist_security
from . import test_worklist_tour
