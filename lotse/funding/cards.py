"""The grants officer's start-page card: what waits for a decision (issue 5 items 3 and 5)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.scope import has_area
from lotse.core.tenancy import Area
from lotse.funding.models import (
    GrantDecision,
    PaymentRequest,
    PaymentStatus,
    VersionStatus,
)

# Any of these empty makes a decision a draft (rules.contracts.decision_gaps).
DRAFT = (
    Q(authority__isnull=True)
    | Q(decided_on__isnull=True)
    | Q(file_number="")
    | Q(programme__isnull=True)
    | Q(period_start__isnull=True)
    | Q(period_end__isnull=True)
    | Q(amount__isnull=True)
    | Q(fte__isnull=True)
)


def start_cards(user, *, on) -> list[dict]:
    """Counts only, in two queries: requests to decide or pay, proposals, draft decisions."""
    if not has_area(user, Area.GRANTS, on=on):
        return []
    decisions = GrantDecision.objects.for_user(user).aggregate(
        drafts=Count("id", filter=DRAFT, distinct=True),
        proposals=Count(
            "contracts__versions",
            filter=Q(contracts__versions__status=VersionStatus.PROPOSED),
            distinct=True,
        ),
    )
    parts = []
    if has_area(user, Area.GRANTS, write=True):
        requests = PaymentRequest.objects.filter(
            decision__in=GrantDecision.objects.for_user(user, write=True)
        ).aggregate(
            to_decide=Count("id", filter=Q(status=PaymentStatus.SUBMITTED)),
            to_pay=Count("id", filter=Q(status=PaymentStatus.APPROVED)),
        )
        to_decide, to_pay = requests["to_decide"], requests["to_pay"]
        proposals = decisions["proposals"]
        if to_decide:
            parts.append(
                ngettext(
                    "%(count)s Mittelabruf wartet auf Entscheidung.",
                    "%(count)s Mittelabrufe warten auf Entscheidung.",
                    to_decide,
                )
                % {"count": to_decide}
            )
        if to_pay:
            parts.append(
                ngettext(
                    "%(count)s freigegebener Abruf ist noch nicht ausgezahlt.",
                    "%(count)s freigegebene Abrufe sind noch nicht ausgezahlt.",
                    to_pay,
                )
                % {"count": to_pay}
            )
        if proposals:
            parts.append(
                ngettext(
                    "%(count)s Änderungsvorschlag nach KIM § 7 Abs. 3 ist offen.",
                    "%(count)s Änderungsvorschläge nach KIM § 7 Abs. 3 sind offen.",
                    proposals,
                )
                % {"count": proposals}
            )
    drafts = decisions["drafts"]
    if drafts:
        parts.append(
            ngettext(
                "%(count)s Bescheid ist ein Entwurf mit Lücken.",
                "%(count)s Bescheide sind Entwürfe mit Lücken.",
                drafts,
            )
            % {"count": drafts}
        )
    return [
        {
            "title": _("Zuwendungen"),
            "text": " ".join(parts)
            or _("Bescheide, Weiterleitungsverträge, Mittelabrufe und Abrechnungen."),
            "url": reverse("funding:grant_list"),
        }
    ]
