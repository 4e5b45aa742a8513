"""Pages of the integration plan (BW 4.1.4 f–g, 4.1.6) and of referrals
(BW 4.1.4 c–d, KIM §3(2)d) under /faelle/<id>/. As in views.py: fetch through
selectors, call one service, show its German message at the named field, and
log every read of personal data."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.accounts.scope import organisation_ids_for
from lotse.cases import selectors, services
from lotse.cases.forms import (
    AgreementFormSet,
    BarrierForm,
    ConferenceForm,
    GoalForm,
    ParticipantFormSet,
    PlanForm,
    ReassessmentForm,
    ReferralForm,
    ReferralReopenForm,
    ReferralStatusForm,
)
from lotse.cases.rules.plan import SECTIONS
from lotse.cases.rules.referrals import FINAL, ReferralStatus
from lotse.cases.views import _form_page, cases_read, cases_write
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object


def _missing(plan, goals) -> list[str]:
    if plan is None:
        return list(SECTIONS.values())
    return [SECTIONS[letter] for letter in services.plan_missing_sections(plan, goals)]


@cases_write
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's sections a–g with the completeness indicator; create or carry forward."""
    client = selectors.get_client_for_user(request.user, pk, write=True)
    current = selectors.plan_for(request.user, client, write=True)
    changes = None
    if request.method == "POST":
        form = PlanForm(request.POST, instance=current)
        if form.is_valid():
            try:
                saved = services.plan_save(
                    client=client,
                    data=form.plan_data(),
                    expected_version=form.cleaned_data["version"] if current else None,
                    snapshot=form.cleaned_data["snapshot"],
                    by=request.user,
                )
            except services.EditConflict as conflict:
                changes = conflict.changes
                current = selectors.plan_for(request.user, client, write=True)
                data = request.POST.copy()
                data["version"] = current.version
                data["snapshot"] = services.plan_snapshot(current)
                form = PlanForm(data, instance=current)
                form.is_valid()
                form.add_error(None, conflict.message)
                audit_object(
                    actor=request.user,
                    action=AuditAction.READ,
                    obj=current,
                    purpose="Integrationsplan (Bearbeitungskonflikt)",
                )
            except RuleViolation as violation:
                form.add_rule_violation(violation)
            else:
                missing = _missing(saved, list(saved.goals.all()))
                if current is None:
                    messages.success(
                        request,
                        _("Der Integrationsplan wurde angelegt. Als Nächstes: die Ziele (f)."),
                    )
                else:
                    messages.success(request, _("Der Integrationsplan wurde fortgeschrieben."))
                if missing:
                    messages.info(
                        request,
                        _("Noch zu ergänzen (BW 4.1.6.2, 4.1.6.3): %(sections)s")
                        % {"sections": "; ".join(missing)},
                    )
                return redirect("cases:plan", pk=client.pk)
    else:
        initial = (
            {"version": current.version, "snapshot": services.plan_snapshot(current)}
            if current
            else {"started_on": clock.today()}
        )
        form = PlanForm(instance=current, initial=initial)
        if current:
            audit_object(
                actor=request.user, action=AuditAction.READ, obj=current, purpose="Integrationsplan"
            )
    goals = list(selectors.plan_goals(current))
    return render(
        request,
        "cases/plan.html",
        {
            "client": client,
            "plan": current,
            "goals": goals,
            "missing": _missing(current, goals),
            "form": form,
            "changes": changes,
            "title": _("Integrationsplan"),
            "submit": _("Plan anlegen") if current is None else _("Plan fortschreiben"),
        },
    )


def _plan_or_404(request, client):
    current = selectors.plan_for(request.user, client, write=True)
    if current is None:
        raise Http404
    return current


@cases_write
def plan_goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_page(request, pk, None)


@cases_write
def plan_goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    return _goal_page(request, pk, goal_pk)


