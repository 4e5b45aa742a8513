"""Programmes as data (SPEC §4.1): the state's rules, not anybody's records.

A programme, its rates, deadlines and the § 247 BGB base-rate table are the
same for every tenant, so they carry no organisation: everybody who may use
the calculator reads them, and only data migrations (or, later, the
administration) change them. The arithmetic lives in lotse.funding.rules; these
rows only feed it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.funding.rules.prorata import PartialMonth, ProRata
from lotse.kernel.dates import format_date


class CalculationKind(models.TextChoices):
    PER_FTE = "per_fte", _("Satz je VZÄ und Jahr, anteilig")
    CAPPED_POSITION = "capped_position", _("Höchstbetrag je Stelle und 12 Monate, anteilig")
    FARE_LOSS = "fare_loss", _("Prozentsatz der nachgewiesenen Fahrgeldeinnahmen")
    PLANNING_FRAME = "planning_frame", _("Planungsrahmen nach Zuteilungsquote")


class ProRataMethod(models.TextChoices):
    DAY = ProRata.DAY.value, _("nach Kalendertagen")
    MONTH = ProRata.MONTH.value, _("nach Monaten")


class PartialMonthRule(models.TextChoices):
    BY_DAY = PartialMonth.BY_DAY.value, _("angefangene Monate nach Tagen")
    IGNORE = PartialMonth.IGNORE.value, _("nur volle Monate zählen")
    FULL = PartialMonth.FULL.value, _("angefangene Monate zählen voll")


class Programme(models.Model):
    """A versioned set of funding rules, e.g. ``kim-nrw-bs2`` (KIM §6)."""

    slug = models.SlugField(_("Kennung"), max_length=60, unique=True)
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    # One citation per line, e.g. "KIM §6".
    citations = models.TextField(_("Rechtsgrundlagen"), blank=True)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)
    calculation = models.CharField(_("Berechnung"), max_length=20, choices=CalculationKind.choices)
    pro_rata = models.CharField(
        _("anteilige Berechnung"),
        max_length=10,
        choices=ProRataMethod.choices,
        default=ProRataMethod.DAY,
    )
    partial_month = models.CharField(
        _("angefangene Monate"),
        max_length=10,
        choices=PartialMonthRule.choices,
        default=PartialMonthRule.BY_DAY,
        help_text=_("Nur bei anteiliger Berechnung nach Monaten."),
    )
    min_fte = models.DecimalField(
        _("Mindest-VZÄ"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    max_fte = models.DecimalField(
        _("Höchst-VZÄ je Stelle"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    minimum_citation = models.CharField(
        _("Rechtsgrundlage der Untergrenzen"), max_length=200, blank=True
    )
    minimum_amount = models.DecimalField(
        _("Mindestbetrag"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Planungsrahmen: Mindestbetrag je Kreis (BW 5.3)."),
    )
    # One confirmation per line, as the proof of use must state it.
    required_confirmations = models.TextField(_("erforderliche Bestätigungen"), blank=True)
    note = models.TextField(_("Hinweis zur Berechnung"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["sort_order", "slug"]

    def __str__(self) -> str:
        return self.name

    @property
    def citation_list(self) -> list[str]:
        return [line.strip() for line in self.citations.splitlines() if line.strip()]

    @property
    def confirmation_list(self) -> list[str]:
        return [line.strip() for line in self.required_confirmations.splitlines() if line.strip()]


class RateUnit(models.TextChoices):
    EUR_PER_FTE_YEAR = "eur_per_fte_year", _("EUR je 1,0 VZÄ und Kalenderjahr")
    EUR_PER_YEAR = "eur_per_year", _("EUR je Stelle und 12 Monate (Höchstbetrag)")
    PERCENT = "percent", _("Prozent")


class Qualification(models.TextChoices):
    """SPEC §3 levels as keys of the BW rates (BW 4.1.1, 9.1.4, 9.1.8)."""

    LEVEL_1 = "1", _("1 – Hochschulabschluss im Sozialwesen (BW 4.1.1.1 Satz 1)")
    LEVEL_2 = "2", _("2 – anderer Hochschulabschluss mit Nachqualifizierung (BW 4.1.1.1 Satz 2)")
    LEVEL_3 = "3", _("3 – mittlerer Abschluss und Erfahrung, mit Nachqualifizierung (BW 4.1.1.2)")
    LEVEL_4B = "4b", _("4b – eingestellt nach VwV 2017 Nr. 4.2.2 Satz 1 Buchstabe b (BW 4.1.1.3)")
    LEVEL_4C = "4c", _("4c – eingestellt nach VwV 2017 Nr. 4.2.2 Satz 1 Buchstabe c (BW 4.1.1.3)")


class ProgrammeRate(models.Model):
    """One amount of a programme for a span of time and, where it matters, a qualification level."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("Programm"), on_delete=models.CASCADE, related_name="rates"
    )
    qualification = models.CharField(
        _("Qualifikationsstufe"),
        max_length=4,
        choices=Qualification.choices,
        blank=True,
        help_text=_("Leer: gilt für alle Qualifikationsstufen."),
    )
    amount = models.DecimalField(_("Betrag oder Satz"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("Einheit"), max_length=20, choices=RateUnit.choices)
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)
    citation = models.CharField(_("Rechtsgrundlage"), max_length=200)

    class Meta:
        verbose_name = _("Fördersatz")
        verbose_name_plural = _("Fördersätze")
        ordering = ["programme", "qualification", "valid_from"]

    def __str__(self) -> str:
        return f"{self.programme.slug} {self.qualification} {self.amount} ({self.citation})"


