"""The organisation directory's start-page cards."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.core.tenancy import Area
from lotse.organisations.models import Organisation


def start_cards(user, *, on: date) -> list[dict]:
    if not user.has_area(Area.ORGANISATIONS, on=on):
        return []
    count = Organisation.objects.for_user(user).count()
    cards = [
        {
            "title": _("Organisationen ansehen"),
            "text": ngettext(
                "%(count)s Organisation in Ihrem Zuständigkeitsbereich, als Baum mit Verbünden und Gültigkeiten.",
                "%(count)s Organisationen in Ihrem Zuständigkeitsbereich, als Baum mit Verbünden und Gültigkeiten.",
                count,
            )
            % {"count": count},
            "url": reverse("organisations:tree"),
        }
    ]
    if user.has_area(Area.ORGANISATIONS, write=True, on=on):
        cards.append(
            {
                "title": _("Organisation anlegen"),
                "text": _(
                    "Kreise, Verbünde, Gemeinden und Wohlfahrtsträger einordnen; Verbundmitgliedschaften je Bewilligungszeitraum pflegen."
                ),
                "url": reverse("organisations:create"),
            }
        )
    return cards
