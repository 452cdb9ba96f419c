"""When a marketplace platform settles an order: pure date arithmetic."""

import calendar
from datetime import timedelta


def expected_settlement(base, days, cutoff="none", weekday=0, monthday=1):
    """The day a platform pays an order whose settlement clock starts on ``base`` (the delivery or the customer's
    confirmation): ``days`` later, then on the next payout day of a weekly cut-off (``weekday``, 0 = Monday) or of
    a monthly one (``monthday``, the month's last day when it has fewer), that day included.

    >>> from datetime import date
    >>> expected_settlement(date(2026, 11, 2), 7)
    datetime.date(2026, 11, 9)
    >>> expected_settlement(date(2026, 11, 2), 7, "weekly", 3)
    datetime.date(2026, 11, 12)
    >>> expected_settlement(date(2026, 11, 5), 7, "monthly", monthday=10)
    datetime.date(2026, 12, 10)
    """
    day = base + timedelta(days=days)
    if cutoff == "weekly":
        day += timedelta(days=(weekday - day.weekday()) % 7)
    elif cutoff == "monthly":
        payout = day.replace(day=min(monthday, calendar.monthrange(day.year, day.month)[1]))
        if payout < day:
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            payout = day.replace(year=year, month=month, day=min(monthday, calendar.monthrange(year, month)[1]))
        day = payout
    return day
