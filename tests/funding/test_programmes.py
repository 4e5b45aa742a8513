"""Programmes as data (SPEC §4.1): shipped by migration, loaded by selectors, fed to the rules."""

from datetime import date
from decimal import Decimal as D

import pytest

from lotse.funding import selectors
from lotse.funding.models import BaseInterestRate, Programme
from lotse.kernel.errors import RuleViolation

pytestmark = pytest.mark.django_db

SLUGS = [
    "kim-nrw-bs1",
    "kim-nrw-bs2",
    "kim-nrw-bs3",
    "bw-im-2023-transition",
    "bw-im-2017-original",
    "bw-im-2023-coordination",
    "bw-im-2023-planning-frame",
    "fga",
]


def test_the_shipped_programmes_have_stable_ids_and_citations():
    assert sorted(Programme.objects.values_list("slug", flat=True)) == sorted(SLUGS)
    for programme in Programme.objects.all():
        assert programme.citation_list, programme.slug


def test_programmes_belong_to_no_tenant():
    # They are the state's rules: nobody's organisation owns them.
    for model in (Programme,):
        assert "organisation" not in {field.name for field in model._meta.get_fields()}


@pytest.mark.parametrize(
    ("slug", "level", "amount"),
    [
        # BW 9.1.4 a/b: 4.1.1.1 (levels 1, 2) and VwV 2017 a/b → 60,000; 4.1.1.2 and 2017 c → 47,000
        ("bw-im-2023-transition", "1", "60000"),
        ("bw-im-2023-transition", "2", "60000"),
        ("bw-im-2023-transition", "3", "47000"),
        ("bw-im-2023-transition", "4b", "60000"),
        ("bw-im-2023-transition", "4c", "47000"),
        # BW 9.1.8 Satz 1: 64,000 / 51,000 until the original 60-month period ends
        ("bw-im-2017-original", "1", "64000"),
        ("bw-im-2017-original", "3", "51000"),
    ],
)
def test_bw_rates_by_qualification_level(slug, level, amount):
    programme = Programme.objects.get(slug=slug)
    assert programme.rates.get(qualification=level).amount == D(amount)


def test_fga_percentages_are_data():
    # FGA 1
    rates = {r.valid_from.year: r.amount for r in Programme.objects.get(slug="fga").rates.all()}
    assert rates == {2020: D("2.59"), 2021: D("2.56"), 2022: D("2.44")}


def test_spec_examples_through_the_stored_programmes():
    # SPEC §4.1, KIM §6: 57,000 × 0.5 × 184/365
    kim = selectors.programme_calculate(
        programme="kim-nrw-bs2", fte=D("0.5"), start=date(2023, 7, 1), end=date(2023, 12, 31)
    )
    assert kim.calculation.amount == D("14367.12")
    # BW 9.1.4 a: level 1, 1.0 FTE, all of 2024
    bw = selectors.programme_calculate(
        programme="bw-im-2023-transition",
        fte=D("1"),
        start=date(2024, 1, 1),
        end=date(2024, 12, 31),
        qualification_level=1,
    )
    assert bw.calculation.amount == D("60000.00")
    # BW 5.6: 40,000 × 306/366
    coordination = selectors.programme_calculate(
        programme="bw-im-2023-coordination",
        fte=D("0.5"),
        start=date(2024, 3, 1),
        end=date(2024, 12, 31),
    )
    assert coordination.calculation.amount == D("33442.62")
    # FGA 1
    assert selectors.fare_loss_calculate(year=2021, revenue=D("1234567.89")).amount == D("31604.94")


def test_kim_unna_2023_from_positions():
    # KIM §4(1): Lünen BS I 1.0 FTE; Nordkreis 5 and Mittelkreis 4 full positions in BS II.
    year = {"start": date(2023, 1, 1), "end": date(2023, 12, 31), "fte": D("1.0")}
    amounts = [selectors.programme_calculate(programme="kim-nrw-bs1", **year).calculation.amount]
    amounts += [
        selectors.programme_calculate(programme="kim-nrw-bs2", **year).calculation.amount
        for _ in range(5 + 4)
    ]
    assert sum(amounts) == D("570000.00")


@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"programme": "nope"}, "programme", "Unbekanntes Förderprogramm"),
        ({"programme": "fga"}, "programme", "nicht nach Stellen"),
        ({"programme": "kim-nrw-bs3"}, "programme", "keine Sätze"),
        # BW 9.1.1: the transition period ends on 31 Dec 2024.
        ({"programme": "bw-im-2023-transition", "end": date(2025, 1, 31)}, "end", "31.12.2024"),
        (
            {"programme": "bw-im-2023-coordination", "start": date(2022, 12, 1)},
            "start",
            "01.01.2023",
        ),
        ({"end": date(2023, 1, 1)}, "end", "vor dem Beginn"),
        ({"fte": D("0.2")}, "fte", "0,25 VZÄ"),
        ({"fte": D("0")}, "fte", "größer als 0"),
        ({"fte": D("1.5")}, "fte", "höchstens 1,0 VZÄ"),
        ({"minijob": True}, "minijob", "BW 5.5"),
        ({"programme": "bw-im-2023-transition"}, "qualification_level", "BW 9.1.4"),
        ({"programme": "bw-im-2023-coordination", "fte": D("0.4")}, "fte", "BW 5.6"),
    ],
)
def test_refusals_name_the_field_and_the_rule(kwargs, field, words):
    arguments = {
        "programme": "kim-nrw-bs2",
        "fte": D("0.5"),
        "start": date(2024, 7, 1),
        "end": date(2024, 12, 31),
    } | kwargs
    if arguments["programme"] == "bw-im-2023-transition" and field != "qualification_level":
        arguments["qualification_level"] = "1"
    with pytest.raises(RuleViolation) as caught:
        selectors.programme_calculate(**arguments)
    assert caught.value.field == field
    assert words in caught.value.message


def test_base_rate_table_is_shipped_and_used():
    # § 247 BGB table; § 49a VwVfG: 10,000 × (8.62 % × 182 + 8.37 % × 184)/365 = 851.76
    assert BaseInterestRate.objects.get(valid_from=date(2024, 1, 1)).percent == D("3.62")
    result = selectors.interest_calculate(
        principal=D("10000.00"), start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    assert result.amount == D("851.76")


def test_an_administrator_extends_the_base_rate_table():
    # SPEC §4.3: the table is data; a new half-year makes later periods computable.
    with pytest.raises(RuleViolation):
        selectors.interest_calculate(
            principal=D("1000"), start=date(2026, 1, 1), end=date(2026, 1, 31)
        )
    BaseInterestRate.objects.create(valid_from=date(2026, 1, 1), percent=D("1.27"))
    result = selectors.interest_calculate(
        principal=D("1000.00"), start=date(2026, 1, 1), end=date(2026, 1, 31)
    )
    # 1,000 × 6.27 % × 31/365 = 5.325… → 5.33
    assert result.amount == D("5.33")


def test_programme_deadlines_are_data():
    # KIM §8: proof of use by 15 January; BW 9.3.1: applications by 14 August 2023.
    kim = Programme.objects.get(slug="kim-nrw-bs2").deadlines.get(citation="KIM §8")
    assert (kim.anchor, kim.months, kim.days) == ("year_end", 0, 15)
    bw = Programme.objects.get(slug="bw-im-2023-transition").deadlines.get(citation="BW 9.3.1")
    assert bw.fixed_date == date(2023, 8, 14)
