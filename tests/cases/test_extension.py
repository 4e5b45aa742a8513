"""Extension of the counseling period (BW 4.1.5): once, up to one year, a listed
reason and a justification, approved by the team lead."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Decision
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import consult, person, running_case

START = date(2024, 3, 15)  # regular end 15.03.2027, at most 15.03.2028
ASKED = date(2027, 1, 10)


def ask(client, *, until=date(2028, 3, 15), reason="illiteracy", justification="Kurs läuft"):
    return services.extension_request(
        client=client,
        reason=reason,
        justification=justification,
        until=until,
        by=person("cm.luenen"),
        today=ASKED,
    )


@pytest.mark.django_db
def test_approved_extension_allows_consultations_after_the_regular_end():
    client = running_case(start=START)
    extension = ask(client)
    services.extension_decide(
        extension=extension, approve=True, by=person("lead.luenen"), today=ASKED
    )
    extension.refresh_from_db()
    assert extension.decision == Decision.APPROVED
    consult(client, on=date(2027, 6, 1))
    with pytest.raises(RuleViolation, match=r"15\.03\.2028"):
        consult(client, on=date(2028, 3, 16))


@pytest.mark.django_db
def test_more_than_one_year_is_refused():
    client = running_case(start=START)
    with pytest.raises(RuleViolation) as refused:
        ask(client, until=date(2028, 3, 16))
    assert refused.value.field == "until"
    assert "höchstens ein Jahr" in refused.value.message


@pytest.mark.django_db
def test_reason_and_justification_are_mandatory():
    client = running_case(start=START)
    with pytest.raises(RuleViolation) as refused:
        ask(client, reason="")
    assert refused.value.field == "reason"
    with pytest.raises(RuleViolation) as refused:
        ask(client, justification="  ")
    assert refused.value.field == "justification"


@pytest.mark.django_db
def test_other_reason_only_when_the_setting_allows_it(settings):
    client = running_case(start=START)
    with pytest.raises(RuleViolation):
        ask(client, reason="other")
    settings.LOTSE_EXTENSION_OTHER_REASON = True
    assert ask(client, reason="other").reason == "other"


@pytest.mark.django_db
def test_only_once():
    client = running_case(start=START)
    with pytest.raises(RuleViolation, match="bereits ein Antrag"):
        ask(client)
        ask(client)


@pytest.mark.django_db
def test_a_second_extension_is_refused():
    client = running_case(start=START)
    services.extension_decide(
        extension=ask(client, until=date(2027, 9, 1)),
        approve=True,
        by=person("lead.luenen"),
        today=ASKED,
    )
    with pytest.raises(RuleViolation, match="bereits verlängert"):
        ask(client)


@pytest.mark.django_db
def test_a_case_manager_cannot_decide():
    client = running_case(start=START)
    extension = ask(client)
    with pytest.raises(RuleViolation, match="Teamleitung"):
        services.extension_decide(
            extension=extension, approve=True, by=person("cm.luenen"), today=ASKED
        )


@pytest.mark.django_db
def test_refusal_needs_a_note():
    client = running_case(start=START)
    extension = ask(client)
    with pytest.raises(RuleViolation) as refused:
        services.extension_decide(
            extension=extension, approve=False, by=person("lead.luenen"), today=ASKED
        )
    assert refused.value.field == "decision_note"


@pytest.mark.django_db
def test_the_decision_page_is_the_team_leads(login):
    client = running_case(start=START)
    extension = ask(client)
    url = reverse("cases:extension_decide", kwargs={"pk": client.pk, "extension_pk": extension.pk})
    assert login("cm.luenen").get(url).status_code == 403
    assert login("lead.backnang").get(url).status_code == 404
    page = login("lead.luenen").get(url)
    assert "Kurs läuft" in page.content.decode()
    response = login("lead.luenen").post(url, {"decision": "refuse", "decision_note": "Zu früh"})
    assert response.status_code == 302
    extension.refresh_from_db()
    assert extension.decision == Decision.REFUSED


@pytest.mark.django_db
def test_the_request_form_proposes_the_latest_possible_end(login):
    client = running_case(start=START)
    page = login("cm.luenen").get(reverse("cases:extension_request", kwargs={"pk": client.pk}))
    assert 'value="2028-03-15"' in page.content.decode()
