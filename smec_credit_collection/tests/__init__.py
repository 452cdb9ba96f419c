from . import test_click_everywhere
from . import test_collection
from . import test_hostile_users
from . import test_dunning
from . import test_hostile_dunning
from . import test_run_tour
from . import test_limitation
from . import test_dunning_transactions
