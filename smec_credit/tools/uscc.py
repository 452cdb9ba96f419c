"""Unified social credit code (統一社會信用代碼), GB 32100-2015.

Pure functions, no Odoo import: unit-tested without a database.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
VALUES = {char: index for index, char in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # 1, 3, 9, 27, 19, 26, 16, ...

OK = "ok"
BAD_FORMAT = "format"
BAD_CHECKSUM = "checksum"


def normalize(code):
    """Upper-case, without spaces and dashes."""
    return (code or "").strip().upper().replace(" ", "").replace("-", "")


def check_character(first17):
    """The 18th character for the 17 first ones."""
    total = sum(VALUES[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate(code):
    """Return OK, BAD_FORMAT (length or characters) or BAD_CHECKSUM.

    A checksum failure is not always an invalid code (real codes exist that fail
    it), so the caller lets a Credit Manager override it; a format failure cannot
    be a real code.
    """
    code = normalize(code)
    if len(code) != 18 or any(char not in VALUES for char in code):
        return BAD_FORMAT
    if check_character(code[:17]) != code[17]:
        return BAD_CHECKSUM
    return OK
