"""Each role's start page shows what it can do now; main pages have pinned query counts."""

import pytest
from django.urls import reverse

from tests.access_registry import ROLE_USERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("cm.luenen", ["Organisationen ansehen", "Konto und Sicherheit"]),
        ("coord.unna", ["Organisationen ansehen"]),
        ("admin", ["Organisation anlegen", "Konto anlegen", "Benutzer und Rollen"]),
        ("dpo", ["Zugriffsprotokoll durchsuchen", "Benutzer und Rollen"]),
        ("grants.unna", ["Organisationen ansehen"]),
        ("auditor", ["Organisationen ansehen"]),
    ],
)
def test_start_page_offers_what_the_role_can_do(login, username, expected):
    body = login(username).get(reverse("home:start")).content.decode()
    for title in expected:
        assert title in body
    assert "coming soon" not in body.lower() and "demnächst" not in body.lower()


def test_navigation_follows_the_role(login):
    assert "Zugriffsprotokoll" not in login("cm.luenen").get("/").content.decode()
    assert "Zugriffsprotokoll" in login("dpo").get("/").content.decode()
    assert "Benutzer und Rollen" in login("admin").get("/").content.decode()


def test_tree_shows_both_regions_to_the_admin(login):
    body = login("admin").get(reverse("organisations:tree")).content.decode()
    for name in (
        "Kreis Unna",
        "Nordkreis",
        "Lünen",
        "Rems-Murr-Kreis",
        "Verbund Schwäbischer Wald",
        "Kreisdiakonieverband Rems-Murr-Kreis",
    ):
        assert name in body


def test_case_manager_sees_only_their_town_in_the_tree(login):
    body = login("cm.luenen").get(reverse("organisations:tree")).content.decode()
    assert "Lünen" in body and "Bergkamen" not in body and "Backnang" not in body


@pytest.mark.parametrize("username", sorted(set(ROLE_USERS.values()) - {"admin.nrw"}))
def test_home_and_tree_need_a_constant_number_of_queries(
    login, username, django_assert_max_num_queries
):
    client = login(username)
    with django_assert_max_num_queries(14):
        client.get(reverse("home:start"))
    with django_assert_max_num_queries(12):
        client.get(reverse("organisations:tree"))


def test_tree_query_count_does_not_grow_with_the_tree(login, org, django_assert_num_queries):
    from lotse.organisations import rules
    from lotse.organisations.services import organisation_create

    client = login("admin")
    client.get(reverse("organisations:tree"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("organisations:tree"))
    for number in range(10):
        organisation_create(
            kind=rules.WELFARE, name=f"Träger {number}", parent=org("Kreis Unna"), by=None
        )
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("organisations:tree"))
    assert len(after) == len(before)
