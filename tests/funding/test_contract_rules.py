"""Pure rules of pass-through contracts and settlement (lotse/funding/rules/contracts.py, settlement.py)."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.funding.rules.contracts import (
    Allocation,
    VersionTerms,
    amendment_order_error,
    annual_amount,
    decision_gaps,
    notice_earliest_end,
    propose_amendment,
    share_for_period,
)
from lotse.funding.rules.settlement import pass_on_error, settle
from lotse.kernel.errors import RuleViolation

UNNA = [
    Allocation("kim-nrw-bs2/Nordkreis/Lünen", D("5.0")),
    Allocation("kim-nrw-bs2/Mittelkreis/Bergkamen", D("4.0")),
]


def test_a_decision_with_unknown_date_is_a_draft_with_gaps():
    # KIM §2(3)a: "der Zuwendungsbescheid für den BS I vom XXX"
    gaps = decision_gaps({"authority": 3, "programme": 1, "fte": D(1), "file_number": ""})
    names = [name for name, _label in gaps]
    assert names == ["decided_on", "file_number", "period_start", "period_end", "amount"]
    assert ("decided_on", "Datum des Bescheids") in gaps


def test_a_complete_decision_has_no_gaps():
    values = {
        "authority": 3,
        "decided_on": date(2023, 2, 15),
        "file_number": "36.30.06-078/2023-002",
        "programme": 2,
        "period_start": date(2023, 1, 1),
        "period_end": date(2023, 12, 31),
        "amount": D("513000.00"),
        "fte": D("9.0"),
    }
    assert decision_gaps(values) == []


def test_more_fte_in_the_decision_scale_the_allocations_analogously():
    # KIM §7(3): "unmittelbare, analoge Anpassung der in § 4 Abs. 1 … festgelegten Werte"
    proposal = propose_amendment(
        old_fte=D("9.0"),
        new_fte=D("10.0"),
        old_amount=D("513000.00"),
        new_amount=D("570000.00"),
        rate=D("57000.00"),
        allocations=UNNA,
        effective_from=date(2023, 7, 1),
    )
    assert [a.fte for a in proposal.allocations] == [D("5.556"), D("4.444")]
    assert sum(a.fte for a in proposal.allocations) == D("10.000")
    assert proposal.rate == D("57000.00")  # same amount per FTE
    assert proposal.effective_from == date(2023, 7, 1)
    assert proposal.changed
    assert any("KIM § 7 Abs. 3" in line for line in proposal.explanation)


def test_a_higher_amount_per_fte_raises_the_rate_analogously():
    # KIM §7(3) for § 6 Abs. 1: the rate follows the decision's amount per FTE.
    proposal = propose_amendment(
        old_fte=D("9.0"),
        new_fte=D("9.0"),
        old_amount=D("513000.00"),
        new_amount=D("540000.00"),
        rate=D("57000.00"),
        allocations=UNNA,
        effective_from=date(2024, 1, 1),
    )
    assert proposal.rate == D("60000.00")
    assert [a.fte for a in proposal.allocations] == [D("5"), D("4")]


def test_scaled_fte_always_sum_to_the_decision():
    # KIM §7(3): the parts follow the decision's total exactly (largest remainder).
    allocations = [Allocation(k, D("1.0")) for k in "abc"]
    proposal = propose_amendment(
        old_fte=D("3"),
        new_fte=D("2"),
        old_amount=D("171000"),
        new_amount=D("114000"),
        rate=D("57000"),
        allocations=allocations,
        effective_from=date(2024, 1, 1),
    )
    assert sum(a.fte for a in proposal.allocations) == D("2.000")
    assert sorted(a.fte for a in proposal.allocations) == [D("0.666"), D("0.667"), D("0.667")]


def test_an_unchanged_decision_proposes_nothing():
    # KIM §7(3): only a change "hat … zur Folge".
    proposal = propose_amendment(
        old_fte=D("9"),
        new_fte=D("9"),
        old_amount=D("513000"),
        new_amount=D("513000"),
        rate=D("57000.00"),
        allocations=UNNA,
        effective_from=date(2024, 1, 1),
    )
    assert not proposal.changed


def test_a_proposal_needs_fte_and_amount():
    # KIM §7(3) works on § 4 Abs. 1 (FTE) and § 6 Abs. 1 (amount per FTE).
    with pytest.raises(RuleViolation) as error:
        propose_amendment(
            old_fte=D("0"),
            new_fte=D("9"),
            old_amount=D("1"),
            new_amount=D("1"),
            rate=D("57000"),
            allocations=UNNA,
            effective_from=date(2024, 1, 1),
        )
    assert error.value.field == "fte"


@pytest.mark.parametrize(
    ("given_on", "ends_on"),
    [
        (date(2023, 1, 2), date(2023, 12, 31)),
        (date(2023, 6, 30), date(2023, 12, 31)),  # last day for this year's end
        (date(2023, 7, 1), date(2024, 12, 31)),  # six months no longer fit
        (date(2024, 12, 31), date(2025, 12, 31)),
    ],
)
def test_notice_ends_the_contract_at_the_first_year_end_six_months_later(given_on, ends_on):
    # KIM §15(2): "jährlich mit einem Vorlauf von 6 Monaten"
    notice = notice_earliest_end(given_on=given_on, term_end=None, reasons="Haushaltslage")
    assert notice.ends_on == ends_on


def test_notice_needs_reasons():
    # KIM §15(2): "unter Angabe von Gründen"
    with pytest.raises(RuleViolation) as error:
        notice_earliest_end(given_on=date(2023, 3, 1), term_end=date(2023, 12, 31), reasons=" ")
    assert error.value.field == "reasons"
    assert "KIM § 15 Abs. 2" in error.value.message


def test_notice_only_within_the_term_and_a_shorter_term_ends_it_earlier():
    # KIM §15(2) "Innerhalb der Laufzeit"; §15(1) the term ends with the decision's period.
    with pytest.raises(RuleViolation) as error:
        notice_earliest_end(given_on=date(2024, 1, 5), term_end=date(2023, 12, 31), reasons="x")
    assert error.value.field == "given_on"
    notice = notice_earliest_end(
        given_on=date(2023, 8, 1), term_end=date(2023, 12, 31), reasons="x"
    )
    assert notice.ends_on == date(2023, 12, 31)


def test_an_amendment_cannot_take_effect_before_the_version_in_force():
    # KIM §14: amendments in writing, one after the other.
    error = amendment_order_error(
        previous_effective=date(2023, 1, 1), effective_from=date(2022, 12, 31), term_end=None
    )
    assert error is not None and error.field == "effective_from"
    assert (
        amendment_order_error(
            previous_effective=date(2023, 1, 1), effective_from=date(2023, 7, 1), term_end=None
        )
        is None
    )


def test_the_unna_share_for_2023():
    # KIM §4(1)b and §6: Nordkreis 5.0 FTE × 57,000 EUR for the whole year.
    share = share_for_period(
        versions=[VersionTerms(date(2023, 1, 1), D("57000.00"), D("5.0"))],
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        term_end=date(2023, 12, 31),
    )
    assert share.amount == D("285000.00")


def test_a_mid_year_amendment_splits_the_share_by_day_and_rounds_once():
    # KIM §6 "Unterjährige … anteilig": 4.0 FTE until 30 June, 4.444 FTE from 1 July 2023.
    share = share_for_period(
        versions=[
            VersionTerms(date(2023, 1, 1), D("57000"), D("4.0")),
            VersionTerms(date(2023, 7, 1), D("57000"), D("4.444")),
        ],
        start=date(2023, 1, 1),
        end=date(2023, 12, 31),
        term_end=None,
    )
    # 57,000 × (4 × 181 + 4.444 × 184) / 365 ≈ 240,758.0055 → 240,758.01 (one rounding)
    assert share.amount == D("240758.01")


def test_nothing_is_passed_on_after_the_term():
    # KIM §15(1): the contract runs for the decision's period unless extended.
    share = share_for_period(
        versions=[VersionTerms(date(2023, 1, 1), D("57000"), D("1.0"))],
        start=date(2023, 1, 1),
        end=date(2024, 12, 31),
        term_end=date(2023, 12, 31),
    )
    assert share.amount == D("57000.00")


def test_settlement_takes_the_lower_of_programme_amount_and_costs():
    # KIM §8 "Abrechnung nach tatsächlichen Ausgaben"; BW 8.3, 9.1.4 "höchstens"
    result = settle(
        programme_amount=D("57000.00"), eligible_costs=D("51234.56"), paid=D("57000.00")
    )
    assert result.entitlement == D("51234.56")
    assert result.overpayment == D("5765.44")
    assert result.outstanding == D("0.00")
    result = settle(programme_amount=D("57000.00"), eligible_costs=D("60000"), paid=D("50000"))
    assert result.entitlement == D("57000.00")
    assert result.overpayment == D("0.00")
    assert result.outstanding == D("7000.00")


def test_a_recovery_is_passed_on_at_most_up_to_the_claim():
    # KIM §11: "im Wege des Regresses" – never more than the authority claims.
    assert pass_on_error(claim_amount=D("1000"), passed_on=D("600"), share=D("400")) is None
    error = pass_on_error(claim_amount=D("1000"), passed_on=D("600"), share=D("400.01"))
    assert error is not None and "KIM § 11" in error.message


@pytest.mark.parametrize(
    ("rate", "fte", "expected"),
    [
        ("57000.00", "5.0", "285000.00"),  # KIM §6: Nordkreis, BS II
        ("57000.00", "4.0", "228000.00"),  # Mittelkreis
        ("60000.00", "2.5", "150000.00"),
        ("57000.00", "0.333", "18981.00"),
        ("51234.57", "0.125", "6404.32"),  # 6404.32125 → half-up once
    ],
)
def test_a_full_year_passes_on_rate_times_fte_to_the_cent(rate, fte, expected):
    # KIM §6: "57.000 EUR pro 1,0 VzÄ und Kalenderjahr".
    assert annual_amount(rate=D(rate), fte=D(fte)) == D(expected)
