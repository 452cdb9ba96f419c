from . import go_live_export
