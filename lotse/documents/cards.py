"""The printable documents' start-page card: the administration adapts the texts."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.accounts.scope import has_area
from lotse.core.tenancy import Area


def start_cards(user, *, on: date) -> list[dict]:
    if not has_area(user, Area.ORGANISATIONS, write=True, on=on):
        return []
    return [
        {
            "title": _("Texte der Dokumente pflegen"),
            "text": _(
                "Einwilligungsformular und Kurzfassung des Integrationsplans: Texte "
                "für Ihre Organisation anpassen und Sprachen hinzufügen."
            ),
            "url": reverse("documents:text_list"),
        }
    ]
