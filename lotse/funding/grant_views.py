"""Pages for grant files (issue 5 items 3–5, 7): reads via grant_selectors, writes via services.

Scoped to Area.GRANTS: the grants officer of a county or town and the granting
authority read and write in their subtree, the auditor only reads within the
membership's time window. Case files are never reached from here.
"""

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, has_area, organisation_ids_for
from lotse.funding import grant_selectors as gs
from lotse.funding import selectors as programme_selectors
from lotse.funding import services
from lotse.funding.grant_forms import (
    AllocationFormSet,
    ContractHeadForm,
    DecideForm,
    DecisionChangeForm,
    DecisionForm,
    InterestForm,
    NoticeForm,
    PassOnForm,
    PaymentRequestForm,
    PayoutForm,
    PositionForm,
    SettlementForm,
    VersionForm,
)
from lotse.funding.models import (
    ContractAllocation,
    PaymentStatus,
    VersionStatus,
)
from lotse.funding.rules import RuleError, format_eur
from lotse.organisations.models import Organisation
from lotse.organisations.rules import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object
from lotse.staff.models import EmploymentPeriod

RECIPIENT_KINDS = ("county", "association", "municipality", "welfare")


def _writable_organisations(user):
    return Organisation.objects.filter(
        id__in=organisation_ids_for(user, Area.GRANTS, write=True), kind__in=RECIPIENT_KINDS
    ).order_by("path")


def _can_write(user, organisation_id: int) -> bool:
    return organisation_id in organisation_ids_for(user, Area.GRANTS, write=True)


def _money_input(amount) -> str:
    """An amount as a German form value: 47500 → "47.500,00"."""
    return format_eur(amount).removesuffix(" EUR")


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return clock.today().year


# --- Overview and decisions -------------------------------------------------------------------


@area_required(Area.GRANTS)
def grant_list(request: HttpRequest) -> HttpResponse:
    """Decisions (drafts with their gaps) and contracts the user may see."""
    decisions = list(
        gs.decisions_for(request.user)
        .select_related("programme", "authority", "organisation")
        .order_by("organisation__name", "-period_start", "id")
    )
    contracts = list(
        gs.contracts_for(request.user)
        .select_related("organisation")
        .annotate(version_count=Count("versions"))
        .order_by("organisation__name", "title")
    )
    return render(
        request,
        "funding/grant_list.html",
        {
            "decisions": decisions,
            "contracts": contracts,
            "can_write": has_area(request.user, Area.GRANTS, write=True),
        },
    )


def _decision_form(request, form_class, *, initial=None, data=None):
    return form_class(
        data,
        initial=initial,
        organisations=_writable_organisations(request.user),
        decisions=gs.decisions_for(request.user, write=True).select_related("programme"),
    )


def _decision_fields(data: dict) -> dict:
    return {
        name: data.get(name)
        for name in services.DECISION_FIELDS
        if name in data and name != "organisation"
    } | {"note": data.get("note") or "", "file_number": data.get("file_number") or ""}


