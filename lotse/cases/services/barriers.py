"""Structural problems noted in a case ("generative Themen"), counted for coordination."""

from datetime import date

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from lotse.accounts.models import User
from lotse.cases.models import BarrierTheme, CaseBarrier, Client
from lotse.cases.services.state import _lock, _require_open, _require_processing
from lotse.core import clock
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


def _new_theme(label: str) -> BarrierTheme:
    label = " ".join(label.split())
    existing = BarrierTheme.objects.filter(label__iexact=label).first()
    if existing:
        return existing
    base = slugify(label)[:32] or "thema"
    code, n = base, 1
    while BarrierTheme.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return BarrierTheme.objects.create(code=code, label=label, sort=900, proposed=True)


@transaction.atomic
def barrier_note(
    *,
    client: Client,
    noted_on: date,
    by: User,
    theme: BarrierTheme | None = None,
    new_theme: str = "",
    today: date | None = None,
) -> CaseBarrier:
    """Tag a barrier in a case, from the catalogue or as a new theme."""
    today = today or clock.today()
    client = _lock(client)
    _require_processing(client, field="theme")
    _require_open(client)
    new_theme = new_theme.strip()
    if (theme is None) == (not new_theme):
        raise RuleViolation(
            gettext(
                "Thema: Bitte ein Thema aus der Liste wählen oder ein neues Thema eingeben, nicht "
                "beides."
            ),
            "theme",
        )
    if new_theme and not 5 <= len(new_theme) <= 150:
        raise RuleViolation(
            gettext("Neues Thema: Bitte das Thema in 5 bis 150 Zeichen beschreiben."), "new_theme"
        )
    if noted_on > today:
        raise RuleViolation(
            gettext("Festgestellt am: Der %(noted_on)s liegt in der Zukunft.")
            % {"noted_on": format_date(noted_on)},
            "noted_on",
        )
    barrier = CaseBarrier.objects.create(
        organisation_id=client.organisation_id,
        client=client,
        theme=theme or _new_theme(new_theme),
        noted_on=noted_on,
        noted_by=by,
    )
    audit_object(
        actor=by, action=AuditAction.CREATE, obj=barrier, purpose="Strukturelles Thema erfasst"
    )
    return barrier
