from . import test_click_everywhere
from . import test_hostile_users
from . import test_training
from . import test_certificates
from . import test_sessions
from . import test_programme
from . import test_portal_training
