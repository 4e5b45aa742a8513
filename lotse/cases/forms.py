"""Forms for case work. They parse input; the rules are in services.py and rules/."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import (
    PERSONAL_FIELDS,
    PLAN_FIELDS,
    BarrierTheme,
    Channel,
    Client,
    ClosureReason,
    ConsentPurpose,
    ConsultationTopic,
    IntegrationPlan,
    LegalDomain,
    LifeArea,
    PlanGoal,
    ReferralStatusChoice,
    ResidenceStatus,
    Service,
)
from lotse.cases.rules.dates import PartialDate
from lotse.cases.rules.period import LISTED_REASONS, ExtensionReason
from lotse.cases.rules.reassessment import SCALE
from lotse.cases.services.conferences import Agreement, Participant
from lotse.core.forms import DateInput, KernFormMixin


class IdsChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that are not plausible row ids before they reach SQL (an
    over-long number makes SQLite raise instead of matching nothing)."""

    def _check_values(self, value):
        for item in value:
            text = str(item)
            if not (text.isdigit() and len(text) <= 18):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)


class ClientCreateForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Fallführende Stelle"), queryset=None)
    municipality = forms.ModelChoiceField(
        label=_("Wohnort (Gemeinde der Anschlussunterbringung)"), queryset=None
    )
    initials = forms.CharField(
        label=_("Initialen"),
        max_length=4,
        help_text=_("Vor der Einwilligung nur Initialen, kein Name (BW 4.1.4 f)."),
    )
    birth_year = forms.IntegerField(label=_("Geburtsjahr"), min_value=1, max_value=9999)
    case_number = forms.CharField(
        label=_("Fallnummer"),
        max_length=30,
        required=False,
        help_text=_("Leer lassen: Lotse vergibt die nächste freie Nummer (Jahr-laufende Nummer)."),
    )
    household_of = forms.CharField(
        label=_("Zum Haushalt von Fallnummer"),
        max_length=30,
        required=False,
        help_text=_("Für Familienangehörige: die Fallnummer eines Haushaltsmitglieds."),
    )

    def __init__(self, *args, organisations, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["municipality"].queryset = municipalities
        # One choice (a town's own team): preselected.
        for name, choices in (("organisation", organisations), ("municipality", municipalities)):
            only = list(choices[:2])
            if len(only) == 1:
                self.fields[name].initial = only[0].pk


class ClientPersonalForm(KernFormMixin, forms.ModelForm):
    """The personal fields (BW 4.1.4 f), with the version the form was opened at."""

    birth_date = forms.CharField(
        label=_("Geburtsdatum"),
        max_length=10,
        required=False,
        help_text=_("Jahr (1990), Monat und Jahr (05.1990) oder vollständig (17.05.1990)."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)
    # Issue 3 item 11: shown as a checkbox only beside a duplicate warning.
    not_duplicate = forms.BooleanField(
        label=_("Es handelt sich um eine andere Person"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Client
        fields = PERSONAL_FIELDS
        widgets = {
            "arrival_date": DateInput(),
            "follow_up_accommodation_date": DateInput(),
            "address": forms.Textarea(attrs={"rows": 3}),
            "health": forms.Textarea(attrs={"rows": 3}),
            "disability": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "health": _(
                "Nur mit Einwilligung in Angaben zu Gesundheit und Behinderung; wird verschlüsselt gespeichert."
            ),
            "disability": _("Wird verschlüsselt gespeichert."),
            "nationalities": _("Mehrere durch Komma trennen."),
            "languages": _("Mehrere durch Komma trennen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residence_status"].queryset = ResidenceStatus.objects.filter(active=True)
        if self.instance.birth_date and not self.is_bound:
            self.initial["birth_date"] = str(PartialDate.parse(self.instance.birth_date))

    def _post_clean(self):
        # The model is saved by services.client_personal_data_update, not here.
        pass

    def personal_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PERSONAL_FIELDS}

    def ask_not_duplicate(self, message: str) -> None:
        """Show the confirmation as a checkbox, unticked, with ``message`` at it."""
        field = self.fields["not_duplicate"]
        field.widget = forms.CheckboxInput()
        field.help_text = _(
            "Nur ankreuzen, wenn Sie geprüft haben, dass keiner der genannten Fälle "
            "diese Person ist."
        )
        self.add_error("not_duplicate", message)


class ConsentForm(KernFormMixin, forms.Form):
    purposes = IdsChoiceField(
        label=_("Zwecke"),
        queryset=ConsentPurpose.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    given_on = forms.DateField(label=_("Datum der Einwilligung"), widget=DateInput())
    explained_in = forms.CharField(label=_("Erklärt in der Sprache"), max_length=100)
    interpreter = forms.CharField(
        label=_("Dolmetscher:in"),
        max_length=150,
        required=False,
        help_text=_("Name oder Dienst, falls gedolmetscht wurde."),
    )
    signed_form = forms.FileField(
        label=_("Unterschriebenes Formular"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.LOTSE_UPLOAD_MAX_BYTES // 1_048_576
        self.fields["signed_form"].help_text = _(
            "PDF, PNG oder JPEG, höchstens %(mb)s MB. Kann später nachgereicht werden."
        ) % {"mb": limit}


class ConsentWithdrawForm(KernFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("Widerrufen am"), widget=DateInput())


class ConsultationForm(KernFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    duration_minutes = forms.IntegerField(label=_("Dauer in Minuten"), min_value=1, max_value=600)
    channel = forms.ChoiceField(label=_("Form"), choices=Channel.choices, initial=Channel.IN_PERSON)
    place = forms.CharField(label=_("Ort"), max_length=150, required=False)
    language = forms.CharField(label=_("Sprache"), max_length=100, required=False)
    interpreter = forms.BooleanField(label=_("mit Dolmetscher:in"), required=False)
    topics = IdsChoiceField(
        label=_("Themen"),
        queryset=ConsultationTopic.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Gesprächsnotizen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20_000,
        help_text=_("Wird verschlüsselt gespeichert."),
    )
    next_steps = forms.CharField(
        label=_("Vereinbarte nächste Schritte"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
    )
    next_appointment = forms.DateField(
        label=_("Nächster Termin"), widget=DateInput(), required=False
    )


def extension_reason_choices() -> list[tuple[str, str]]:
    return [
        (reason.value, _(reason.label))
        for reason in ExtensionReason
        if reason in LISTED_REASONS or settings.LOTSE_EXTENSION_OTHER_REASON
    ]


class ExtensionRequestForm(KernFormMixin, forms.Form):
    reason = forms.ChoiceField(label=_("Grund"), choices=())
    until = forms.DateField(label=_("Verlängert bis"), widget=DateInput())
    justification = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        help_text=_("Warum der Einzelfall mehr Zeit braucht. Wird verschlüsselt gespeichert."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", "–"), *extension_reason_choices()]


class ExtensionDecideForm(KernFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[("approve", _("genehmigen")), ("refuse", _("ablehnen"))],
        widget=forms.RadioSelect,
    )
    decision_note = forms.CharField(
        label=_("Anmerkung zur Entscheidung"),
        max_length=500,
        required=False,
        help_text=_("Bei einer Ablehnung bitte begründen."),
    )


class ClosureForm(KernFormMixin, forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Grund"), queryset=ClosureReason.objects.filter(active=True)
    )
    closed_on = forms.DateField(label=_("Abgeschlossen am"), widget=DateInput())


class ReassignForm(KernFormMixin, forms.Form):
    clients = IdsChoiceField(label=_("Fälle"), queryset=None, widget=forms.CheckboxSelectMultiple)
    to = forms.ModelChoiceField(label=_("Neue:r Integrationsmanager:in"), queryset=None)

    def __init__(self, *args, clients, case_managers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clients"].queryset = clients
        self.fields["clients"].label_from_instance = lambda c: (
            f"{c.case_number} ({c.initials}) – {c.case_manager or '–'}"
        )
        self.fields["to"].queryset = case_managers
        self.fields["to"].label_from_instance = lambda u: u.get_full_name() or u.username


# --- Integration plan (BW 4.1.6) and referrals (BW 4.1.4 c–d) ------------------------------


class PlanForm(KernFormMixin, forms.ModelForm):
    """Sections a–g of BW 4.1.6.2 (f is the goals, below the form), with the version
    the form was opened at (issue 3 item 15)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200_000)

    class Meta:
        model = IntegrationPlan
        fields = PLAN_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "personal",
                "language",
                "education",
                "work",
                "housing",
                "progress",
                "notes",
            )
        } | {name: DateInput() for name in ("started_on", "ended_on", "review_on")}
        help_texts = {
            "personal": _("Was für den Plan wichtig ist, etwa Familie, Herkunft, Ressourcen."),
            "education": _("Schule, Ausbildung, Studium; Anerkennung ausländischer Abschlüsse."),
            "progress": _("Wo der Plan gerade steht (BW 4.1.6.2 g)."),
            "review_on": _("Wann der Plan mit der Klientin oder dem Klienten überprüft wird."),
            "notes": _("Alle Textfelder werden verschlüsselt gespeichert."),
            "predates_regulation": _(
                "Ältere Pläne bleiben nutzbar, fehlende Inhalte a–g sind zu ergänzen."
            ),
        }

    def _post_clean(self):
        # Saved by services.plan_save, not here.
        pass

    def plan_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in PLAN_FIELDS}


class GoalForm(KernFormMixin, forms.ModelForm):
    """One goal with its steps (BW 4.1.6.2 f); carries the plan's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    snapshot = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200_000)

    class Meta:
        model = PlanGoal
        fields = ("life_area", "goal", "steps", "responsible", "due_on", "status", "review_on")
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 2}),
            "steps": forms.Textarea(attrs={"rows": 3}),
            "due_on": DateInput(),
            "review_on": DateInput(),
        }
        help_texts = {
            "responsible": _("Wer den Schritt geht: die Klientin, der Klient, Sie, eine Stelle."),
        }

    def _post_clean(self):
        pass

    def goal_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ReferralForm(KernFormMixin, forms.Form):
    service = forms.ModelChoiceField(
        label=_("Ziel"),
        queryset=Service.objects.none(),
        help_text=_(
            "Die Einwilligung muss die Weitergabe an diese Art von Stelle abdecken (BW 4.1.6.2)."
        ),
    )
    referred_on = forms.DateField(label=_("Datum der Vermittlung"), widget=DateInput())
    reason = forms.CharField(
        label=_("Anlass"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        help_text=_("Wird verschlüsselt gespeichert."),
    )
    goal = forms.ModelChoiceField(
        label=_("Ziel im Integrationsplan"), queryset=PlanGoal.objects.none(), required=False
    )

    def __init__(self, *args, goals, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
        self.fields["goal"].queryset = goals
        self.fields["goal"].label_from_instance = lambda g: (
            f"{g.get_life_area_display()}: {g.goal[:80]}"
        )


class ReferralStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Neuer Stand"),
        choices=[c for c in ReferralStatusChoice.choices if c[0] != ReferralStatusChoice.SENT],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("Datum"), widget=DateInput())
    note = forms.CharField(
        label=_("Ergebnis oder Notiz"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        required=False,
        help_text=_("Bei einem Ergebnis: was dabei herauskam. Wird verschlüsselt gespeichert."),
    )


class ReferralReopenForm(KernFormMixin, forms.Form):
    on = forms.DateField(label=_("Wiedereröffnet am"), widget=DateInput())
    note = forms.CharField(
        label=_("Notiz"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        help_text=_("Warum die Vermittlung wieder offen ist."),
    )


# --- Re-assessment (KIM §3(2)c) and structural problems ------------------------------------


class ReassessmentForm(KernFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    note = forms.CharField(
        label=_("Einschätzung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        required=False,
        help_text=_("Was sich verändert hat und warum. Wird verschlüsselt gespeichert."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *SCALE.items()]
        for area in LifeArea:
            for suffix, label in (("start", _("zu Beginn")), ("now", _("heute"))):
                name = f"{area.value}_{suffix}"
                self.fields[name] = forms.TypedChoiceField(
                    label=f"{area.label}: {label}",
                    choices=choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
                self.fields[name].widget.attrs["class"] = "kern-form-input__select"

    def ratings(self) -> dict[str, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {
            area.value: (data.get(f"{area.value}_start"), data.get(f"{area.value}_now"))
            for area in LifeArea
            if data.get(f"{area.value}_start") is not None
            or data.get(f"{area.value}_now") is not None
        }


class BarrierForm(KernFormMixin, forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=BarrierTheme.objects.filter(active=True), required=False
    )
    new_theme = forms.CharField(
        label=_("Oder ein neues Thema"),
        max_length=150,
        required=False,
        help_text=_(
            "Nur wenn die Liste es nicht enthält. Ohne Namen oder Angaben zur Person: "
            "das Thema sieht die Koordinierende Stelle."
        ),
    )
    noted_on = forms.DateField(label=_("Festgestellt am"), widget=DateInput())


# --- Case conferences (KIM §3(2)b) -----------------------------------------------------------


class ConferenceForm(KernFormMixin, forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DateInput())
    agenda = forms.CharField(
        label=_("Tagesordnung"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=10_000,
        help_text=_("Wird verschlüsselt gespeichert."),
    )


class ParticipantForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    body = forms.CharField(label=_("Stelle"), max_length=200, required=False)
    legal_domain = forms.ChoiceField(
        label=_("Rechtskreis"), choices=[("", "–"), *LegalDomain.choices], required=False
    )
    external = forms.BooleanField(label=_("extern (nicht aus dem eigenen Team)"), required=False)

    def entry(self):
        data = self.cleaned_data
        if not (data.get("name") or data.get("body")):
            return None
        return Participant(
            name=data.get("name", ""),
            body=data.get("body", ""),
            legal_domain=data.get("legal_domain", ""),
            external=bool(data.get("external")),
        )


class AgreementForm(KernFormMixin, forms.Form):
    life_area = forms.ChoiceField(
        label=_("Lebensbereich"), choices=[("", "–"), *LifeArea.choices], required=False
    )
    text = forms.CharField(
        label=_("Vereinbarung"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    responsible = forms.CharField(label=_("Verantwortlich"), max_length=150, required=False)
    due_on = forms.DateField(label=_("bis"), widget=DateInput(), required=False)

    def entry(self):
        data = self.cleaned_data
        if not (data.get("text") or data.get("life_area")):
            return None
        return Agreement(
            life_area=data.get("life_area", ""),
            text=data.get("text", ""),
            responsible=data.get("responsible", ""),
            due_on=data.get("due_on"),
        )


ParticipantFormSet = forms.formset_factory(
    ParticipantForm, extra=4, max_num=20, absolute_max=20, validate_max=True
)
AgreementFormSet = forms.formset_factory(
    AgreementForm, extra=3, max_num=20, absolute_max=20, validate_max=True
)
