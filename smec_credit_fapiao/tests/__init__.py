from . import test_fapiao_aging
from . import test_fapiao_dunning
from . import test_fapiao_invoice
