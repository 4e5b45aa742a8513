"""Calculator forms. Numbers are typed the German way ("0,5", "1.234,56") and parsed without float."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.funding.models import CalculationKind, Programme, Qualification
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import parse_decimal, parse_money


def _parse(form: forms.Form, name: str, parser, label: str, *, required: bool = True):
    value = form.cleaned_data.get(name, "")
    if not value and not required:
        return None
    try:
        return parser(value, field=name, label=label)
    except RuleViolation as error:
        raise forms.ValidationError(error.message) from error


class PositionCalculatorForm(KernFormMixin, forms.Form):
    programme = forms.ChoiceField(label=_("Förderprogramm"))
    fte = forms.CharField(
        label=_("Stellenumfang (VZÄ)"),
        max_length=20,
        help_text=_("Zum Beispiel 0,5 für eine halbe Stelle."),
    )
    start = forms.DateField(label=_("Besetzt ab"), widget=DateInput())
    end = forms.DateField(label=_("Besetzt bis"), widget=DateInput())
    qualification_level = forms.ChoiceField(
        label=_("Qualifikationsstufe"),
        required=False,
        choices=[("", _("– nicht nötig –")), *Qualification.choices],
        help_text=_("Nur bei den BW-Sätzen nach Qualifikation (BW 9.1.4, 9.1.8)."),
    )
    costs = forms.CharField(
        label=_("Tatsächliche Personalkosten im Zeitraum (EUR)"),
        max_length=30,
        required=False,
        help_text=_("Wenn angegeben, ist die Zuwendung höchstens so hoch wie die Kosten."),
    )
    minijob = forms.BooleanField(label=_("Geringfügige Beschäftigung (Minijob)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [
            (programme.slug, programme.name)
            for programme in Programme.objects.filter(
                calculation__in=[CalculationKind.PER_FTE, CalculationKind.CAPPED_POSITION]
            ).order_by("sort_order", "slug")
        ]

    def clean_fte(self) -> Decimal:
        return _parse(self, "fte", parse_decimal, str(_("Der Stellenumfang")))

    def clean_costs(self) -> Decimal | None:
        return _parse(self, "costs", parse_money, str(_("Die Personalkosten")), required=False)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Das Ende liegt vor dem Beginn."))
        return data


class FareLossForm(KernFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Jahr"), min_value=1900, max_value=2200)
    revenue = forms.CharField(
        label=_("Nachgewiesene Fahrgeldeinnahmen im Nahverkehr (EUR)"),
        max_length=30,
        help_text=_("Zum Beispiel 1.234.567,89"),
    )

    def clean_revenue(self) -> Decimal:
        return _parse(self, "revenue", parse_money, str(_("Die Fahrgeldeinnahmen")))


class PlanningFrameForm(KernFormMixin, forms.Form):
    budget = forms.CharField(label=_("Gesamtplanungsrahmen (EUR)"), max_length=30)
    minimum = forms.CharField(
        label=_("Mindestbetrag je Kreis (EUR)"),
        max_length=30,
        initial="180.000,00",
        help_text=_("BW 5.3: mindestens 180.000 Euro."),
    )
    quotas = forms.CharField(
        label=_("Zuteilungsquoten der letzten drei Jahre"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_(
            "Eine Zeile je Kreis: Name; Quote 1; Quote 2; Quote 3 – getrennt durch Semikolon "
            "oder Tabulator (aus einer Tabelle kopiert)."
        ),
    )

    def clean_budget(self) -> Decimal:
        return _parse(self, "budget", parse_money, str(_("Der Gesamtplanungsrahmen")))

    def clean_minimum(self) -> Decimal:
        return _parse(self, "minimum", parse_money, str(_("Der Mindestbetrag")))

    def clean_quotas(self) -> dict[str, list[Decimal]]:
        quotas: dict[str, list[Decimal]] = {}
        for number, line in enumerate(self.cleaned_data["quotas"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.replace("\t", ";").split(";")]
            name, values = cells[0], [cell for cell in cells[1:] if cell]
            if not name or len(values) != 3:
                raise forms.ValidationError(
                    _("Zeile %(number)s: bitte Name und genau drei Quoten angeben (BW 5.3).")
                    % {"number": number}
                )
            if name in quotas:
                raise forms.ValidationError(
                    _("Zeile %(number)s: %(name)s steht doppelt.")
                    % {"number": number, "name": name}
                )
            try:
                quotas[name] = [
                    parse_decimal(value, field="quotas", label=f"{name}: Quote") for value in values
                ]
            except RuleViolation as error:
                raise forms.ValidationError(
                    _("Zeile %(number)s: %(message)s")
                    % {"number": number, "message": error.message}
                ) from error
        if not quotas:
            raise forms.ValidationError(_("Bitte mindestens einen Kreis angeben."))
        return quotas
