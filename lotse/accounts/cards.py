"""The accounts' start-page cards: users and roles for the administration, and for
everyone their own account (always last)."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.accounts.models import User
from lotse.accounts.scope import has_area
from lotse.core.tenancy import Area


def start_cards(user, *, on: date) -> list[dict]:
    if not has_area(user, Area.USERS, on=on):
        return []
    count = User.objects.for_user(user).count()
    cards = [
        {
            "title": _("Benutzer und Rollen"),
            "text": ngettext(
                "%(count)s Konto mit Rollen in Ihrem Bereich.",
                "%(count)s Konten mit Rollen in Ihrem Bereich.",
                count,
            )
            % {"count": count},
            "url": reverse("accounts:user_list"),
        }
    ]
    if has_area(user, Area.USERS, write=True, on=on):
        cards.append(
            {
                "title": _("Konto anlegen"),
                "text": _("Neues Konto mit Rolle und Gültigkeitszeitraum anlegen."),
                "url": reverse("accounts:user_create"),
            }
        )
    return cards


def own_account_cards(user, *, on: date) -> list[dict]:
    return [
        {
            "title": _("Konto und Sicherheit"),
            "text": _("Passwort ändern, zweiten Faktor einrichten, API-Tokens verwalten."),
            "url": reverse("accounts:account"),
        }
    ]
