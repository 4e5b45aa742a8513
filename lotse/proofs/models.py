"""Proofs of use (Verwendungsnachweise, issue 5 item 6; SPEC §4.3; KIM §8, §15(2); BW 8.1–8.3, 9.1.6).

A proof belongs to the (sub-)recipient that renders it (``organisation``,
Area.GRANTS) and to the grant decision it accounts for. While a draft it is
computed from the data: the funded positions' entitlements, the personnel
costs entered or imported, the receipts, the narrative report and the staff
confirmations. Submitting freezes everything in ``snapshot``; a correction is
a new version (``previous``), the submitted one stays as it was sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.kernel.dates import format_date


class ProofQuerySet(TenantQuerySet):
    tenant_area = Area.GRANTS


class ProofKind(models.TextChoices):
    ANNUAL = "annual", _("Verwendungsnachweis")
    QUARTERLY = "quarterly", _("Zwischennachweis für das Quartal")
    INTERIM = "interim", _("Zwischenverwendungsnachweis")


class ProofStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    CHECKED = "checked", _("geprüft")
    SUPERSEDED = "superseded", _("durch Berichtigung ersetzt")


class ProofOfUse(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Nachweisende Stelle"),
        on_delete=models.PROTECT,
        related_name="proofs_of_use",
    )
    decision = models.ForeignKey(
        "funding.GrantDecision",
        verbose_name=_("Zuwendungsbescheid"),
        on_delete=models.PROTECT,
        related_name="proofs_of_use",
    )
    kind = models.CharField(_("Art"), max_length=12, choices=ProofKind.choices)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    quarter = models.PositiveSmallIntegerField(_("Quartal"), null=True, blank=True)
    period_start = models.DateField(_("Zeitraum von"))
    period_end = models.DateField(_("Zeitraum bis"))
    due = models.DateField(_("fällig am"), null=True, blank=True)
    citation = models.CharField(_("Rechtsgrundlage"), max_length=100, blank=True)
    version = models.PositiveSmallIntegerField(_("Fassung"), default=1)
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="correction"
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=ProofStatus.choices, default=ProofStatus.DRAFT
    )
    narrative = models.TextField(_("Sachbericht"), blank=True)
    figures = models.JSONField(default=list, blank=True)
    confirmations = models.JSONField(default=list, blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField(_("eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checked_on = models.DateField(_("geprüft am"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    check_note = models.TextField(_("Prüfvermerk"), blank=True)

    objects = ProofQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verwendungsnachweis")
        verbose_name_plural = _("Verwendungsnachweise")
        ordering = ["-period_end", "organisation__name", "-version", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "decision", "kind", "period_start", "version"],
                name="proofs_version_once",
            )
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        if self.kind == ProofKind.QUARTERLY:
            return f"{label} {self.quarter}/{self.year}"
        return f"{label} {self.year}"

    @property
    def is_draft(self) -> bool:
        return self.status == ProofStatus.DRAFT


class CostSource(models.TextChoices):
    ENTERED = "entered", _("erfasst")
    IMPORTED = "imported", _("importiert")
    ADOPTED = "adopted", _("aus dem Nachweis des Weiterleitungsempfängers")


class CostLine(models.Model):
    """Actual personnel costs (employer's gross) of one funded position in one month."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="cost_lines")
    position = models.ForeignKey(
        "funding.FundedPosition",
        verbose_name=_("geförderte Stelle"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    month = models.DateField(_("Monat"))
    amount = models.DecimalField(_("Arbeitgeberbrutto (EUR)"), max_digits=12, decimal_places=2)
    source = models.CharField(max_length=10, choices=CostSource.choices)
    source_line = models.PositiveIntegerField(null=True, blank=True)

    objects = ProofQuerySet.as_manager()

    class Meta:
        ordering = ["month", "position_id", "id"]

    def __str__(self) -> str:
        return f"{self.position_id} {self.month:%m.%Y}: {self.amount}"


class Receipt(models.Model):
    """One line of the list of receipts (Belegliste, SPEC §4.3): date, payee, reason, amount."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="receipts")
    day = models.DateField(_("Datum"))
    payee = models.CharField(_("Empfänger"), max_length=200)
    reason = models.CharField(_("Grund der Zahlung"), max_length=300)
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=12, decimal_places=2)
    source = models.CharField(max_length=10, choices=CostSource.choices)

    objects = ProofQuerySet.as_manager()

    class Meta:
        ordering = ["day", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="proofs_receipt_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{format_date(self.day)} {self.amount}"


class PersonnelNumber(models.Model):
    """The payroll's personnel number of a funded position's holder, so a payroll export
    can be matched by number (kept per position, for every year's proof)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    position = models.OneToOneField(
        "funding.FundedPosition",
        verbose_name=_("geförderte Stelle"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    number = models.CharField(_("Personalnummer"), max_length=30)

    objects = ProofQuerySet.as_manager()

    class Meta:
        verbose_name = _("Personalnummer")
        verbose_name_plural = _("Personalnummern")

    def __str__(self) -> str:
        return f"{self.position_id}: {self.number}"
