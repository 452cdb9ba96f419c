"""Aging buckets: pure helpers, unit-tested without a database."""

from itertools import pairwise

MAX_LIMITS = 7  # current + 7 bands + over the last one = 9 columns at most


class BucketError(ValueError):
    """code: 'format', 'empty', 'order' or 'count'."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def parse_limits(text):
    """'30,60,90,180' -> [30, 60, 90, 180]."""
    try:
        limits = [int(part) for part in (text or "").replace(" ", "").split(",") if part]
    except ValueError as exc:
        raise BucketError("format") from exc
    if not limits:
        raise BucketError("empty")
    if limits[0] <= 0 or any(b <= a for a, b in pairwise(limits)):
        raise BucketError("order")
    if len(limits) > MAX_LIMITS:
        raise BucketError("count")
    return limits
