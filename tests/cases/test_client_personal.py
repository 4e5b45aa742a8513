"""Personal data only with a valid consent (BW 4.1.4 f), enforced in the service,
and no lost updates when two people edit the same client (issue 3 item 15)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Client
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import give_consent, make_client, person

DAY = date(2026, 3, 2)


def update(client, today=DAY, **data):
    return services.client_personal_data_update(
        client=client,
        data=data,
        expected_version=client.version,
        by=person("cm.luenen"),
        today=today,
    )


@pytest.mark.django_db
def test_no_personal_data_before_consent():
    # BW 4.1.4 f: the service refuses, not only the page.
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation) as refused:
        update(client, given_names_latin="Amina", family_name_latin="Karimi")
    assert "BW 4.1.4 f" in refused.value.message
    client.refresh_from_db()
    assert client.given_names_latin == ""


@pytest.mark.django_db
def test_names_in_original_script_and_latin_and_a_partial_birth_date():
    client = make_client(today=DAY)
    give_consent(client, on=DAY)
    saved = update(
        client,
        given_names="أمينة",
        family_name="كريمي",
        given_names_latin="Amina",
        family_name_latin="Karimi",
        birth_date="05.1990",
        gender="diverse",
    )
    assert saved.birth_date == "1990-05"
    assert saved.version == 2
    assert saved.display_name == "Amina Karimi"


@pytest.mark.django_db
def test_a_name_in_another_script_needs_its_latin_form():
    client = make_client(today=DAY)
    give_consent(client, on=DAY)
    with pytest.raises(RuleViolation) as refused:
        update(client, given_names="Олександр", family_name="Шевченко")
    assert refused.value.field == "family_name_latin"


@pytest.mark.django_db
def test_birth_date_in_the_future_is_refused():
    client = make_client(today=DAY)
    give_consent(client, on=DAY)
    with pytest.raises(RuleViolation) as refused:
        update(client, birth_date="17.05.2027")
    assert refused.value.field == "birth_date"
    assert "Zukunft" in refused.value.message


@pytest.mark.django_db
def test_health_needs_consent_to_that_purpose():
    # Art. 9 (2) a DSGVO: special categories need explicit consent for the purpose.
    client = make_client(today=DAY)
    give_consent(client, on=DAY)
    with pytest.raises(RuleViolation) as refused:
        update(client, health="Diabetes")
    assert refused.value.field == "health"
    give_consent(client, on=DAY, codes=("beratung", "gesundheit"))
    client.refresh_from_db()
    assert update(client, health="Diabetes").health == "Diabetes"


@pytest.mark.django_db
def test_moving_in_before_arrival_is_refused():
    client = make_client(today=DAY)
    give_consent(client, on=DAY)
    with pytest.raises(RuleViolation) as refused:
        update(client, arrival_date=date(2025, 5, 1), follow_up_accommodation_date=date(2025, 4, 1))
    assert refused.value.field == "follow_up_accommodation_date"


@pytest.mark.django_db
def test_a_stale_save_is_refused_with_what_changed_and_nothing_is_overwritten(login):
    client = make_client()
    give_consent(client, on=client.created_at.date())
    url = reverse("cases:client_personal", kwargs={"pk": client.pk})
    leyla, petra = login("cm.luenen"), login("lead.luenen")
    # Both open the form at version 1.
    leyla_form = leyla.get(url).context["form"]
    petra_form = petra.get(url).context["form"]
    base = {"version": leyla_form.initial["version"]}
    first = petra.post(
        url,
        {
            **base,
            "snapshot": petra_form.initial["snapshot"],
            "given_names_latin": "Amina",
            "family_name_latin": "Karimi",
            "phone": "0231 123",
        },
    )
    assert first.status_code == 302
    second = leyla.post(
        url,
        {
            **base,
            "snapshot": leyla_form.initial["snapshot"],
            "given_names_latin": "Amina",
            "family_name_latin": "Karimi-Ahmadi",
        },
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "inzwischen von Petra Lange" in page
    assert "Telefon: 0231 123" in page  # what changed, with the stored value
    assert 'value="Karimi-Ahmadi"' in page  # what Leyla typed is still there
    client.refresh_from_db()
    assert client.family_name_latin == "Karimi" and client.version == 2
    # Saving again, now knowingly, goes through.
    again = leyla.post(url, {**second.context["form"].data.dict()})
    assert again.status_code == 302
    client.refresh_from_db()
    assert client.family_name_latin == "Karimi-Ahmadi" and client.version == 3


@pytest.mark.django_db
def test_personal_form_without_consent_says_so(login):
    client = make_client()
    page = login("cm.luenen").get(reverse("cases:client_personal", kwargs={"pk": client.pk}))
    assert "keine wirksame Einwilligung" in page.content.decode()
    response = login("cm.luenen").post(
        reverse("cases:client_personal", kwargs={"pk": client.pk}),
        {"version": "1", "given_names_latin": "Amina", "family_name_latin": "K"},
    )
    assert "BW 4.1.4 f" in response.content.decode()
    assert Client.objects.get(pk=client.pk).given_names_latin == ""
