"""Creating a case: a pseudonymous stub before consent (BW 4.1.4 f)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Client
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditEntry
from tests.cases.factories import make_client, person, town

TODAY = date(2026, 3, 2)


@pytest.mark.django_db
def test_case_numbers_are_given_per_organisation_and_year():
    first = make_client(today=TODAY)
    second = make_client(today=TODAY)
    elsewhere = make_client(where="Bergkamen", by="cm.bergkamen", today=TODAY)
    assert (first.case_number, second.case_number) == ("2026-0001", "2026-0002")
    assert elsewhere.case_number == "2026-0001"
    assert first.case_manager == person("cm.luenen")


@pytest.mark.django_db
def test_a_case_number_is_unique_within_the_organisation():
    make_client(case_number="L-7", today=TODAY)
    with pytest.raises(RuleViolation) as refused:
        make_client(case_number="L-7", today=TODAY)
    assert refused.value.field == "case_number"
    assert "Fallnummer" in refused.value.message


@pytest.mark.django_db
def test_birth_year_in_the_future_is_refused():
    with pytest.raises(RuleViolation) as refused:
        make_client(birth_year=2027, today=TODAY)
    assert refused.value.field == "birth_year"
    assert "Zukunft" in refused.value.message


@pytest.mark.django_db
def test_household_groups_family_members_of_the_same_organisation():
    mother = make_client(today=TODAY)
    child = services.client_create(
        organisation=town("Lünen"),
        municipality=town("Lünen"),
        initials="BK",
        birth_year=2015,
        household_of=mother,
        by=person("cm.luenen"),
        today=TODAY,
    )
    mother.refresh_from_db()
    assert mother.household_id == child.household_id is not None


@pytest.mark.django_db
def test_new_case_page_creates_the_stub_and_logs_it(login):
    client = login("cm.luenen")
    response = client.post(
        reverse("cases:client_create"),
        {
            "organisation": town("Lünen").pk,
            "municipality": town("Lünen").pk,
            "initials": "mk",
            "birth_year": "1985",
        },
    )
    created = Client.objects.get(initials="MK")
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:client_detail", kwargs={"pk": created.pk})
    assert AuditEntry.objects.filter(
        object_type="cases.client", object_id=str(created.pk), action="create"
    ).exists()


@pytest.mark.django_db
def test_missing_fields_keep_what_was_typed(login):
    response = login("cm.luenen").post(
        reverse("cases:client_create"),
        {"organisation": town("Lünen").pk, "municipality": town("Lünen").pk, "initials": "MK"},
    )
    assert response.status_code == 200
    assert "Geburtsjahr" in response.content.decode()
    assert 'value="MK"' in response.content.decode()
    assert not Client.objects.filter(initials="MK").exists()


@pytest.mark.django_db
def test_a_case_manager_cannot_create_cases_in_another_town(login):
    response = login("cm.luenen").post(
        reverse("cases:client_create"),
        {
            "organisation": town("Backnang").pk,
            "municipality": town("Backnang").pk,
            "initials": "MK",
            "birth_year": "1985",
        },
    )
    assert response.status_code == 200  # the choice is not offered: a form error
    assert not Client.objects.filter(initials="MK").exists()
