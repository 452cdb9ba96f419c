"""Aging buckets: the pure calculation, without a database."""

from odoo.addons.smec_credit_receivable.tools import aging


def test_parse_limits():
    assert aging.parse_limits(" 30, 60,90 ,180") == [30, 60, 90, 180]
    for text, code in (
        ("", "empty"),
        ("30,x", "format"),
        ("30,30", "order"),
        ("60,30", "order"),
        ("0,30", "order"),
        ("1,2,3,4,5,6,7,8", "count"),
    ):
        try:
            aging.parse_limits(text)
        except aging.BucketError as error:
            assert error.code == code, text
        else:
            raise AssertionError(text)
