"""The plan pages: the second consultation leads into the plan (BW 4.1.4 f), the
completeness indicator (BW 4.1.6.3), a conflict that keeps what was typed (issue 3
item 15), the version list with a diff, and every read logged."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.cases.models import IntegrationPlan
from lotse.privacy.models import AuditEntry
from tests.cases.factories import add_goal, make_plan, running_case

START = date(2026, 3, 2)


@pytest.mark.django_db
@time_machine.travel(date(2026, 3, 20), tick=False)
def test_second_consultation_leads_into_the_plan_and_the_red_item_goes(login):
    client = running_case(start=START)
    browser = login("cm.luenen")
    response = browser.post(
        reverse("cases:consultation_create", kwargs={"pk": client.pk}),
        {"held_on": "2026-03-20", "duration_minutes": "45", "channel": "in_person"},
    )
    plan_url = reverse("cases:plan", kwargs={"pk": client.pk})
    assert response["Location"] == plan_url
    page = browser.get(plan_url).content.decode()
    assert "ist der Integrationsplan fällig" in page
    assert "Es fehlen noch 7 Mindestinhalte" in page
    worklist = reverse("cases:worklist")
    assert "Integrationsplan fehlt" in browser.get(worklist).content.decode()
    response = browser.post(
        plan_url,
        {"started_on": "2026-03-20", "personal": "Familie", "language_level": "A1"},
        follow=True,
    )
    page = response.content.decode()
    assert "Der Integrationsplan wurde angelegt" in page
    assert "c) Bildung und Ausbildung" in page  # still missing
    assert "Integrationsplan fehlt" not in browser.get(worklist).content.decode()


@pytest.mark.django_db
@time_machine.travel(date(2026, 3, 20), tick=False)
def test_review_before_start_on_the_page_names_the_field_and_keeps_the_text(login):
    client = running_case(start=START)
    response = login("cm.luenen").post(
        reverse("cases:plan", kwargs={"pk": client.pk}),
        {"started_on": "2026-03-20", "review_on": "2026-03-01", "work": "Lange Notiz zur Arbeit"},
    )
    page = response.content.decode()
    assert "Überprüfungsdatum: Die Überprüfung am 01.03.2026 liegt vor dem Beginn" in page
    assert "Lange Notiz zur Arbeit" in page
    assert not IntegrationPlan.objects.exists()


@pytest.mark.django_db
@time_machine.travel(date(2026, 3, 20), tick=False)
def test_two_people_editing_the_plan_the_second_sees_what_changed(login):
    client = running_case(start=START)
    plan = make_plan(client, on=START, housing="Unterkunft")
    url = reverse("cases:plan", kwargs={"pk": client.pk})
    alice, bob = login("cm.luenen"), login("lead.luenen")
    alice_form = alice.get(url).context["form"]
    bob_form = bob.get(url).context["form"]

    def post(browser, form, housing):
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update(started_on="2026-03-02", housing=housing)
        return browser.post(url, data)

    assert post(alice, alice_form, "eigene Wohnung").status_code == 302
    response = post(bob, bob_form, "Notunterkunft")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nichts wurde überschrieben" in page
    assert "e) Wohnsituation: eigene Wohnung" in page
    assert "Notunterkunft" in page  # what bob typed is still in the form
    plan.refresh_from_db()
    assert (plan.housing, plan.version) == ("eigene Wohnung", 2)


@pytest.mark.django_db
def test_versions_page_shows_who_when_and_a_diff(login):
    client = running_case(start=START)
    plan = make_plan(client, on=START, work="sucht")
    add_goal(plan, goal="Deutsch B1", steps="Kurs")
    browser = login("lead.luenen")
    url = reverse("cases:plan_versions", kwargs={"pk": client.pk})
    page = browser.get(url + "?version=2").content.decode()
    assert "Version 1" in page and "Version 2" in page
    assert "f) Ziel 1 – Ziel" in page and "<ins>Deutsch B1</ins>" in page
    assert browser.get(url + "?version=x").status_code == 200
    assert AuditEntry.objects.filter(purpose="Versionen des Plans").exists()


@pytest.mark.django_db
def test_goal_page_adds_a_goal_and_shows_it_on_the_case_page(login):
    client = running_case(start=START)
    plan = make_plan(client, on=START)
    browser = login("cm.luenen")
    response = browser.post(
        reverse("cases:plan_goal_create", kwargs={"pk": client.pk}),
        {
            "version": "1",
            "life_area": "work",
            "goal": "Ausbildung als Pflegehelferin",
            "steps": "Praktikum",
            "status": "in_progress",
            "responsible": "Klientin",
        },
    )
    assert response.status_code == 302
    page = browser.get(reverse("cases:client_detail", kwargs={"pk": client.pk})).content.decode()
    assert "Ausbildung als Pflegehelferin" in page
    assert "Zielerreichung: in Arbeit 1" in page
    plan.refresh_from_db()
    assert plan.version == 2


@pytest.mark.django_db
def test_a_foreign_plan_is_not_found(login):
    client = running_case(start=START)
    make_plan(client, on=START)
    other = running_case(start=START, where="Backnang", by="cm.backnang")
    browser = login("cm.luenen")
    assert browser.get(reverse("cases:plan", kwargs={"pk": other.pk})).status_code == 404
    assert browser.get(reverse("cases:plan_versions", kwargs={"pk": other.pk})).status_code == 404
    assert (
        login("coord.unna").get(reverse("cases:plan", kwargs={"pk": client.pk})).status_code == 403
    )


@pytest.mark.django_db
def test_consultation_in_a_case_with_a_plan_still_leads_to_the_plan(login):
    client = running_case(start=START)
    make_plan(client, on=START)
    with time_machine.travel(date(2026, 3, 21), tick=False):
        response = login("cm.luenen").post(
            reverse("cases:consultation_create", kwargs={"pk": client.pk}),
            {"held_on": "2026-03-21", "duration_minutes": "45", "channel": "in_person"},
            follow=True,
        )
    page = response.content.decode()
    assert "ist der Integrationsplan fällig" not in page
    assert "Abschnitte a–g fortschreiben" in page
