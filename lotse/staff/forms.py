"""Forms for staff records: shape and types only; the rules live in services."""

from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.staff.models import (
    CATEGORY_2017_CHOICES,
    FIELD_CHOICES,
    FUNCTION_CHOICES,
    PROOF_KIND_CHOICES,
    SCHOOL_LEVEL_CHOICES,
    TOPIC_CHOICES,
    BackgroundCheck,
    EquivalenceProof,
)
from lotse.staff.rules.background import CheckOutcome

# What a proof may be: checked by its first bytes, not by its name.
SIGNATURES = ((b"%PDF-", ".pdf"), (b"\x89PNG\r\n\x1a\n", ".png"), (b"\xff\xd8\xff", ".jpg"))
BLANK = [("", "–")]
MIN_DATE = date(1950, 1, 1)
MAX_DATE = date(2100, 12, 31)


class ProofFileField(forms.FileField):
    """A PDF, PNG or JPEG proof, checked by content and size."""

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        if upload.size > settings.LOTSE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Die Datei ist zu groß; erlaubt sind höchstens %(mb)s MB.")
                % {"mb": settings.LOTSE_UPLOAD_MAX_BYTES // 1_048_576}
            )
        head = upload.read(16)
        upload.seek(0)
        if not any(head.startswith(magic) for magic, _suffix in SIGNATURES):
            raise forms.ValidationError(
                _("Erlaubt sind nur PDF, PNG und JPEG (geprüft wird der Inhalt, nicht der Name).")
            )
        return upload


class BoundedDateField(forms.DateField):
    widget = DateInput

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not MIN_DATE <= day <= MAX_DATE:
            raise forms.ValidationError(_("Bitte ein Datum zwischen 1950 und 2100 angeben."))
        return day


def _fte_field(label, *, required=True, help_text=""):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=4,
        decimal_places=3,
        min_value=-10,
        max_value=10,
        help_text=help_text,
        localize=True,
    )


class EmployeeForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Arbeitgeber"), queryset=None)
    first_name = forms.CharField(label=_("Vorname"), max_length=100)
    last_name = forms.CharField(label=_("Nachname"), max_length=100)
    function = forms.ChoiceField(label=_("Funktion"), choices=FUNCTION_CHOICES)
    hire_date = BoundedDateField(label=_("Aufnahme der Tätigkeit"))
    user = forms.ModelChoiceField(
        label=_("Benutzerkonto"),
        queryset=None,
        required=False,
        help_text=_("Nur wenn die Person selbst in Lotse arbeitet."),
    )
    degree_field = forms.ChoiceField(
        label=_("Studienfach (ab Bachelor)"),
        choices=[("", _("kein Studienabschluss")), *FIELD_CHOICES],
        required=False,
        help_text=_("BW 4.1.1.1: Fächer des Sozialwesens ergeben Stufe 1, andere Stufe 2."),
    )
    degree_field_name = forms.CharField(
        label=_("Bezeichnung des Studienfachs"), max_length=200, required=False
    )
    degree_foreign = forms.BooleanField(
        label=_("Studienabschluss im Ausland erworben (BW 4.1.1.4)"), required=False
    )
    school_level = forms.TypedChoiceField(
        label=_("Schulabschluss"),
        choices=[("", _("nicht erfasst")), *SCHOOL_LEVEL_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    school_foreign = forms.BooleanField(
        label=_("Schulabschluss im Ausland erworben (BW 4.1.1.4)"), required=False
    )
    relevant_experience_documented = forms.BooleanField(
        label=_("Einschlägiges Erfahrungswissen nachgewiesen (BW 4.1.1.2)"), required=False
    )
    experience_note = forms.CharField(
        label=_("Nachweis des Erfahrungswissens"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    category_2017 = forms.ChoiceField(
        label=_("Eingestellt nach VwV Integrationsmanagement 2017 (BW 4.1.1.3)"),
        choices=[("", _("nein")), *CATEGORY_2017_CHOICES],
        required=False,
    )

    def __init__(self, *args, organisations, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["user"].queryset = users


class EquivalenceProofForm(KernFormMixin, forms.Form):
    qualification = forms.ChoiceField(
        label=_("Nachweis für"), choices=EquivalenceProof.QUALIFICATION_CHOICES
    )
    kind = forms.ChoiceField(label=_("Verfahren (BW 4.1.1.4)"), choices=PROOF_KIND_CHOICES)
    issued_on = BoundedDateField(label=_("Datum des Nachweises"))
    document = ProofFileField(label=_("Nachweis (PDF, PNG oder JPEG)"))


class SupplementaryTrainingForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel der Schulung"), max_length=200)
    provider = forms.CharField(label=_("Anbieter"), max_length=200)
    start = BoundedDateField(label=_("Beginn"))
    end = BoundedDateField(label=_("Ende"))
    days = forms.DecimalField(
        label=_("Dauer in Tagen"),
        max_digits=5,
        decimal_places=1,
        min_value=-1000,
        max_value=1000,
        localize=True,
    )
    topics = forms.MultipleChoiceField(
        label=_("Themen nach BW 4.1.2.1"),
        choices=TOPIC_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    document = ProofFileField(label=_("Teilnahmenachweis (PDF, PNG oder JPEG)"), required=False)


class TrainingOfferForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Anbietende Organisation"), queryset=None)
    topic = forms.CharField(label=_("Thema"), max_length=200)
    date = BoundedDateField(label=_("Datum"))
    provider = forms.CharField(label=_("Anbieter"), max_length=200)
    offered_to = forms.ModelMultipleChoiceField(
        label=_("Angeboten an"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    attended = forms.ModelMultipleChoiceField(
        label=_("Teilgenommen haben"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, organisations, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["offered_to"].queryset = employees
        self.fields["attended"].queryset = employees


class BackgroundCheckForm(KernFormMixin, forms.Form):
    checked_on = BoundedDateField(label=_("Geprüft am"))
    method = forms.ChoiceField(label=_("Verfahren"), choices=BackgroundCheck.METHOD_CHOICES)
    outcome = forms.ChoiceField(
        label=_("Ergebnis"), choices=[(o.value, o.label) for o in CheckOutcome]
    )
    checked_by = forms.CharField(label=_("Geprüft von"), max_length=200)


class EmploymentPeriodForm(KernFormMixin, forms.Form):
    employee = forms.ModelChoiceField(label=_("Person"), queryset=None, required=False)
    position = forms.CharField(
        label=_("Stelle"),
        max_length=100,
        help_text=_(
            "Stellennummer oder -bezeichnung; eine Stelle ist zu jeder Zeit höchstens einmal besetzt."
        ),
    )
    start = BoundedDateField(label=_("von"))
    end = BoundedDateField(label=_("bis"), required=False)
    fte = _fte_field(_("Stellenumfang (VZÄ)"), help_text=_("z. B. 0,5 für eine halbe Stelle"))
    funded_fte = _fte_field(
        _("davon aus Fördermitteln (VZÄ)"),
        required=False,
        help_text=_(
            "Leer lassen, wenn die ganze Stelle gefördert ist; der Rest ist Aufstockung mit Eigenmitteln (BW 3.4)."
        ),
    )
    mini_job = forms.BooleanField(
        label=_("Geringfügige Beschäftigung (Minijob, BW 5.5)"), required=False
    )

    def __init__(self, *args, employees=None, **kwargs):
        super().__init__(*args, **kwargs)
        if employees is None:
            del self.fields["employee"]
        else:
            self.fields["employee"].queryset = employees


class InterruptionForm(KernFormMixin, forms.Form):
    start = BoundedDateField(label=_("von"))
    end = BoundedDateField(label=_("bis"), required=False)
    reason = forms.CharField(label=_("Grund"), max_length=300)
    consent_given_on = BoundedDateField(
        label=_("Zustimmung der Bewilligungsstelle am (BW 3.4)"), required=False
    )
    consent_reference = forms.CharField(
        label=_("Aktenzeichen der Zustimmung"), max_length=100, required=False
    )


class ComplianceFilterForm(KernFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Jahr"), min_value=2017, max_value=2100, required=False)
    recipient = forms.TypedChoiceField(
        label=_("Zuwendungsempfänger"), coerce=int, empty_value=None, required=False
    )
    function = forms.ChoiceField(
        label=_("Funktion"), choices=[("", _("alle")), *FUNCTION_CHOICES], required=False
    )
    rule = forms.ChoiceField(label=_("Regel"), required=False)
    state = forms.ChoiceField(
        label=_("Stand"),
        choices=[
            ("", _("alle")),
            ("open", _("offen oder verletzt")),
            ("violation", _("verletzt")),
            ("due", _("offen")),
            ("ok", _("erfüllt")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Name"), max_length=100, required=False)

    def __init__(self, *args, recipients, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [("", _("alle"))] + [(o.pk, o.name) for o in recipients]
        self.fields["rule"].choices = [("", _("alle Regeln"))] + [
            (r.key, f"{r.title} ({r.source})") for r in rules
        ]
