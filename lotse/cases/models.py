"""Case files: clients, consent, consultations, the counseling period, closure (SPEC §2).

Catalogues (residence status, consent purposes, topics, closure reasons) are
data, seeded by migration 0002 and maintained without code. Everything else
belongs to the organisation node that keeps the case and is read through
``for_user`` (lotse.core.tenancy). Health, disability and free-text notes are
encrypted in the application (lotse.core.encryption, SPEC §6).
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.cases.rules.period import ExtensionReason
from lotse.core.encryption import EncryptedTextField
from lotse.core.tenancy import Area, TenantQuerySet


class CatalogueEntry(models.Model):
    """A maintained list entry: a stable code for code and reports, a German label."""

    code = models.SlugField(_("Kennung"), max_length=40, unique=True)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    sort = models.PositiveSmallIntegerField(_("Reihenfolge"), default=100)
    active = models.BooleanField(_("auswählbar"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort", "label"]

    def __str__(self) -> str:
        return self.label


class ResidenceStatus(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Aufenthaltsstatus")
        verbose_name_plural = _("Aufenthaltsstatus")


class ConsentPurpose(CatalogueEntry):
    # A valid consent must cover every purpose marked here (BW 4.1.4 f).
    required = models.BooleanField(_("für jede Einwilligung nötig"), default=False)
    # Art. 9 (2) a DSGVO: health and disability need explicit consent for that purpose.
    covers_special_categories = models.BooleanField(
        _("deckt Gesundheit und Behinderung"), default=False
    )

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Zweck der Einwilligung")
        verbose_name_plural = _("Zwecke der Einwilligung")


class ConsultationTopic(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Beratungsthema")
        verbose_name_plural = _("Beratungsthemen")


class ClosureReason(CatalogueEntry):
    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Abschlussgrund")
        verbose_name_plural = _("Abschlussgründe")


class CaseQuerySet(TenantQuerySet):
    tenant_area = Area.CASES


class Household(models.Model):
    """Clients living together; identified by a reference, never by a name."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Haushalt")
        verbose_name_plural = _("Haushalte")

    def __str__(self) -> str:
        return f"H-{self.pk}"


class Gender(models.TextChoices):
    FEMALE = "female", _("weiblich")
    MALE = "male", _("männlich")
    DIVERSE = "diverse", _("divers")
    NOT_STATED = "not_stated", _("keine Angabe")


# The fields that need a valid consent (BW 4.1.4 f). The stub (case number,
# municipality, initials, year of birth) does not.
PERSONAL_FIELDS = (
    "given_names",
    "family_name",
    "given_names_latin",
    "family_name_latin",
    "birth_date",
    "gender",
    "country_of_origin",
    "nationalities",
    "languages",
    "residence_status",
    "arrival_date",
    "follow_up_accommodation_date",
    "address",
    "phone",
    "email",
    "health",
    "disability",
)
SPECIAL_CATEGORY_FIELDS = ("health", "disability")


