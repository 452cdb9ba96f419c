from . import test_concurrency
from . import test_daily_list
from . import test_delivery_hold
from . import test_delivery_release
from . import test_delivery_rpc
from . import test_over_delivery
from . import test_added_products
from . import test_code_fields_on_creation
