"""Maintaining the catalogues (issue 3 item 5): who may change what, codes that stay,
entries in use kept, local providers offered only in their region, and the effect
of the consent purposes' flags on the consent rules."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.accounts.permissions import Role
from lotse.cases import services
from lotse.cases.models import (
    BarrierTheme,
    CaseBarrier,
    ClosureReason,
    ConsentPurpose,
    ConsultationTopic,
    Referral,
    Service,
    ServiceKind,
)
from lotse.cases.services.catalogues import (
    barrier_theme_merge,
    catalogue_entry_create,
    catalogue_entry_delete,
    catalogue_entry_update,
)
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditEntry
from tests.cases.factories import consult, give_consent, make_client, person, refer

START = date(2026, 3, 2)
TODAY = date(2026, 3, 10)


def _admin(username: str, organisation: str) -> User:
    user = User.objects.create_user(username, password="irrelevant-password-1", is_demo=True)
    account_services.membership_add(
        user=user,
        role=Role.ADMIN,
        organisation=Organisation.objects.get(name=organisation),
        valid_from=date(2023, 1, 1),
        by=None,
    )
    return user


@pytest.fixture
def state_admin(db, demo_mode):
    return _admin("admin.land", "Land Nordrhein-Westfalen")


@pytest.fixture
def county_admin(db, demo_mode):
    return _admin("admin.unna", "Kreis Unna")


def _signed_in(client, user):
    client.force_login(user)
    return client


def _local_provider(by, *, region="Kreis Unna", label="Schuldnerberatung der Diakonie Unna"):
    return catalogue_entry_create(
        model=Service,
        by=by,
        label=label,
        kind=ServiceKind.objects.get(code="beratung"),
        organisation=Organisation.objects.get(name=region),
        address="Beispielstraße 1\n59425 Unna",
        contact="02303 000000",
        website="https://diakonie.example",
    )


# --- Who may change what ------------------------------------------------------------------


@pytest.mark.django_db
def test_county_admin_adds_a_local_provider_but_no_general_entry(county_admin):
    provider = _local_provider(county_admin)
    assert provider.organisation.name == "Kreis Unna"
    assert provider.code == "schuldnerberatung-der-diakonie-unna"
    # Issue 3 item 5: general entries are maintained at state level only.
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_create(
            model=Service,
            by=county_admin,
            label="Überall gültig",
            kind=ServiceKind.objects.get(code="beratung"),
            organisation=None,
        )
    assert refused.value.field == "organisation"
    assert "Gilt für" in refused.value.message and "Landesebene" in refused.value.message
    with pytest.raises(RuleViolation, match="Landesebene"):
        catalogue_entry_update(
            entry=Service.objects.get(code="mbe"), by=county_admin, label="MBE neu"
        )
    with pytest.raises(RuleViolation, match="Landesebene"):
        catalogue_entry_create(model=ConsultationTopic, by=county_admin, label="Freizeit")
    with pytest.raises(RuleViolation, match="nicht in Ihrem Zuständigkeitsbereich"):
        _local_provider(county_admin, region="Rems-Murr-Kreis", label="Fremd")


@pytest.mark.django_db
def test_county_admin_pages_show_general_entries_read_only(county_admin, client):
    browser = _signed_in(client, county_admin)
    general = Service.objects.get(code="mbe")
    page = browser.get(reverse("catalogues:list", kwargs={"catalogue": "angebote"}))
    assert page.status_code == 200
    assert general.label in page.content.decode()
    edit = reverse("catalogues:edit", kwargs={"catalogue": "angebote", "pk": general.pk})
    assert browser.get(edit).status_code == 403
    assert browser.post(edit, {"label": "x"}).status_code == 403
    topic = ConsultationTopic.objects.order_by("pk").first()
    assert (
        browser.get(
            reverse("catalogues:edit", kwargs={"catalogue": "beratungsthemen", "pk": topic.pk})
        ).status_code
        == 403
    )
    assert (
        browser.get(
            reverse("catalogues:create", kwargs={"catalogue": "beratungsthemen"})
        ).status_code
        == 403
    )
    # A provider of the other state is not even there for a county admin in NRW.
    foreign = _local_provider(User.objects.get(username="admin"), region="Rems-Murr-Kreis")
    assert (
        browser.get(
            reverse("catalogues:edit", kwargs={"catalogue": "angebote", "pk": foreign.pk})
        ).status_code
        == 404
    )


@pytest.mark.django_db
def test_case_workers_and_coordination_reach_no_catalogue_page(login):
    for username in ("cm.luenen", "lead.luenen", "coord.unna"):
        assert login(username).get(reverse("catalogues:index")).status_code == 403


@pytest.mark.django_db
def test_county_admin_creates_a_local_provider_on_the_page(county_admin, client):
    browser = _signed_in(client, county_admin)
    unna = Organisation.objects.get(name="Kreis Unna")
    response = browser.post(
        reverse("catalogues:create", kwargs={"catalogue": "angebote"}),
        {
            "label": "Sprachcafé Unna",
            "kind": ServiceKind.objects.get(code="zivilgesellschaft").pk,
            "organisation": unna.pk,
            "contact": "sprachcafe@example.org",
            "website": "https://sprachcafe.example",
            "sort": "500",
            "active": "on",
        },
    )
    assert response.status_code == 302
    provider = Service.objects.get(label="Sprachcafé Unna")
    assert provider.organisation == unna and provider.code == "sprachcafe-unna"
    entry = AuditEntry.objects.get(object_type="cases.service", object_id=str(provider.pk))
    assert entry.action == "create" and entry.actor_id == county_admin.pk


@pytest.mark.django_db
def test_general_entry_refused_on_the_page_keeps_what_was_typed(county_admin, client):
    browser = _signed_in(client, county_admin)
    response = browser.post(
        reverse("catalogues:create", kwargs={"catalogue": "angebote"}),
        {
            "label": "Tafel für alle",
            "kind": ServiceKind.objects.get(code="zivilgesellschaft").pk,
            "contact": "Frau Beispiel",
            "sort": "100",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gilt für" in page
    assert 'value="Tafel für alle"' in page and 'value="Frau Beispiel"' in page
    assert not Service.objects.filter(label="Tafel für alle").exists()


# --- Local providers are offered only in their region --------------------------------------


def _case_with_consent(where="Lünen", by="cm.luenen"):
    client = make_client(where=where, by=by, today=START)
    give_consent(client, on=START, by=by, codes=("beratung", "weiterleitung"))
    consult(client, on=START, by=by)
    return client


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_local_provider_is_offered_in_its_county_only(county_admin, login):
    provider = _local_provider(county_admin)
    luenen = _case_with_consent()
    backnang = _case_with_consent(where="Backnang", by="cm.backnang")
    page = login("cm.luenen").get(reverse("cases:referral_create", kwargs={"pk": luenen.pk}))
    assert provider.label in page.content.decode()
    page = login("cm.backnang").get(reverse("cases:referral_create", kwargs={"pk": backnang.pk}))
    assert provider.label not in page.content.decode()
    assert Service.objects.get(code="mbe").label in page.content.decode()
    # The rule holds in the service too, whoever calls it (issue 3 item 5).
    with pytest.raises(RuleViolation) as refused:
        services.referral_create(
            client=backnang,
            service=provider,
            referred_on=TODAY,
            reason="Schulden",
            by=person("cm.backnang"),
            today=TODAY,
        )
    assert refused.value.field == "service"
    assert "nicht angeboten" in refused.value.message
    referral = services.referral_create(
        client=luenen,
        service=provider,
        referred_on=TODAY,
        reason="Schulden",
        by=person("cm.luenen"),
        today=TODAY,
    )
    assert referral.service == provider


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_api_refuses_a_provider_of_another_region(county_admin, login):
    from lotse.accounts import services as accounts

    provider = _local_provider(county_admin)
    backnang = _case_with_consent(where="Backnang", by="cm.backnang")
    _, secret = accounts.api_token_issue(user=person("cm.backnang"))
    response = login("cm.backnang").post(
        f"/api/v1/clients/{backnang.pk}/referrals",
        data={"service": provider.code, "referred_on": "2026-03-10", "reason": "Schulden"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert response.status_code == 422
    assert not Referral.objects.exists()


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_deactivated_entry_is_no_longer_offered_but_stays_in_cases(state_admin, login):
    client = _case_with_consent()
    referral = refer(client, on=TODAY, code="mbe", today=TODAY)
    mbe = Service.objects.get(code="mbe")
    catalogue_entry_update(entry=mbe, by=state_admin, active=False)
    page = login("cm.luenen").get(reverse("cases:referral_create", kwargs={"pk": client.pk}))
    assert mbe.label not in page.content.decode().split('name="service"')[1].split("</select>")[0]
    referral.refresh_from_db()
    assert referral.service == mbe
    with pytest.raises(RuleViolation, match="nicht mehr auswählbar"):
        refer(client, on=TODAY, code="mbe", today=TODAY)


# --- Codes stay, entries in use stay ------------------------------------------------------


@pytest.mark.django_db
def test_code_never_changes_after_creation(state_admin, client):
    topic = catalogue_entry_create(
        model=ConsultationTopic, by=state_admin, label="Mobilität", code="mobilitaet"
    )
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_update(entry=topic, by=state_admin, code="verkehr")
    assert refused.value.field == "code"
    browser = _signed_in(client, state_admin)
    response = browser.post(
        reverse("catalogues:edit", kwargs={"catalogue": "beratungsthemen", "pk": topic.pk}),
        {"code": "verkehr", "label": "Mobilität und Verkehr", "sort": "5", "active": "on"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.code, topic.label, topic.sort) == ("mobilitaet", "Mobilität und Verkehr", 5)
    assert AuditEntry.objects.filter(
        object_type="cases.consultationtopic", object_id=str(topic.pk), action="update"
    ).exists()


@pytest.mark.django_db
def test_bad_codes_and_labels_are_refused_naming_the_field(state_admin):
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_create(
            model=ClosureReason, by=state_admin, label="Umzug", code="Umzug ins Ausland"
        )
    assert refused.value.field == "code" and "Kleinbuchstaben" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_create(
            model=ClosureReason, by=state_admin, label="x", code="ziele-erreicht"
        )
    assert refused.value.field == "code" and "schon vergeben" in refused.value.message
    existing = ClosureReason.objects.get(code="ziele-erreicht")
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_create(model=ClosureReason, by=state_admin, label=existing.label.upper())
    assert refused.value.field == "label" and "gibt es" in refused.value.message
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_create(model=ClosureReason, by=state_admin, label="   ")
    assert refused.value.field == "label"


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_entry_in_use_is_not_deleted_but_an_unused_one_is(state_admin, client):
    used = ConsultationTopic.objects.order_by("pk").first()
    case = _case_with_consent()
    consult(case, on=TODAY, today=TODAY, topics=[used])
    with pytest.raises(RuleViolation) as refused:
        catalogue_entry_delete(entry=used, by=state_admin)
    assert "wird schon verwendet" in refused.value.message
    assert "auswählbar" in refused.value.message
    assert ConsultationTopic.objects.filter(pk=used.pk).exists()

    browser = _signed_in(client, state_admin)
    url = reverse("catalogues:delete", kwargs={"catalogue": "beratungsthemen", "pk": used.pk})
    page = browser.post(url).content.decode()
    assert "kann deshalb nicht gelöscht werden" in page
    assert ConsultationTopic.objects.filter(pk=used.pk).exists()

    typo = catalogue_entry_create(model=ConsultationTopic, by=state_admin, label="Frezeit")
    url = reverse("catalogues:delete", kwargs={"catalogue": "beratungsthemen", "pk": typo.pk})
    assert browser.post(url).status_code == 302
    assert not ConsultationTopic.objects.filter(pk=typo.pk).exists()
    assert AuditEntry.objects.filter(
        object_type="cases.consultationtopic", object_id=str(typo.pk), action="delete"
    ).exists()


@pytest.mark.django_db
def test_a_kind_used_by_a_service_or_purpose_is_in_use(state_admin):
    with pytest.raises(RuleViolation, match="wird schon verwendet"):
        catalogue_entry_delete(entry=ServiceKind.objects.get(code="behoerde"), by=state_admin)


# --- Consent purposes: the flags change the consent rules ----------------------------------


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_marking_a_purpose_required_applies_to_new_consents(state_admin):
    # BW 4.1.4 f: a consent must cover every purpose marked as required.
    contact = ConsentPurpose.objects.get(code="kontakt")
    catalogue_entry_update(entry=contact, by=state_admin, required=True)
    client = make_client(today=START)
    with pytest.raises(RuleViolation) as refused:
        give_consent(client, on=START, codes=("beratung",))
    assert refused.value.field == "purposes"
    assert contact.label in refused.value.message
    give_consent(client, on=START, codes=("beratung", "kontakt"))


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_special_categories_follow_the_purpose_flag(state_admin):
    # Art. 9 (2) a DSGVO: health only with a purpose that covers it.
    client = make_client(today=START)
    give_consent(client, on=START, codes=("beratung", "kontakt"))
    client.refresh_from_db()

    def save_health():
        client.refresh_from_db()
        return services.client_personal_data_update(
            client=client,
            data={"health": "Diabetes"},
            expected_version=client.version,
            by=person("cm.luenen"),
        )

    with pytest.raises(RuleViolation) as refused:
        save_health()
    assert refused.value.field == "health"
    catalogue_entry_update(
        entry=ConsentPurpose.objects.get(code="kontakt"),
        by=state_admin,
        covers_special_categories=True,
    )
    save_health()
    client.refresh_from_db()
    assert client.health == "Diabetes"


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_service_kinds_of_a_purpose_decide_which_referrals_are_covered(state_admin):
    # BW 4.1.6.2: passing data on only to the kinds of service the consent covers.
    client = make_client(today=START)
    give_consent(client, on=START, codes=("beratung", "kontakt"))
    consult(client, on=START)
    with pytest.raises(RuleViolation, match="deckt keine Weitergabe"):
        refer(client, on=TODAY, code="verein", today=TODAY)
    contact = ConsentPurpose.objects.get(code="kontakt")
    catalogue_entry_update(
        entry=contact,
        by=state_admin,
        service_kinds=[ServiceKind.objects.get(code="zivilgesellschaft")],
    )
    assert refer(client, on=TODAY, code="verein", today=TODAY).service.code == "verein"
    entry = AuditEntry.objects.filter(object_type="cases.consentpurpose").latest("id")
    assert "service_kinds" in entry.purpose


@pytest.mark.django_db
def test_purpose_page_warns_that_the_flags_change_the_rules(state_admin, client):
    browser = _signed_in(client, state_admin)
    purpose = ConsentPurpose.objects.get(code="kontakt")
    page = browser.get(
        reverse("catalogues:edit", kwargs={"catalogue": "einwilligungszwecke", "pk": purpose.pk})
    ).content.decode()
    assert "Änderung wirkt auf die Einwilligungsregeln" in page
    assert "auch bei schon erteilten Einwilligungen" in page


# --- Structural themes: proposals accepted, renamed or merged (issue 3 item 13) -------------


def _proposal(client, label="Keine Kitaplätze in Lünen-Süd"):
    return services.barrier_note(
        client=client, noted_on=TODAY, by=person("cm.luenen"), new_theme=label, today=TODAY
    ).theme


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_proposed_theme_is_accepted_and_renamed(state_admin, client):
    case = _case_with_consent()
    theme = _proposal(case)
    assert theme.proposed
    browser = _signed_in(client, state_admin)
    listing = browser.get(reverse("catalogues:list", kwargs={"catalogue": "strukturelle-themen"}))
    assert "Vorschlag aus einem Fall" in listing.content.decode()
    response = browser.post(
        reverse("catalogues:edit", kwargs={"catalogue": "strukturelle-themen", "pk": theme.pk}),
        {"label": "Fehlende Kitaplätze", "sort": "50", "active": "on", "accept": "on"},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.label, theme.proposed, theme.code) == (
        "Fehlende Kitaplätze",
        False,
        "keine-kitaplatze-in-lunen-sud",
    )


@pytest.mark.django_db
@time_machine.travel(TODAY, tick=False)
def test_proposed_theme_merged_into_an_existing_one_moves_its_counts(state_admin, client):
    case = _case_with_consent()
    theme = _proposal(case, "Wohnungen fehlen")
    housing = BarrierTheme.objects.get(code="wohnungsmangel")
    before = CaseBarrier.objects.filter(theme=housing).count()
    browser = _signed_in(client, state_admin)
    url = reverse("catalogues:merge", kwargs={"catalogue": "strukturelle-themen", "pk": theme.pk})
    same = browser.post(url, {"target": theme.pk})
    assert same.status_code == 200
    assert "Zusammenführen mit" in same.content.decode()
    assert browser.post(url, {"target": housing.pk}).status_code == 302
    assert not BarrierTheme.objects.filter(pk=theme.pk).exists()
    assert CaseBarrier.objects.filter(theme=housing).count() == before + 1
    assert AuditEntry.objects.filter(
        object_type="cases.barriertheme", object_id=str(theme.pk), action="delete"
    ).exists()
    with pytest.raises(RuleViolation) as refused:
        barrier_theme_merge(source=housing, target=housing, by=state_admin)
    assert refused.value.field == "target"


@pytest.mark.django_db
def test_merge_only_for_themes(state_admin, client):
    browser = _signed_in(client, state_admin)
    topic = ConsultationTopic.objects.order_by("pk").first()
    url = reverse("catalogues:merge", kwargs={"catalogue": "beratungsthemen", "pk": topic.pk})
    assert browser.get(url).status_code == 404
    assert browser.get("/kataloge/gibt-es-nicht/").status_code == 404


# --- Pages and their query counts ---------------------------------------------------------

SLUGS = [
    "angebote",
    "arten-von-stellen",
    "beratungsthemen",
    "aufenthaltsstatus",
    "abschlussgruende",
    "einwilligungszwecke",
    "strukturelle-themen",
]


@pytest.mark.django_db
def test_index_lists_every_catalogue(state_admin, client):
    page = _signed_in(client, state_admin).get(reverse("catalogues:index")).content.decode()
    for slug in SLUGS:
        assert reverse("catalogues:list", kwargs={"catalogue": slug}) in page


def _grow(slug: str, by: User, n: int) -> None:
    """n more entries of the catalogue, with the relations the list page shows."""
    kind = ServiceKind.objects.get(code="beratung")
    for i in range(n):
        label = f"Zusatz {slug} {i}"
        if slug == "angebote":
            _local_provider(by, label=label)
        elif slug == "einwilligungszwecke":
            catalogue_entry_create(model=ConsentPurpose, by=by, label=label, service_kinds=[kind])
        else:
            from lotse.cases.catalogues import CATALOGUES

            catalogue_entry_create(model=CATALOGUES[slug].model, by=by, label=label)


# Session, user, memberships, the entries with their in-use flag, and one prefetch per
# relation shown; the region scope adds its lookups for the providers.
LIST_QUERIES = {
    "angebote": 10,
    "arten-von-stellen": 8,
    "beratungsthemen": 7,
    "aufenthaltsstatus": 7,
    "abschlussgruende": 7,
    "einwilligungszwecke": 8,
    "strukturelle-themen": 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_list_pages_cost_the_same_queries_for_few_or_many_entries(
    slug, state_admin, client, django_assert_num_queries
):
    browser = _signed_in(client, state_admin)
    url = reverse("catalogues:list", kwargs={"catalogue": slug})
    with django_assert_num_queries(LIST_QUERIES[slug]):
        assert browser.get(url).status_code == 200
    _grow(slug, state_admin, 6)
    with django_assert_num_queries(LIST_QUERIES[slug]):
        page = browser.get(url)
    assert f"Zusatz {slug} 5" in page.content.decode()


@pytest.mark.django_db
def test_regional_entries_reach_the_region_below_and_the_people_above(state_admin):
    """A provider of a town is offered in that town and to an association it belongs
    to; one of the county in every town of it; none across the state border."""
    luenen = _local_provider(state_admin, region="Lünen", label="Stadtteilzentrum Lünen")
    county = _local_provider(state_admin, region="Kreis Unna", label="Tafel Kreis Unna")
    state = _local_provider(state_admin, region="Land Nordrhein-Westfalen", label="Landesweit")

    def offered(username):
        return set(Service.objects.available_to(person(username)).values_list("pk", flat=True))

    assert {luenen.pk, county.pk, state.pk} <= offered("cm.luenen")
    assert {county.pk, state.pk} <= offered("cm.bergkamen")
    assert luenen.pk not in offered("cm.bergkamen")
    assert not {luenen.pk, county.pk, state.pk} & offered("cm.backnang")
    assert Service.objects.get(code="mbe").pk in offered("cm.backnang")
    # cm.welzheim works for the association; its member towns' providers reach them.
    welzheim = _local_provider(
        User.objects.get(username="admin"), region="Welzheim", label="Repair-Café Welzheim"
    )
    assert welzheim.pk in offered("cm.welzheim")
    assert welzheim.pk not in offered("cm.backnang")
    # Maintenance: the county admin changes the county's and its towns' providers,
    # reads the state's, and reaches nothing of the other state.
    unna_admin = _admin("admin.kreis", "Kreis Unna")
    writable = set(Service.objects.for_user(unna_admin, write=True).values_list("pk", flat=True))
    readable = set(Service.objects.for_user(unna_admin).values_list("pk", flat=True))
    assert {luenen.pk, county.pk} <= writable and state.pk not in writable
    assert Service.objects.get(code="mbe").pk not in writable
    assert {luenen.pk, county.pk, state.pk, Service.objects.get(code="mbe").pk} <= readable


@pytest.mark.django_db
def test_start_page_shows_waiting_theme_proposals_to_the_administration(state_admin, client):
    BarrierTheme.objects.create(code="vorschlag-x", label="Vorschlag X", proposed=True)
    page = _signed_in(client, state_admin).get(reverse("home:start")).content.decode()
    assert "Kataloge pflegen" in page
    assert "1 strukturelles Thema aus einem Fall wartet auf Prüfung" in page


@pytest.mark.django_db
def test_demo_local_providers_are_offered_in_their_region_only():
    from lotse.demo.cases import _local_providers

    _local_providers()
    _local_providers()  # a second run changes nothing
    assert Service.objects.filter(code__startswith="demo-").count() == 3
    luenen = set(Service.objects.available_to(person("cm.luenen")).values_list("code", flat=True))
    backnang = set(
        Service.objects.available_to(person("cm.backnang")).values_list("code", flat=True)
    )
    assert {"demo-sprachcafe-kreis-unna", "demo-stadtteilbuero-luenen"} <= luenen
    assert "demo-tafel-rems-murr" not in luenen
    assert backnang & {c for c in luenen if c.startswith("demo-")} == set()
    assert "demo-tafel-rems-murr" in backnang


# --- The API lists what the pages offer ----------------------------------------------------


@pytest.fixture
def api(demo_mode):
    from django.test import Client as HttpClient

    def client_for(username: str) -> HttpClient:
        token = account_services.api_token_issue(user=person(username))[1]
        return HttpClient(headers={"Authorization": f"Bearer {token}"})

    return client_for


@pytest.mark.django_db
def test_api_lists_active_entries_with_local_providers_of_the_region_only(api, county_admin):
    provider = _local_provider(county_admin)
    catalogue_entry_update(
        entry=Service.objects.get(code="verein"),
        by=User.objects.get(username="admin"),
        active=False,
    )
    rows = api("cm.luenen").get("/api/v1/catalogues/angebote").json()
    codes = [row["code"] for row in rows]
    assert provider.code in codes and "mbe" in codes and "verein" not in codes
    mine = next(row for row in rows if row["code"] == provider.code)
    assert mine["organisation_id"] == provider.organisation_id
    assert mine["kind"] == "beratung" and mine["website"] == "https://diakonie.example"
    other = api("cm.backnang").get("/api/v1/catalogues/angebote").json()
    assert provider.code not in [row["code"] for row in other]
    purposes = api("cm.luenen").get("/api/v1/catalogues/einwilligungszwecke").json()
    weiterleitung = next(row for row in purposes if row["code"] == "weiterleitung")
    assert "beratung" in weiterleitung["service_kinds"]
    assert next(row for row in purposes if row["code"] == "beratung")["required"] is True
    assert api("cm.luenen").get("/api/v1/catalogues/gibt-es-nicht").status_code == 404
    assert api("coord.unna").get("/api/v1/catalogues/angebote").status_code == 403
