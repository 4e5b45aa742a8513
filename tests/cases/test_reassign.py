"""Reassignment (issue 3 item 12): a team lead moves cases to another case manager; logged."""

from datetime import date

import pytest
from django.urls import reverse

from lotse.cases import services
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditEntry
from tests.cases.factories import make_client, person

DAY = date(2026, 3, 2)


@pytest.mark.django_db
def test_team_lead_moves_several_cases_and_each_move_is_logged(login):
    cases = [make_client(today=DAY) for _ in range(3)]
    response = login("lead.luenen").post(
        reverse("cases:reassign"),
        {"clients": [c.pk for c in cases[:2]], "to": person("lead.luenen").pk},
    )
    assert response.status_code == 302
    for client in cases:
        client.refresh_from_db()
    assert [c.case_manager.username for c in cases] == ["lead.luenen", "lead.luenen", "cm.luenen"]
    assert (
        AuditEntry.objects.filter(
            object_type="cases.client", purpose__startswith="Fall neu zugewiesen"
        ).count()
        == 2
    )


@pytest.mark.django_db
def test_not_to_someone_from_another_town():
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation) as refused:
        services.cases_reassign(
            clients=[client], to=person("cm.bergkamen"), by=person("lead.luenen"), today=DAY
        )
    assert refused.value.field == "to"


@pytest.mark.django_db
def test_only_a_team_lead(login):
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation):
        services.cases_reassign(
            clients=[client], to=person("lead.luenen"), by=person("cm.luenen"), today=DAY
        )
    assert login("cm.luenen").get(reverse("cases:reassign")).status_code == 403
