"""Referrals (BW 4.1.4 c–d, KIM §3(2)d): only with a consent covering that kind of
service, a status history with dates and outcome, reopening with a note, and a
worklist item when no result came after N weeks."""

from datetime import date, timedelta

import pytest

from lotse.cases import services
from lotse.cases.models import Referral, ReferralEvent
from lotse.cases.selectors import worklist_for
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import (
    add_goal,
    give_consent,
    make_client,
    make_plan,
    person,
    refer,
    running_case,
)

START = date(2026, 3, 2)


def covered_case(*codes):
    client = make_client(today=START)
    give_consent(client, on=START, codes=("beratung", *codes))
    from tests.cases.factories import consult

    consult(client, on=START)
    return client


@pytest.mark.django_db
def test_refused_when_the_consent_does_not_cover_that_kind_of_service():
    # BW 4.1.6.2: no passing on to authorities beyond the purpose; BW 4.1.4 c.
    client = covered_case("weiterleitung")
    with pytest.raises(RuleViolation) as refused:
        refer(client, on=START, code="jobcenter")
    assert refused.value.field == "service"
    message = refused.value.message
    assert message.startswith("Ziel: Die Einwilligung vom 02.03.2026 deckt keine Weitergabe")
    assert (
        "Jobcenter (SGB II)" in message
        and "Weitergabe von Angaben bei der Vermittlung an Behörden" in message
    )
    assert not Referral.objects.exists()
    # Counselling services are covered by the general referral purpose.
    assert refer(client, on=START, code="mbe").status == "sent"


@pytest.mark.django_db
def test_a_consent_for_counselling_only_covers_no_referral():
    client = running_case(start=START)  # purpose "beratung" only
    with pytest.raises(RuleViolation, match="deckt keine Weitergabe"):
        refer(client, on=START, code="verein")


@pytest.mark.django_db
def test_authorities_need_their_own_purpose():
    client = covered_case("weiterleitung-behoerden")
    assert refer(client, on=START, code="auslaenderbehoerde").service.kind.code == "behoerde"
    with pytest.raises(RuleViolation):
        refer(client, on=START, code="schule")


@pytest.mark.django_db
def test_status_history_with_dates_and_outcome():
    client = covered_case("weiterleitung")
    plan = make_plan(client, on=START)
    goal = add_goal(plan, life_area="language", goal="B1")
    referral = refer(client, on=START, code="integrationskurs", goal=goal)
    by = person("cm.luenen")
    services.referral_status_update(
        referral=referral, status="waiting", on=date(2026, 3, 10), by=by, today=date(2026, 4, 1)
    )
    services.referral_status_update(
        referral=referral,
        status="completed",
        on=date(2026, 3, 20),
        note="Kurs begonnen",
        by=by,
        today=date(2026, 4, 1),
    )
    referral.refresh_from_db()
    assert (referral.status, referral.status_on, referral.outcome) == (
        "completed",
        date(2026, 3, 20),
        "Kurs begonnen",
    )
    history = list(referral.events.values_list("status", "on"))
    assert history == [
        ("sent", START),
        ("waiting", date(2026, 3, 10)),
        ("completed", date(2026, 3, 20)),
    ]
    assert goal.referrals.get() == referral


@pytest.mark.django_db
def test_a_result_ends_the_referral_until_it_is_reopened_with_a_note():
    client = covered_case("weiterleitung")
    referral = refer(client, on=START)
    by = person("cm.luenen")
    services.referral_status_update(
        referral=referral, status="no_show", on=START, by=by, today=START
    )
    with pytest.raises(RuleViolation) as refused:
        services.referral_status_update(
            referral=referral, status="accepted", on=START, by=by, today=START
        )
    assert refused.value.field == "status" and "wiedereröffnet" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        services.referral_reopen(referral=referral, note=" ", on=START, by=by, today=START)
    assert refused.value.field == "note"
    services.referral_reopen(
        referral=referral,
        note="Neuer Termin vereinbart",
        on=date(2026, 4, 1),
        by=by,
        today=date(2026, 4, 1),
    )
    referral.refresh_from_db()
    assert (referral.status, referral.open_since) == ("sent", date(2026, 4, 1))
    reopened = ReferralEvent.objects.get(reopened=True)
    assert reopened.note == "Neuer Termin vereinbart"


@pytest.mark.django_db
def test_impossible_referral_dates():
    client = covered_case("weiterleitung")
    with pytest.raises(RuleViolation) as refused:
        refer(client, on=START + timedelta(days=1), today=START)
    assert refused.value.field == "referred_on" and "Zukunft" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        refer(client, on=date(2026, 1, 1), today=START)
    assert "vor dem Erstberatungsgespräch" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        services.referral_status_update(
            referral=refer(client, on=START),
            status="accepted",
            on=date(2026, 3, 1),
            by=person("cm.luenen"),
            today=START,
        )
    assert refused.value.field == "on"


@pytest.mark.django_db
def test_without_a_result_after_six_weeks_it_is_on_the_worklist(settings):
    # KIM §3(2)d; LOTSE_REFERRAL_OUTCOME_WEEKS, default 6.
    client = covered_case("weiterleitung")
    referral = refer(client, on=START)
    user = person("cm.luenen")

    def kinds(today):
        return [i.kind for i in worklist_for(user, today=today, team=False) if i.client == client]

    assert "referral_outcome_missing" not in kinds(START + timedelta(weeks=6, days=-1))
    items = [
        i
        for i in worklist_for(user, today=START + timedelta(weeks=6), team=False)
        if i.kind == "referral_outcome_missing"
    ]
    assert len(items) == 1
    assert "Migrationsberatung" in items[0].text and "02.03.2026" in items[0].text
    assert items[0].url.endswith(f"/vermittlungen/{referral.pk}/")
    settings.LOTSE_REFERRAL_OUTCOME_WEEKS = 10
    assert "referral_outcome_missing" not in kinds(START + timedelta(weeks=8))
    services.referral_status_update(
        referral=referral, status="accepted", on=START, by=user, today=START
    )
    assert "referral_outcome_missing" not in kinds(START + timedelta(weeks=20))
