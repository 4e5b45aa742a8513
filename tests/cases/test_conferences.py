"""Case conferences (KIM §3(2)b): participants from several legal domains, an
agenda, and agreements that become steps in the integration plan (BW 4.1.6.2 f)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import CaseConference, PlanGoal
from lotse.cases.services import Agreement, Participant
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import make_plan, person, running_case

START = date(2026, 3, 2)
JOBCENTER = Participant(name="Frau Jansen", body="Jobcenter", legal_domain="sgb2")
YOUTH = Participant(name="Herr Okafor", body="Jugendamt", legal_domain="sgb8")
OWN = Participant(name="Leyla Demir", body="Integrationsmanagement Lünen", external=False)


def record(client, **extra):
    return services.conference_record(
        client=client,
        held_on=extra.pop("held_on", date(2026, 4, 1)),
        agenda=extra.pop("agenda", "Arbeit und Kinderbetreuung"),
        participants=extra.pop("participants", [OWN, JOBCENTER, YOUTH]),
        by=person("cm.luenen"),
        today=date(2026, 4, 1),
        **extra,
    )


@pytest.mark.django_db
def test_agreements_become_plan_goals_with_their_step():
    client = running_case(start=START)
    plan = make_plan(client, on=START)
    conference = record(
        client,
        agreements=[
            Agreement(life_area="work", text="Bewerbungstraining", responsible="Jobcenter"),
            Agreement(life_area="family", text="Kita-Platz beantragen", due_on=date(2026, 5, 1)),
        ],
    )
    goals = list(PlanGoal.objects.filter(plan=plan).order_by("id"))
    assert [g.goal for g in goals] == ["Bewerbungstraining", "Kita-Platz beantragen"]
    assert goals[0].steps == "Vereinbart in der Fallkonferenz am 01.04.2026"
    assert goals[0].agreement.conference == conference
    plan.refresh_from_db()
    assert plan.version == 3  # one version per agreement
    assert {p.legal_domain for p in conference.participants.all()} == {"", "sgb2", "sgb8"}


@pytest.mark.django_db
def test_bad_input_is_refused_whole_with_the_rule_named():
    client = running_case(start=START)
    with pytest.raises(RuleViolation) as refused:
        record(client, participants=[OWN])
    assert refused.value.field == "participants" and "KIM §3(2)b" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        record(client, participants=[Participant(name="X", body="Ausländerbehörde")])
    assert refused.value.message.startswith("Teilnehmende 1: Bei externen Teilnehmenden")
    with pytest.raises(RuleViolation) as refused:
        record(client, agreements=[Agreement(life_area="work", text="x")])
    assert refused.value.field == "agreements" and "zuerst den Plan" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        record(client, held_on=date(2026, 2, 1))
    assert refused.value.field == "held_on"
    plan = make_plan(client, on=START)
    with pytest.raises(RuleViolation) as refused:
        record(
            client,
            agreements=[
                Agreement(life_area="work", text="gut"),
                Agreement(life_area="work", text="zu früh", due_on=date(2026, 1, 1)),
            ],
        )
    assert refused.value.message.startswith("Vereinbarung 2: Zieldatum")
    # Nothing half-saved: neither the conference nor the first agreement's goal.
    assert not CaseConference.objects.exists()
    assert not PlanGoal.objects.filter(plan=plan).exists()


@pytest.mark.django_db
@time_machine.travel(date(2026, 4, 1), tick=False)
def test_the_page_records_a_conference(login):
    client = running_case(start=START)
    make_plan(client, on=START)
    browser = login("cm.luenen")
    url = reverse("cases:conference_create", kwargs={"pk": client.pk})
    assert "Teilnehmende 4" in browser.get(url).content.decode()
    data = {
        "held_on": "2026-04-01",
        "agenda": "Arbeitsaufnahme",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-0-name": "Frau Jansen",
        "participants-0-body": "Jobcenter",
        "participants-0-legal_domain": "sgb2",
        "participants-0-external": "on",
        "participants-1-name": "",
        "agreements-TOTAL_FORMS": "1",
        "agreements-INITIAL_FORMS": "0",
        "agreements-0-life_area": "work",
        "agreements-0-text": "Praktikum suchen",
    }
    assert browser.post(url, data).status_code == 302
    page = browser.get(reverse("cases:client_detail", kwargs={"pk": client.pk})).content.decode()
    assert "Frau Jansen (Jobcenter, SGB II" in page and "Praktikum suchen" in page
    data["participants-0-legal_domain"] = ""
    page = browser.post(url, data).content.decode()
    assert "Bei externen Teilnehmenden bitte den Rechtskreis angeben" in page
    assert "Praktikum suchen" in page  # typed input kept
