"""Closure with a reason (SPEC §2.2 no. 7); a team lead may reopen within the
counseling period (issue 3 item 9; BW 4.1.5)."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.kernel.errors import RuleViolation
from tests.cases.factories import closure_reason, consult, person, running_case

START = date(2024, 3, 15)


def close(client, on=date(2025, 1, 10)):
    return services.case_close(
        client=client, reason=closure_reason(), closed_on=on, by=person("cm.luenen"), today=on
    )


@pytest.mark.django_db
def test_close_and_reopen_within_the_period():
    client = running_case(start=START)
    closure = close(client)
    with pytest.raises(RuleViolation, match="bereits"):
        close(client)
    services.case_reopen(closure=closure, by=person("lead.luenen"), today=date(2025, 2, 1))
    consult(client, on=date(2025, 2, 1))


@pytest.mark.django_db
def test_closure_before_the_last_consultation_is_refused():
    client = running_case(start=START)
    consult(client, on=date(2024, 6, 1))
    with pytest.raises(RuleViolation) as refused:
        close(client, on=date(2024, 5, 1))
    assert refused.value.field == "closed_on"


@pytest.mark.django_db
def test_no_reopening_after_the_period():
    # BW 4.1.5: the period ended on 15.03.2027.
    client = running_case(start=START)
    closure = close(client)
    with pytest.raises(RuleViolation, match=r"15\.03\.2027"):
        services.case_reopen(closure=closure, by=person("lead.luenen"), today=date(2027, 3, 16))


@pytest.mark.django_db
def test_a_case_manager_cannot_reopen(login):
    client = running_case(start=START)
    closure = close(client)
    with pytest.raises(RuleViolation, match="Teamleitung"):
        services.case_reopen(closure=closure, by=person("cm.luenen"), today=date(2025, 2, 1))
    url = reverse("cases:closure_reopen", kwargs={"pk": client.pk, "closure_pk": closure.pk})
    assert login("cm.luenen").post(url).status_code == 403


@pytest.mark.django_db
def test_closure_page(login):
    client = running_case(start=START)
    response = login("cm.luenen").post(
        reverse("cases:closure_create", kwargs={"pk": client.pk}),
        {"reason": closure_reason("weggezogen").pk, "closed_on": "2025-01-10"},
    )
    assert response.status_code == 302
    assert client.closures.get().reason.code == "weggezogen"
