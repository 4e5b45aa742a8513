"""The indicator catalogue as data, network events and year closures (SPEC §5, issue 6).

The catalogue (IndicatorSet, Indicator) says *what* is reported: a stable id,
German name, definition, breakdowns and the key of the database query that
computes it (lotse.indicators.queries.QUERIES). It is versioned per programme
and year: a new set (or a new version of one) changes the catalogue without
touching the code. The figures themselves are never stored; they are computed
from the case and staff data on demand.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet


class Programme(models.TextChoices):
    BW = "bw-im", _("VwV Integrationsmanagement Baden-Württemberg")
    KIM = "kim-nrw", _("Kommunales Integrationsmanagement NRW (KIM)")


class IndicatorSet(models.Model):
    """The catalogue of one programme from one year on, in one version."""

    programme = models.CharField(_("Programm"), max_length=20, choices=Programme.choices)
    # The first two digits of the official key (AGS) of the Land the programme belongs
    # to ("08" Baden-Württemberg, "05" Nordrhein-Westfalen): picks the set for a unit.
    land_key = models.CharField(_("Landesschlüssel"), max_length=2)
    first_year = models.PositiveSmallIntegerField(_("gilt ab Jahr"))
    last_year = models.PositiveSmallIntegerField(_("gilt bis Jahr"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    title = models.CharField(_("Bezeichnung"), max_length=200)
    source = models.CharField(_("Rechtsgrundlage"), max_length=200, blank=True)
    # BW 9.1.9: reference date 31 December; due 31 January of the following year.
    reference_month = models.PositiveSmallIntegerField(_("Stichtag (Monat)"), default=12)
    reference_day = models.PositiveSmallIntegerField(_("Stichtag (Tag)"), default=31)
    due_month = models.PositiveSmallIntegerField(_("fällig (Monat des Folgejahres)"), default=1)
    due_day = models.PositiveSmallIntegerField(_("fällig (Tag)"), default=31)

    class Meta:
        verbose_name = _("Kennzahlenkatalog")
        verbose_name_plural = _("Kennzahlenkataloge")
        ordering = ["programme", "-first_year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "first_year", "version"], name="indicator_set_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_year}, Version {self.version})"


class Shape(models.TextChoices):
    LIST = "list", _("Aufschlüsselung mit Summe")
    TABLE = "table", _("Tabelle mit Zeilen- und Spaltensummen")
    MEASURES = "measures", _("einzelne Werte")


class Indicator(models.Model):
    """One indicator of a catalogue; ``computation`` names a registered DB query."""

    indicator_set = models.ForeignKey(
        IndicatorSet, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("Kennung"), max_length=60)
    group = models.CharField(_("Gruppe"), max_length=60)
    name = models.CharField(_("Name"), max_length=200)
    definition = models.TextField(_("Definition"))
    # Codes of the breakdowns, e.g. ["gender", "status"] (rows, then columns).
    breakdowns = models.JSONField(_("Aufschlüsselungen"), default=list, blank=True)
    computation = models.CharField(_("Berechnung"), max_length=60)
    shape = models.CharField(_("Form"), max_length=10, choices=Shape.choices)
    # Counts of persons are suppressed outside the municipality (SPEC §5); sums of
    # FTE and counts of events are not about persons and are shown as they are.
    suppress = models.BooleanField(_("Kleinzahlen unterdrücken"), default=True)
    source = models.CharField(_("Rechtsgrundlage"), max_length=120, blank=True)
    sort = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)

    class Meta:
        verbose_name = _("Kennzahl")
        verbose_name_plural = _("Kennzahlen")
        ordering = ["indicator_set", "sort", "code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator_set", "code"], name="indicator_code_per_set")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}"


class NetworkEventQuerySet(TenantQuerySet):
    # The coordinating office records its own work, like the trainings it offers
    # (Area.STAFF: only the coordinating office may write there).
    tenant_area = Area.STAFF


class NetworkEventCountQuerySet(TenantQuerySet):
    tenant_area = Area.AGGREGATES


class NetworkEvent(models.Model):
    """A county-level networking event of the coordinating office (BW 4.2 d–e, SPEC §2.5)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Koordinierende Stelle"),
        on_delete=models.PROTECT,
        related_name="network_events",
    )
    held_on = models.DateField(_("Datum"))
    title = models.CharField(_("Thema"), max_length=200)
    participants = models.PositiveSmallIntegerField(
        _("Teilnehmende (Anzahl)"), null=True, blank=True
    )
    note = models.CharField(_("Anmerkung"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NetworkEventQuerySet.as_manager()
    for_counting = NetworkEventCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vernetzungsveranstaltung")
        verbose_name_plural = _("Vernetzungsveranstaltungen")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"])]

    def __str__(self) -> str:
        return self.title


class YearClosureQuerySet(TenantQuerySet):
    # Closures carry aggregates only: whoever may see the unit's indicators sees them.
    tenant_area = Area.AGGREGATES

    def in_force(self):
        return self.filter(reopened_at__isnull=True)


class YearClosure(models.Model):
    """A unit closes its reporting year (issue 6 item 5; BW 6.1, 9.1.9).

    Every closing is a new version that keeps the figures as they were sent
    (suppressed, as they leave the unit); reopening needs a reason and keeps the
    version with that reason, so the history stays complete.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Einheit"),
        on_delete=models.PROTECT,
        related_name="year_closures",
    )
    year = models.PositiveSmallIntegerField(_("Berichtsjahr"))
    version = models.PositiveSmallIntegerField(_("Version"))
    closed_at = models.DateTimeField(_("abgeschlossen am"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    figures = models.JSONField(_("Kennzahlen beim Abschluss"))
    reopened_at = models.DateTimeField(_("wiedereröffnet am"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reopen_reason = models.TextField(_("Grund der Wiedereröffnung"), blank=True)

    objects = YearClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("Jahresabschluss der Kennzahlen")
        verbose_name_plural = _("Jahresabschlüsse der Kennzahlen")
        ordering = ["organisation_id", "year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "version"], name="year_closure_version"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(reopened_at__isnull=True),
                name="one_year_closure_in_force",
            ),
        ]
        indexes = [models.Index(fields=["year", "organisation"])]

    def __str__(self) -> str:
        return f"{self.organisation_id}/{self.year} v{self.version}"
