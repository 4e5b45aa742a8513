from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core import clock
from lotse.core.forms import DateInput, KernFormMixin
from lotse.indicators.models import NetworkEvent
from lotse.indicators.selectors import FIRST_YEAR


class ReportFilterForm(KernFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Berichtsjahr"), required=False)
    unit = forms.TypedChoiceField(label=_("Einheit"), coerce=int, empty_value=None, required=False)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            (unit.pk, f"{unit.name} ({unit.get_kind_display()})") for unit in units
        ]

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is None:
            return clock.today().year
        last = clock.today().year
        if not FIRST_YEAR <= year <= last:
            raise forms.ValidationError(
                _("Berichtsjahr: bitte ein Jahr von %(first)s bis %(last)s angeben."),
                params={"first": FIRST_YEAR, "last": last},
            )
        return year


class NetworkEventForm(KernFormMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(label=_("Koordinierende Stelle"), queryset=None)

    class Meta:
        model = NetworkEvent
        fields = ["organisation", "held_on", "title", "participants", "note"]
        widgets = {"held_on": DateInput()}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > clock.today():
            raise forms.ValidationError(
                _("Datum: eine Veranstaltung wird erst erfasst, wenn sie stattgefunden hat.")
            )
        return held_on


class ReopenForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Grund der Wiedereröffnung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Der Grund wird mit der Version gespeichert, z. B. „Zahlen unvollständig“."),
    )
