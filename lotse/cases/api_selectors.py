"""Reads the JSON API needs beyond the pages' selectors, scoped the same way.

Everything starts from ``selectors.clients_for`` / ``get_client_for_user``
(lotse.core.tenancy), so a foreign or missing case answers 404 here as on the
pages. The status of a case is derived from the annotations of
``selectors.with_case_state`` by the functional core, without further queries.
"""

from datetime import date
from enum import StrEnum

from django.db.models import Prefetch

from lotse.cases import selectors
from lotse.cases.models import Client, ClosureReason, ConsentPurpose, ConsultationTopic
from lotse.cases.rules.period import Extension, period_end, plan_due

# Row ids above this cannot exist; bigger numbers would overflow SQLite's INTEGER.
MAX_ID = 2**63 - 1


class CaseStatus(StrEnum):
    """Where a case stands, as the API reports it (SPEC §2.2, §2.4)."""

    NEW = "new"  # a stub: no valid consent yet (BW 4.1.4 f)
    CONSENTED = "consented"  # consent, but no initial consultation (BW 4.1.4 a)
    RUNNING = "running"  # the counseling period runs (BW 4.1.5)
    CLOSED = "closed"
    RESTRICTED = "restricted"  # consent withdrawn, due for erasure (SPEC §2.1)


def case_status(client: Client) -> CaseStatus:
    """From a row annotated by ``selectors.with_case_state``."""
    if client.restricted_on is not None:
        return CaseStatus.RESTRICTED
    if client.closed_on is not None:
        return CaseStatus.CLOSED
    if not client.has_consent:
        return CaseStatus.NEW
    if client.initial_on is None:
        return CaseStatus.CONSENTED
    return CaseStatus.RUNNING


def case_period_end(client: Client) -> date | None:
    """Last day of counseling (BW 4.1.5), with an approved extension; None before the start."""
    if client.initial_on is None:
        return None
    until = client.extension_until
    extension = Extension(until=until, reason=None, justification="") if until else None
    return period_end(initial=client.initial_on, extension=extension)


def case_has_plan(client: Client) -> bool:
    """Whether the annotated row knows of an integration plan (``has_plan``, once plans exist)."""
    return bool(getattr(client, "has_plan", False))


def case_plan_due(client: Client) -> bool:
    """BW 4.1.4 f: a second consultation has been recorded and there is no plan."""
    dates = [d for d in (client.initial_on, client.second_on) if d]
    return plan_due(consultation_dates=dates, plan_exists=case_has_plan(client))


def client_list_for(user, *, case_number: str = "", mine: bool = False):
    clients = selectors.client_list_for(user, case_number=case_number)
    if mine:
        clients = clients.filter(case_manager=user)
    return clients


def client_for(user, pk: int, *, write: bool = False) -> Client:
    """The client if the user may see (or change) the case; 404 otherwise (also for absurd ids)."""
    return selectors.get_client_for_user(user, pk if 0 < pk <= MAX_ID else 0, write=write)


def client_with_state_for(user, pk: int) -> Client:
    """One client annotated like a list row, for the API's detail answer; 404 as above."""
    from lotse.core.tenancy import get_for_user

    return get_for_user(
        selectors.with_case_state(
            Client.objects.select_related("residence_status", "changed_by")
        ).prefetch_related("extensions", "closures__reason"),
        user,
        pk if 0 < pk <= MAX_ID else 0,
    )


def consents_of(client: Client):
    return client.consents.prefetch_related(
        Prefetch("purposes", queryset=ConsentPurpose.objects.order_by("sort", "code"))
    ).order_by("given_on", "id")


def consultations_of(client: Client):
    return client.consultations.prefetch_related(
        Prefetch("topics", queryset=ConsultationTopic.objects.order_by("sort", "code"))
    ).order_by("held_on", "id")


def catalogue_entries(model, codes: list[str]) -> tuple[list, list[str]]:
    """Active catalogue entries for ``codes`` and the codes that name none."""
    found = {entry.code: entry for entry in model.objects.filter(code__in=codes, active=True)}
    return [found[c] for c in dict.fromkeys(codes) if c in found], [
        c for c in codes if c not in found
    ]


def closure_reason(code: str) -> ClosureReason | None:
    return ClosureReason.objects.filter(code=code, active=True).first()


# --- Plan, referrals, conferences, re-assessments (lotse.api.routers.case_plans) ---------------


def _id(pk: int) -> int:
    return pk if 0 < pk <= MAX_ID else 0


def plan_of(user, client: Client, *, write: bool = False):
    """The client's plan within the user's scope, or None while there is none."""
    return selectors.plan_for(user, client, write=write)


def goal_of(user, plan, pk: int, *, write: bool = False):
    """A goal of this plan; 404 for another plan's goal or an absurd id."""
    return selectors.get_goal_for_user(user, plan, _id(pk), write=write)


def plan_version(plan, number: int):
    return plan.versions.filter(number=number).first()


def referrals_of(client: Client):
    return client.referrals.select_related("service__kind").order_by("-referred_on", "-id")


def referral_of(user, client: Client, pk: int, *, write: bool = False):
    return selectors.get_referral_for_user(user, client, _id(pk), write=write)


def service(user, code: str):
    """An active service the user may choose: general or of a region reaching the user."""
    from lotse.cases.models import Service

    return (
        Service.objects.available_to(user)
        .select_related("kind")
        .filter(code=code, active=True)
        .first()
    )


def conferences_of(client: Client):
    return client.conferences.prefetch_related("participants", "agreements").order_by(
        "-held_on", "-id"
    )


def reassessments_of(client: Client):
    return client.reassessments.prefetch_related("ratings").order_by("-held_on", "-id")


def plan_versions_of(user, plan):
    return selectors.plan_versions_for(user, plan)


def catalogue_for(user, slug: str):
    """The active entries of a catalogue that the user may choose, as on the pages'
    choice lists (a local provider only in its region); None for an unknown catalogue."""
    from lotse.cases.catalogues import CATALOGUES
    from lotse.cases.models import Service, ServiceKind

    catalogue = CATALOGUES.get(slug)
    if catalogue is None:
        return None
    queryset = catalogue.model.objects.filter(active=True).order_by("sort", "label", "pk")
    if catalogue.model is Service:
        queryset = queryset.available_to(user).select_related("kind")
    if catalogue.model is ConsentPurpose:
        queryset = queryset.prefetch_related(
            Prefetch("service_kinds", queryset=ServiceKind.objects.order_by("sort", "code"))
        )
    return queryset
