"""What each role finds on its start page and in its navigation.

Later capabilities add their entries here; nothing is listed that does not work.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.core.tenancy import Area, active_memberships, has_area


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    area: Area | None = None
    write: bool = False

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAVIGATION = [
    NavItem(_("Start"), "core:home"),
    NavItem(_("Arbeitsliste"), "cases:worklist", Area.CASES),
    NavItem(_("Fälle"), "cases:client_list", Area.CASES),
    NavItem(_("Organisationen"), "organisations:tree", Area.ORGANISATIONS),
    NavItem(_("Benutzer und Rollen"), "accounts:user_list", Area.USERS),
    # The administration maintains the catalogues of case work (issue 3 item 5).
    NavItem(_("Kataloge"), "catalogues:index", Area.ORGANISATIONS, write=True),
    # Texts of the printable consent form and plan summary, per language (issue 3 items 2, 4).
    NavItem(_("Dokumenttexte"), "documents:text_list", Area.ORGANISATIONS, write=True),
    NavItem(_("Zugriffsprotokoll"), "privacy:audit_log", Area.AUDIT),
    NavItem(_("Personal"), "staff:compliance", Area.STAFF),
    # Counts only (SPEC §5): the coordinating office sees barriers without case data.
    NavItem(_("Strukturelle Themen"), "cases:barrier_report", Area.AGGREGATES),
    # Indicators with small counts suppressed outside the town (SPEC §5, issue 6).
    NavItem(_("Kennzahlen"), "indicators:dashboard", Area.AGGREGATES),
    # Grant files: decisions, contracts, positions, payment requests (SPEC §4, issue 5).
    NavItem(_("Zuwendungen"), "funding:grant_list", Area.GRANTS),
    # Programme deadlines with days left (issue 5 item 9).
    NavItem(_("Fristen"), "deadlines:worklist", Area.GRANTS),
    # Open to every signed-in role; listed for the grant roles, who use it (SPEC §4).
    NavItem(_("Förderrechner"), "funding:calculator", Area.GRANTS),
    NavItem(_("Mein Konto"), "accounts:account"),
]


def navigation_for(user) -> list[NavItem]:
    return [
        item
        for item in NAVIGATION
        if item.area is None or has_area(user, item.area, write=item.write)
    ]


def start_page_for(user, *, on: date) -> dict:
    from lotse.accounts.models import User
    from lotse.organisations.models import Organisation
    from lotse.privacy.models import AuditEntry

    memberships = active_memberships(user, on)
    tasks = []
    if has_area(user, Area.CASES):
        tasks.extend(_case_tasks(user, on=on))
    if has_area(user, Area.ORGANISATIONS):
        count = Organisation.objects.for_user(user).count()
        tasks.append(
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
        )
    if has_area(user, Area.ORGANISATIONS, write=True):
        tasks.append(
            {
                "title": _("Organisation anlegen"),
                "text": _(
                    "Kreise, Verbünde, Gemeinden und Wohlfahrtsträger einordnen; Verbundmitgliedschaften je Bewilligungszeitraum pflegen."
                ),
                "url": reverse("organisations:create"),
            }
        )
    if has_area(user, Area.ORGANISATIONS, write=True):
        from lotse.cases.models import BarrierTheme

        proposals = BarrierTheme.objects.filter(proposed=True).count()
        tasks.append(
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
        )
        tasks.append(
            {
                "title": _("Texte der Dokumente pflegen"),
                "text": _(
                    "Einwilligungsformular und Kurzfassung des Integrationsplans: Texte "
                    "für Ihre Organisation anpassen und Sprachen hinzufügen."
                ),
                "url": reverse("documents:text_list"),
            }
        )
    if has_area(user, Area.USERS):
        count = User.objects.for_user(user).count()
        tasks.append(
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
        )
    if has_area(user, Area.USERS, write=True):
        tasks.append(
            {
                "title": _("Konto anlegen"),
                "text": _("Neues Konto mit Rolle und Gültigkeitszeitraum anlegen."),
                "url": reverse("accounts:user_create"),
            }
        )
    if has_area(user, Area.AUDIT):
        # A range on the indexed timestamp, not a date cast, so the count stays cheap.
        day_start = timezone.make_aware(datetime.combine(on, time.min))
        today_count = (
            AuditEntry.objects.for_user(user)
            .filter(at__gte=day_start, at__lt=day_start + timedelta(days=1))
            .count()
        )
        tasks.append(
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
        )
    if has_area(user, Area.GRANTS):
        from lotse.funding.tasks import grant_tasks

        tasks.extend(grant_tasks(user))
        tasks.append(_deadline_task(user, on=on))
    if has_area(user, Area.STAFF):
        from lotse.staff.tasks import staff_tasks

        tasks.extend(staff_tasks(user, on=on))
    if has_area(user, Area.AGGREGATES):
        from lotse.indicators.tasks import indicator_tasks

        tasks.extend(indicator_tasks(user, on=on))
    tasks.append(
        {
            "title": _("Konto und Sicherheit"),
            "text": _("Passwort ändern, zweiten Faktor einrichten, API-Tokens verwalten."),
            "url": reverse("accounts:account"),
        }
    )
    return {"memberships": memberships, "tasks": tasks}


def _deadline_task(user, *, on: date) -> dict:
    """Issue 5 item 9: the grants officer sees overdue and soon-due programme deadlines first."""
    from lotse.core.tenancy import organisation_ids_for
    from lotse.deadlines.selectors import Level, counts, deadlines_for, soon_days

    found = counts(
        deadlines_for(
            organisation_ids_for(user, Area.GRANTS),
            today=on,
            until=on + timedelta(days=soon_days()),
        )
    )
    return {
        "title": _("Fristen"),
        "text": ngettext(
            "%(overdue)s überfällige Frist, %(soon)s in den nächsten %(days)s Tagen.",
            "%(overdue)s überfällige Fristen, %(soon)s in den nächsten %(days)s Tagen.",
            found[Level.OVERDUE],
        )
        % {"overdue": found[Level.OVERDUE], "soon": found[Level.SOON], "days": soon_days()},
        "url": reverse("deadlines:worklist"),
    }


def _case_tasks(user, *, on: date) -> list[dict]:
    """SPEC §2.4: what is due in the user's own cases, by urgency, first on the start page."""
    from lotse.cases.selectors import Level, worklist_counts

    counts = worklist_counts(user, today=on)
    total = sum(counts.values())
    if total:
        text = _(
            "%(red)s dringend, %(amber)s bald fällig in Ihren Fällen; das Dringendste zuerst."
        ) % {"red": counts[Level.RED], "amber": counts[Level.AMBER] + counts[Level.INFO]}
    else:
        text = _("In Ihren Fällen ist nichts fällig.")
    tasks = [
        {
            "title": ngettext(
                "Arbeitsliste: %(count)s Aufgabe", "Arbeitsliste: %(count)s Aufgaben", total
            )
            % {"count": total},
            "text": text,
            "url": reverse("cases:worklist"),
        }
    ]
    if has_area(user, Area.CASES, write=True):
        tasks.append(
            {
                "title": _("Neuer Fall"),
                "text": _(
                    "Fall mit Fallnummer, Wohnort, Initialen und Geburtsjahr anlegen; "
                    "persönliche Angaben erst nach der Einwilligung (BW 4.1.4 f)."
                ),
                "url": reverse("cases:client_create"),
            }
        )
    return tasks
