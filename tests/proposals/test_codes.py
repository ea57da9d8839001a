import re

import pytest

from abierto.proposals.codes import ALPHABET, CODE_LENGTH, format_code, new_code, normalize_code


def test_new_code_has_at_least_64_random_bits_and_no_ambiguous_characters():
    import math

    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 64
    assert not set("0O1ILU") & set(ALPHABET)
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(f"[{ALPHABET}]{{16}}", code) for code in codes)


def test_code_is_shown_in_groups_of_four():
    assert format_code("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"


@pytest.mark.parametrize(
    "typed",
    [
        "ABCD-EFGH-JKMN-PQRS",
        "abcd-efgh-jkmn-pqrs",
        "  abcd efgh jkmn pqrs ",
        "ABCDEFGHJKMNPQRS",
        "abcd–efgh—jkmn.pqrs",  # en and em dashes, a dot
        "ＡＢＣＤ-ＥＦＧＨ-ＪＫＭＮ-ＰＱＲＳ",  # full-width, as some phone keyboards type
        "АВСD-ЕFGН-JКМN-РQRS",  # Cyrillic look-alikes
    ],
)
def test_typed_code_is_normalised(typed):
    assert normalize_code(typed) == "ABCDEFGHJKMNPQRS"


def test_u_is_read_as_v():
    assert normalize_code("ABCD-EFGH-JKMN-PQRU") == "ABCDEFGHJKMNPQRV"


@pytest.mark.parametrize(
    "typed",
    ["", "ABCD", "ABCD-EFGH-JKMN-PQRS-T", "ABCD-EFGH-JKMN-PQR0", "<script>alert(1)</script>"],
)
def test_impossible_codes_normalise_to_nothing(typed):
    assert normalize_code(typed) == ""
