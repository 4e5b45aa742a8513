"""Staff, qualification, trainings and employment (SPEC §3, issue 4).

Facts only: the qualification level, deadlines, coverage and every other status
are derived by ``lotse.staff.rules`` and never stored. Every record belongs to the
employing organisation (the recipient or final recipient, BW 3.2), which is
what scoping filters on.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.kernel.dates import format_date
from lotse.staff.rules.background import CheckOutcome
from lotse.staff.rules.common import StaffFunction
from lotse.staff.rules.qualification import (
    Category2017,
    EquivalenceProofKind,
    FieldOfStudy,
    SchoolLevel,
)
from lotse.staff.rules.supplementary import SupplementaryTopic


def _choices(enum) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]


FUNCTION_CHOICES = _choices(StaffFunction)
FIELD_CHOICES = _choices(FieldOfStudy)
PROOF_KIND_CHOICES = _choices(EquivalenceProofKind)
OUTCOME_CHOICES = _choices(CheckOutcome)
TOPIC_CHOICES = [(topic.value, f"{topic.value}) {topic.label}") for topic in SupplementaryTopic]
CATEGORY_2017_CHOICES = [
    (Category2017.B.value, _("VwV 2017 Nr. 4.2.2 Satz 1 Buchstabe b")),
    (Category2017.C.value, _("VwV 2017 Nr. 4.2.2 Satz 1 Buchstabe c")),
]
SCHOOL_LEVEL_CHOICES = [
    (SchoolLevel.LOWER.value, _("Hauptschulabschluss")),
    (SchoolLevel.INTERMEDIATE.value, _("mittlerer Bildungsabschluss")),
    (SchoolLevel.UPPER.value, _("Fachhochschulreife oder Abitur")),
]


class StaffQuerySet(TenantQuerySet):
    tenant_area = Area.STAFF


class Employee(models.Model):
    """A person employed in integration management (issue 4 item 1)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Arbeitgeber"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzerkonto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee_records",
    )
    first_name = models.CharField(_("Vorname"), max_length=100)
    last_name = models.CharField(_("Nachname"), max_length=100)
    function = models.CharField(_("Funktion"), max_length=30, choices=FUNCTION_CHOICES)
    hire_date = models.DateField(_("Aufnahme der Tätigkeit"))

    # Qualification facts (BW 4.1.1); the level is derived from them.
    degree_field = models.CharField(
        _("Studienfach"), max_length=40, choices=FIELD_CHOICES, blank=True
    )
    degree_field_name = models.CharField(
        _("Bezeichnung des Studienfachs"), max_length=200, blank=True
    )
    degree_foreign = models.BooleanField(_("Studienabschluss im Ausland erworben"), default=False)
    school_level = models.PositiveSmallIntegerField(
        _("Schulabschluss"), choices=SCHOOL_LEVEL_CHOICES, null=True, blank=True
    )
    school_foreign = models.BooleanField(_("Schulabschluss im Ausland erworben"), default=False)
    relevant_experience_documented = models.BooleanField(
        _("einschlägiges Erfahrungswissen nachgewiesen"), default=False
    )
    experience_note = models.TextField(_("Nachweis des Erfahrungswissens"), blank=True)
    category_2017 = models.CharField(
        _("eingestellt nach VwV Integrationsmanagement 2017"),
        max_length=1,
        choices=CATEGORY_2017_CHOICES,
        blank=True,
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beschäftigte Person")
        verbose_name_plural = _("Beschäftigte")
        ordering = ["last_name", "first_name", "id"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def function_enum(self) -> StaffFunction:
        return StaffFunction(self.function)


class EquivalenceProof(models.Model):
    """Proof that a foreign qualification is equivalent (BW 4.1.1.4, 4.2)."""

    DEGREE = "degree"
    SCHOOL = "school"
    QUALIFICATION_CHOICES = [(DEGREE, _("Studienabschluss")), (SCHOOL, _("Schulabschluss"))]

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="equivalence_proofs"
    )
    qualification = models.CharField(
        _("für"), max_length=10, choices=QUALIFICATION_CHOICES, default=DEGREE
    )
    kind = models.CharField(_("Verfahren"), max_length=30, choices=PROOF_KIND_CHOICES)
    issued_on = models.DateField(_("Datum des Nachweises"))
    document = models.FileField(_("Nachweis (Datei)"), upload_to="staff/equivalence/", blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gleichwertigkeitsnachweis")
        verbose_name_plural = _("Gleichwertigkeitsnachweise")
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({format_date(self.issued_on)})"


class SupplementaryTraining(models.Model):
    """One training towards the supplementary qualification (BW 4.1.2)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="supplementary_trainings"
    )
    title = models.CharField(_("Titel"), max_length=200)
    provider = models.CharField(_("Anbieter"), max_length=200)
    start = models.DateField(_("Beginn"))
    end = models.DateField(_("Ende"))
    days = models.DecimalField(_("Dauer in Tagen"), max_digits=5, decimal_places=1)
    # The letters a–i of BW 4.1.2.1, e.g. "abd".
    topics = models.CharField(_("Themen"), max_length=9)
    document = models.FileField(
        _("Teilnahmenachweis (Datei)"), upload_to="staff/supplementary/", blank=True
    )

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Schulung der Nachqualifizierung")
        verbose_name_plural = _("Schulungen der Nachqualifizierung")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def topic_set(self) -> frozenset[SupplementaryTopic]:
        return frozenset(SupplementaryTopic(letter) for letter in self.topics)


class TrainingOffer(models.Model):
    """A training (Fortbildung) the recipient offers its integration managers (BW 4.1.3)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("anbietende Organisation"),
        on_delete=models.PROTECT,
        related_name="training_offers",
    )
    topic = models.CharField(_("Thema"), max_length=200)
    date = models.DateField(_("Datum"))
    provider = models.CharField(_("Anbieter"), max_length=200)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fortbildung")
        verbose_name_plural = _("Fortbildungen")
        ordering = ["-date", "id"]

    def __str__(self) -> str:
        return self.topic


class TrainingParticipation(models.Model):
    """Who was offered a training, and whether they attended (BW 4.1.3)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    offer = models.ForeignKey(TrainingOffer, on_delete=models.CASCADE, related_name="participants")
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="training_participations"
    )
    attended = models.BooleanField(_("teilgenommen"), default=False)

    objects = StaffQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "employee"], name="staff_offer_once_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}/{self.employee_id}"


class BackgroundCheck(models.Model):
    """That, when and how the check of BW 4.3 was done."""

    ENHANCED_CERTIFICATE = "enhanced_certificate"
    CERTIFICATE = "certificate"
    DECLARATION = "declaration"
    OTHER = "other"
    METHOD_CHOICES = [
        (ENHANCED_CERTIFICATE, _("erweitertes Führungszeugnis")),
        (CERTIFICATE, _("Führungszeugnis")),
        (DECLARATION, _("schriftliche Erklärung der Person")),
        (OTHER, _("anderes geeignetes Verfahren")),
    ]

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="background_checks"
    )
    checked_on = models.DateField(_("geprüft am"))
    method = models.CharField(_("Verfahren"), max_length=30, choices=METHOD_CHOICES)
    outcome = models.CharField(_("Ergebnis"), max_length=20, choices=OUTCOME_CHOICES)
    checked_by = models.CharField(_("geprüft von"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Prüfung nach BW 4.3")
        verbose_name_plural = _("Prüfungen nach BW 4.3")
        ordering = ["checked_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} ({format_date(self.checked_on)})"


class EmploymentPeriod(models.Model):
    """One person in one position from ``start`` to ``end`` (BW 3.4, 5.5, 5.6).

    ``organisation`` is the employer, i.e. the recipient whose cover BW 3.4 checks.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Arbeitgeber"),
        on_delete=models.PROTECT,
        related_name="employment_periods",
    )
    employee = models.ForeignKey(
        Employee,
        verbose_name=_("Person"),
        on_delete=models.PROTECT,
        related_name="employment_periods",
    )
    position = models.CharField(
        _("Stelle"), max_length=100, help_text=_("Stellennummer oder -bezeichnung im Stellenplan.")
    )
    start = models.DateField(_("von"))
    end = models.DateField(_("bis"), null=True, blank=True)
    fte = models.DecimalField(_("Stellenumfang (VZÄ)"), max_digits=4, decimal_places=3)
    funded_fte = models.DecimalField(
        _("davon aus Fördermitteln (VZÄ)"), max_digits=4, decimal_places=3
    )
    mini_job = models.BooleanField(_("geringfügige Beschäftigung (Minijob)"), default=False)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beschäftigungszeit")
        verbose_name_plural = _("Beschäftigungszeiten")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="staff_employment_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(fte__gt=0, fte__lte=1),
                name="staff_employment_fte_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} ab {format_date(self.start)}"

    @property
    def own_funded_fte(self):
        return self.fte - self.funded_fte


class Interruption(models.Model):
    """Days on which a position is not worked, with the authority's consent (BW 3.4).

    Tied to an employment period (leave, illness) or, without one, to the recipient
    (a vacancy between a leaver and a successor).
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        EmploymentPeriod,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interruptions",
    )
    start = models.DateField(_("von"))
    end = models.DateField(_("bis"), null=True, blank=True)
    reason = models.CharField(_("Grund"), max_length=300)
    consent_given_on = models.DateField(
        _("Zustimmung der Bewilligungsstelle am"), null=True, blank=True
    )
    consent_reference = models.CharField(
        _("Aktenzeichen der Zustimmung"), max_length=100, blank=True
    )

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("Unterbrechung")
        verbose_name_plural = _("Unterbrechungen")
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.reason} ab {format_date(self.start)}"
