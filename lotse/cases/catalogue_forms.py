"""One form for every catalogue: the common fields plus the catalogue's own.

The form only parses; what is allowed (codes, regions, unique labels) is
checked in services.catalogues, whose German messages land on the field.
"""

from django import forms
from django.db import models
from django.db.models import Q
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from lotse.cases.catalogues import Catalogue, regions_for
from lotse.cases.forms import IdsChoiceField
from lotse.cases.models import BarrierTheme, ServiceKind
from lotse.cases.services.catalogues import CODE_MAX, COMMON, SORT_MAX
from lotse.core.forms import KernFormMixin


class _EntryForm(KernFormMixin, forms.ModelForm):
    def _post_clean(self):
        # No model validation here: the service checks and names the field.
        pass


def _formfield(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


def catalogue_form(catalogue: Catalogue, user, *, entry=None, data=None, may_general: bool):
    """The bound or unbound form for creating (entry None) or changing an entry."""
    fields = [*(() if entry else ("code",)), "label", *catalogue.fields, "sort", "active"]
    form_class = modelform_factory(
        catalogue.model,
        form=_EntryForm,
        fields=fields,
        widgets={"address": forms.Textarea(attrs={"rows": 3})},
        field_classes={"service_kinds": IdsChoiceField},
        formfield_callback=_formfield,
    )
    form = form_class(data=data, instance=entry)
    if entry is None:
        code = form.fields["code"]
        code.required = False
        code.max_length = CODE_MAX
        code.help_text = _(
            "Feste Kennung für Auswertungen und die API (Kleinbuchstaben, Ziffern, Bindestriche). "
            "Leer lassen: wird aus der Bezeichnung gebildet. Sie lässt sich später nicht mehr ändern."
        )
    form.fields["sort"].min_value = 0
    form.fields["sort"].max_value = SORT_MAX
    form.fields["sort"].widget.attrs.update({"min": 0, "max": SORT_MAX})
    form.fields["sort"].help_text = _("Kleinere Zahlen stehen in Auswahllisten weiter oben.")
    form.fields["active"].help_text = _(
        "Abgewählt: wird nicht mehr zur Auswahl angeboten, bleibt aber in bestehenden Fällen."
    )
    if "organisation" in form.fields:
        region = form.fields["organisation"]
        region.queryset = regions_for(user)
        region.required = not may_general
        region.empty_label = (
            _("überall (allgemeiner Eintrag)") if may_general else _("Bitte wählen")
        )
        if not may_general:
            region.help_text = _(
                "Das Angebot wird nur in dieser Region zur Auswahl angeboten. Allgemeine "
                "Einträge pflegt die Administration auf Landesebene."
            )
    if "kind" in form.fields:
        # Active kinds, and the entry's own even if it was deactivated since.
        current = getattr(entry, "kind_id", None)
        form.fields["kind"].queryset = ServiceKind.objects.filter(
            Q(active=True) | Q(pk=current)
        ).order_by("sort", "label")
    if "service_kinds" in form.fields:
        kinds = form.fields["service_kinds"]
        kinds.widget = forms.CheckboxSelectMultiple()
        kinds.widget.choices = kinds.choices
        kinds.queryset = ServiceKind.objects.order_by("sort", "label")
    if entry is not None and isinstance(entry, BarrierTheme) and entry.proposed:
        form.fields["accept"] = forms.BooleanField(
            label=_("In den Katalog übernehmen"),
            required=False,
            help_text=_(
                "Das Thema war ein Vorschlag aus einem Fall; übernommen gilt es als geprüft."
            ),
        )
    return form


def entry_values(form) -> dict:
    """What the service gets: the common fields and the catalogue's own."""
    return {
        name: form.cleaned_data[name]
        for name in form.cleaned_data
        if name in COMMON or name in form._meta.fields or name in ("code", "accept")
    }


class MergeForm(KernFormMixin, forms.Form):
    target = forms.ModelChoiceField(
        label=_("Zusammenführen mit"),
        queryset=BarrierTheme.objects.none(),
        help_text=_(
            "Alle Fälle mit diesem Thema zählen danach beim gewählten Thema; dieses Thema entfällt."
        ),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets
