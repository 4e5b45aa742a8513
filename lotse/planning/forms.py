"""Forms of the planning frame pages; numbers typed the German way, parsed without float."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernFormMixin
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import parse_decimal, parse_money


def _money(form, name, label):
    try:
        return parse_money(form.cleaned_data.get(name, ""), field=name, label=str(label))
    except RuleViolation as error:
        raise forms.ValidationError(error.message) from error


class RoundForm(KernFormMixin, forms.Form):
    authority = forms.ModelChoiceField(label=_("Bewilligungsstelle"), queryset=None)
    year = forms.IntegerField(
        label=_("Jahr"),
        min_value=2025,
        max_value=2100,
        help_text=_("Das Jahr, für das die Planungsrahmen gelten (BW 5.2: ab 2025)."),
    )
    budget = forms.CharField(label=_("Gesamtplanungsrahmen (EUR)"), max_length=30)
    minimum = forms.CharField(
        label=_("Mindestbetrag je Kreis (EUR)"),
        max_length=30,
        initial="180.000,00",
        help_text=_("BW 5.3: mindestens 180.000 Euro."),
    )
    first_quota_year = forms.IntegerField(
        label=_("erstes Jahr der Zuteilungsquoten"),
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=_(
            "Leer lassen für die drei Jahre vor dem Jahr der Bekanntgabe (Jahr − 4 bis Jahr − 2; "
            "BW 5.2, 5.3)."
        ),
    )

    def __init__(self, *args, authorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["authority"].queryset = authorities
        only = list(authorities[:2])
        if len(only) == 1:
            self.fields["authority"].initial = only[0].pk

    def clean_budget(self) -> Decimal:
        return _money(self, "budget", _("Der Gesamtplanungsrahmen"))

    def clean_minimum(self) -> Decimal:
        return _money(self, "minimum", _("Der Mindestbetrag"))

    def clean(self):
        data = super().clean()
        if data.get("year") and not data.get("first_quota_year"):
            data["first_quota_year"] = data["year"] - 4
        return data


class QuotaImportForm(KernFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Zuteilungsquoten einfügen"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Eine Zeile je Kreis: Name; Quote 1; Quote 2; Quote 3 (in Prozent), getrennt durch "
            "Semikolon oder Tabulator – aus einer Tabelle kopiert. Eine Kopfzeile ist erlaubt."
        ),
    )
    file = forms.FileField(
        label=_("… oder Datei hochladen (CSV oder xlsx)"),
        required=False,
        help_text=_("Gleicher Aufbau: Kreis, dann die Quoten der drei Jahre."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("text", "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Bitte die Quoten einfügen oder eine Datei auswählen."))
        return data


class NumbersForm(KernFormMixin, forms.Form):
    """One allocation number per municipality, and whether the county serves it itself."""

    def __init__(self, *args, municipalities, numbers, association_of, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for municipality in municipalities:
            entry = numbers.get(municipality.pk)
            number_name, served_name = f"number_{municipality.pk}", f"served_{municipality.pk}"
            self.fields[number_name] = forms.CharField(
                label=_("Zuweisungszahl %(name)s") % {"name": municipality.name},
                required=False,
                max_length=20,
                initial="" if entry is None else str(entry.number.normalize()).replace(".", ","),
            )
            self.fields[served_name] = forms.BooleanField(
                label=_("%(name)s: Integrationsmanagement durch den Kreis")
                % {"name": municipality.name},
                required=False,
                initial=bool(entry and entry.served_by_county),
            )
            self.rows.append(
                {
                    "municipality": municipality,
                    "association": association_of.get(municipality.pk),
                    "number": number_name,
                    "served": served_name,
                }
            )
        for row in self.rows:
            row["number_field"] = self[row["number"]]
            row["served_field"] = self[row["served"]]

    def clean(self):
        data = super().clean()
        for row in self.rows:
            name = row["number"]
            value = (self.data.get(self.add_prefix(name)) or "").strip()
            if not value:
                data[name] = None
                continue
            try:
                number = parse_decimal(value, field=name, label=str(_("Die Zuweisungszahl")))
            except RuleViolation as error:
                self.add_error(name, error.message)
                continue
            if number < 0:
                self.add_error(name, _("Die Zuweisungszahl darf nicht negativ sein (BW 3.2)."))
                continue
            if number != number.quantize(Decimal("0.01")):
                self.add_error(name, _("Die Zuweisungszahl hat mehr als zwei Nachkommastellen."))
                continue
            data[name] = number
        return data

    def entries(self) -> dict[int, tuple[Decimal | None, bool]]:
        return {
            row["municipality"].pk: (
                self.cleaned_data.get(row["number"]),
                bool(self.cleaned_data.get(row["served"])),
            )
            for row in self.rows
        }
