from . import review_export
