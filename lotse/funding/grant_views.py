"""Pages for decisions, contracts and positions (issue 5 items 3–4).

Reads via grant_selectors, writes via services.

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

from lotse.accounts.scope import has_area, organisation_ids_for, organisations_for
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.funding import grant_selectors as gs
from lotse.funding import services
from lotse.funding.grant_forms import (
    AllocationFormSet,
    ContractHeadForm,
    DecisionChangeForm,
    DecisionForm,
    NoticeForm,
    PositionForm,
    VersionForm,
)
from lotse.funding.models import (
    ContractAllocation,
    VersionStatus,
)
from lotse.funding.page_helpers import can_write, money_input, year_from
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object
from lotse.staff.models import EmploymentPeriod

RECIPIENT_KINDS = ("county", "association", "municipality", "welfare")


def _writable_organisations(user):
    return organisations_for(user, Area.GRANTS, write=True, kinds=RECIPIENT_KINDS).order_by("path")


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
            "can_write": can_write(request.user, decision.organisation_id),
        },
    )


@area_required(Area.GRANTS, write=True)
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision = gs.get_decision_for_user(request.user, pk, write=True)
    initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS} | {
        "organisation": decision.organisation,
        "amount": money_input(decision.amount) if decision.amount is not None else "",
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
    queryset = organisations_for(user, Area.GRANTS, kinds=RECIPIENT_KINDS[1:])
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
            "can_write": can_write(request.user, contract.organisation_id),
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
            "rate": money_input(current.rate),
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
            "can_write": can_write(request.user, contract.organisation_id)
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
            notice = services.contract_notice_record(
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
                % {"day": format_date(notice.ends_on)},
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
    year = year_from(request)
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
