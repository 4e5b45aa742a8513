from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import KernFormMixin
from lotse.documents.kinds import SPECS, label_keys
from lotse.documents.services import text_problems
from lotse.organisations.forms import organisation_choices_label

LABEL_PREFIX = "label__"


class DocumentTextForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Gilt für"),
        queryset=None,
        help_text=_(
            "Die Fassung gilt für Fälle dieser Organisation und aller darunter, "
            "solange dort keine eigene Fassung besteht."
        ),
    )
    language = forms.CharField(
        label=_("Sprachcode"),
        max_length=20,
        error_messages={"required": _("Sprachcode: bitte angeben, z. B. „ar“.")},
        help_text=_("Nach ISO 639, z. B. „ar“ (Arabisch), „uk“ (Ukrainisch), „fa“ (Persisch)."),
    )
    language_name = forms.CharField(
        label=_("Sprache (deutscher Name)"),
        max_length=60,
        error_messages={"required": _("Sprache: bitte den deutschen Namen der Sprache angeben.")},
        help_text=_(
            "Z. B. „Persisch (Farsi/Dari)“. Weitere Namen nach Komma (z. B. „Dari“) "
            "helfen, die Sprache der Klientin oder des Klienten zu erkennen."
        ),
    )
    native_name = forms.CharField(
        label=_("Sprache (Eigenbezeichnung)"), max_length=60, required=False
    )
    title = forms.CharField(
        label=_("Überschrift"),
        max_length=200,
        error_messages={"required": _("Überschrift: darf nicht leer sein.")},
    )
    body = forms.CharField(
        label=_("Text"),
        error_messages={"required": _("Text: darf nicht leer sein.")},
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Reiner Text, kein HTML. Leerzeile: neuer Absatz; „# “ am Zeilenanfang: "
            "Zwischenüberschrift; „- “ am Zeilenanfang: Aufzählung. Platzhalter: %(placeholders)s."
        ),
    )
    draft_translation = forms.BooleanField(
        label=_("Entwurf einer Übersetzung (noch nicht vereidigt geprüft)"), required=False
    )

    def __init__(self, *args, kind: str, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        spec = SPECS[kind]
        placeholders = ", ".join("{" + name + "}" for name in (*spec.inline, *spec.block))
        self.fields["body"].help_text = self.fields["body"].help_text % {
            "placeholders": placeholders
        }
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].label_from_instance = organisation_choices_label
        for key, label in label_keys(kind):
            long = key.startswith("purpose:")
            self.fields[LABEL_PREFIX + key] = forms.CharField(
                label=label if not long else _("Erklärung: %(purpose)s") % {"purpose": label},
                required=False,
                max_length=1000 if long else 200,
                widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput(),
            )
        self._style_labels()  # KERN classes for the fields added above

    def _style_labels(self) -> None:
        for name, field in self.fields.items():
            if name.startswith(LABEL_PREFIX):
                css = self._widget_class(field.widget)
                field.widget.attrs["class"] = css

    @property
    def label_fields(self):
        return [self[name] for name in self.fields if name.startswith(LABEL_PREFIX)]

    @property
    def main_fields(self):
        return [self[name] for name in self.fields if not name.startswith(LABEL_PREFIX)]

    @staticmethod
    def initial_for(text) -> dict:
        initial = {
            "language": text.language,
            "language_name": text.language_name,
            "native_name": text.native_name,
            "title": text.title,
            "body": text.body,
            "draft_translation": text.draft_translation,
        }
        initial.update({LABEL_PREFIX + key: value for key, value in (text.labels or {}).items()})
        return initial

    def text_data(self) -> dict:
        data = {
            name: self.cleaned_data.get(name, "")
            for name in ("language", "language_name", "native_name", "title", "body")
        }
        data["draft_translation"] = bool(self.cleaned_data.get("draft_translation"))
        data["labels"] = {
            name[len(LABEL_PREFIX) :]: value
            for name, value in self.cleaned_data.items()
            if name.startswith(LABEL_PREFIX) and value
        }
        return data

    def clean(self):
        cleaned = super().clean()
        invalid = set(self.errors)  # e.g. too long: that message suffices
        for field, message in text_problems(self.kind, self.text_data()):
            target = field if field in self.fields else None
            if target not in invalid:
                self.add_error(target, message)
        return cleaned
