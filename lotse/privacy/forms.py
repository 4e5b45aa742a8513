from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.privacy.models import AuditAction


class AuditSearchForm(KernFormMixin, forms.Form):
    day_from = forms.DateField(label=_("von"), required=False, widget=DateInput())
    day_to = forms.DateField(label=_("bis"), required=False, widget=DateInput())
    action = forms.ChoiceField(
        label=_("Aktion"), required=False, choices=[("", _("alle")), *list(AuditAction.choices)]
    )
    actor = forms.IntegerField(label=_("Konto-Nr."), required=False, min_value=1)
    object_type = forms.CharField(label=_("Objektart"), required=False, max_length=60)
    object_id = forms.CharField(label=_("Objekt-Nr."), required=False, max_length=40)
    request_id = forms.CharField(label=_("Anfrage-ID"), required=False, max_length=64)

    def clean(self):
        data = super().clean()
        if data.get("day_from") and data.get("day_to") and data["day_to"] < data["day_from"]:
            self.add_error("day_to", _("Das Enddatum liegt vor dem Anfangsdatum."))
        return data


def filter_entries(entries, data: dict):
    if data.get("day_from"):
        entries = entries.filter(at__date__gte=data["day_from"])
    if data.get("day_to"):
        entries = entries.filter(at__date__lte=data["day_to"])
    for field in ("action", "object_type", "object_id", "request_id"):
        if data.get(field):
            entries = entries.filter(**{field: data[field]})
    if data.get("actor"):
        entries = entries.filter(actor_id=data["actor"])
    return entries
