"""The client list searches by name in any script, by case number and by (partial)
date of birth (issue 3 item 11). The term is posted and kept in the session, never
in a URL; only the user's cases are searched."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Client
from lotse.privacy.models import AuditEntry
from tests.cases.factories import give_consent, make_client, person

DAY = date(2026, 3, 2)


def named(where="Lünen", by="cm.luenen", birth_year=1990, case_number="", **data) -> Client:
    client = make_client(
        where=where, by=by, birth_year=birth_year, case_number=case_number, today=DAY
    )
    give_consent(client, on=DAY, by=by)
    return services.client_personal_data_update(
        client=client, data=data, expected_version=client.version, by=person(by), today=DAY
    )


def search(browser, term: str) -> set[str]:
    posted = browser.post(reverse("cases:client_list"), {"q": term})
    assert posted.status_code == 302
    assert posted["Location"] == reverse("cases:client_list")  # the term is not in the URL
    page = browser.get(posted["Location"])
    assert page.status_code == 200
    return {state.client.case_number for state in page.context["states"]}


@pytest.fixture
def clients(db):
    return {
        "mohammed": named(
            case_number="L-1",
            given_names="محمد",
            family_name="الحسن",
            given_names_latin="Mohammed",
            family_name_latin="Al-Hassan",
            birth_date="17.05.1990",
        ),
        "oleksandr": named(
            case_number="L-2",
            birth_year=1985,
            given_names="Олександр",
            family_name="Шевченко",
            given_names_latin="Oleksandr",
            family_name_latin="Shevchenko",
            birth_date="05.1985",
        ),
        "weiss": named(
            case_number="L-3",
            birth_year=1978,
            given_names_latin="Jürgen",
            family_name_latin="Weiß",
            birth_date="1978",
        ),
        "stub": make_client(case_number="L-4", birth_year=1985, today=DAY),
    }


@pytest.mark.django_db
def test_latin_spellings_find_each_other(login, clients):
    browser = login("cm.luenen")
    assert search(browser, "Muhammad") == {"L-1"}
    assert search(browser, "mohamad alhasan") == {"L-1"}
    assert search(browser, "Aleksandr") == {"L-2"}
    assert search(browser, "Schewtschenko") == {"L-2"}
    assert search(browser, "Juergen Weiss") == {"L-3"}
    assert search(browser, "shev") == {"L-2"}  # the beginning of a name is enough
    assert search(browser, "Moham") == {"L-1"}
    assert search(browser, "Alex") == set()  # no name begins so, in any spelling
    assert search(browser, "Karimi") == set()


@pytest.mark.django_db
def test_cyrillic_and_arabic_script_find_the_client(login, clients):
    browser = login("cm.luenen")
    assert search(browser, "Олександр") == {"L-2"}
    assert search(browser, "Александр Шевченко") == {"L-2"}  # the Russian spelling
    assert search(browser, "محمد") == {"L-1"}


@pytest.mark.django_db
def test_a_cyrillic_name_is_found_by_its_latin_spelling_without_latin_fields(login):
    named(
        case_number="L-9",
        given_names="Олександр",
        family_name="Гончаренко",
        given_names_latin="Oleksandr",
        family_name_latin="",
    )
    browser = login("cm.luenen")
    # Гончаренко is read the Ukrainian and the Russian way.
    assert search(browser, "Goncharenko") == {"L-9"}
    assert search(browser, "Honcharenko") == {"L-9"}


@pytest.mark.django_db
def test_by_case_number(login, clients):
    browser = login("cm.luenen")
    assert search(browser, "L-2") == {"L-2"}
    assert search(browser, "l-") == {"L-1", "L-2", "L-3", "L-4"}


@pytest.mark.django_db
def test_by_full_and_partial_birth_date(login, clients):
    browser = login("cm.luenen")
    assert search(browser, "17.05.1990") == {"L-1"}
    assert search(browser, "05.1990") == {"L-1"}
    assert search(browser, "1990-05-18") == set()
    # The month finds the stub, known only by its year of birth, as a possible match.
    assert search(browser, "05.1985") == {"L-2", "L-4"}
    # A full date finds a client whose date is known only to the month or year.
    assert search(browser, "12.05.1985") == {"L-2", "L-4"}
    assert search(browser, "03.06.1978") == {"L-3"}


@pytest.mark.django_db
def test_a_client_in_another_region_is_never_found(login, clients):
    named(
        where="Backnang",
        by="cm.backnang",
        case_number="B-1",
        given_names_latin="Muhammad",
        family_name_latin="Alhasan",
        birth_date="17.05.1990",
    )
    named(
        where="Bergkamen",
        by="cm.bergkamen",
        case_number="K-1",
        given_names_latin="Mohamed",
        family_name_latin="Al Hassan",
        birth_date="1990",
    )
    assert search(login("cm.luenen"), "Muhammad") == {"L-1"}
    assert search(login("cm.luenen"), "17.05.1990") == {"L-1"}
    assert search(login("cm.backnang"), "Muhammad") == {"B-1"}


@pytest.mark.django_db
def test_the_term_stays_in_the_session_and_out_of_urls_and_the_log(login, clients):
    browser = login("cm.luenen")
    search(browser, "Oleksandr")
    again = browser.get(reverse("cases:client_list"))
    assert {s.client.case_number for s in again.context["states"]} == {"L-2"}
    assert 'value="Oleksandr"' in again.content.decode()
    assert not AuditEntry.objects.filter(purpose__icontains="oleksandr").exists()
    assert search(browser, "") == {"L-1", "L-2", "L-3", "L-4"}  # an empty term clears it


@pytest.mark.django_db
def test_renamed_clients_are_found_by_the_new_name_only(login, clients):
    client = clients["weiss"]
    services.client_personal_data_update(
        client=client,
        data={"given_names_latin": "Anna", "family_name_latin": "Becker"},
        expected_version=client.version,
        by=person("cm.luenen"),
        today=DAY,
    )
    browser = login("cm.luenen")
    assert search(browser, "Weiss") == set()
    assert search(browser, "Becker") == {"L-3"}


@pytest.mark.django_db
def test_the_migration_fills_the_keys_of_existing_clients(clients):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("lotse.cases.migrations.0008_client_name_keys")
    Client.objects.update(name_keys="")
    migration.fill_name_keys(apps, None)
    clients["oleksandr"].refresh_from_db()
    assert clients["oleksandr"].name_keys.split() == ["oleksandr", "shevchenko"]
    assert Client.objects.get(case_number="L-4").name_keys == ""
