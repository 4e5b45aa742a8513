"""The worklist (SPEC §2.4): what is due, per case manager and per team, most
urgent first, each item linking to where it is resolved; counts on the start page."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.cases import services
from lotse.cases.selectors import Level, worklist_for
from tests.cases.factories import consult, give_consent, make_client, person, running_case

TODAY = date(2027, 2, 1)


def kinds(items, client):
    # The factory clients have no gender; the indicators' hint about that (issue 6
    # item 4) is tested in tests/indicators, so it is left aside here.
    return [
        item.kind
        for item in items
        if item.client.pk == client.pk and item.kind != "indicator_data_missing"
    ]


@pytest.mark.django_db
def test_items_and_their_order():
    no_consent = make_client(today=date(2026, 1, 5))
    # BW 4.1.4 f: two consultations and no plan → red.
    plan_missing = running_case(start=date(2026, 6, 1))
    consult(plan_missing, on=date(2026, 7, 1))
    # BW 4.1.5: period ends 01.04.2027, within 90 days of TODAY.
    ending = running_case(start=date(2024, 4, 1))
    # Ended 15.01.2027: due for closure.
    ended = running_case(start=date(2024, 1, 15))
    items = worklist_for(person("cm.luenen"), today=TODAY, team=False)
    assert kinds(items, no_consent) == ["consent_missing"]
    # Begun eight months ago, so its re-assessment is due too (KIM §3(2)c, every 6 months).
    assert kinds(items, plan_missing) == ["plan_missing", "reassessment_due"]
    assert "period_ending" in kinds(items, ending)
    assert "closure_due" in kinds(items, ended)
    levels = [item.level for item in items]
    assert levels == sorted(levels)
    assert items[0].level == Level.RED
    ending_item = next(i for i in items if i.kind == "period_ending")
    assert ending_item.url == reverse("cases:extension_request", kwargs={"pk": ending.pk})
    closure_item = next(i for i in items if i.kind == "closure_due")
    assert closure_item.url == reverse("cases:closure_create", kwargs={"pk": ended.pk})


@pytest.mark.django_db
def test_pending_extension_links_the_team_lead_to_the_decision():
    client = running_case(start=date(2024, 4, 1))
    extension = services.extension_request(
        client=client,
        reason="disability",
        justification="Begleitung nötig",
        until=date(2027, 12, 31),
        by=person("cm.luenen"),
        today=TODAY,
    )
    mine = worklist_for(person("cm.luenen"), today=TODAY, team=False)
    team = worklist_for(person("lead.luenen"), today=TODAY, team=True)
    pending_cm = next(i for i in mine if i.kind == "extension_pending")
    pending_lead = next(i for i in team if i.kind == "extension_pending")
    assert pending_cm.url == reverse("cases:client_detail", kwargs={"pk": client.pk})
    assert pending_lead.url == reverse(
        "cases:extension_decide", kwargs={"pk": client.pk, "extension_pk": extension.pk}
    )


@pytest.mark.django_db
def test_withdrawn_consent_is_erasure_due():
    client = make_client(today=TODAY)
    consent = give_consent(client, on=TODAY)
    services.consent_withdraw(
        consent=consent, withdrawn_on=TODAY, by=person("cm.luenen"), today=TODAY
    )
    items = worklist_for(person("cm.luenen"), today=TODAY, team=False)
    assert kinds(items, client) == ["erasure_due"]


@pytest.mark.django_db
def test_own_list_and_team_list():
    mine = make_client(today=TODAY)
    colleague = make_client(by="lead.luenen", today=TODAY)
    foreign = make_client(where="Backnang", by="cm.backnang", today=TODAY)
    own = worklist_for(person("cm.luenen"), today=TODAY, team=False)
    team = worklist_for(person("lead.luenen"), today=TODAY, team=True)
    assert {i.client.pk for i in own} >= {mine.pk}
    assert colleague.pk not in {i.client.pk for i in own}
    assert {mine.pk, colleague.pk} <= {i.client.pk for i in team}
    assert foreign.pk not in {i.client.pk for i in team}


@pytest.mark.django_db
def test_closed_cases_leave_the_list():
    client = running_case(start=date(2024, 1, 15))
    from tests.cases.factories import closure_reason

    services.case_close(
        client=client,
        reason=closure_reason("zeitraum-beendet"),
        closed_on=TODAY,
        by=person("cm.luenen"),
        today=TODAY,
    )
    assert kinds(worklist_for(person("cm.luenen"), today=TODAY, team=False), client) == []


@pytest.mark.django_db
def test_start_page_counts_and_worklist_page(login):
    with time_machine.travel(date(2026, 3, 2)):
        make_client()
        browser = login("cm.luenen")
        home = browser.get(reverse("home:start")).content.decode()
        assert "Arbeitsliste: 1 Aufgabe" in home
        page = browser.get(reverse("cases:worklist")).content.decode()
        assert "Einwilligung fehlt" in page


@pytest.mark.django_db
def test_coordination_never_sees_case_rows(login):
    # SPEC §1: the coordinating office has no access to personal case data.
    make_client(today=TODAY)
    browser = login("coord.unna")
    assert browser.get(reverse("cases:worklist")).status_code == 403
    assert browser.get(reverse("cases:client_list")).status_code == 403
    home = browser.get(reverse("home:start")).content.decode()
    assert "Arbeitsliste" not in home
