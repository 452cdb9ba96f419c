"""An amount in yuan in capital Chinese numerals (大写金额), as formal letters and statements carry it.

The rules are the People's Bank of China's for bills and settlement documents (《正确填写票据和结算凭证的基本规定》):

- capital numerals 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, then 元角分, prefixed 人民币; a ten is 壹拾;
- zeros between figures are written as one 零 (1,409.50 → 壹仟肆佰零玖元伍角; 6,007.14 → 陆仟零柒元壹角肆分);
- where the 万 or the 元 figure is 0 and the next figure (仟, 角) is not, one 零 may be written or none: this
  function writes the PBOC's first form, none after 万, one after 元 (107,000.53 → 壹拾万柒仟元零伍角叁分;
  1,680.32 → 壹仟陆佰捌拾元零叁角贰分);
- a 0 角 before a figure in 分 is always written 零 (16,409.02 → 壹万陆仟肆佰零玖元零贰分);
- 整 closes an amount of whole yuan; after 角 it may be left out, and is (it never follows 分).

Pure functions, no Odoo import: unit-tested without a database.
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")  # within a group of four figures
GROUPS = ("", "万", "亿")  # the groups' units, from the right
LIMIT = 10**12  # 壹万亿: beyond the groups above


def _integer_words(number):
    """``number`` (0 < number < LIMIT) in capitals, without 元."""
    figures = str(number)
    words = []
    pending_zero = False
    for index, char in enumerate(figures):
        position = len(figures) - 1 - index  # 0 for units
        group, place = divmod(position, 4)
        digit = int(char)
        if digit:
            if pending_zero:
                words.append(DIGITS[0])
            words.append(DIGITS[digit] + UNITS[place])
            pending_zero = False
        elif words:
            pending_zero = True
        if place == 0 and group:
            # the group's unit when one of its figures was written; a group's trailing zeros do not carry over
            group_figures = figures[max(0, index - 3) : index + 1]
            if int(group_figures):
                words.append(GROUPS[group])
                pending_zero = False
    return "".join(words)


def to_cents(amount):
    """``amount`` (a float, an int, a Decimal or a string) rounded half up to whole fen."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def amount_in_words(amount, prefix="人民币"):
    """``amount`` yuan in capital numerals: 12,345.67 → 人民币壹万贰仟叁佰肆拾伍元陆角柒分, 10 → 人民币壹拾元整.

    A negative amount or one of a trillion yuan or more raises ``ValueError``: a formal document states what
    is owed, and a credit balance is written in words by saying who owes whom, not with a sign.
    """
    cents = to_cents(amount)
    if cents < 0:
        raise ValueError(f"a negative amount has no capital form: {amount}")
    if cents >= LIMIT * 100:
        raise ValueError(f"too large for capital numerals: {amount}")
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    words = [prefix]
    if yuan:
        words.append(_integer_words(yuan) + "元")
    elif not rest:
        words.append("零元")
    if jiao:
        if yuan and yuan % 10 == 0:
            words.append(DIGITS[0])  # the 元 figure is 0: 壹拾元零伍角
        words.append(DIGITS[jiao] + "角")
    elif fen and yuan:
        words.append(DIGITS[0])  # 壹拾元零伍分
    if fen:
        words.append(DIGITS[fen] + "分")
    elif not jiao:
        words.append("整")
    return "".join(words)
