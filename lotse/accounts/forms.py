from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from lotse.accounts.permissions import Role
from lotse.core.forms import DateInput, KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Anmeldung fehlgeschlagen. Bitte Benutzername und Passwort prüfen; "
            "nach mehreren Fehlversuchen wird das Konto vorübergehend gesperrt."
        ),
        "inactive": _("Dieses Konto ist gesperrt."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Benutzername")
        self.fields["password"].label = _("Passwort")


class LotsePasswordChangeForm(KernFormMixin, PasswordChangeForm):
    pass


class OtpTokenForm(KernFormMixin, forms.Form):
    otp_token = forms.CharField(
        label=_("Sechsstelliger Code aus der Authenticator-App"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_otp_token(self):
        value = self.cleaned_data["otp_token"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("Der Code besteht aus sechs Ziffern."))
        return value


class MembershipForm(KernFormMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Role.choices)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    valid_from = forms.DateField(label=_("gültig ab"), widget=DateInput())
    valid_to = forms.DateField(
        label=_("gültig bis"),
        required=False,
        widget=DateInput(),
        help_text=_("Leer lassen für unbefristet. Prüfrechte sind immer befristet."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Das Enddatum liegt vor dem Anfangsdatum."))
        return data


class UserCreateForm(MembershipForm):
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        help_text=_("Kleinbuchstaben, z. B. vorname.nachname"),
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.EmailField(label=_("E-Mail"), required=False)
    password1 = forms.CharField(
        label=_("Erstes Passwort"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 12 Zeichen; die Person ändert es nach der ersten Anmeldung."),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    field_order = [
        "username",
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "role",
        "organisation",
        "valid_from",
        "valid_to",
    ]

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("Die Passwörter stimmen nicht überein."))
        return data


class MembershipEndForm(KernFormMixin, forms.Form):
    valid_to = forms.DateField(label=_("Rolle endet am"), widget=DateInput())
