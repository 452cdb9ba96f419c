"""GB 32100-2015 check character: known codes, and properties over random codes."""

from hypothesis import given
from hypothesis import strategies as st

from odoo.addons.smec_credit.tools import uscc

VALID = ["91110000600037341L", "91110108551385082Q"]


def test_known_valid_codes():
    for code in VALID:
        assert uscc.validate(code) == uscc.OK


def test_weights_are_powers_of_three_mod_31():
    assert uscc.WEIGHTS == (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def test_hand_computed_check_character():
    # 9*1 + 1*3 + 1*9 + 1*27 + 0*19 + 0*26 + 0*16 + 0*17 + 6*20 + 0*29 + 0*25 + 0*13 + 3*8 + 7*24
    # + 3*10 + 4*30 + 1*28 = 538; 538 mod 31 = 11; (31 - 11) mod 31 = 20, the character L.
    assert uscc.check_character("91110000600037341") == "L"


def test_letters_in_the_first_two_positions_are_allowed():
    # python-stdnum rejects these; GB 32100 allows registering-authority letters
    body = "Y1110000600037341"
    code = body + uscc.check_character(body)
    assert uscc.validate(code) == uscc.OK


def test_wrong_check_character_is_a_checksum_failure():
    assert uscc.validate("91110000600037341M") == uscc.BAD_CHECKSUM


def test_format_failures():
    assert uscc.validate("9111000060003734") == uscc.BAD_FORMAT  # 16 characters
    assert uscc.validate("91110000600037341I") == uscc.BAD_FORMAT  # I is not used
    assert uscc.validate("9111000060003734OL") == uscc.BAD_FORMAT  # O is not used


def test_normalize():
    assert uscc.normalize(" 9111-0000 6000 37341l ") == "91110000600037341L"


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17))
def test_any_body_with_its_check_character_is_valid(body):
    assert uscc.validate(body + uscc.check_character(body)) == uscc.OK


@given(st.text(alphabet=uscc.ALPHABET, min_size=17, max_size=17), st.integers(0, 16), st.integers(1, 30))
def test_a_single_changed_character_is_detected(body, position, shift):
    code = body + uscc.check_character(body)
    changed = uscc.ALPHABET[(uscc.VALUES[code[position]] + shift) % 31]
    altered = code[:position] + changed + code[position + 1 :]
    assert uscc.validate(altered) == uscc.BAD_CHECKSUM