def _goal_page(request, pk, goal_pk):
    client = selectors.get_client_for_user(request.user, pk, write=True)
    current = _plan_or_404(request, client)
    goal = (
        selectors.get_goal_for_user(request.user, current, goal_pk, write=True) if goal_pk else None
    )
    changes = None
    if request.method == "POST":
        form = GoalForm(request.POST, instance=goal)
        if form.is_valid():
            try:
                services.goal_save(
                    plan=current,
                    goal=goal,
                    data=form.goal_data(),
                    expected_version=form.cleaned_data["version"],
                    snapshot=form.cleaned_data["snapshot"],
                    by=request.user,
                )
            except services.EditConflict as conflict:
                changes = conflict.changes
                current = _plan_or_404(request, client)
                data = request.POST.copy()
                data["version"] = current.version
                data["snapshot"] = services.plan_snapshot(current)
                form = GoalForm(data, instance=goal)
                form.is_valid()
                form.add_error(None, conflict.message)
            except RuleViolation as violation:
                form.add_rule_violation(violation)
            else:
                messages.success(request, _("Das Ziel wurde gespeichert."))
                return redirect("cases:plan", pk=client.pk)
    else:
        form = GoalForm(
            instance=goal,
            initial={"version": current.version, "snapshot": services.plan_snapshot(current)},
        )
        if goal:
            audit_object(
                actor=request.user, action=AuditAction.READ, obj=goal, purpose="Ziel im Plan"
            )
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Ziel ändern") if goal else _("Ziel hinzufügen"),
        submit=_("Ziel speichern"),
        intro=_(
            "Konkrete Ziele je Lebensbereich mit den Schritten dorthin und ihrer Erfüllung (BW 4.1.6.2 f)."
        ),
        changes=changes,
    )


@cases_read
def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every version of the plan (who, when, what changed) and the diff to the one before."""
    client = selectors.get_client_for_user(request.user, pk)
    current = selectors.plan_for(request.user, client)
    if current is None:
        raise Http404
    versions = list(selectors.plan_versions_for(request.user, current))
    try:
        chosen_number = int(request.GET.get("version", versions[0].number if versions else 0))
    except ValueError:
        chosen_number = 0
    chosen = next((v for v in versions if v.number == chosen_number), None)
    diff = None
    if chosen is not None:
        previous = next((v for v in versions if v.number < chosen.number), None)
        diff = services.plan_diff(
            services.version_state(previous) if previous else {},
            services.version_state(chosen),
        )
    audit_object(
        actor=request.user, action=AuditAction.READ, obj=current, purpose="Versionen des Plans"
    )
    return render(
        request,
        "cases/plan_versions.html",
        {"client": client, "plan": current, "versions": versions, "chosen": chosen, "diff": diff},
    )


# --- Referrals (BW 4.1.4 c–d, KIM §3(2)d) -------------------------------------------------


@cases_write
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    goals = selectors.plan_goals(selectors.plan_for(request.user, client, write=True))
    form = ReferralForm(
        request.POST or None,
        goals=goals,
        services=selectors.referral_targets_for(request.user, client),
        initial={"referred_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(client=client, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("Die Vermittlung an %(service)s wurde erfasst.")
                % {"service": referral.service.label},
            )
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Vermittlung erfassen"),
        submit=_("Vermittlung speichern"),
        intro=_(
            "Weiterleitung an Regeldienste und Heranführung an Vereine und Ehrenamt (BW 4.1.4 c–d); "
            "das Ergebnis wird nachgehalten (KIM §3(2)d)."
        ),
    )


@cases_read
def referral_detail(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    """A referral's status history; a case worker records the next status here."""
    client = selectors.get_client_for_user(request.user, pk)
    referral = selectors.get_referral_for_user(request.user, client, referral_pk)
    can_write = client.organisation_id in organisation_ids_for(request.user, Area.CASES, write=True)
    is_final = ReferralStatus(referral.status) in FINAL
    form = None
    if can_write and not is_final:
        form = ReferralStatusForm(request.POST or None, initial={"on": clock.today()})
        if request.method == "POST" and form.is_valid():
            try:
                services.referral_status_update(
                    referral=referral, by=request.user, **form.cleaned_data
                )
            except RuleViolation as violation:
                form.add_rule_violation(violation)
            else:
                messages.success(request, _("Der Stand der Vermittlung wurde gespeichert."))
                return redirect("cases:client_detail", pk=client.pk)
    elif request.method == "POST":
        messages.error(
            request,
            _("Die Vermittlung hat bereits ein Ergebnis; sie kann nur wiedereröffnet werden."),
        )
        return redirect("cases:referral_detail", pk=client.pk, referral_pk=referral.pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=referral, purpose="Vermittlung")
    return render(
        request,
        "cases/referral_detail.html",
        {
            "client": client,
            "referral": referral,
            "events": list(selectors.referral_events(referral)),
            "form": form,
            "is_final": is_final,
            "can_write": can_write,
            "submit": _("Stand speichern"),
        },
    )


