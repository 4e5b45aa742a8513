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
from lotse.core.tenancy import Area, RegionalQuerySet, TenantQuerySet


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


class ServiceKind(CatalogueEntry):
    """What kind of body a service is; consent purposes name the kinds they cover."""

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Art der Stelle")
        verbose_name_plural = _("Arten von Stellen")


class ConsentPurpose(CatalogueEntry):
    # A valid consent must cover every purpose marked here (BW 4.1.4 f).
    required = models.BooleanField(_("für jede Einwilligung nötig"), default=False)
    # Art. 9 (2) a DSGVO: health and disability need explicit consent for that purpose.
    covers_special_categories = models.BooleanField(
        _("deckt Gesundheit und Behinderung"), default=False
    )
    # Passing data to a kind of service needs a purpose that covers it (BW 4.1.6.2: no
    # passing on to authorities and other bodies beyond the purpose; BW 4.1.4 c–d).
    service_kinds = models.ManyToManyField(
        ServiceKind,
        verbose_name=_("erlaubt die Weitergabe an"),
        blank=True,
        related_name="purposes",
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


class CaseRecord(models.Model):
    """Base of every case record: it belongs to the node that keeps the case and
    is read only through CaseQuerySet.for_user (tenant isolation, Area.CASES)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        abstract = True


class Household(CaseRecord):
    """Clients living together; identified by a reference, never by a name."""

    created_at = models.DateTimeField(auto_now_add=True)

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

    # Issue 3 item 11: the canonical words of all name forms (rules.names.name_index),
    # kept by services.client_personal_data_update, so the list searches names in any
    # script in SQL. Derived from the names above; erased with them.
    name_keys = models.TextField(blank=True, default="", editable=False)

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


class Consent(CaseRecord):
    """The client's consent to record personal data (BW 4.1.4 f, SPEC §2.1)."""

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


class Consultation(CaseRecord):
    """A consultation; the first is the initial one (BW 4.1.4 a) and starts the period (BW 4.1.5)."""

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

    class Meta:
        verbose_name = _("Beratungsgespräch")
        verbose_name_plural = _("Beratungsgespräche")
        ordering = ["held_on", "id"]
        # Case start/end per client in the indicator queries (docs/indicators.md, measured).
        indexes = [models.Index(fields=["client", "held_on"], name="cases_consult_client_held")]
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


class CounselingExtension(CaseRecord):
    """A request to extend the counseling period by up to a year (BW 4.1.5)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="extensions")
    reason = models.CharField(
        _("Grund"),
        max_length=24,
        choices=[(reason.value, _(reason.label)) for reason in ExtensionReason],
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

    class Meta:
        verbose_name = _("Verlängerung des Beratungszeitraums")
        verbose_name_plural = _("Verlängerungen des Beratungszeitraums")
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Verlängerung {self.pk}"


class Closure(CaseRecord):
    """The end of a case with a reason (SPEC §2.2 no. 7); a team lead may reopen it."""

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


# --- Integration plan (BW 4.1.4 f–g, 4.1.6) -------------------------------------------------


class LifeArea(models.TextChoices):
    LANGUAGE = "language", _("Sprache")
    EDUCATION = "education", _("Bildung und Ausbildung")
    WORK = "work", _("Arbeit")
    HOUSING = "housing", _("Wohnen")
    HEALTH = "health", _("Gesundheit")
    FAMILY = "family", _("Familie")
    PARTICIPATION = "participation", _("Teilhabe")
    RESIDENCE = "residence", _("Aufenthalt")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("offen")
    IN_PROGRESS = "in_progress", _("in Arbeit")
    REACHED = "reached", _("erreicht")
    PARTLY_REACHED = "partly_reached", _("teilweise erreicht")
    NOT_REACHED = "not_reached", _("nicht erreicht")
    DROPPED = "dropped", _("verworfen")


OPEN_GOAL_STATUSES = (GoalStatus.OPEN, GoalStatus.IN_PROGRESS)


class LanguageLevel(models.TextChoices):
    # CEFR levels (SPEC §2.2: BW 4.1.6.2 b, "Sprachkompetenz").
    NONE = "none", _("keine Deutschkenntnisse")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


# The section fields of the plan (BW 4.1.6.2) in form order; f is the goals.
PLAN_FIELDS = (
    "personal",
    "language_level",
    "language",
    "education",
    "work",
    "housing",
    "started_on",
    "progress",
    "ended_on",
    "review_on",
    "notes",
    "predates_regulation",
)


class IntegrationPlan(CaseRecord):
    """The client's integration plan (BW 4.1.6): one per client, every save a version."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="plan")
    personal = EncryptedTextField(_("a) Persönliche Angaben"), blank=True)
    language_level = models.CharField(
        _("b) Sprachniveau Deutsch (GER)"), max_length=4, choices=LanguageLevel.choices, blank=True
    )
    language = EncryptedTextField(_("b) Sprachkompetenz, Kurse"), blank=True)
    education = EncryptedTextField(
        _("c) Bildung und Ausbildung (auch Anerkennung ausländischer Abschlüsse)"), blank=True
    )
    work = EncryptedTextField(_("d) Arbeitssituation"), blank=True)
    housing = EncryptedTextField(_("e) Wohnsituation"), blank=True)
    started_on = models.DateField(_("g) Beginn des Plans"))
    progress = EncryptedTextField(_("g) Verlaufsstand"), blank=True)
    ended_on = models.DateField(_("g) Beendigung des Plans"), null=True, blank=True)
    review_on = models.DateField(_("Nächste Überprüfung"), null=True, blank=True)
    notes = EncryptedTextField(_("Weitere Notizen zum Plan"), blank=True)
    # BW 4.1.6.3: written before the regulation; usable, but missing contents are added.
    predates_regulation = models.BooleanField(
        _("vor Inkrafttreten der VwV erstellt (BW 4.1.6.3)"), default=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    changed_at = models.DateTimeField(editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("Integrationsplan")
        verbose_name_plural = _("Integrationspläne")

    def __str__(self) -> str:
        return f"Integrationsplan {self.pk}"


class PlanGoal(CaseRecord):
    """A concrete goal in one life area with its steps (BW 4.1.6.2 f)."""

    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="goals")
    life_area = models.CharField(_("Lebensbereich"), max_length=16, choices=LifeArea.choices)
    goal = EncryptedTextField(_("Ziel"))
    steps = EncryptedTextField(_("Schritte"), blank=True)
    responsible = models.CharField(_("Verantwortlich"), max_length=150, blank=True)
    due_on = models.DateField(_("Zieldatum"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=16, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    review_on = models.DateField(_("Überprüfung am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Ziel im Integrationsplan")
        verbose_name_plural = _("Ziele im Integrationsplan")
        ordering = ["life_area", "id"]

    def __str__(self) -> str:
        return f"Ziel {self.pk}"


class PlanVersion(CaseRecord):
    """One saved state of a plan (BW 4.1.4 g: carried forward; every version is kept)."""

    plan = models.ForeignKey(IntegrationPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    created_at = models.DateTimeField(_("gespeichert am"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gespeichert von"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Field labels only, no content: shown in the version list.
    summary = models.CharField(_("geändert"), max_length=500)
    # The whole plan with its goals as JSON; it holds personal data, so encrypted.
    snapshot = EncryptedTextField()

    class Meta:
        verbose_name = _("Version des Integrationsplans")
        verbose_name_plural = _("Versionen des Integrationsplans")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


# --- Referrals to mainstream services (BW 4.1.4 c–d, KIM §3(2)d) ----------------------------


class Service(CatalogueEntry):
    """A mainstream service or local provider referrals go to (BW 4.1.4 c–d).

    Without an organisation the entry applies everywhere (maintained at state level);
    a local provider belongs to a region and is offered only there
    (lotse.core.tenancy.RegionalQuerySet).
    """

    kind = models.ForeignKey(ServiceKind, verbose_name=_("Art"), on_delete=models.PROTECT)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gilt für"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
        help_text=_("Leer: überall auswählbar. Sonst nur in dieser Region."),
    )
    address = models.TextField(_("Anschrift"), blank=True)
    contact = models.CharField(
        _("Kontakt"),
        max_length=200,
        blank=True,
        help_text=_("Telefon, E-Mail oder Ansprechstelle der Einrichtung, keine Privatpersonen."),
    )
    website = models.URLField(_("Website"), blank=True)

    objects = RegionalQuerySet.as_manager()

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Regeldienst oder Angebot")
        verbose_name_plural = _("Regeldienste und Angebote")


class ReferralStatusChoice(models.TextChoices):
    SENT = "sent", _("vermittelt")
    ACCEPTED = "accepted", _("angenommen")
    WAITING = "waiting", _("Warteliste")
    DECLINED = "declined", _("abgelehnt")
    NO_SHOW = "no_show", _("nicht wahrgenommen")
    COMPLETED = "completed", _("abgeschlossen")


class Referral(CaseRecord):
    """A referral of the client to a service, with its result (KIM §3(2)d)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="referrals")
    service = models.ForeignKey(Service, verbose_name=_("Ziel"), on_delete=models.PROTECT)
    referred_on = models.DateField(_("Datum der Vermittlung"))
    reason = EncryptedTextField(_("Anlass"))
    goal = models.ForeignKey(
        PlanGoal,
        verbose_name=_("Ziel im Integrationsplan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    status = models.CharField(
        _("Stand"),
        max_length=12,
        choices=ReferralStatusChoice.choices,
        default=ReferralStatusChoice.SENT,
    )
    status_on = models.DateField(_("Stand vom"))
    # Since when it waits for a result: the referral date, or the day it was reopened.
    open_since = models.DateField()
    outcome = EncryptedTextField(_("Ergebnis"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vermittlung")
        verbose_name_plural = _("Vermittlungen")
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"Vermittlung {self.pk}"


class ReferralEvent(CaseRecord):
    """One step in a referral's status history; reopening is a step with a note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("Stand"), max_length=12, choices=ReferralStatusChoice.choices)
    on = models.DateField(_("Datum"))
    reopened = models.BooleanField(_("wiedereröffnet"), default=False)
    note = EncryptedTextField(_("Notiz"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stand einer Vermittlung")
        verbose_name_plural = _("Verlauf der Vermittlungen")
        ordering = ["on", "id"]
        # The latest status per referral as of a day (indicators, worklist).
        indexes = [models.Index(fields=["referral", "on"], name="cases_refevent_referral_on")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.on})"


# --- Re-assessment (KIM §3(2)c) --------------------------------------------------------------


class Reassessment(CaseRecord):
    """A structured review of the needs per life area and of goal attainment (KIM §3(2)c)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="reassessments")
    held_on = models.DateField(_("Datum"))
    note = EncryptedTextField(_("Einschätzung"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Re-Assessment")
        verbose_name_plural = _("Re-Assessments")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Re-Assessment {self.pk}"


class ReassessmentRating(CaseRecord):
    """One life area's situation at the start and now, 1–5 (rules.reassessment.SCALE)."""

    reassessment = models.ForeignKey(Reassessment, on_delete=models.CASCADE, related_name="ratings")
    life_area = models.CharField(_("Lebensbereich"), max_length=16, choices=LifeArea.choices)
    at_start = models.PositiveSmallIntegerField(_("zu Beginn"))
    now = models.PositiveSmallIntegerField(_("heute"))

    class Meta:
        verbose_name = _("Einschätzung eines Lebensbereichs")
        verbose_name_plural = _("Einschätzungen der Lebensbereiche")
        ordering = ["life_area"]
        constraints = [
            models.UniqueConstraint(
                fields=["reassessment", "life_area"], name="one_rating_per_life_area"
            ),
            models.CheckConstraint(
                condition=models.Q(at_start__gte=1, at_start__lte=5, now__gte=1, now__lte=5),
                name="rating_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_life_area_display()}: {self.at_start} → {self.now}"


# --- Structural problems ("generative Themen") -----------------------------------------------


class BarrierTheme(CatalogueEntry):
    """A barrier outside the case (no course places, housing shortage, waiting times …)."""

    # Added by a case manager from a case, not yet looked at by an administrator.
    proposed = models.BooleanField(_("von Fallführung vorgeschlagen"), default=False)

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("Strukturelles Thema")
        verbose_name_plural = _("Strukturelle Themen")


class AggregateQuerySet(TenantQuerySet):
    # Rows read only to be counted (SPEC §5): the coordinating office sees counts, no rows.
    tenant_area = Area.AGGREGATES


class CaseBarrier(models.Model):
    """A structural barrier noted in a case; counted per theme, municipality and month.

    Declares its own fields instead of inheriting CaseRecord because it adds a
    second manager for the anonymous counts, which the migrations record as is.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("Organisation"), on_delete=models.PROTECT
    )

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="barriers")
    theme = models.ForeignKey(BarrierTheme, verbose_name=_("Thema"), on_delete=models.PROTECT)
    noted_on = models.DateField(_("festgestellt am"))
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CaseQuerySet.as_manager()
    for_counting = AggregateQuerySet.as_manager()

    class Meta:
        verbose_name = _("Strukturelles Thema im Fall")
        verbose_name_plural = _("Strukturelle Themen in Fällen")
        ordering = ["-noted_on", "-id"]

    def __str__(self) -> str:
        return f"Thema {self.pk}"


# --- Case conferences (KIM §3(2)b) -----------------------------------------------------------


class LegalDomain(models.TextChoices):
    # The legal domains whose services meet in a case conference (SPEC §2.2 no. 5).
    SGB_II = "sgb2", _("SGB II (Grundsicherung für Arbeitsuchende)")
    SGB_III = "sgb3", _("SGB III (Arbeitsförderung)")
    SGB_VIII = "sgb8", _("SGB VIII (Kinder- und Jugendhilfe)")
    SGB_XII = "sgb12", _("SGB XII (Sozialhilfe)")
    ASYLBLG = "asylblg", _("AsylbLG (Asylbewerberleistungsgesetz)")
    AUFENTHG = "aufenthg", _("AufenthG (Aufenthaltsrecht)")
    OTHER = "other", _("anderer Rechtskreis oder keiner")


class CaseConference(CaseRecord):
    """A case conference or help-plan meeting across legal domains (KIM §3(2)b)."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="conferences")
    held_on = models.DateField(_("Datum"))
    agenda = EncryptedTextField(_("Tagesordnung"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Fallkonferenz")
        verbose_name_plural = _("Fallkonferenzen")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Fallkonferenz {self.pk}"


class ConferenceParticipant(CaseRecord):
    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("Name"), max_length=150)
    body = models.CharField(_("Stelle"), max_length=200)
    legal_domain = models.CharField(
        _("Rechtskreis"), max_length=10, choices=LegalDomain.choices, blank=True
    )
    external = models.BooleanField(_("extern"), default=True)

    class Meta:
        verbose_name = _("Teilnehmende:r")
        verbose_name_plural = _("Teilnehmende")
        ordering = ["external", "id"]

    def __str__(self) -> str:
        return self.name


class ConferenceAgreement(CaseRecord):
    """An agreement of the conference; it becomes a goal with its step in the plan."""

    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="agreements"
    )
    life_area = models.CharField(_("Lebensbereich"), max_length=16, choices=LifeArea.choices)
    text = EncryptedTextField(_("Vereinbarung"))
    responsible = models.CharField(_("Verantwortlich"), max_length=150, blank=True)
    due_on = models.DateField(_("bis"), null=True, blank=True)
    goal = models.OneToOneField(
        PlanGoal,
        verbose_name=_("Ziel im Integrationsplan"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="agreement",
    )

    class Meta:
        verbose_name = _("Vereinbarung der Fallkonferenz")
        verbose_name_plural = _("Vereinbarungen der Fallkonferenz")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Vereinbarung {self.pk}"
