"""The access log's start-page card for the data protection officer."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.core.tenancy import Area
from lotse.privacy.models import AuditEntry


def start_cards(user, *, on: date) -> list[dict]:
    if not user.has_area(Area.AUDIT, on=on):
        return []
    # A range on the indexed timestamp, not a date cast, so the count stays cheap.
    day_start = timezone.make_aware(datetime.combine(on, time.min))
    today_count = (
        AuditEntry.objects.for_user(user)
        .filter(at__gte=day_start, at__lt=day_start + timedelta(days=1))
        .count()
    )
    return [
        {
            "title": _("Zugriffsprotokoll durchsuchen"),
            "text": ngettext(
                "Heute %(count)s protokollierter Zugriff in Ihrem Bereich.",
                "Heute %(count)s protokollierte Zugriffe in Ihrem Bereich.",
                today_count,
            )
            % {"count": today_count},
            "url": reverse("privacy:audit_log"),
        }
    ]