@cases_write
def referral_reopen(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    referral = selectors.get_referral_for_user(request.user, client, referral_pk, write=True)
    form = ReferralReopenForm(request.POST or None, initial={"on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_reopen(referral=referral, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Vermittlung ist wieder offen."))
            return redirect("cases:referral_detail", pk=client.pk, referral_pk=referral.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Vermittlung wiedereröffnen"),
        submit=_("Wiedereröffnen"),
    )


# --- Re-assessment (KIM §3(2)c) and structural problems -----------------------------------


@cases_write
def reassessment_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    previous = client.reassessments.prefetch_related("ratings").first()
    initial = {"held_on": clock.today()}
    if previous:
        # The situation at the start stays what it was; "now" is judged afresh.
        initial |= {f"{r.life_area}_start": r.at_start for r in previous.ratings.all()}
    form = ReassessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.reassessment_record(
                client=client,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
                ratings=form.ratings(),
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Das Re-Assessment wurde gespeichert."))
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Re-Assessment"),
        submit=_("Re-Assessment speichern"),
        intro=_(
            "Die Lage je Lebensbereich zu Beginn und heute, von 1 (akuter Handlungsbedarf) bis 5 (selbstständig, kein Bedarf); nicht betroffene Bereiche leer lassen (KIM §3(2)c)."
        ),
    )


@cases_write
def barrier_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    form = BarrierForm(request.POST or None, initial={"noted_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_note(client=client, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Das strukturelle Thema wurde erfasst."))
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Strukturelles Thema erfassen"),
        submit=_("Thema speichern"),
        intro=_(
            "Hürden, die nicht am Fall liegen, sondern an fehlenden Angeboten vor Ort. Die Koordinierende Stelle sieht nur Anzahlen je Thema, Gemeinde und Monat."
        ),
    )


@area_required(Area.AGGREGATES)
def barrier_report(request: HttpRequest) -> HttpResponse:
    """Counts per theme, municipality and month; aggregates only (SPEC §5)."""
    threshold = settings.LOTSE_SMALL_COUNT_THRESHOLD
    rows = selectors.barrier_counts_for(request.user, threshold=threshold)
    return render(request, "cases/barrier_report.html", {"rows": rows, "threshold": threshold})


# --- Case conferences (KIM §3(2)b) ---------------------------------------------------------


@cases_write
def conference_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    data = request.POST or None
    form = ConferenceForm(data, initial={"held_on": clock.today()})
    participants = ParticipantFormSet(data, prefix="participants")
    agreements = AgreementFormSet(data, prefix="agreements")
    error = None
    if request.method == "POST" and all(
        [form.is_valid(), participants.is_valid(), agreements.is_valid()]
    ):
        try:
            services.conference_record(
                client=client,
                held_on=form.cleaned_data["held_on"],
                agenda=form.cleaned_data["agenda"],
                participants=[e for f in participants if (e := f.entry())],
                agreements=[e for f in agreements if (e := f.entry())],
                by=request.user,
            )
        except RuleViolation as violation:
            if violation.field in form.fields:
                form.add_rule_violation(violation)
            else:
                error = violation.message
        else:
            messages.success(
                request,
                _(
                    "Die Fallkonferenz wurde erfasst; ihre Vereinbarungen stehen im Integrationsplan."
                ),
            )
            return redirect("cases:client_detail", pk=client.pk)
    return render(
        request,
        "cases/conference_form.html",
        {
            "client": client,
            "form": form,
            "participants": participants,
            "agreements": agreements,
            "error": error,
            "has_plan": selectors.plan_for(request.user, client) is not None,
        },
    )