@area_required(Area.GRANTS, write=True)
def decision_create(request: HttpRequest) -> HttpResponse:
    form = _decision_form(request, DecisionForm, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = services.decision_create(
                organisation=data["organisation"], by=request.user, **_decision_fields(data)
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            if decision.is_draft:
                messages.warning(
                    request, _("Als Entwurf gespeichert: es fehlen noch Angaben (siehe Lücken).")
                )
            else:
                messages.success(request, _("Zuwendungsbescheid gespeichert."))
            return redirect("funding:decision_detail", pk=decision.pk)
    return render(
        request,
        "funding/grant_form.html",
        {"form": form, "title": _("Zuwendungsbescheid erfassen"), "back": "funding:grant_list"},
    )


@area_required(Area.GRANTS)
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = gs.get_decision_for_user(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=decision)
    ledger = gs.ledger_for(decision)
    requests = list(
        gs.requests_for(request.user)
        .filter(decision=decision)
        .select_related("organisation")
        .order_by("-submitted_at")
    )
    return render(
        request,
        "funding/decision_detail.html",
        {
            "decision": decision,
            "ledger": ledger,
            "requests": requests,
            "changes": decision.changes.order_by("changed_at"),
            "contracts": gs.contracts_for(request.user).filter(decisions=decision),
            "follow_ups": decision.follow_ups.all(),
            "settlements": decision.settlements.select_related("organisation").order_by(
                "-year", "organisation__name"
            ),
            "claims": gs.claims_for(request.user)
            .filter(decision=decision)
            .select_related("organisation")
            .order_by("id"),
            "can_write": _can_write(request.user, decision.organisation_id),
        },
    )


@area_required(Area.GRANTS, write=True)
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = gs.get_decision_for_user(request.user, pk, write=True)
    initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS} | {
        "organisation": decision.organisation,
        "amount": _money_input(decision.amount) if decision.amount is not None else "",
        "fte": f"{decision.fte.normalize():f}".replace(".", ",")
        if decision.fte is not None
        else "",
    }
    form = _decision_form(request, DecisionChangeForm, initial=initial, data=request.POST or None)
    form.fields["organisation"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision, proposals = services.decision_update(
                decision=decision,
                by=request.user,
                effective_from=data.get("effective_from"),
                change_file_number=data.get("change_file_number") or "",
                **_decision_fields(data),
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            if proposals:
                messages.info(
                    request,
                    _(
                        "Der Bescheid wurde geändert. Für %(count)s Weiterleitungsvertrag/-verträge "
                        "liegt ein Änderungsvorschlag nach KIM § 7 Abs. 3 bereit."
                    )
                    % {"count": len(proposals)},
                )
            else:
                messages.success(request, _("Zuwendungsbescheid gespeichert."))
            return redirect("funding:decision_detail", pk=decision.pk)
    return render(
        request,
        "funding/grant_form.html",
        {
            "form": form,
            "title": _("Zuwendungsbescheid bearbeiten"),
            "cancel_url": decision.pk,
            "back": "funding:decision_detail",
        },
    )


# --- Contracts --------------------------------------------------------------------------------


def _recipients(user, owner: Organisation | None = None):
    """Who may receive money passed on: nodes below the owner in the user's scope (BW 3.2)."""
    queryset = Organisation.objects.filter(
        id__in=organisation_ids_for(user, Area.GRANTS), kind__in=RECIPIENT_KINDS[1:]
    )
    if owner is not None:
        queryset = queryset.filter(path__startswith=owner.path).exclude(pk=owner.pk)
    return queryset.order_by("name")


def _allocation_inputs(formset) -> list[services.AllocationInput]:
    return [
        services.AllocationInput(
            programme=form.cleaned_data["programme"],
            recipient=form.cleaned_data["recipient"],
            fte=form.cleaned_data["fte"],
            region=form.cleaned_data.get("region"),
        )
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


@area_required(Area.GRANTS, write=True)
def contract_create(request: HttpRequest) -> HttpResponse:
    head = ContractHeadForm(
        request.POST or None,
        organisations=_writable_organisations(request.user),
        decisions=gs.decisions_for(request.user, write=True).select_related("programme"),
    )
    version = VersionForm(request.POST or None, initial={"rate": "57.000,00"})
    allocations = AllocationFormSet(
        request.POST or None,
        prefix="allocations",
        form_kwargs={"recipients": _recipients(request.user)},
    )
    if request.method == "POST" and all(
        [head.is_valid(), version.is_valid(), allocations.is_valid()]
    ):
        data, terms = head.cleaned_data, version.cleaned_data
        try:
            contract = services.contract_create(
                organisation=data["organisation"],
                title=data["title"],
                concluded_on=data["concluded_on"],
                decisions=list(data["decisions"]),
                effective_from=terms["effective_from"],
                term_end=terms["term_end"],
                rate=terms["rate"],
                number=data["number"],
                allocations=_allocation_inputs(allocations),
                by=request.user,
            )
        except RuleViolation as violation:
            (version if violation.field in version.fields else head).add_rule_violation(violation)
        else:
            messages.success(request, _("Weiterleitungsvertrag gespeichert."))
            return redirect("funding:contract_detail", pk=contract.pk)
    return render(
        request,
        "funding/contract_form.html",
        {
            "forms": [head, version],
            "allocations": allocations,
            "title": _("Weiterleitungsvertrag erfassen"),
        },
    )


@area_required(Area.GRANTS)
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = gs.get_contract_for_user(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=contract)
    versions = gs.versions_of(contract)
    in_force = [v for v in versions if v.status == VersionStatus.IN_FORCE]
    current = in_force[-1] if in_force else None
    proposals = [v for v in versions if v.status == VersionStatus.PROPOSED]
    return render(
        request,
        "funding/contract_detail.html",
        {
            "contract": contract,
            "current": current,
            "versions": in_force,
            "proposals": proposals,
            "term_end": gs.term_end_of(contract, current),
            "decisions": contract.decisions.select_related("programme", "authority"),
            "notices": contract.notices.select_related("party").order_by("given_on"),
            "can_write": _can_write(request.user, contract.organisation_id),
        },
    )


@area_required(Area.GRANTS, write=True)
def contract_amend(request: HttpRequest, pk: int) -> HttpResponse:
    contract = gs.get_contract_for_user(request.user, pk, write=True)
    current = services.current_version(contract)
    initial_version = {}
    initial_allocations = []
    if current is not None:
        initial_version = {
            "term_end": current.term_end,
            "rate": _money_input(current.rate),
        }
        initial_allocations = [
            {
                "programme": a.programme,
                "region": a.region,
                "recipient": a.organisation,
                "fte": f"{a.fte.normalize():f}".replace(".", ","),
            }
            for a in current.allocations.all()
        ]
    version = VersionForm(request.POST or None, initial=initial_version)
    allocations = AllocationFormSet(
        request.POST or None,
        prefix="allocations",
        initial=initial_allocations,
        form_kwargs={"recipients": _recipients(request.user, contract.organisation)},
    )
    if request.method == "POST" and version.is_valid() and allocations.is_valid():
        terms = version.cleaned_data
        try:
            amendment = services.contract_amend(
                contract=contract,
                effective_from=terms["effective_from"],
                term_end=terms["term_end"],
                rate=terms["rate"],
                signed_on=terms["signed_on"],
                note=terms["note"] or "",
                allocations=_allocation_inputs(allocations),
                by=request.user,
            )
        except RuleViolation as violation:
            version.add_rule_violation(violation)
        else:
            messages.success(request, _("%(version)s gespeichert.") % {"version": amendment})
            return redirect("funding:version_detail", pk=amendment.pk)
    return render(
        request,
        "funding/contract_form.html",
        {
            "forms": [version],
            "allocations": allocations,
            "contract": contract,
            "title": _("Änderung des Weiterleitungsvertrags"),
        },
    )


@area_required(Area.GRANTS)
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One version and its differences to the one before (a proposal: to the one in force)."""
    version = gs.get_version_for_user(request.user, pk)
    contract = version.contract
    audit_object(actor=request.user, action=AuditAction.READ, obj=version)
    versions = gs.versions_of(contract)
    this = (
        next(v for v in versions if v.pk == version.pk)
        if version.status != VersionStatus.DISCARDED
        else version
    )
    in_force = [v for v in versions if v.status == VersionStatus.IN_FORCE]
    if version.status == VersionStatus.IN_FORCE:
        earlier = [v for v in in_force if v.number < version.number]
        previous = earlier[-1] if earlier else None
    else:
        previous = in_force[-1] if in_force else None
    compare_to = request.GET.get("mit", "")
    if compare_to.isdigit():
        chosen = [v for v in versions if v.pk == int(compare_to)]
        previous = chosen[0] if chosen else previous
    return render(
        request,
        "funding/version_detail.html",
        {
            "contract": contract,
            "version": this,
            "previous": previous,
            "others": [v for v in versions if v.pk != version.pk],
            "diff": gs.version_diff(previous, this) if previous else [],
            "explanation": version.explanation.splitlines(),
            "can_write": _can_write(request.user, contract.organisation_id)
            and version.status == VersionStatus.PROPOSED,
        },
    )


@require_POST
@area_required(Area.GRANTS, write=True)
def proposal_accept(request: HttpRequest, pk: int) -> HttpResponse:
    version = gs.get_version_for_user(request.user, pk, write=True)
    try:
        version = services.proposal_accept(version=version, by=request.user)
    except RuleViolation as violation:
        messages.error(request, violation.message)
    else:
        messages.success(
            request, _("Vorschlag angenommen: %(version)s ist in Kraft.") % {"version": version}
        )
    return redirect("funding:version_detail", pk=version.pk)


@require_POST
@area_required(Area.GRANTS, write=True)
def proposal_discard(request: HttpRequest, pk: int) -> HttpResponse:
    version = gs.get_version_for_user(request.user, pk, write=True)
    try:
        services.proposal_discard(version=version, by=request.user)
    except RuleViolation as violation:
        messages.error(request, violation.message)
    else:
        messages.success(request, _("Vorschlag verworfen."))
    return redirect("funding:contract_detail", pk=version.contract_id)


@area_required(Area.GRANTS, write=True)
def contract_notice(request: HttpRequest, pk: int) -> HttpResponse:
    contract = gs.get_contract_for_user(request.user, pk, write=True)
    party_ids = {contract.organisation_id} | set(
        ContractAllocation.objects.filter(version__contract=contract).values_list(
            "organisation_id", flat=True
        )
    )
    form = NoticeForm(
        request.POST or None,
        parties=Organisation.objects.filter(pk__in=party_ids).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notice = services.contract_notice(
                contract=contract,
                party=data["party"],
                given_on=data["given_on"],
                reasons=data["reasons"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("Kündigung erfasst: der Vertrag endet am %(day)s (KIM § 15 Abs. 2).")
                % {"day": notice.ends_on.strftime("%d.%m.%Y")},
            )
            return redirect("funding:contract_detail", pk=contract.pk)
    return render(
        request,
        "funding/grant_form.html",
        {
            "form": form,
            "title": _("Kündigung erfassen"),
            "back": "funding:contract_detail",
            "cancel_url": contract.pk,
            "intro": _(
                "Kündigung jährlich mit einem Vorlauf von 6 Monaten, unter Angabe von Gründen "
                "(KIM § 15 Abs. 2). Lotse berechnet das früheste Vertragsende."
            ),
        },
    )


# --- Positions (item 4) -----------------------------------------------------------------------


@area_required(Area.GRANTS)
def position_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    recipients, per_county = gs.entitlements_for(request.user, year=year)
    return render(
        request,
        "funding/position_list.html",
        {
            "year": year,
            "years": range(year - 2, year + 2),
            "recipients": recipients,
            "per_county": sorted(per_county.items(), key=lambda item: item[0].name),
            "can_write": has_area(request.user, Area.GRANTS, write=True),
        },
    )


@area_required(Area.GRANTS, write=True)
def position_create(request: HttpRequest) -> HttpResponse:
    writable = organisation_ids_for(request.user, Area.GRANTS, write=True)
    staff_visible = organisation_ids_for(request.user, Area.STAFF)
    periods = (
        EmploymentPeriod.objects.for_user(request.user)
        .filter(organisation_id__in=writable & staff_visible)
        .select_related("organisation")
        .order_by("organisation__name", "position", "start")
    )
    form = PositionForm(
        request.POST or None,
        periods=periods,
        decisions=gs.decisions_for(request.user).select_related("programme"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.position_create(
                period=data["employment_period"],
                programme=data["programme"],
                decision=data["decision"],
                qualification_level=data["qualification_level"] or "",
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Geförderte Stelle gespeichert."))
            return redirect("funding:position_list")
    return render(
        request,
        "funding/grant_form.html",
        {"form": form, "title": _("Geförderte Stelle erfassen"), "back": "funding:position_list"},
    )


# --- Payment requests (item 5) ----------------------------------------------------------------


@area_required(Area.GRANTS)
def request_list(request: HttpRequest) -> HttpResponse:
    requests = list(
        gs.requests_for(request.user)
        .select_related("organisation", "decision__programme")
        .order_by("-submitted_at", "-id")
    )
    return render(
        request,
        "funding/request_list.html",
        {"requests": requests, "can_write": has_area(request.user, Area.GRANTS, write=True)},
    )


@area_required(Area.GRANTS, write=True)
def request_create(request: HttpRequest) -> HttpResponse:
    pairs = gs.shares_for_requester(request.user)
    form = PaymentRequestForm(request.POST or None, pairs=pairs)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision, organisation = data["grant"]
        try:
            created = services.payment_request_submit(
                organisation=organisation,
                decision=decision,
                amount=data["amount"],
                payout_date=data["payout_date"],
                planned=data["planned"],
                earlier_use=data["earlier_use"] or "",
                share=gs.recipient_share(decision, organisation).amount,
                by=request.user,
            )
        except services.PaymentRefused as refused:
            refusal = refused
            for reason in refused.reasons:
                field = "earlier_use" if reason.code == "earlier_use_missing" else "amount"
                form.add_error(field, reason.message)
                form._mark_invalid(field)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Mittelabruf eingereicht."))
            return redirect("funding:request_detail", pk=created.pk)
    return render(
        request,
        "funding/request_form.html",
        {"form": form, "refusal": refusal, "has_grants": bool(pairs)},
    )


@area_required(Area.GRANTS)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    payment = gs.get_request_for_user(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=payment)
    may_decide = gs.can_decide(request.user, payment)
    return render(
        request,
        "funding/request_detail.html",
        {
            "payment": payment,
            "planned": payment.planned_payments.all(),
            "explanation": payment.check_explanation.splitlines(),
            "decide_form": DecideForm()
            if may_decide and payment.status == PaymentStatus.SUBMITTED
            else None,
            "payout_form": PayoutForm(
                initial={
                    "paid_on": clock.today(),
                    "paid_amount": _money_input(payment.amount),
                }
            )
            if may_decide and payment.status == PaymentStatus.APPROVED
            else None,
        },
    )


def _decidable(request, pk):
    payment = gs.get_request_for_user(request.user, pk, write=True)
    if not gs.can_decide(request.user, payment):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return payment


@require_POST
@area_required(Area.GRANTS, write=True)
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _decidable(request, pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        try:
            services.payment_request_decide(
                request=payment,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"] or "",
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Entscheidung gespeichert."))
            return redirect("funding:request_detail", pk=payment.pk)
    return render(
        request,
        "funding/request_detail.html",
        {
            "payment": payment,
            "planned": payment.planned_payments.all(),
            "explanation": payment.check_explanation.splitlines(),
            "decide_form": form,
        },
    )


@require_POST
@area_required(Area.GRANTS, write=True)
def request_payout(request: HttpRequest, pk: int) -> HttpResponse:
    payment = _decidable(request, pk)
    form = PayoutForm(request.POST)
    if form.is_valid():
        try:
            services.payment_record_payout(
                request=payment,
                paid_on=form.cleaned_data["paid_on"],
                paid_amount=form.cleaned_data["paid_amount"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Auszahlung erfasst."))
            return redirect("funding:request_detail", pk=payment.pk)
    return render(
        request,
        "funding/request_detail.html",
        {
            "payment": payment,
            "planned": payment.planned_payments.all(),
            "explanation": payment.check_explanation.splitlines(),
            "payout_form": form,
        },
    )


# --- Settlement, recovery and the overview (item 7) -------------------------------------------


def _settlement_parties(decision):
    ids = {decision.organisation_id} | set(
        ContractAllocation.objects.filter(
            version__contract__decisions=decision,
            version__status=VersionStatus.IN_FORCE,
            programme_id=decision.programme_id,
        ).values_list("organisation_id", flat=True)
    )
    return Organisation.objects.filter(pk__in=ids).order_by("name")


@area_required(Area.GRANTS, write=True)
def settlement_create(request: HttpRequest, pk: int) -> HttpResponse:
    decision = gs.get_decision_for_user(request.user, pk, write=True)
    parties = _settlement_parties(decision)
    initial = {"settled_on": clock.today()}
    if decision.period_start:
        initial["year"] = decision.period_start.year
    chosen = request.GET.get("stelle", "")
    party = parties.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if party is not None:
        defaults = gs.settlement_defaults(decision, party)
        initial |= {
            "organisation": party,
            "programme_amount": _money_input(defaults["programme_amount"]),
            "paid": _money_input(defaults["paid"]),
        }
    form = SettlementForm(request.POST or None, initial=initial, organisations=parties)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _settlement, claim = services.settlement_record(
                decision=decision,
                organisation=data["organisation"],
                year=data["year"],
                programme_amount=data["programme_amount"],
                eligible_costs=data["eligible_costs"],
                paid=data["paid"],
                settled_on=data["settled_on"],
                interest_from=data["interest_from"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            if claim:
                messages.warning(
                    request,
                    _("Überzahlung: Rückforderung über %(amount)s angelegt.")
                    % {"amount": format_eur(claim.amount)},
                )
                return redirect("funding:claim_detail", pk=claim.pk)
            messages.success(request, _("Abrechnung gespeichert."))
            return redirect("funding:decision_detail", pk=decision.pk)
    return render(
        request,
        "funding/settlement_form.html",
        {"form": form, "decision": decision, "parties": parties},
    )


@area_required(Area.GRANTS)
def claim_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A recovery claim with § 49a interest to a chosen day and, for the county, passing it on."""
    claim = gs.get_claim_for_user(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=claim)
    interest_form = InterestForm(request.GET or None)
    interest = None
    if interest_form.is_bound and interest_form.is_valid():
        try:
            interest = programme_selectors.interest_calculate(
                principal=claim.amount,
                start=claim.interest_from,
                end=interest_form.cleaned_data["until"],
            )
        except RuleError as error:
            interest_form.add_rule_violation(RuleViolation(error.message, "until"))
    may_pass_on = claim.organisation_id == claim.decision.organisation_id and _can_write(
        request.user, claim.organisation_id
    )
    return render(
        request,
        "funding/claim_detail.html",
        {
            "claim": claim,
            "interest_form": interest_form,
            "interest": interest,
            "passed_on": claim.passed_on.select_related("organisation"),
            "pass_on_form": PassOnForm(
                recipients=_settlement_parties(claim.decision).exclude(pk=claim.organisation_id)
            )
            if may_pass_on
            else None,
        },
    )


@require_POST
@area_required(Area.GRANTS, write=True)
def claim_pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    claim = gs.get_claim_for_user(request.user, pk, write=True)
    recipients = _settlement_parties(claim.decision).exclude(pk=claim.organisation_id)
    form = PassOnForm(request.POST, recipients=recipients)
    if form.is_valid():
        try:
            passed = services.recovery_pass_on(
                claim=claim,
                recipient=form.cleaned_data["recipient"],
                amount=form.cleaned_data["amount"],
                note=form.cleaned_data["note"] or "",
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("Rückforderung über %(amount)s an %(name)s weitergegeben (KIM § 11).")
                % {"amount": format_eur(passed.amount), "name": passed.organisation.name},
            )
            return redirect("funding:claim_detail", pk=claim.pk)
    return render(
        request,
        "funding/claim_detail.html",
        {
            "claim": claim,
            "interest_form": InterestForm(),
            "passed_on": claim.passed_on.select_related("organisation"),
            "pass_on_form": form,
        },
    )


@area_required(Area.GRANTS)
def overview(request: HttpRequest) -> HttpResponse:
    """The grants officer's overview: granted vs paid vs proven per recipient, chart and table."""
    year = _year(request)
    return render(
        request,
        "funding/overview.html",
        {
            "year": year,
            "years": range(year - 3, year + 2),
            "counties": gs.overview_for(request.user, year=year),
        },
    )
