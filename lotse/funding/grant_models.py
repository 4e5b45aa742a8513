"""Grant files (SPEC §4.2–4.3, issue 5 items 3–5): decisions, contracts, positions, money.

Every row belongs to one organisation node (``GrantQuerySet``, ``Area.GRANTS``):
a decision and a pass-through contract to the recipient that holds them (the
county), an allocation, a position and a payment request to the sub-recipient
it concerns, so the town's grants officer sees its own part and the county's
sees all. Imported by ``lotse.funding.models``; the rules are in
``lotse.funding.rules``.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.funding.rules.contracts import annual_amount, decision_gaps
from lotse.kernel.dates import format_date


class GrantQuerySet(TenantQuerySet):
    tenant_area = Area.GRANTS


def _org(verbose_name, related_name="+", **extra):
    return models.ForeignKey(
        "organisations.Organisation",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **extra,
    )


class GrantDecision(models.Model):
    """A grant decision (Zuwendungsbescheid). Gaps are allowed: it is then a draft (KIM §2(3)a)."""

    organisation = _org(_("Zuwendungsempfänger"), "grant_decisions")
    authority = _org(_("Bewilligungsbehörde"), null=True, blank=True)
    programme = models.ForeignKey(
        "funding.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
    )
    decided_on = models.DateField(_("Datum des Bescheids"), null=True, blank=True)
    file_number = models.CharField(_("Aktenzeichen"), max_length=100, blank=True)
    period_start = models.DateField(_("Bewilligungszeitraum von"), null=True, blank=True)
    period_end = models.DateField(_("Bewilligungszeitraum bis"), null=True, blank=True)
    amount = models.DecimalField(
        _("bewilligter Betrag (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fte = models.DecimalField(
        _("Stellenumfang (VZÄ)"), max_digits=7, decimal_places=3, null=True, blank=True
    )
    follows = models.ForeignKey(
        "self",
        verbose_name=_("Anschlussbescheid zu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
        help_text=_("Verlängert die Laufzeit der Weiterleitungsverträge (KIM § 15 Abs. 1)."),
    )
    note = models.TextField(_("Bemerkung"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuwendungsbescheid")
        verbose_name_plural = _("Zuwendungsbescheide")
        ordering = ["-period_start", "id"]

    def __str__(self) -> str:
        programme = self.programme.name if self.programme_id else _("Programm offen")
        when = format_date(self.decided_on) if self.decided_on else _("Datum offen")
        years = ""
        if self.period_start:
            end = self.period_end.year if self.period_end else "…"
            years = (
                f" ({self.period_start.year})"
                if end == self.period_start.year
                else f" ({self.period_start.year}–{end})"
            )
        return f"{programme} – {_('Bescheid vom')} {when}{years}"

    @property
    def gaps(self) -> list[tuple[str, str]]:
        return decision_gaps(
            {
                "authority": self.authority_id,
                "decided_on": self.decided_on,
                "file_number": self.file_number,
                "programme": self.programme_id,
                "period_start": self.period_start,
                "period_end": self.period_end,
                "amount": self.amount,
                "fte": self.fte,
            }
        )

    @property
    def is_draft(self) -> bool:
        return bool(self.gaps)


class GrantDecisionChange(models.Model):
    """A change of a decision's amount or FTE (Änderungsbescheid), kept with the old values."""

    organisation = _org(_("Zuwendungsempfänger"))
    decision = models.ForeignKey(GrantDecision, on_delete=models.CASCADE, related_name="changes")
    effective_from = models.DateField(_("wirksam ab"))
    file_number = models.CharField(
        _("Aktenzeichen des Änderungsbescheids"), max_length=100, blank=True
    )
    old_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    new_amount = models.DecimalField(max_digits=14, decimal_places=2, null=True)
    old_fte = models.DecimalField(max_digits=7, decimal_places=3, null=True)
    new_fte = models.DecimalField(max_digits=7, decimal_places=3, null=True)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.old_amount} → {self.new_amount} ab {self.effective_from}"


