from . import review_stats
