"""Periods counted as the Civil Code counts them (Arts. 200-204)."""

import datetime

LIMITATION_YEARS = 3  # Civil Code Art. 188


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The last day of a period of ``years`` years starting after ``day`` (the
    start day is not counted, Art. 201): the corresponding day, or the last day
    of that month where there is none (a period from 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)