class PassThroughContract(models.Model):
    """A pass-through contract (Weiterleitungsvertrag) of the recipient with its sub-recipients."""

    organisation = _org(_("Zuwendungsempfänger"), "pass_through_contracts")
    title = models.CharField(_("Bezeichnung"), max_length=300)
    concluded_on = models.DateField(_("Ursprungsvertrag vom"), null=True, blank=True)
    decisions = models.ManyToManyField(
        GrantDecision,
        verbose_name=_("Zuwendungsbescheide (Vertragsbestandteile)"),
        blank=True,
        related_name="contracts",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Weiterleitungsvertrag")
        verbose_name_plural = _("Weiterleitungsverträge")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Vorschlag")
    IN_FORCE = "in_force", _("in Kraft")
    DISCARDED = "discarded", _("verworfen")


class ContractVersion(models.Model):
    """One version of the contract: 0 = the original, n = the n-th amendment (KIM §14).

    Versions in force are never changed; a change is a new version. A proposal
    (KIM §7(3)) has no number until the grants officer accepts it.
    """

    organisation = _org(_("Zuwendungsempfänger"))
    contract = models.ForeignKey(
        PassThroughContract, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("Nummer der Änderung"), null=True, blank=True)
    status = models.CharField(_("Status"), max_length=12, choices=VersionStatus.choices)
    effective_from = models.DateField(_("in Kraft ab"))
    term_end = models.DateField(
        _("Laufzeit bis"),
        null=True,
        blank=True,
        help_text=_("Ende des Bewilligungszeitraums; verlängert sich mit dem Anschlussbescheid."),
    )
    rate = models.DecimalField(
        _("Satz je 1,0 VZÄ und Kalenderjahr (EUR)"), max_digits=12, decimal_places=2
    )
    signed_on = models.DateField(_("unterzeichnet am"), null=True, blank=True)
    note = models.TextField(_("Bemerkung"), blank=True)
    source_change = models.ForeignKey(
        GrantDecisionChange,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    explanation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Vertragsfassung")
        verbose_name_plural = _("Vertragsfassungen")
        ordering = ["contract", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"],
                condition=models.Q(number__isnull=False),
                name="funding_contract_version_number_once",
            )
        ]

    def __str__(self) -> str:
        if self.number is None:
            return str(_("Änderungsvorschlag"))
        if self.number == 0:
            return str(_("Ursprungsvertrag"))
        return str(_("%(n)s. Änderung")) % {"n": self.number}

    def annual_rows(self) -> list[tuple["ContractAllocation", Decimal]]:
        """Each allocation with what it passes on in a full calendar year (KIM §6)."""
        return [
            (allocation, annual_amount(rate=self.rate, fte=allocation.fte))
            for allocation in self.allocations.all()
        ]

    @property
    def annual_total(self) -> Decimal:
        return sum((amount for _allocation, amount in self.annual_rows()), Decimal(0))


class ContractAllocation(models.Model):
    """FTE of one Baustein for one sub-region, passed on to one recipient (KIM §4(1))."""

    organisation = _org(_("Weiterleitungsempfänger"), "contract_allocations")
    version = models.ForeignKey(
        ContractVersion, on_delete=models.CASCADE, related_name="allocations"
    )
    programme = models.ForeignKey(
        "funding.Programme", verbose_name=_("Baustein"), on_delete=models.PROTECT, related_name="+"
    )
    region = _org(_("Teilregion"), null=True, blank=True)
    fte = models.DecimalField(_("VZÄ"), max_digits=7, decimal_places=3)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["programme__sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.key}: {self.fte}"

    @property
    def key(self) -> str:
        region = self.region.name if self.region_id else "-"
        return f"{self.programme.slug}/{region}/{self.organisation.name}"


class ContractNotice(models.Model):
    """Notice of a party (KIM §15(2)); the contract ends on ``ends_on``."""

    organisation = _org(_("Zuwendungsempfänger"))
    contract = models.ForeignKey(
        PassThroughContract, on_delete=models.CASCADE, related_name="notices"
    )
    party = _org(_("kündigende Partei"))
    given_on = models.DateField(_("Kündigung zugegangen am"))
    reasons = models.TextField(_("Gründe"))
    ends_on = models.DateField(_("Vertrag endet am"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.contract_id} gekündigt am {format_date(self.given_on)}"


class FundedPosition(models.Model):
    """A funded position, backed by an employment period from the staff module (issue 5 item 4)."""

    organisation = _org(_("Arbeitgeber"), "funded_positions")
    employment_period = models.ForeignKey(
        "staff.EmploymentPeriod",
        verbose_name=_("Beschäftigungszeit"),
        on_delete=models.PROTECT,
        related_name="funded_positions",
    )
    programme = models.ForeignKey(
        "funding.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.ForeignKey(
        GrantDecision,
        verbose_name=_("Zuwendungsbescheid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="positions",
    )
    qualification_level = models.CharField(
        _("Qualifikationsstufe"),
        max_length=4,
        blank=True,
        help_text=_("Nur für Programme mit Sätzen nach Qualifikationsstufe (BW 9.1.4, 9.1.8)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("geförderte Stelle")
        verbose_name_plural = _("geförderte Stellen")
        ordering = ["organisation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["employment_period", "programme"], name="funding_position_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employment_period.position} ({self.programme.slug})"


class PaymentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("angefordert")
    APPROVED = "approved", _("freigegeben")
    PAID = "paid", _("ausgezahlt")
    REJECTED = "rejected", _("abgelehnt")


class PaymentRequest(models.Model):
    """A payment request (Mittelabruf) by a (sub-)recipient against a grant decision (KIM §6)."""

    organisation = _org(_("anfordernde Stelle"), "payment_requests")
    decision = models.ForeignKey(
        GrantDecision,
        verbose_name=_("Zuwendungsbescheid"),
        on_delete=models.PROTECT,
        related_name="payment_requests",
    )
    amount = models.DecimalField(_("angeforderter Betrag (EUR)"), max_digits=14, decimal_places=2)
    payout_date = models.DateField(_("gewünschte Auszahlung am"))
    earlier_use = models.TextField(_("Verwendung der bisher ausgezahlten Teilbeträge"), blank=True)
    status = models.CharField(
        _("Status"), max_length=12, choices=PaymentStatus.choices, default=PaymentStatus.SUBMITTED
    )
    check_explanation = models.TextField(blank=True)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("Vermerk"), blank=True)
    paid_on = models.DateField(_("ausgezahlt am"), null=True, blank=True)
    paid_amount = models.DecimalField(
        _("ausgezahlter Betrag (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="funding_request_positive"
            )
        ]

    def __str__(self) -> str:
        return f"Mittelabruf {self.pk} über {self.amount} EUR"


class PlannedPaymentLine(models.Model):
    """A payment the requester plans within two months of the payout (ANBest-P Nr. 1.4)."""

    organisation = _org(_("anfordernde Stelle"))
    request = models.ForeignKey(
        PaymentRequest, on_delete=models.CASCADE, related_name="planned_payments"
    )
    due = models.DateField(_("fällig am"))
    amount = models.DecimalField(_("Betrag (EUR)"), max_digits=14, decimal_places=2)
    purpose = models.CharField(_("Zweck"), max_length=200, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]

    def __str__(self) -> str:
        return f"{format_date(self.due)}: {self.amount} EUR"


class Settlement(models.Model):
    """The settlement of a recipient's year under a decision (issue 5 item 7; KIM §8, BW 8.3)."""

    organisation = _org(_("abgerechnete Stelle"), "settlements")
    decision = models.ForeignKey(
        GrantDecision, on_delete=models.PROTECT, related_name="settlements"
    )
    year = models.PositiveSmallIntegerField(_("Jahr"))
    programme_amount = models.DecimalField(
        _("Betrag nach dem Förderprogramm (EUR)"), max_digits=14, decimal_places=2
    )
    eligible_costs = models.DecimalField(
        _("zuwendungsfähige Ist-Ausgaben (EUR)"), max_digits=14, decimal_places=2
    )
    paid = models.DecimalField(_("ausgezahlt (EUR)"), max_digits=14, decimal_places=2)
    entitlement = models.DecimalField(_("Anspruch (EUR)"), max_digits=14, decimal_places=2)
    overpayment = models.DecimalField(_("Überzahlung (EUR)"), max_digits=14, decimal_places=2)
    settled_on = models.DateField(_("abgerechnet am"))
    explanation = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "organisation", "year"], name="funding_settlement_once"
            )
        ]

    def __str__(self) -> str:
        return f"Abrechnung {self.year} ({self.decision_id}/{self.organisation_id})"


class RecoveryClaim(models.Model):
    """A recovery claim (Rückforderung), with § 49a interest from ``interest_from``.

    ``passed_on_from``: the county passes the authority's claim on to a
    sub-recipient (KIM §11, "im Wege des Regresses").
    """

    organisation = _org(_("Schuldner"), "recovery_claims")
    decision = models.ForeignKey(
        GrantDecision, on_delete=models.PROTECT, related_name="recovery_claims"
    )
    settlement = models.ForeignKey(
        Settlement, null=True, blank=True, on_delete=models.PROTECT, related_name="claims"
    )
    passed_on_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="passed_on"
    )
    amount = models.DecimalField(_("Rückforderung (EUR)"), max_digits=14, decimal_places=2)
    interest_from = models.DateField(
        _("verzinst ab"),
        help_text=_("Tag, ab dem der Bescheid unwirksam ist (§ 49a Abs. 3 VwVfG)."),
    )
    note = models.TextField(_("Bemerkung"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_claim_positive")
        ]

    def __str__(self) -> str:
        return f"Rückforderung {self.pk} über {self.amount} EUR"