class DeadlineAnchor(models.TextChoices):
    FIXED = "fixed", _("festes Datum")
    YEAR_START = "year_start", _("ab Beginn des Bewilligungsjahres")
    YEAR_END = "year_end", _("ab Ende des Bewilligungsjahres")
    QUARTER_END = "quarter_end", _("ab jedem Quartalsende")


class ProgrammeDeadline(models.Model):
    """A dated duty of a programme: a fixed day, or months and days after (or before) an anchor."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("Programm"), on_delete=models.CASCADE, related_name="deadlines"
    )
    name = models.CharField(_("Frist"), max_length=200)
    anchor = models.CharField(_("Bezugspunkt"), max_length=20, choices=DeadlineAnchor.choices)
    fixed_date = models.DateField(_("Datum"), null=True, blank=True)
    # Applied to the anchor day in this order; negative values count backwards.
    months = models.SmallIntegerField(_("Monate"), default=0)
    days = models.SmallIntegerField(_("Tage"), default=0)
    citation = models.CharField(_("Rechtsgrundlage"), max_length=200)

    class Meta:
        verbose_name = _("Frist")
        verbose_name_plural = _("Fristen")
        ordering = ["programme", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.citation})"


class BaseInterestRate(models.Model):
    """The base rate of § 247 BGB from ``valid_from`` on (changes on 1 January and 1 July)."""

    valid_from = models.DateField(_("gültig ab"), unique=True)
    percent = models.DecimalField(_("Basiszinssatz in %"), max_digits=6, decimal_places=2)
    source = models.CharField(_("Quelle"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Basiszinssatz")
        verbose_name_plural = _("Basiszinssätze")
        ordering = ["valid_from"]

    def __str__(self) -> str:
        return f"{format_date(self.valid_from)}: {self.percent} %"


# Grant files (issue 5 items 3–5) live in their own module; imported here so Django finds them.
from lotse.funding.grant_models import (  # noqa: E402, F401
    ContractAllocation,
    ContractNotice,
    ContractVersion,
    FundedPosition,
    GrantDecision,
    GrantDecisionChange,
    GrantQuerySet,
    PassThroughContract,
    PaymentRequest,
    PaymentStatus,
    PlannedPaymentLine,
    RecoveryClaim,
    Settlement,
    VersionStatus,
)
