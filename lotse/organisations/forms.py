from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.organisations.models import Organisation, OrganisationKind


class OrganisationForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    official_key = forms.CharField(
        label=_("Amtlicher Schlüssel"),
        max_length=12,
        required=False,
        help_text=_("Amtlicher Gemeinde- oder Kreisschlüssel, falls vorhanden."),
    )
    valid_from = forms.DateField(label=_("gültig ab"), required=False, widget=DateInput())
    valid_to = forms.DateField(label=_("gültig bis"), required=False, widget=DateInput())
    runs_own_coordination = forms.BooleanField(
        label=_("Die Stadt hat eine eigene Koordinierende Stelle (KIM § 4 Abs. 3)"),
        required=False,
    )


class OrganisationCreateForm(OrganisationForm):
    parent = forms.ModelChoiceField(label=_("Übergeordnete Organisation"), queryset=None)
    kind = forms.ChoiceField(label=_("Art"), choices=OrganisationKind.choices)

    field_order = ["parent", "kind", "name", "official_key", "valid_from", "valid_to"]

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["parent"].label_from_instance = organisation_choices_label


class AssociationMemberForm(KernFormMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Stadt oder Gemeinde"), queryset=None)
    valid_from = forms.DateField(label=_("Bewilligungszeitraum von"), widget=DateInput())
    valid_to = forms.DateField(
        label=_("Bewilligungszeitraum bis"), required=False, widget=DateInput()
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", _("Das Enddatum liegt vor dem Anfangsdatum."))
        return data


def organisation_choices_label(org: Organisation) -> str:
    return f"{'— ' * max(org.depth, 0)}{org.name}"
