"""Query counts of the client list, the case page and the worklist do not grow
with the number of records (issue 3: pinned query counts)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotse.cases.models import ConsultationTopic
from tests.cases.factories import consult, make_client, person, running_case


def count_queries(browser, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = browser.get(url)
    assert response.status_code == 200
    return len(queries)


def add_cases(n: int):
    for i in range(n):
        client = running_case(start=date(2025, 1, 10 + i))
        consult(
            client,
            on=date(2025, 2, 1),
            topics=list(ConsultationTopic.objects.all()[:3]),
            notes=f"Notiz {i}",
        )
        make_client(today=date(2025, 3, 1))


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["cases:client_list", "cases:worklist"])
def test_lists_are_constant_in_the_number_of_cases(login, url_name):
    browser = login("lead.luenen")
    add_cases(2)
    url = reverse(url_name) + ("?ansicht=team" if url_name == "cases:worklist" else "")
    browser.get(url)  # warm the session
    few = count_queries(browser, url)
    add_cases(5)
    assert count_queries(browser, url) == few


@pytest.mark.django_db
@pytest.mark.parametrize("term", ["Muhammad", "Олександр", "05.1990", "2025-"])
def test_client_search_is_constant_in_the_number_of_cases(login, term):
    # Issue 3 item 11: the search is one condition on the stored name keys.
    from lotse.cases import services
    from tests.cases.factories import person

    def add_named(n: int):
        for _ in range(n):
            client = running_case(start=date(2025, 1, 10))
            services.client_personal_data_update(
                client=client,
                data={
                    "given_names": "Олександр",
                    "given_names_latin": "Mohammed",
                    "family_name_latin": "Shevchenko",
                    "birth_date": "17.05.1990",
                },
                expected_version=client.version,
                by=person("cm.luenen"),
                today=date(2025, 1, 10),
            )

    browser = login("lead.luenen")
    url = reverse("cases:client_list")
    add_named(2)
    browser.post(url, {"q": term})
    few = count_queries(browser, url)
    add_named(5)
    assert count_queries(browser, url) == few


@pytest.mark.django_db
def test_case_page_is_constant_in_consultations_and_consents(login):
    browser = login("cm.luenen")
    client = running_case(start=date(2025, 1, 10))
    url = reverse("cases:client_detail", kwargs={"pk": client.pk})
    browser.get(url)
    few = count_queries(browser, url)
    for day in range(2, 9):
        consult(client, on=date(2025, 2, day), topics=list(ConsultationTopic.objects.all()[:4]))
    from tests.cases.factories import give_consent

    give_consent(client, on=date(2025, 3, 1))
    assert count_queries(browser, url) == few


@pytest.mark.django_db
def test_case_page_query_budget(login):
    browser = login("cm.luenen")
    client = running_case(start=date(2025, 1, 10))
    url = reverse("cases:client_detail", kwargs={"pk": client.pk})
    browser.get(url)
    # Session, user, memberships, scope, the case, 6 related lists, audit (lock, chain,
    # insert); and since items 5, 7 and 13: referrals with their history, the last
    # re-assessment with its ratings, the structural themes; since item 2: the languages
    # of the consent form (one query for the texts that apply).
    assert count_queries(browser, url) <= 25


@pytest.mark.django_db
def test_case_page_is_constant_in_goals_and_referrals(login):
    # Plans and referrals (issue 3 items 4–5) add a fixed number of queries, not one per row.
    from lotse.cases.models import ConsentPurpose
    from tests.cases.factories import add_goal, make_plan, refer

    browser = login("cm.luenen")
    start = date(2025, 1, 10)
    client = running_case(start=start)
    client.consents.get().purposes.add(ConsentPurpose.objects.get(code="weiterleitung"))
    plan = make_plan(client, on=start)
    add_goal(plan)
    refer(client, on=start)
    conference(client, on=start)
    url = reverse("cases:client_detail", kwargs={"pk": client.pk})
    browser.get(url)
    few = count_queries(browser, url)
    for area in ("work", "housing", "health", "family"):
        goal = add_goal(plan, life_area=area)
        refer(client, on=start, code="verein", goal=goal)
        conference(client, on=start)
    assert count_queries(browser, url) == few
    # The no-plan budget above, plus the plan and its goals, conferences with
    # participants and agreements.
    assert few <= 30


def conference(client, *, on):
    from lotse.cases import services

    services.conference_record(
        client=client,
        held_on=on,
        agenda="Fallkonferenz",
        participants=[services.Participant(name="A", body="Jobcenter", legal_domain="sgb2")],
        agreements=[services.Agreement(life_area="work", text="Praktikum")],
        by=person("cm.luenen"),
        today=on,
    )


@pytest.mark.django_db
def test_worklist_is_constant_with_plans_and_referrals(login):
    from lotse.cases.models import ConsentPurpose
    from tests.cases.factories import add_goal, make_plan, refer

    browser = login("lead.luenen")
    url = reverse("cases:worklist") + "?ansicht=team"

    def add(n):
        for i in range(n):
            start = date(2025, 1, 10 + i)
            client = running_case(start=start)
            client.consents.get().purposes.add(ConsentPurpose.objects.get(code="weiterleitung"))
            add_goal(make_plan(client, on=start, review_on=start), review_on=start)
            refer(client, on=start)

    add(2)
    browser.get(url)
    few = count_queries(browser, url)
    add(4)
    assert count_queries(browser, url) == few
