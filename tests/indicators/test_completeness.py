"""Completeness (issue 6 item 4, BW 9.1.9): missing gender or year of birth is counted as
"nicht angegeben" and listed for the responsible case manager on the worklist."""

from datetime import date

import pytest

from lotse.cases import selectors as case_selectors
from lotse.cases.models import Client
from lotse.cases.rules.completeness import BIRTH_YEAR, GENDER, missing_for_indicators
from tests.cases.factories import person, running_case

START = date(2026, 3, 2)


def test_missing_fields_in_form_order():
    # BW 9.1.9: the figures need gender and age; "keine Angabe" is an answer, not a gap.
    assert missing_for_indicators(gender="", birth_year=0) == [GENDER, BIRTH_YEAR]
    assert missing_for_indicators(gender=None, birth_year=1990) == [GENDER]
    assert missing_for_indicators(gender="not_stated", birth_year=1990) == []
    assert missing_for_indicators(gender="female", birth_year=None) == [BIRTH_YEAR]


def hints(client, today):
    items = case_selectors.worklist_for(person("cm.luenen"), today=today, team=False)
    return [
        item
        for item in items
        if item.client.pk == client.pk and item.kind == "indicator_data_missing"
    ]


@pytest.mark.django_db
def test_a_case_without_gender_is_on_the_case_managers_worklist_until_filled_in():
    # BW 9.1.9: the case manager fixes the gap before the annual figures are due.
    client = running_case(start=START)
    (item,) = hints(client, START)
    assert item.level == case_selectors.Level.INFO
    assert "Geschlecht" in item.text and "nicht angegeben" in item.text
    assert item.url.endswith(f"/faelle/{client.pk}/persoenliche-angaben/")
    Client.objects.filter(pk=client.pk).update(gender="not_stated")
    assert hints(client, START) == []


@pytest.mark.django_db
def test_another_case_manager_does_not_see_the_hint():
    client = running_case(start=START)
    items = case_selectors.worklist_for(person("cm.bergkamen"), today=START, team=False)
    assert all(item.client.pk != client.pk for item in items)
