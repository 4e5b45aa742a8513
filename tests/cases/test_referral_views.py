"""Referral pages: refusal without covering consent named at the field with the
typed reason kept, the status form, reopening, and the case page listing them."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.cases.models import Referral
from tests.cases.factories import consult, give_consent, make_client, refer

START = date(2026, 3, 2)


def case(*codes):
    client = make_client(today=START)
    give_consent(client, on=START, codes=("beratung", *codes))
    consult(client, on=START)
    return client


@pytest.mark.django_db
@time_machine.travel(date(2026, 3, 10), tick=False)
def test_refused_referral_names_the_field_and_keeps_the_reason(login):
    from tests.cases.factories import service

    client = case("weiterleitung")
    response = login("cm.luenen").post(
        reverse("cases:referral_create", kwargs={"pk": client.pk}),
        {
            "service": service("jobcenter").pk,
            "referred_on": "2026-03-10",
            "reason": "Antrag auf Bürgergeld begleiten",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ziel: Die Einwilligung vom 02.03.2026 deckt keine Weitergabe" in page
    assert "Antrag auf Bürgergeld begleiten" in page
    assert not Referral.objects.exists()


@pytest.mark.django_db
@time_machine.travel(date(2026, 3, 10), tick=False)
def test_record_a_referral_and_its_outcome_on_the_pages(login):
    from tests.cases.factories import service

    client = case("weiterleitung")
    browser = login("cm.luenen")
    response = browser.post(
        reverse("cases:referral_create", kwargs={"pk": client.pk}),
        {
            "service": service("anerkennungsberatung").pk,
            "referred_on": "2026-03-10",
            "reason": "Diplom",
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    url = reverse("cases:referral_detail", kwargs={"pk": client.pk, "referral_pk": referral.pk})
    response = browser.post(
        url, {"status": "completed", "on": "2026-03-10", "note": "Bescheid beantragt"}
    )
    assert response.status_code == 302
    page = browser.get(url).content.decode()
    assert "Bescheid beantragt" in page
    assert "Vermittlung wiedereröffnen" in page
    # A second result on a finished referral is refused, not silently saved.
    browser.post(url, {"status": "declined", "on": "2026-03-10"})
    referral.refresh_from_db()
    assert referral.status == "completed"
    case_page = browser.get(
        reverse("cases:client_detail", kwargs={"pk": client.pk})
    ).content.decode()
    assert "Anerkennungsberatung" in case_page and "abgeschlossen" in case_page


@pytest.mark.django_db
def test_reopen_page(login):
    client = case("weiterleitung")
    referral = refer(client, on=START)
    referral.status = "declined"
    referral.save()
    url = reverse("cases:referral_reopen", kwargs={"pk": client.pk, "referral_pk": referral.pk})
    browser = login("cm.luenen")
    with time_machine.travel(date(2026, 3, 12), tick=False):
        page = browser.post(url, {"on": "2026-03-12", "note": ""}).content.decode()
        assert "Notiz" in page and "Dieses Feld ist zwingend erforderlich" in page
        assert browser.post(url, {"on": "2026-03-12", "note": "neu versucht"}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "sent"
