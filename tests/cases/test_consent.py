"""Consent (BW 4.1.4 f; SPEC §2.1): purposes, signed form checked by content,
downloads logged, withdrawal restricts the case and marks it for erasure."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse.cases import services
from lotse.cases.models import Consent
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditEntry
from tests.cases.factories import (
    PDF,
    PNG,
    consult,
    give_consent,
    make_client,
    pdf_upload,
    person,
    purposes,
)

DAY = date(2026, 3, 2)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_consent_must_cover_counselling():
    # BW 4.1.4 f: personal data only on the basis of consent to that purpose.
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation) as refused:
        give_consent(client, on=DAY, codes=("kontakt",))
    assert refused.value.field == "purposes"
    assert "BW 4.1.4 f" in refused.value.message


@pytest.mark.django_db
def test_consent_in_the_future_is_refused():
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation) as refused:
        services.consent_record(
            client=client,
            purposes=purposes(),
            given_on=date(2026, 3, 3),
            explained_in="Dari",
            by=person("cm.luenen"),
            today=DAY,
        )
    assert refused.value.field == "given_on"


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "kind"), [(PDF, "application/pdf"), (PNG, "image/png")])
def test_signed_form_is_stored_privately_under_a_random_name(media, content, kind):
    client = make_client(today=DAY)
    consent = give_consent(client, on=DAY, signed_form=pdf_upload(content, "Karimi Amina.pdf"))
    assert consent.signed_form_type == kind
    assert "Karimi" not in consent.signed_form.name
    assert (media / consent.signed_form.name).read_bytes() == content


@pytest.mark.django_db
def test_a_renamed_executable_is_refused_by_its_content(media):
    client = make_client(today=DAY)
    fake = SimpleUploadedFile("formular.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(RuleViolation) as refused:
        give_consent(client, on=DAY, signed_form=fake)
    assert refused.value.field == "signed_form"
    assert "PDF, PNG und JPEG" in refused.value.message
    assert not Consent.objects.filter(client=client).exists()  # nothing half-saved
    assert not any(media.rglob("*"))


@pytest.mark.django_db
def test_an_upload_over_the_size_limit_is_refused(media, settings):
    settings.LOTSE_UPLOAD_MAX_BYTES = 1024
    client = make_client(today=DAY)
    with pytest.raises(RuleViolation) as refused:
        give_consent(client, on=DAY, signed_form=pdf_upload(PDF + b"x" * 2000))
    assert "höchstens" in refused.value.message


@pytest.mark.django_db
def test_wrong_upload_on_the_page_keeps_the_other_fields(login, media):
    client = make_client(today=DAY)
    response = login("cm.luenen").post(
        reverse("cases:consent_create", kwargs={"pk": client.pk}),
        {
            "purposes": [p.pk for p in purposes()],
            "given_on": "2026-03-01",
            "explained_in": "Tigrinya",
            "signed_form": SimpleUploadedFile("x.pdf", b"GIF89a", "application/pdf"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Unterschriebenes Formular: Erlaubt sind nur PDF" in page
    assert 'value="Tigrinya"' in page


@pytest.mark.django_db
def test_download_is_served_only_to_the_team_and_logged(login, media):
    client = make_client(today=DAY)
    consent = give_consent(client, on=DAY, signed_form=pdf_upload())
    url = reverse("cases:consent_download", kwargs={"pk": client.pk, "consent_pk": consent.pk})
    response = login("lead.luenen").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert AuditEntry.objects.filter(
        action="download", object_type="cases.consent", object_id=str(consent.pk)
    ).exists()
    assert login("cm.backnang").get(url).status_code == 404
    assert login("coord.unna").get(url).status_code == 403


@pytest.mark.django_db
def test_withdrawal_restricts_the_case_and_marks_it_for_erasure():
    client = make_client(today=DAY)
    consent = give_consent(client, on=DAY)
    consult(client, on=DAY)
    services.consent_withdraw(
        consent=consent,
        withdrawn_on=date(2026, 4, 1),
        by=person("cm.luenen"),
        today=date(2026, 4, 1),
    )
    client.refresh_from_db()
    assert client.restricted_on == client.erasure_due_on == date(2026, 4, 1)
    # SPEC §2.1: withdrawal stops processing: no new entries, no new consent.
    with pytest.raises(RuleViolation, match="widerrufen"):
        consult(client, on=date(2026, 4, 2))
    with pytest.raises(RuleViolation, match="widerrufen"):
        give_consent(client, on=date(2026, 4, 2))
    with pytest.raises(RuleViolation, match="widerrufen"):
        services.client_personal_data_update(
            client=client,
            data={"given_names_latin": "Amina"},
            expected_version=client.version,
            by=person("cm.luenen"),
            today=date(2026, 4, 2),
        )


@pytest.mark.django_db
def test_withdrawal_before_the_consent_is_refused():
    client = make_client(today=DAY)
    consent = give_consent(client, on=DAY)
    with pytest.raises(RuleViolation) as refused:
        services.consent_withdraw(
            consent=consent, withdrawn_on=date(2026, 3, 1), by=person("cm.luenen"), today=DAY
        )
    assert refused.value.field == "withdrawn_on"
    client.refresh_from_db()
    assert client.restricted_on is None


@pytest.mark.django_db
def test_withdrawal_page_shows_the_case_as_due_for_erasure(login):
    client = make_client(today=DAY)
    consent = give_consent(client, on=DAY)
    browser = login("cm.luenen")
    browser.post(
        reverse("cases:consent_withdraw", kwargs={"pk": client.pk, "consent_pk": consent.pk}),
        {"withdrawn_on": DAY.isoformat()},
    )
    page = browser.get(reverse("cases:client_detail", kwargs={"pk": client.pk})).content.decode()
    assert "Löschung fällig" in page
    assert reverse("cases:consultation_create", kwargs={"pk": client.pk}) not in page


@pytest.mark.django_db
def test_purposes_are_a_labelled_group_of_checkboxes(login):
    client = make_client(today=DAY)
    page = login("cm.luenen").get(reverse("cases:consent_create", kwargs={"pk": client.pk}))
    body = page.content.decode()
    assert '<legend class="kern-label">Zwecke</legend>' in body
    assert body.count('type="checkbox"') == len(
        purposes(
            "beratung",
            "integrationsplan",
            "gesundheit",
            "weiterleitung",
            "weiterleitung-behoerden",  # migration 0004: authorities need their own purpose
            "kontakt",
        )
    )
