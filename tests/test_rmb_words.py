"""Amounts in capital Chinese numerals (大写金额): the PBOC's own examples, hand-worked cases, and a read-back of
random amounts."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.smec_credit_collection.tools.rmb_words import amount_in_words

# the examples of 《正确填写票据和结算凭证的基本规定》, in the first of the forms it allows
PBOC_EXAMPLES = {
    "1409.50": "人民币壹仟肆佰零玖元伍角",
    "6007.14": "人民币陆仟零柒元壹角肆分",
    "1680.32": "人民币壹仟陆佰捌拾元零叁角贰分",
    "107000.53": "人民币壹拾万柒仟元零伍角叁分",
    "16409.02": "人民币壹万陆仟肆佰零玖元零贰分",
    "325.04": "人民币叁佰贰拾伍元零肆分",
}

HAND_WORKED = {
    # no yuan: no 零元 before the fen
    "0.05": "人民币伍分",
    "0.50": "人民币伍角",
    "0": "人民币零元整",
    # a ten is 壹拾, whole yuan end in 整
    "10.00": "人民币壹拾元整",
    "110000": "人民币壹拾壹万元整",
    # the zeros between 万 and the units are one 零
    "100005.00": "人民币壹拾万零伍元整",
    # 1,010,000.10: 壹佰 零 壹 万; the four zeros of the last group fall silent at 元; the 元 figure is 0
    # before 1 角: 零壹角, no 整 after 角
    "1010000.10": "人民币壹佰零壹万元零壹角",
    "12345.67": "人民币壹万贰仟叁佰肆拾伍元陆角柒分",
    # a zero 角 before fen is always written
    "10.05": "人民币壹拾元零伍分",
    # zeros across the 万: mandatory when they run into the next group's figures
    "1000500": "人民币壹佰万零伍佰元整",
    "10050000": "人民币壹仟零伍万元整",
    "100000001": "人民币壹亿零壹元整",
    "1000010000": "人民币壹拾亿零壹万元整",
    "100000000": "人民币壹亿元整",
}


@pytest.mark.parametrize(("amount", "words"), sorted({**PBOC_EXAMPLES, **HAND_WORKED}.items()))
def test_known_amounts(amount, words):
    assert amount_in_words(amount) == words


def test_a_float_is_rounded_half_up_to_the_fen():
    assert amount_in_words(0.125) == "人民币壹角叁分"
    assert amount_in_words(2.675) == "人民币贰元陆角捌分"  # 2.675 is 2.67499... as a float: read as written


def test_negative_and_huge_amounts_are_refused():
    with pytest.raises(ValueError):
        amount_in_words(-0.01)
    with pytest.raises(ValueError):
        amount_in_words(10**12)


VALUES = {char: value for value, char in enumerate("零壹贰叁肆伍陆柒捌玖")}
PLACES = {"拾": 10, "佰": 100, "仟": 1000}


def read_back(words):
    """The fen that capital numerals say (the reverse of the function, written independently)."""
    assert words.startswith("人民币")
    words = words.removeprefix("人民币").removesuffix("整")
    total = section = digit = 0
    cents = 0
    for char in words:
        if char in VALUES:
            digit = VALUES[char]
        elif char in PLACES:
            section += digit * PLACES[char]
            digit = 0
        elif char == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif char == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        elif char == "元":
            cents += (total + section + digit) * 100
            total = section = digit = 0
        elif char == "角":
            cents += digit * 10
            digit = 0
        elif char == "分":
            cents += digit
            digit = 0
        else:
            raise AssertionError(f"unexpected {char!r} in {words}")
    return cents


@given(st.integers(min_value=0, max_value=10**14 - 1))
def test_random_amounts_read_back(cents):
    words = amount_in_words(f"{cents // 100}.{cents % 100:02d}")
    assert read_back(words) == cents
    assert "零零" not in words
    assert words.endswith("整") == (cents % 10 == 0 and cents % 100 == 0)
    assert not words.removeprefix("人民币").startswith("零") or cents == 0