class Client(models.Model):
    """A refugee counselled by a case manager (SPEC §2.1)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("fallführende Stelle"),
        on_delete=models.PROTECT,
        related_name="clients",
    )
    municipality = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Wohnort (Gemeinde)"),
        on_delete=models.PROTECT,
        related_name="resident_clients",
    )
    case_number = models.CharField(_("Fallnummer"), max_length=30)
    initials = models.CharField(_("Initialen"), max_length=4)
    birth_year = models.PositiveSmallIntegerField(_("Geburtsjahr"))
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Integrationsmanager:in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clients",
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("Haushalt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    # Only with a valid consent (services.client_personal_data_update).
    given_names = models.CharField(_("Vornamen (Originalschrift)"), max_length=150, blank=True)
    family_name = models.CharField(_("Familienname (Originalschrift)"), max_length=150, blank=True)
    given_names_latin = models.CharField(
        _("Vornamen (lateinische Schrift)"), max_length=150, blank=True
    )
    family_name_latin = models.CharField(
        _("Familienname (lateinische Schrift)"), max_length=150, blank=True
    )
    # PartialDate.iso(): "1990", "1990-05" or "1990-05-17".
    birth_date = models.CharField(_("Geburtsdatum"), max_length=10, blank=True)
    gender = models.CharField(_("Geschlecht"), max_length=12, choices=Gender.choices, blank=True)
    country_of_origin = models.CharField(_("Herkunftsland"), max_length=100, blank=True)
    nationalities = models.CharField(_("Staatsangehörigkeiten"), max_length=200, blank=True)
    languages = models.CharField(_("Sprachen"), max_length=200, blank=True)
    residence_status = models.ForeignKey(
        ResidenceStatus,
        verbose_name=_("Aufenthaltsstatus"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    arrival_date = models.DateField(_("Einreise"), null=True, blank=True)
    follow_up_accommodation_date = models.DateField(
        _("Einzug in die Anschlussunterbringung"), null=True, blank=True
    )
    address = models.TextField(_("Anschrift / Unterkunft"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    health = EncryptedTextField(_("Gesundheit"), blank=True)
    disability = EncryptedTextField(_("Behinderung"), blank=True)

    # Optimistic locking (issue 3 item 15): every save of the client raises it.
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Consent withdrawn (SPEC §2.1): processing stops, the case awaits erasure.
    restricted_on = models.DateField(_("eingeschränkt seit"), null=True, blank=True)
    erasure_due_on = models.DateField(_("Löschung fällig ab"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Klient:in")
        verbose_name_plural = _("Klient:innen")
        ordering = ["case_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "case_number"], name="client_case_number_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["case_manager", "organisation"])]

    def __str__(self) -> str:
        return self.case_number

    @property
    def display_name(self) -> str:
        latin = " ".join(part for part in (self.given_names_latin, self.family_name_latin) if part)
        return latin or " ".join(p for p in (self.given_names, self.family_name) if p)


def _signed_form_path(instance, filename: str) -> str:
    # A random name: the client's name never reaches the file system.
    suffix = PurePosixPath(filename).suffix.lower()[:5]
    return f"consent/{uuid.uuid4().hex}{suffix}"


class Consent(models.Model):
    """The client's consent to record personal data (BW 4.1.4 f, SPEC §2.1)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consents")
    purposes = models.ManyToManyField(ConsentPurpose, verbose_name=_("Zwecke"))
    given_on = models.DateField(_("Datum der Einwilligung"))
    explained_in = models.CharField(_("erklärt in der Sprache"), max_length=100)
    interpreter = models.CharField(
        _("Dolmetscher:in"),
        max_length=150,
        blank=True,
        help_text=_("Name oder Dienst, falls gedolmetscht wurde."),
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aufgenommen von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_form = models.FileField(
        _("unterschriebenes Formular"), upload_to=_signed_form_path, blank=True
    )
    signed_form_type = models.CharField(max_length=40, blank=True, editable=False)
    withdrawn_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    withdrawal_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"Einwilligung {self.pk}"


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("persönlich")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")


class Consultation(models.Model):
    """A consultation; the first is the initial one (BW 4.1.4 a) and starts the period (BW 4.1.5)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="consultations")
    is_initial = models.BooleanField(_("Erstberatungsgespräch"), default=False)
    held_on = models.DateField(_("Datum"))
    duration_minutes = models.PositiveSmallIntegerField(_("Dauer in Minuten"))
    place = models.CharField(_("Ort"), max_length=150, blank=True)
    channel = models.CharField(_("Form"), max_length=12, choices=Channel.choices)
    language = models.CharField(_("Sprache"), max_length=100, blank=True)
    interpreter = models.BooleanField(_("mit Dolmetscher:in"), default=False)
    topics = models.ManyToManyField(ConsultationTopic, verbose_name=_("Themen"), blank=True)
    notes = EncryptedTextField(_("Gesprächsnotizen"), blank=True)
    next_steps = EncryptedTextField(_("Vereinbarte nächste Schritte"), blank=True)
    next_appointment = models.DateField(_("Nächster Termin"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beratungsgespräch")
        verbose_name_plural = _("Beratungsgespräche")
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(is_initial=True),
                name="one_initial_consultation_per_client",
            )
        ]

    def __str__(self) -> str:
        return f"Gespräch {self.pk}"


class Decision(models.TextChoices):
    PENDING = "pending", _("beantragt")
    APPROVED = "approved", _("genehmigt")
    REFUSED = "refused", _("abgelehnt")


class CounselingExtension(models.Model):
    """A request to extend the counseling period by up to a year (BW 4.1.5)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="extensions")
    reason = models.CharField(
        _("Grund"),
        max_length=24,
        choices=[(reason.value, reason.label) for reason in ExtensionReason],
    )
    # May name a diagnosis: encrypted like the health field.
    justification = EncryptedTextField(_("Begründung"))
    until = models.DateField(_("verlängert bis"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField(_("beantragt am"))
    decision = models.CharField(
        _("Entscheidung"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("entschieden am"), null=True, blank=True)
    decision_note = models.CharField(_("Anmerkung zur Entscheidung"), max_length=500, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verlängerung des Beratungszeitraums")
        verbose_name_plural = _("Verlängerungen des Beratungszeitraums")
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Verlängerung {self.pk}"


class Closure(models.Model):
    """The end of a case with a reason (SPEC §2.2 no. 7); a team lead may reopen it."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="closures")
    reason = models.ForeignKey(ClosureReason, verbose_name=_("Grund"), on_delete=models.PROTECT)
    closed_on = models.DateField(_("abgeschlossen am"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_on = models.DateField(_("wiedereröffnet am"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fallabschluss")
        verbose_name_plural = _("Fallabschlüsse")
        ordering = ["closed_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(reopened_on__isnull=True),
                name="one_open_closure_per_client",
            )
        ]

    def __str__(self) -> str:
        return f"Abschluss {self.pk}"
