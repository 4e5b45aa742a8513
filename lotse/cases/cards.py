"""The case work's start-page cards: what is due in one's cases (SPEC §2.4), a new case,
and for the administration the catalogues with the themes waiting for review."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.accounts.scope import has_area
from lotse.cases.models import BarrierTheme
from lotse.cases.selectors import Level, worklist_counts
from lotse.core.tenancy import Area


def start_cards(user, *, on: date) -> list[dict]:
    """SPEC §2.4: what is due in the user's own cases, by urgency, first on the start page."""
    if not has_area(user, Area.CASES, on=on):
        return []
    counts = worklist_counts(user, today=on)
    total = sum(counts.values())
    if total:
        text = _(
            "%(red)s dringend, %(amber)s bald fällig in Ihren Fällen; das Dringendste zuerst."
        ) % {"red": counts[Level.RED], "amber": counts[Level.AMBER] + counts[Level.INFO]}
    else:
        text = _("In Ihren Fällen ist nichts fällig.")
    cards = [
        {
            "title": ngettext(
                "Arbeitsliste: %(count)s Aufgabe", "Arbeitsliste: %(count)s Aufgaben", total
            )
            % {"count": total},
            "text": text,
            "url": reverse("cases:worklist"),
        }
    ]
    if has_area(user, Area.CASES, write=True, on=on):
        cards.append(
            {
                "title": _("Neuer Fall"),
                "text": _(
                    "Fall mit Fallnummer, Wohnort, Initialen und Geburtsjahr anlegen; "
                    "persönliche Angaben erst nach der Einwilligung (BW 4.1.4 f)."
                ),
                "url": reverse("cases:client_create"),
            }
        )
    return cards


def catalogue_start_cards(user, *, on: date) -> list[dict]:
    """Issue 3 items 5, 13: the administration maintains the catalogues of case work."""
    if not has_area(user, Area.ORGANISATIONS, write=True, on=on):
        return []
    proposals = BarrierTheme.objects.filter(proposed=True).count()
    return [
        {
            "title": _("Kataloge pflegen"),
            "text": (
                ngettext(
                    "%(count)s strukturelles Thema aus einem Fall wartet auf Prüfung.",
                    "%(count)s strukturelle Themen aus Fällen warten auf Prüfung.",
                    proposals,
                )
                % {"count": proposals}
                if proposals
                else _(
                    "Regeldienste und lokale Angebote, Beratungsthemen, Zwecke der "
                    "Einwilligung und weitere Auswahllisten der Fallarbeit."
                )
            ),
            "url": reverse("catalogues:index"),
        }
    ]
