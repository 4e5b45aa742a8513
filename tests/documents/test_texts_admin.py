"""Administrators maintain the document texts without code (issue 3 item 2)."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.accounts.permissions import Role
from lotse.documents.models import DocumentText
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction, AuditEntry
from tests.cases.factories import make_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_nrw(db):
    user = User.objects.create_user("admin.nrw", password="irrelevant-password-1", is_demo=True)
    account_services.membership_add(
        user=user,
        role=Role.ADMIN,
        organisation=Organisation.objects.get(name="Land Nordrhein-Westfalen"),
        valid_from=date(2023, 1, 1),
        by=None,
    )
    return user


@pytest.fixture
def admin(admin_nrw, login):
    return login("admin.nrw")


def pdf_words(response) -> str:
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def form_data(**changes):
    data = {
        "organisation": Organisation.objects.get(name="Land Nordrhein-Westfalen").pk,
        "language": "de",
        "language_name": "Deutsch",
        "native_name": "",
        "title": "Einwilligung NRW",
        "body": "Landesfassung für {organisation}.\n\n{purposes}\n\nWiderruf jederzeit.",
    }
    data.update(changes)
    return data


def test_an_adapted_text_is_used_for_the_next_pdf_in_its_subtree_only(admin, login):
    response = admin.post(reverse("documents:text_create"), form_data())
    assert response.status_code == 302
    lunen = make_client()
    backnang = make_client(where="Backnang", by="cm.backnang")
    url = reverse("documents:consent_form", args=[lunen.pk]) + "?sprache=de"
    words = pdf_words(login("cm.luenen").get(url))
    assert "Landesfassung für Lünen." in words
    assert "Einwilligung NRW" in words
    # Baden-Württemberg keeps the shipped text.
    other = reverse("documents:consent_form", args=[backnang.pk]) + "?sprache=de"
    assert "Landesfassung" not in pdf_words(login("cm.backnang").get(other))
    text = DocumentText.objects.get(organisation__name="Land Nordrhein-Westfalen")
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="documents.documenttext", object_id=str(text.pk)
    ).exists()


def test_the_most_specific_text_wins(admin, login):
    admin.post(reverse("documents:text_create"), form_data())
    town = Organisation.objects.get(name="Lünen")
    admin.post(
        reverse("documents:text_create"),
        form_data(organisation=town.pk, body="Stadtfassung.\n{purposes}"),
    )
    client = make_client()
    url = reverse("documents:consent_form", args=[client.pk]) + "?sprache=de"
    words = pdf_words(login("cm.luenen").get(url))
    assert "Stadtfassung." in words
    assert "Landesfassung" not in words


def test_an_added_language_appears_on_the_case_page_and_prints(admin, login):
    response = admin.post(
        reverse("documents:text_create"),
        form_data(
            language="ru",
            language_name="Russisch, Russian",
            native_name="Русский",
            title="Согласие на обработку данных",
            body="Организация {organisation}.\n{purposes}",
            draft_translation="on",
            **{"label__draft_notice": "Черновик перевода"},
        ),
    )
    assert response.status_code == 302
    client = make_client()
    browser = login("cm.luenen")
    page = browser.get(reverse("cases:client_detail", args=[client.pk])).content.decode()
    assert '<option value="ru"' in page
    url = reverse("documents:consent_form", args=[client.pk]) + "?sprache=ru"
    words = pdf_words(browser.get(url))
    assert "Согласие на обработку данных" in words
    assert "Организация Lünen." in words
    assert "Черновик перевода" in words
    assert "Entwurf einer Übersetzung" in words


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"body": "Hallo {name}\n{purposes}"}, "body", "unbekannter Platzhalter „{name}“"),
        ({"body": "Ohne Liste"}, "body", "der Platzhalter „{purposes}“ fehlt"),
        ({"body": "Zwecke: {purposes}"}, "body", "muss allein in einer eigenen Zeile stehen"),
        ({"body": "   "}, "body", "Text: darf nicht leer sein."),
        ({"title": ""}, "title", "Überschrift: darf nicht leer sein."),
        ({"language": "Arabisch"}, "language", "Sprachcode: zwei oder drei Kleinbuchstaben"),
    ],
)
def test_bad_input_gets_a_german_message_and_keeps_what_was_typed(admin, changes, field, message):
    data = form_data(**changes)
    response = admin.post(reverse("documents:text_create"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field]), form.errors
    page = response.content.decode()
    assert "Landesfassung" in page or "Einwilligung NRW" in page  # typed text kept
    assert not DocumentText.objects.exclude(organisation__isnull=True).exists()


def test_markup_cannot_inject_html_into_the_pdf(admin, login):
    admin.post(
        reverse("documents:text_create"),
        form_data(body='<b>fett</b> <img src="https://example.org/x.png">\n{purposes}'),
    )
    client = make_client()
    url = reverse("documents:consent_form", args=[client.pk]) + "?sprache=de"
    words = pdf_words(login("cm.luenen").get(url))
    assert "<b>fett</b>" in words  # printed as typed, not interpreted


def test_shipped_texts_are_not_edited_in_place(admin):
    shipped = DocumentText.objects.get(kind="consent_form", language="de", organisation=None)
    assert admin.get(reverse("documents:text_edit", args=[shipped.pk])).status_code == 404
    # … but can be previewed and copied.
    preview = admin.get(reverse("documents:text_preview", args=[shipped.pk]))
    assert "Einwilligung in die Verarbeitung" in pdf_words(preview)
    copy = admin.get(reverse("documents:text_create") + f"?von={shipped.pk}")
    assert shipped.title in copy.content.decode()


def test_edit_and_preview_before_saving(admin):
    admin.post(reverse("documents:text_create"), form_data())
    text = DocumentText.objects.get(organisation__name="Land Nordrhein-Westfalen")
    url = reverse("documents:text_edit", args=[text.pk])
    data = {k: v for k, v in form_data(title="Vorschau-Titel").items() if k != "organisation"}
    preview = admin.post(url, {**data, "preview": "1"})
    assert "Vorschau-Titel" in pdf_words(preview)
    text.refresh_from_db()
    assert text.title == "Einwilligung NRW"  # the preview saved nothing
    assert admin.post(url, data).status_code == 302
    text.refresh_from_db()
    assert text.title == "Vorschau-Titel"
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="documents.documenttext", object_id=str(text.pk)
    ).exists()


def test_foreign_texts_are_not_found(admin):
    backnang = Organisation.objects.get(name="Backnang")
    foreign = DocumentText.objects.create(
        kind="consent_form",
        language="de",
        language_name="Deutsch",
        organisation=backnang,
        title="BW",
        body="{purposes}",
    )
    assert admin.get(reverse("documents:text_edit", args=[foreign.pk])).status_code == 404
    assert admin.get(reverse("documents:text_preview", args=[foreign.pk])).status_code == 404
    assert "BW" not in [
        t.title for t in admin.get(reverse("documents:text_list")).context["groups"][0][2]
    ]


def count(browser, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert browser.get(url).status_code == 200
    return len(queries)


def test_text_list_costs_the_same_for_more_texts(admin):
    url = reverse("documents:text_list")
    admin.get(url)
    few = count(admin, url)
    for code in ("ru", "ti", "so", "ku"):
        admin.post(reverse("documents:text_create"), form_data(language=code, language_name=code))
    assert count(admin, url) == few


def test_text_form_queries_are_pinned(admin, django_assert_num_queries):
    url = reverse("documents:text_create") + "?art=consent_form"
    admin.get(url)
    # session, user, memberships, the admin's subtree (2), consent purposes for the label
    # fields, the organisation choices, and the session save (3 with its savepoint)
    with django_assert_num_queries(10):
        admin.get(url)


def test_a_second_text_for_the_same_node_and_language_is_refused(admin):
    assert admin.post(reverse("documents:text_create"), form_data()).status_code == 302
    response = admin.post(reverse("documents:text_create"), form_data(title="Zweite Fassung"))
    assert response.status_code == 200
    assert any("gibt es schon einen Text" in e for e in response.context["form"].errors["language"])
    assert DocumentText.objects.filter(organisation__name="Land Nordrhein-Westfalen").count() == 1


def test_labels_take_no_placeholders(admin):
    response = admin.post(
        reverse("documents:text_create"), form_data(**{"label__name": "Name {organisation}"})
    )
    assert response.status_code == 200
    assert "geschweifte Klammern" in response.context["form"].errors["label__name"][0]


def test_an_admin_cannot_adapt_texts_outside_their_subtree(admin):
    backnang = Organisation.objects.get(name="Backnang")
    response = admin.post(reverse("documents:text_create"), form_data(organisation=backnang.pk))
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not DocumentText.objects.filter(organisation=backnang).exists()
