"""Kölner Phonetik (Postel 1969) and the edit distance used for name matching."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.cases.rules.name_tables import GIVEN_NAME_VARIANTS
from lotse.cases.rules.names import name_parts_match, normalise
from lotse.cases.rules.phonetics import (
    koelner_phonetik,
    koelner_phonetik_digits,
    levenshtein,
    similarity,
)


def test_published_example_mueller_luedenscheidt():
    # The worked example of the German Wikipedia article "Kölner Phonetik":
    # coded letter by letter, then runs collapsed and inner zeros dropped.
    assert koelner_phonetik_digits("Müller-Lüdenscheidt") == "60550750206880022"
    assert koelner_phonetik("Müller-Lüdenscheidt") == "65752682"


def test_published_example_wikipedia():
    assert koelner_phonetik_digits("Wikipedia") == "304010200"
    assert koelner_phonetik("Wikipedia") == "3412"


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Breschnew", "17863"),  # a common reference value in implementations
        ("Meier", "67"),
        ("Maier", "67"),
        ("Mayer", "67"),
        ("Meyer", "67"),
        ("Schmidt", "862"),
        ("Schmitt", "862"),
        # C at the onset: 4 before A H K L O Q R U X, else 8.
        ("Cäsar", "487"),
        ("Celle", "85"),
        # C inside: 4 before A H K O Q U X unless after S or Z, else 8.
        ("Acht", "042"),
        ("Sacher", "847"),
        ("Schule", "85"),
        # X is 48, but 8 after C K Q; a leading vowel keeps its 0.
        ("Max", "648"),
        ("Axel", "0485"),
        ("Hexe", "048"),
        ("Dachs", "248"),
        # P before H is 3; D T before C S Z are 8, else 2.
        ("Philipp", "351"),
        ("Stadt", "822"),
        ("Gretz", "478"),
        # Words are coded one by one; nothing codable gives nothing.
        ("Heinz Müller", "068 657"),
        ("", ""),
        ("- 42 !", ""),
    ],
)
def test_koelner_phonetik(word, code):
    assert koelner_phonetik(word) == code


@given(st.text(max_size=30))
def test_codes_are_digits_without_inner_zeros_taken_from_the_raw_digits(text):
    codes = koelner_phonetik(text).split()
    raws = koelner_phonetik_digits(text).split()
    assert len(codes) == len(raws)
    for code, raw in zip(codes, raws, strict=True):
        assert code.isdigit()
        assert "0" not in code[1:]
        assert code[0] == raw[0]
        digits = iter(raw)
        assert all(digit in digits for digit in code)  # a subsequence of the raw code


def test_zeros_separate_equal_codes_before_they_are_dropped():
    # Collapsing comes before dropping the zeros: K-O-K stays 44, K-K becomes 4.
    assert koelner_phonetik("Kok") == "44"
    assert koelner_phonetik("Kk") == "4"


@given(st.text(max_size=12), st.text(max_size=12))
def test_levenshtein_is_a_symmetric_distance(a, b):
    assert levenshtein(a, b) == levenshtein(b, a)
    assert (levenshtein(a, b) == 0) == (a == b)
    assert abs(len(a) - len(b)) <= levenshtein(a, b) <= max(len(a), len(b))
    assert 0.0 <= similarity(a, b) <= 1.0


def test_levenshtein_examples():
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("yilmaz", "yildiz") == 2
    assert similarity("meier", "maier") == pytest.approx(0.8)


@pytest.mark.parametrize("group", GIVEN_NAME_VARIANTS, ids=lambda group: group[0])
def test_every_listed_spelling_normalises_to_its_group(group):
    canonical = normalise(group[0])
    for spelling in group:
        assert normalise(spelling) == canonical, spelling
        assert name_parts_match(spelling, group[0])


def test_variant_groups_stay_apart():
    firsts = [normalise(group[0]) for group in GIVEN_NAME_VARIANTS]
    assert len(set(firsts)) == len(firsts)
