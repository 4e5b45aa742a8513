"""The organisation tree's rules as pure functions (BW 3.2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.organisations import rules
from lotse.organisations.rules import ASSOCIATION, AUTHORITY, COUNTY, MUNICIPALITY, STATE, WELFARE


# BW 3.2: county → municipality / association / welfare organisation; association → member
# (final recipient) or welfare organisation; municipality → welfare organisation.
@pytest.mark.parametrize(
    "chain",
    [
        [COUNTY, MUNICIPALITY],
        [COUNTY, ASSOCIATION],
        [COUNTY, WELFARE],
        [COUNTY, ASSOCIATION, MUNICIPALITY],
        [COUNTY, ASSOCIATION, WELFARE],
        [COUNTY, MUNICIPALITY, WELFARE],
    ],
)
def test_allowed_pass_through_chains(chain):
    assert rules.pass_through_chain_error(chain) is None


@pytest.mark.parametrize(
    ("chain", "says"),
    [
        # BW 3.2: "Die Weitergabe der Zuwendung an weitere Empfänger ist ausgeschlossen."
        ([COUNTY, ASSOCIATION, MUNICIPALITY, WELFARE], "mehr als zwei Stufen"),
        ([COUNTY, WELFARE, WELFARE], "Weitergabe von Träger der freien Wohlfahrtspflege"),
        (
            [COUNTY, MUNICIPALITY, MUNICIPALITY],
            "Weitergabe von Stadt oder Gemeinde an Stadt oder Gemeinde",
        ),
        ([COUNTY, COUNTY], "Weitergabe von Stadt- oder Landkreis an Stadt- oder Landkreis"),
        ([MUNICIPALITY, WELFARE], "Zuwendungsempfänger"),
        ([], "Zuwendungsempfänger"),
    ],
)
def test_refused_pass_through_chains_say_why(chain, says):
    error = rules.pass_through_chain_error(chain)
    assert error is not None
    assert says in error
    assert "BW 3." in error


KINDS = [STATE, AUTHORITY, COUNTY, ASSOCIATION, MUNICIPALITY, WELFARE]


@given(st.lists(st.sampled_from(KINDS), min_size=4, max_size=8))
def test_no_chain_longer_than_two_steps_below_the_county_is_ever_allowed(tail):
    # BW 3.2: at most recipient → intermediary → final recipient.
    assert rules.pass_through_chain_error([COUNTY, *tail[:3]]) is not None


def test_welfare_organisation_is_a_final_recipient_in_the_tree():
    error = rules.child_kind_error(WELFARE, WELFARE, 2)
    assert "Letztempfänger" in error and "BW 3.2" in error


def test_tree_depth_below_county_is_limited_to_two():
    assert rules.child_kind_error(MUNICIPALITY, WELFARE, 2) is None
    assert "BW 3.2" in rules.child_kind_error(MUNICIPALITY, WELFARE, 3)


def test_only_a_state_stands_alone():
    assert rules.child_kind_error(None, STATE, 0) is None
    assert rules.child_kind_error(None, COUNTY, 0) is not None


@given(
    st.dates(),
    st.one_of(st.none(), st.dates()),
    st.dates(),
    st.one_of(st.none(), st.dates()),
)
def test_period_overlap_is_symmetric(a_start, a_end, b_start, b_end):
    a = rules.Period(a_start, a_end if a_end is None or a_end >= a_start else a_start)
    b = rules.Period(b_start, b_end if b_end is None or b_end >= b_start else b_start)
    assert a.overlaps(b) == b.overlaps(a)
    # Touching on one shared day counts as overlap: periods are inclusive.
    assert a.overlaps(rules.Period(a.start, a.start))
