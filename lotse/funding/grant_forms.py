"""Forms for grant files. Amounts and FTE are typed the German way and parsed without float."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput, KernFormMixin
from lotse.funding.models import CalculationKind, Programme, Qualification
from lotse.funding.rules.payment_request import PlannedPayment
from lotse.funding.rules.periods import parse_date
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import parse_decimal, parse_money
from lotse.organisations.models import Organisation

STAFFED = [CalculationKind.PER_FTE, CalculationKind.CAPPED_POSITION]


def _parse(form, name: str, parser, label: str, *, required: bool):
    value = (form.cleaned_data.get(name) or "").strip()
    if not value:
        if required:
            raise forms.ValidationError(_("Bitte ausfüllen."))
        return None
    try:
        return parser(value, field=name, label=label)
    except RuleViolation as error:
        raise forms.ValidationError(error.message) from error


def _money_field(label, *, required=True, help_text=""):
    return forms.CharField(label=label, max_length=30, required=required, help_text=help_text)


class DecisionForm(KernFormMixin, forms.Form):
    """A decision as far as it is known; every empty detail is shown as a gap (draft)."""

    organisation = forms.ModelChoiceField(label=_("Zuwendungsempfänger"), queryset=None)
    authority = forms.ModelChoiceField(
        label=_("Bewilligungsbehörde"), queryset=None, required=False
    )
    programme = forms.ModelChoiceField(
        label=_("Förderprogramm"), queryset=Programme.objects.all(), required=False
    )
    decided_on = forms.DateField(label=_("Datum des Bescheids"), required=False, widget=DateInput())
    file_number = forms.CharField(label=_("Aktenzeichen"), max_length=100, required=False)
    period_start = forms.DateField(
        label=_("Bewilligungszeitraum von"), required=False, widget=DateInput()
    )
    period_end = forms.DateField(
        label=_("Bewilligungszeitraum bis"), required=False, widget=DateInput()
    )
    amount = _money_field(_("bewilligter Betrag (EUR)"), required=False)
    fte = forms.CharField(label=_("Stellenumfang (VZÄ)"), max_length=20, required=False)
    follows = forms.ModelChoiceField(
        label=_("Anschlussbescheid zu"),
        queryset=None,
        required=False,
        help_text=_("Verlängert die Laufzeit der Weiterleitungsverträge (KIM § 15 Abs. 1)."),
    )
    note = forms.CharField(label=_("Bemerkung"), required=False, widget=forms.Textarea({"rows": 3}))

    def __init__(self, *args, organisations, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["authority"].queryset = Organisation.objects.filter(kind="authority")
        self.fields["follows"].queryset = decisions

    def clean_amount(self) -> Decimal | None:
        return _parse(self, "amount", parse_money, str(_("Der Betrag")), required=False)

    def clean_fte(self) -> Decimal | None:
        return _parse(self, "fte", parse_decimal, str(_("Der Stellenumfang")), required=False)


class DecisionChangeForm(DecisionForm):
    """Editing: a changed amount or FTE needs the day the change takes effect (KIM §7(3))."""

    effective_from = forms.DateField(
        label=_("Änderung wirksam ab"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Nur bei geändertem Betrag oder Stellenumfang: ab diesem Tag wird die Vertragsänderung "
            "vorgeschlagen (KIM § 7 Abs. 3)."
        ),
    )
    change_file_number = forms.CharField(
        label=_("Aktenzeichen des Änderungsbescheids"), max_length=100, required=False
    )


class ContractHeadForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("Zuwendungsempfänger"), queryset=None)
    title = forms.CharField(label=_("Bezeichnung"), max_length=300)
    concluded_on = forms.DateField(
        label=_("Ursprungsvertrag vom"), required=False, widget=DateInput()
    )
    decisions = forms.ModelMultipleChoiceField(
        label=_("Zuwendungsbescheide (Vertragsbestandteile, KIM § 2 Abs. 3)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    number = forms.IntegerField(
        label=_("Erfasste Fassung"),
        min_value=0,
        max_value=99,
        initial=0,
        help_text=_("0 = Ursprungsvertrag; 2 = die 2. Änderung, wenn nur diese vorliegt."),
    )

    def __init__(self, *args, organisations, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["decisions"].queryset = decisions


class VersionForm(KernFormMixin, forms.Form):
    effective_from = forms.DateField(label=_("in Kraft ab"), widget=DateInput())
    term_end = forms.DateField(
        label=_("Laufzeit bis"),
        required=False,
        widget=DateInput(),
        help_text=_("Ende des Bewilligungszeitraums (KIM § 15 Abs. 1)."),
    )
    rate = _money_field(_("Satz je 1,0 VZÄ und Kalenderjahr (EUR, KIM § 6)"))
    signed_on = forms.DateField(label=_("unterzeichnet am"), required=False, widget=DateInput())
    note = forms.CharField(label=_("Bemerkung"), required=False, widget=forms.Textarea({"rows": 2}))

    def clean_rate(self) -> Decimal:
        return _parse(self, "rate", parse_money, str(_("Der Satz")), required=True)


class AllocationForm(KernFormMixin, forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Baustein"), queryset=Programme.objects.filter(calculation__in=STAFFED)
    )
    region = forms.ModelChoiceField(
        label=_("Teilregion (Verbund)"),
        queryset=Organisation.objects.filter(kind="association"),
        required=False,
    )
    recipient = forms.ModelChoiceField(label=_("Weiterleitungsempfänger"), queryset=None)
    fte = forms.CharField(label=_("VZÄ"), max_length=20)

    def __init__(self, *args, recipients=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.fields["region"].queryset = Organisation.objects.filter(
            kind="association", id__in=recipients.values("id")
        ) | Organisation.objects.filter(kind="association", parent__in=recipients)

    def clean_fte(self) -> Decimal:
        return _parse(self, "fte", parse_decimal, str(_("Der Stellenumfang")), required=True)


AllocationFormSet = forms.formset_factory(
    AllocationForm, extra=2, min_num=1, validate_min=True, can_delete=True
)


class NoticeForm(KernFormMixin, forms.Form):
    party = forms.ModelChoiceField(label=_("kündigende Partei"), queryset=None)
    given_on = forms.DateField(label=_("Kündigung zugegangen am"), widget=DateInput())
    reasons = forms.CharField(
        label=_("Gründe"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_("KIM § 15 Abs. 2: Kündigung nur unter Angabe von Gründen."),
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties


class PositionForm(KernFormMixin, forms.Form):
    employment_period = forms.ModelChoiceField(label=_("Beschäftigungszeit"), queryset=None)
    programme = forms.ModelChoiceField(
        label=_("Förderprogramm"), queryset=Programme.objects.filter(calculation__in=STAFFED)
    )
    decision = forms.ModelChoiceField(label=_("Zuwendungsbescheid"), queryset=None, required=False)
    qualification_level = forms.ChoiceField(
        label=_("Qualifikationsstufe"),
        required=False,
        choices=[("", _("– nicht nötig –")), *Qualification.choices],
        help_text=_("Nur bei den BW-Sätzen nach Qualifikation (BW 9.1.4, 9.1.8)."),
    )

    def __init__(self, *args, periods, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employment_period"].queryset = periods
        self.fields["employment_period"].label_from_instance = lambda p: (
            f"{p.organisation.name}: {p.position} ({format_date(p.start)}–"
            f"{format_date(p.end) if p.end else '…'}, {p.funded_fte} VZÄ gefördert)"
        )
        self.fields["decision"].queryset = decisions


class PaymentRequestForm(KernFormMixin, forms.Form):
    grant = forms.ChoiceField(label=_("Zuwendung"))
    amount = _money_field(_("angeforderter Betrag (EUR)"))
    payout_date = forms.DateField(label=_("gewünschte Auszahlung am"), widget=DateInput())
    planned = forms.CharField(
        label=_("geplante Zahlungen in den zwei Monaten nach der Auszahlung"),
        widget=forms.Textarea({"rows": 4}),
        max_length=10000,
        help_text=_(
            "Eine Zeile je Zahlung: Fälligkeit; Betrag; Zweck – z. B. „31.03.2023; 23.750,00; "
            "Gehälter März“ (ANBest-P Nr. 1.4)."
        ),
    )
    earlier_use = forms.CharField(
        label=_("Verwendung der bisher ausgezahlten Teilbeträge"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Pflicht, sobald schon Mittel abgerufen wurden."),
    )

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = {f"{d.pk}-{o.pk}": (d, o) for d, o in pairs}
        self.fields["grant"].choices = [
            (key, f"{o.name}: {d}" + (f" (Az. {d.file_number})" if d.file_number else ""))
            for key, (d, o) in self.pairs.items()
        ]

    def clean_grant(self):
        key = self.cleaned_data["grant"]
        if key not in self.pairs:
            raise forms.ValidationError(_("Bitte eine Zuwendung aus der Liste wählen."))
        return self.pairs[key]

    def clean_amount(self) -> Decimal:
        return _parse(self, "amount", parse_money, str(_("Der Betrag")), required=True)

    def clean_planned(self) -> list[PlannedPayment]:
        planned = []
        for number, line in enumerate(self.cleaned_data["planned"].splitlines(), start=1):
            if not line.strip():
                continue
            cells = [cell.strip() for cell in line.replace("\t", ";").split(";")]
            if len(cells) < 2:
                raise forms.ValidationError(
                    _("Zeile %(n)s: bitte Fälligkeit und Betrag, getrennt durch „;“.")
                    % {"n": number}
                )
            try:
                due = parse_date(cells[0], field="planned", label=f"Zeile {number}: Die Fälligkeit")
                amount = parse_money(cells[1], field="planned", label=f"Zeile {number}: Der Betrag")
            except RuleViolation as error:
                raise forms.ValidationError(error.message) from error
            planned.append(PlannedPayment(due, amount, ";".join(cells[2:])[:200]))
        if not planned:
            raise forms.ValidationError(
                _(
                    "Bitte die geplanten Zahlungen angeben (ANBest-P Nr. 1.4: Abruf nur für fällige Zahlungen)."
                )
            )
        return planned


class DecideForm(KernFormMixin, forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Entscheidung"),
        choices=[("1", _("freigeben")), ("0", _("ablehnen"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Vermerk"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Bei einer Ablehnung Pflicht."),
    )


class PayoutForm(KernFormMixin, forms.Form):
    paid_on = forms.DateField(label=_("ausgezahlt am"), widget=DateInput())
    paid_amount = _money_field(_("ausgezahlter Betrag (EUR)"))

    def clean_paid_amount(self) -> Decimal:
        return _parse(self, "paid_amount", parse_money, str(_("Der Betrag")), required=True)


class SettlementForm(KernFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(label=_("abgerechnete Stelle"), queryset=None)
    year = forms.IntegerField(label=_("Jahr"), min_value=2000, max_value=2100)
    programme_amount = _money_field(
        _("Betrag nach dem Förderprogramm (EUR)"),
        help_text=_("Vorbelegt mit dem weitergeleiteten Anteil (KIM § 6) bzw. dem Bescheid."),
    )
    eligible_costs = _money_field(
        _("zuwendungsfähige Ist-Ausgaben (EUR)"),
        help_text=_("Abrechnung nach tatsächlichen Ausgaben (KIM § 8; BW 8.3)."),
    )
    paid = _money_field(
        _("ausgezahlt (EUR)"), help_text=_("Vorbelegt mit den erfassten Auszahlungen.")
    )
    settled_on = forms.DateField(label=_("abgerechnet am"), widget=DateInput())
    interest_from = forms.DateField(
        label=_("Zinsen ab"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Tag, ab dem der Bescheid unwirksam ist (§ 49a Abs. 3 VwVfG); leer: das Abrechnungsdatum."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_programme_amount(self) -> Decimal:
        return _parse(self, "programme_amount", parse_money, str(_("Der Betrag")), required=True)

    def clean_eligible_costs(self) -> Decimal:
        return _parse(self, "eligible_costs", parse_money, str(_("Die Ausgaben")), required=True)

    def clean_paid(self) -> Decimal:
        return _parse(self, "paid", parse_money, str(_("Der ausgezahlte Betrag")), required=True)


class InterestForm(KernFormMixin, forms.Form):
    until = forms.DateField(
        label=_("Zinsen berechnen bis"),
        widget=DateInput(),
        help_text=_("§ 49a Abs. 3 VwVfG: fünf Prozentpunkte über dem Basiszinssatz jährlich."),
    )


class PassOnForm(KernFormMixin, forms.Form):
    recipient = forms.ModelChoiceField(label=_("Weiterleitungsempfänger"), queryset=None)
    amount = _money_field(_("weitergegebener Betrag (EUR)"))
    note = forms.CharField(label=_("Bemerkung"), required=False, widget=forms.Textarea({"rows": 2}))

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients

    def clean_amount(self) -> Decimal:
        return _parse(self, "amount", parse_money, str(_("Der Betrag")), required=True)
