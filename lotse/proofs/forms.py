"""Forms for proofs of use: amounts typed the German way, parsed without float."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.kernel.errors import RuleViolation
from lotse.proofs.models import ProofKind
from lotse.proofs.rules.tables import parse_amount, parse_month


class ProofCreateForm(KernFormMixin, forms.Form):
    grant = forms.ChoiceField(label=_("Bescheid und nachweisende Stelle"))
    kind = forms.ChoiceField(label=_("Art des Nachweises"), choices=ProofKind.choices)
    year = forms.IntegerField(label=_("Jahr"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quartal (nur bei Quartalsnachweisen, KIM § 15 Abs. 2)"),
        choices=[("", "–"), (1, "1"), (2, "2"), (3, "3"), (4, "4")],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.options = {f"{d.pk}-{o.pk}": (d, o) for d, o in options}
        self.fields["grant"].choices = [
            (key, f"{o.name}: {d}{f' ({d.file_number})' if d.file_number else ''}")
            for key, (d, o) in self.options.items()
        ]

    def clean_grant(self):
        value = self.cleaned_data["grant"]
        if value not in self.options:
            raise forms.ValidationError(_("Bitte einen Bescheid aus der Liste wählen."))
        return self.options[value]


class NarrativeForm(KernFormMixin, forms.Form):
    narrative = forms.CharField(
        label=_("Sachbericht"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=50000,
        help_text=_("Mit den Kennzahlen vorausgefüllt; bitte um die geleistete Arbeit ergänzen."),
    )


class CostLineForm(KernFormMixin, forms.Form):
    position = forms.ChoiceField(label=_("Geförderte Stelle"))
    month = forms.CharField(label=_("Monat"), max_length=20, help_text=_("z. B. 03.2023"))
    amount = forms.CharField(
        label=_("Arbeitgeberbrutto (EUR)"), max_length=30, help_text=_("z. B. 4.750,00")
    )

    def __init__(self, *args, positions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].choices = list(positions)

    def clean_month(self) -> date:
        try:
            return parse_month(self.cleaned_data["month"])
        except RuleViolation as error:
            raise forms.ValidationError(
                _("Der Monat %(rule)s") % {"rule": error.message}
            ) from error

    def clean_amount(self):
        try:
            return parse_amount(self.cleaned_data["amount"], allow_negative=True)
        except RuleViolation as error:
            raise forms.ValidationError(
                _("Der Betrag %(rule)s") % {"rule": _rest(error)}
            ) from error


def _rest(error: RuleViolation) -> str:
    return error.message.removeprefix("Der Betrag ")


class ReceiptForm(KernFormMixin, forms.Form):
    day = forms.DateField(label=_("Datum"), widget=DateInput())
    payee = forms.CharField(label=_("Empfänger"), max_length=200)
    reason = forms.CharField(label=_("Grund der Zahlung"), max_length=300)
    amount = forms.CharField(label=_("Betrag (EUR)"), max_length=30)

    def clean_amount(self):
        try:
            return parse_amount(self.cleaned_data["amount"], allow_negative=False)
        except RuleViolation as error:
            raise forms.ValidationError(
                _("Der Betrag %(rule)s") % {"rule": _rest(error)}
            ) from error


class UploadForm(KernFormMixin, forms.Form):
    file = forms.FileField(label=_("Datei (CSV oder xlsx)"))


class CheckForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Prüfvermerk"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class PersonnelNumberForm(KernFormMixin, forms.Form):
    """One optional field per position of the proof: the payroll's personnel number."""

    def __init__(self, *args, positions=(), numbers=None, **kwargs):
        numbers = numbers or {}
        super().__init__(*args, **kwargs)
        for position_id, label in positions:
            self.fields[f"pn_{position_id}"] = forms.CharField(
                label=_("Personalnummer: %(position)s") % {"position": label},
                max_length=30,
                required=False,
                initial=numbers.get(int(position_id), ""),
            )
        # Fields are created after the mixin's styling pass.
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "kern-form-input__input")

    def numbers(self) -> dict[int, str]:
        return {int(name[3:]): value for name, value in self.cleaned_data.items()}
