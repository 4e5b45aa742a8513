"""Saving names or a date of birth warns of likely duplicates among the cases the user
may see, and saves only after an explicit "another person" (issue 3 item 11)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Client
from lotse.privacy.models import AuditAction, AuditEntry
from tests.cases.factories import give_consent, make_client, person

DAY = date(2026, 3, 2)


def named(where="Lünen", by="cm.luenen", birth_year=1990, case_number="", **data) -> Client:
    client = make_client(
        where=where, by=by, birth_year=birth_year, case_number=case_number, today=DAY
    )
    give_consent(client, on=DAY, by=by)
    if data:
        client = services.client_personal_data_update(
            client=client, data=data, expected_version=client.version, by=person(by), today=DAY
        )
    return client


def post(browser, client, **data):
    client.refresh_from_db()
    return browser.post(
        reverse("cases:client_personal", kwargs={"pk": client.pk}),
        {"version": str(client.version), "gender": "male", "phone": "0157 1234567", **data},
    )


MUHAMMAD = {
    "given_names_latin": "Muhammad",
    "family_name_latin": "Alhasan",
    "birth_date": "17.05.1990",
}


@pytest.fixture
def existing(db):
    return named(
        case_number="L-1",
        given_names="محمد",
        family_name="الحسن",
        given_names_latin="Mohammed",
        family_name_latin="Al-Hassan",
        birth_date="1990",
    )


@pytest.mark.django_db
def test_a_likely_duplicate_is_shown_and_nothing_is_saved(login, existing):
    new = named(case_number="L-2")
    page = post(login("cm.luenen"), new, **MUHAMMAD)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mögliche Dublette" in html
    assert reverse("cases:client_detail", kwargs={"pk": existing.pk}) in html
    assert "L-1" in html
    assert "Mohammed" not in html and "الحسن" not in html  # case number and link only
    assert "Es handelt sich um eine andere Person" in html
    # Nothing typed is lost, nothing is saved.
    assert 'value="Muhammad"' in html and 'value="0157 1234567"' in html
    new.refresh_from_db()
    assert new.given_names_latin == "" and new.version == 1


@pytest.mark.django_db
def test_confirming_another_person_saves(login, existing):
    new = named(case_number="L-2")
    browser = login("cm.luenen")
    post(browser, new, **MUHAMMAD)
    saved = post(browser, new, **MUHAMMAD, not_duplicate="on")
    assert saved.status_code == 302
    new.refresh_from_db()
    assert new.given_names_latin == "Muhammad" and new.birth_date == "1990-05-17"
    # Saving again with the same names does not ask again.
    assert post(browser, new, **MUHAMMAD, address="Lange Straße 1").status_code == 302


@pytest.mark.django_db
def test_the_check_is_logged_as_a_read_with_ids_only(login, existing):
    new = named(case_number="L-2")
    post(login("cm.luenen"), new, **MUHAMMAD)
    reads = AuditEntry.objects.filter(action=AuditAction.READ, purpose__startswith="Dubletten")
    assert {(e.object_id, e.purpose) for e in reads} == {
        (str(new.pk), "Dublettenprüfung: 1 Treffer"),
        (str(existing.pk), f"Dublettenprüfung zu Fall-ID {new.pk}"),
    }
    assert not AuditEntry.objects.filter(purpose__icontains="muhammad").exists()


@pytest.mark.django_db
def test_a_different_person_or_birth_date_saves_without_warning(login, existing):
    browser = login("cm.luenen")
    other_name = named(case_number="L-2")
    assert (
        post(
            browser,
            other_name,
            given_names_latin="Amina",
            family_name_latin="Alhasan",
            birth_date="17.05.1990",
        ).status_code
        == 302
    )
    other_birth = named(case_number="L-3")
    assert post(browser, other_birth, **{**MUHAMMAD, "birth_date": "17.05.1991"}).status_code == 302


@pytest.mark.django_db
def test_cyrillic_names_match_their_latin_duplicate(login):
    named(
        case_number="L-1",
        birth_year=1985,
        given_names_latin="Aleksandr",
        family_name_latin="Shevchenko",
        birth_date="05.1985",
    )
    new = named(case_number="L-2", birth_year=1985)
    page = post(
        login("cm.luenen"),
        new,
        given_names="Олександр",
        family_name="Шевченко",
        given_names_latin="Oleksandr",
        family_name_latin="Schewtschenko",
        birth_date="12.05.1985",
    )
    assert page.status_code == 200 and "Mögliche Dublette" in page.content.decode()


@pytest.mark.django_db
def test_cases_in_another_region_are_not_compared(login):
    named(where="Backnang", by="cm.backnang", case_number="B-1", **MUHAMMAD)
    named(where="Bergkamen", by="cm.bergkamen", case_number="K-1", **MUHAMMAD)
    new = named(case_number="L-2")
    assert post(login("cm.luenen"), new, **MUHAMMAD).status_code == 302
    assert not AuditEntry.objects.filter(purpose__startswith="Dublettenprüfung zu").exists()


# --- The API warns like the page (issue 3 item 11) ---------------------------------------


@pytest.fixture
def api(demo_mode):
    from django.test import Client as HttpClient

    from lotse.accounts import services as account_services

    def client_for(username: str) -> HttpClient:
        token = account_services.api_token_issue(user=person(username))[1]
        return HttpClient(headers={"Authorization": f"Bearer {token}"})

    return client_for


def patch(api_client, client, **data):
    client.refresh_from_db()
    return api_client.patch(
        f"/api/v1/clients/{client.pk}",
        {"version": client.version, **data},
        content_type="application/json",
    )


@pytest.mark.django_db
def test_api_answers_409_with_the_candidates_and_saves_nothing(api, existing):
    new = named(case_number="L-2")
    response = patch(api("cm.luenen"), new, **MUHAMMAD)
    assert response.status_code == 409
    body = response.json()
    assert body["duplicates"] == [{"id": existing.pk, "case_number": "L-1"}]
    assert body["detail"][0]["field"] == "confirm_duplicate"
    assert (
        "Fall L-1" in body["detail"][0]["msg"]
        and "Nichts wurde gespeichert" in body["detail"][0]["msg"]
    )
    new.refresh_from_db()
    assert new.given_names_latin == "" and new.birth_date == ""
    assert AuditEntry.objects.filter(
        action=AuditAction.READ, object_id=str(existing.pk), purpose__startswith="Dubletten"
    ).exists()


@pytest.mark.django_db
def test_api_saves_after_confirm_duplicate(api, existing):
    new = named(case_number="L-2")
    response = patch(api("cm.luenen"), new, confirm_duplicate=True, **MUHAMMAD)
    assert response.status_code == 200
    new.refresh_from_db()
    assert (new.given_names_latin, new.birth_date) == ("Muhammad", "1990-05-17")


@pytest.mark.django_db
def test_api_partial_update_checks_the_names_as_they_would_be(api, existing):
    # Only the birth date is sent; the names already stored make the match.
    new = named(case_number="L-2", given_names_latin="Mohamad", family_name_latin="Alhassan")
    response = patch(api("cm.luenen"), new, birth_date="1990-05-17")
    assert response.status_code == 409
    assert [row["case_number"] for row in response.json()["duplicates"]] == ["L-1"]
    # A change that touches neither names nor the birth date is not asked about.
    assert patch(api("cm.luenen"), new, phone="0157 1234567").status_code == 200


@pytest.mark.django_db
def test_api_check_stays_within_what_the_user_may_see(api, existing):
    # cm.bergkamen does not see Lünen's case, so there is nothing to warn about.
    other = named(where="Bergkamen", by="cm.bergkamen", case_number="B-1")
    assert patch(api("cm.bergkamen"), other, **MUHAMMAD).status_code == 200
