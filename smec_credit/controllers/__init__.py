from . import aging_export
from . import go_live_export
