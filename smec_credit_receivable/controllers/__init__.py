from . import aging_export
