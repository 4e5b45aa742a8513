"""Printing the consent form and the integration plan (issue 3 items 2 and 4)."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lotse.cases import services
from lotse.privacy.models import AuditAction, AuditEntry
from tests.cases.factories import add_goal, make_client, make_plan, person, running_case

pytestmark = pytest.mark.django_db

DRAFT_DE = "Entwurf einer Übersetzung"


def pdf_text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response) if response.streaming else response.content
    assert content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(content))
    # Lines wrap where the page ends them; compare words, not line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def consent_url(client, language="de"):
    return reverse("documents:consent_form", args=[client.pk]) + f"?sprache={language}"


def test_consent_form_before_consent_has_only_the_case_number(login):
    # BW 4.1.4 f: before consent only the stub exists; the form is how consent is obtained.
    client = make_client(case_number="2026-0042")
    response = login("cm.luenen").get(consent_url(client))
    text = pdf_text(response)
    assert "2026-0042" in text
    assert "Einwilligung in die Verarbeitung personenbezogener Daten" in text
    assert "Art. 6 Abs. 1 Buchst. a DSGVO" in text
    assert "jederzeit ganz oder für einzelne Zwecke widerrufen" in text
    assert "Lünen" in text  # the controller
    # purposes from the catalogue as a checklist, with who receives data
    assert "Weitergabe von Angaben bei der Vermittlung an Behörden" in text
    assert "Jobcenter" in text
    assert "Unterschrift Dolmetscher:in" in text
    assert DRAFT_DE not in text
    assert 'filename="einwilligung-2026-0042-de.pdf"' in response["Content-Disposition"]


def test_consent_form_shows_personal_data_once_recorded(login):
    client = running_case(start=date(2025, 3, 1))
    services.client_personal_data_update(
        client=client,
        data={
            "given_names_latin": "Amina",
            "family_name_latin": "Karimi",
            "birth_date": "1990-05",
        },
        expected_version=client.version,
        by=person("cm.luenen"),
        today=date(2025, 3, 2),
    )
    text = pdf_text(login("cm.luenen").get(consent_url(client, "en")))
    assert "Amina Karimi" in text
    assert "05.1990" in text
    assert "Consent to the processing of personal data" in text
    assert DRAFT_DE not in text  # English is shipped as checked


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ar", "الموافقة على معالجة البيانات الشخصية"),
        ("uk", "Згода на обробку персональних даних"),
        ("fa", "رضایت"),
        ("tr", "kişisel verilerin işlenmesine ilişkin rıza beyanı"),
    ],
)
def test_draft_translations_are_bilingual_and_marked(login, language, expected):
    client = make_client()
    text = pdf_text(login("cm.luenen").get(consent_url(client, language)))
    assert "Einwilligung in die Verarbeitung personenbezogener Daten" in text  # German too
    assert expected in text
    assert DRAFT_DE in text


def test_unknown_language_says_so_and_offers_german(login):
    client = make_client()
    response = login("cm.luenen").get(consent_url(client, "ti"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "keinen Text" in page
    assert f"{reverse('documents:consent_form', args=[client.pk])}?sprache=de" in page


def test_download_is_logged_without_personal_data(login):
    client = make_client(case_number="2026-0077")
    login("cm.luenen").get(consent_url(client, "ar"))
    entry = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).latest("id")
    assert entry.object_type == "cases.client"
    assert entry.object_id == str(client.pk)
    assert entry.purpose == "Einwilligungsformular gedruckt (ar)"


def test_foreign_case_is_not_found(login):
    client = make_client()
    assert login("cm.backnang").get(consent_url(client)).status_code == 404
    assert (
        login("cm.backnang").get(reverse("documents:plan_pdf", args=[client.pk])).status_code == 404
    )


def _plan_case():
    client = running_case(start=date(2025, 3, 1))
    plan = make_plan(client, on=date(2025, 3, 15), today=date(2025, 3, 15), work="Minijob")
    add_goal(
        plan,
        goal="Deutsch B1 erreichen",
        steps="Integrationskurs besuchen",
        responsible="Frau Demir",
        due_on=date(2025, 12, 31),
        review_on=date(2025, 9, 30),
        today=date(2025, 3, 15),
    )
    plan.refresh_from_db()
    return client, plan


def test_full_plan_in_german(login):
    # BW 4.1.6.2: sections a–g, goals with steps, responsible, dates and status.
    client, plan = _plan_case()
    response = login("cm.luenen").get(reverse("documents:plan_pdf", args=[client.pk]))
    text = pdf_text(response)
    for expected in (
        "a) Persönliche Angaben",
        "d) Arbeitssituation",
        "Minijob",
        "Deutsch B1 erreichen",
        "Integrationskurs besuchen",
        "Frau Demir",
        "31.12.2025",
        "30.09.2025",
        "offen",
        f"Version {plan.version}",
    ):
        assert expected in text, expected
    assert (
        f"integrationsplan-{client.case_number}-v{plan.version}.pdf"
        in response["Content-Disposition"]
    )
    entry = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD).latest("id")
    assert (entry.object_type, entry.object_id) == ("cases.integrationplan", str(plan.pk))


def test_plan_summary_in_the_clients_language(login):
    client, _plan = _plan_case()
    url = reverse("documents:plan_summary", args=[client.pk])
    text = pdf_text(login("cm.luenen").get(url + "?sprache=uk"))
    assert "Мій інтеграційний план" in text
    assert "Мова" in text  # the life area, translated
    assert "Deutsch B1 erreichen" in text  # the goal as agreed, in German
    assert DRAFT_DE in text
    missing = login("cm.luenen").get(url + "?sprache=ti")
    assert "keinen Text" in missing.content.decode()


def test_plan_pdf_without_plan_is_not_found(login):
    client = running_case(start=date(2025, 3, 1))
    assert (
        login("cm.luenen").get(reverse("documents:plan_pdf", args=[client.pk])).status_code == 404
    )


def test_pages_link_to_the_pdfs_with_the_clients_language_preselected(login):
    client, _plan = _plan_case()  # consent explained in "Arabisch" (factories)
    browser = login("cm.luenen")
    detail = browser.get(reverse("cases:client_detail", args=[client.pk])).content.decode()
    assert reverse("documents:consent_form", args=[client.pk]) in detail
    assert '<option value="ar" selected>' in detail
    assert reverse("documents:plan_pdf", args=[client.pk]) in detail
    plan_page = browser.get(reverse("cases:plan", args=[client.pk])).content.decode()
    assert reverse("documents:plan_summary", args=[client.pk]) in plan_page
    assert '<option value="ar" selected>' in plan_page


def test_print_queries_do_not_grow_with_the_goals(login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, plan = _plan_case()
    browser = login("cm.luenen")
    url = reverse("documents:plan_summary", args=[client.pk]) + "?sprache=ar"
    browser.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert browser.get(url).status_code == 200
        return len(queries)

    few = count()
    for n in range(4):
        plan.refresh_from_db()
        add_goal(plan, goal=f"Ziel {n}", life_area="work", today=date(2025, 3, 15))
    assert count() == few
    plan_page = reverse("cases:plan", args=[client.pk])
    detail = reverse("cases:client_detail", args=[client.pk])
    for page in (plan_page, detail):
        browser.get(page)
    with CaptureQueriesContext(connection) as before:
        browser.get(plan_page)
    plan.refresh_from_db()
    add_goal(plan, goal="Noch ein Ziel", today=date(2025, 3, 15))
    with CaptureQueriesContext(connection) as after:
        browser.get(plan_page)
    assert len(after) == len(before)


def test_consent_form_query_budget(login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = make_client()
    browser = login("cm.luenen")
    url = consent_url(client, "fa")
    browser.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    # Session, user, memberships, scope (2), the case, the texts that apply, the purposes
    # and their service kinds, the access log (savepoint, chain, insert, release), and
    # the session save (savepoint, update, release).
    # PostgreSQL adds the advisory lock of the access log's chain.
    assert len(queries) == 16 + (connection.vendor == "postgresql")


def test_no_consent_form_after_a_withdrawal(login):
    # Art. 7 (3) DSGVO, SPEC §2.1: a withdrawn consent is final for the case; no new form.
    client = running_case(start=date(2025, 3, 1))
    services.consent_withdraw(
        consent=client.consents.get(),
        withdrawn_on=date(2025, 4, 1),
        by=person("cm.luenen"),
        today=date(2025, 4, 1),
    )
    response = login("cm.luenen").get(consent_url(client))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:client_detail", args=[client.pk])
    assert not AuditEntry.objects.filter(
        action=AuditAction.DOWNLOAD, purpose__startswith="Einwilligungsformular"
    ).exists()
