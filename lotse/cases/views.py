"""Pages of case work under /faelle/. Views fetch through selectors (scoped to the
user), call one service, and show its German message next to the named field.
Every page that shows personal data writes a line to the access log."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotse.accounts.scope import organisation_ids_for, organisations_for
from lotse.cases import selectors, services
from lotse.cases.forms import (
    ClientCreateForm,
    ClientPersonalForm,
    ClosureForm,
    ConsentForm,
    ConsentWithdrawForm,
    ConsultationForm,
    ExtensionDecideForm,
    ExtensionRequestForm,
    ReassignForm,
)
from lotse.cases.models import Closure, Consent, CounselingExtension, Decision
from lotse.cases.permissions import is_team_lead, leads_team_of, team_lead_organisation_ids
from lotse.cases.rules.period import latest_extension_end
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules as org_rules
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object, audit_record

CLIENT_SEARCH_KEY = "lotse_client_search"

cases_read = area_required(Area.CASES)
cases_write = area_required(Area.CASES, write=True)


def team_lead_required(view):
    """Steps that are the team lead's alone (SPEC §1): 403 for everyone else."""

    @wraps(view)
    @cases_write
    def wrapper(request, *args, **kwargs):
        if not is_team_lead(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _form_page(request, template, *, form, client, title, submit, **extra) -> HttpResponse:
    return render(
        request,
        template,
        {"form": form, "client": client, "title": title, "submit": submit, **extra},
    )


# --- List, create, case page ---------------------------------------------------------


@cases_read
def client_list(request: HttpRequest) -> HttpResponse:
    # The search term is posted and kept in the session (as accounts:user_list):
    # nothing about a person goes into a URL.
    if request.method == "POST":
        request.session[CLIENT_SEARCH_KEY] = request.POST.get("q", "").strip()[:100]
        return redirect("cases:client_list")
    query = request.session.get(CLIENT_SEARCH_KEY, "")
    page = Paginator(selectors.client_list_for(request.user, query=query), 50).get_page(
        request.GET.get("page")
    )
    states = selectors.case_states(page.object_list, user=request.user, today=clock.today())
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="cases.client",
        purpose="Fallliste gelesen",
    )
    return render(
        request,
        "cases/client_list.html",
        {
            "page": page,
            "states": states,
            "query": query,
            "is_team_lead": is_team_lead(request.user),
        },
    )


def _case_organisations(user):
    """Nodes that keep cases: municipalities, associations and welfare organisations."""
    return organisations_for(user, Area.CASES, write=True, kinds=org_rules.CASE_KEEPERS).order_by(
        "name"
    )


def _case_municipalities(user):
    return organisations_for(user, Area.CASES, write=True, kinds=[org_rules.MUNICIPALITY]).order_by(
        "name"
    )


@cases_write
def client_create(request: HttpRequest) -> HttpResponse:
    form = ClientCreateForm(
        request.POST or None,
        organisations=_case_organisations(request.user),
        municipalities=_case_municipalities(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household_of = None
            if data["household_of"]:
                household_of = (
                    selectors.clients_for(request.user, write=True)
                    .filter(organisation=data["organisation"], case_number=data["household_of"])
                    .first()
                )
                if household_of is None:
                    raise RuleViolation(
                        _(
                            "Zum Haushalt von Fallnummer: Diese Fallnummer gibt es bei %(org)s nicht."
                        )
                        % {"org": data["organisation"].name},
                        "household_of",
                    )
            client = services.client_create(
                organisation=data["organisation"],
                municipality=data["municipality"],
                initials=data["initials"],
                birth_year=data["birth_year"],
                case_number=data["case_number"],
                household_of=household_of,
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("Der Fall %(number)s wurde angelegt. Als Nächstes: die Einwilligung erfassen.")
                % {"number": client.case_number},
            )
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=None,
        title=_("Neuer Fall"),
        submit=_("Fall anlegen"),
    )


@cases_read
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    today = clock.today()
    state, related = selectors.case_page_for(request.user, pk, today=today)
    client = state.client
    audit_object(actor=request.user, action=AuditAction.READ, obj=client, purpose="Fallakte")
    lead = leads_team_of(request.user, client.organisation_id)
    consultation_count = client.consultation_count
    return render(
        request,
        "cases/client_detail.html",
        {
            "client": client,
            "state": state,
            **related,
            "is_team_lead": lead,
            "can_write": client.organisation_id
            in organisation_ids_for(request.user, Area.CASES, write=True),
            "next_is_second": consultation_count == 1,
            "plan_url": selectors.plan_url(client),
            "missing_form": any(
                not c.signed_form for c in related["consents"] if not c.withdrawn_on
            ),
        },
    )


# --- Personal data (BW 4.1.4 f) with optimistic locking (item 15) ----------------------


@cases_write
def client_personal(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    changes = None
    duplicates = []
    if request.method == "POST":
        form = ClientPersonalForm(request.POST, instance=client)
        if form.is_valid() and not form.cleaned_data["not_duplicate"]:
            # Issue 3 item 11: warn before saving a person who may already have a case.
            duplicates = services.client_duplicates_check(
                client=client, data=form.personal_data(), by=request.user
            )
            if duplicates:
                form.ask_not_duplicate(
                    _(
                        "Bitte prüfen Sie die möglichen Dubletten oben. Speichern Sie nur, "
                        "wenn Sie bestätigen, dass es sich um eine andere Person handelt."
                    )
                )
        if form.is_valid():
            try:
                services.client_personal_data_update(
                    client=client,
                    data=form.personal_data(),
                    expected_version=form.cleaned_data["version"],
                    snapshot=form.cleaned_data["snapshot"],
                    by=request.user,
                )
            except services.EditConflict as conflict:
                changes = conflict.changes
                # Keep what was typed; the next save is against the version now stored.
                fresh = selectors.get_client_for_user(request.user, pk, write=True)
                data = request.POST.copy()
                data["version"] = fresh.version
                data["snapshot"] = services.client_snapshot(fresh)
                form = ClientPersonalForm(data, instance=fresh)
                form.is_valid()
                form.add_error(None, conflict.message)
                client = fresh
                audit_object(
                    actor=request.user,
                    action=AuditAction.READ,
                    obj=client,
                    purpose="Persönliche Angaben (Bearbeitungskonflikt)",
                )
            except RuleViolation as violation:
                form.add_rule_violation(violation)
            else:
                messages.success(request, _("Die persönlichen Angaben wurden gespeichert."))
                return redirect("cases:client_detail", pk=client.pk)
    else:
        form = ClientPersonalForm(
            instance=client,
            initial={"version": client.version, "snapshot": services.client_snapshot(client)},
        )
        audit_object(
            actor=request.user, action=AuditAction.READ, obj=client, purpose="Persönliche Angaben"
        )
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Persönliche Angaben"),
        submit=_("Speichern"),
        changes=changes,
        duplicates=duplicates,
        needs_consent=services.current_consent(client) is None,
    )


# --- Consent (BW 4.1.4 f) ------------------------------------------------------------------


@cases_write
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    form = ConsentForm(
        request.POST or None, request.FILES or None, initial={"given_on": clock.today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_record(
                client=client,
                purposes=data["purposes"],
                given_on=data["given_on"],
                explained_in=data["explained_in"],
                interpreter=data["interpreter"],
                signed_form=data["signed_form"] or None,
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Einwilligung wurde erfasst."))
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Einwilligung erfassen"),
        submit=_("Einwilligung speichern"),
        multipart=True,
    )


def _consent(request, pk, consent_pk, *, write=False) -> Consent:
    client = selectors.get_client_for_user(request.user, pk, write=write)
    return get_for_user(
        Consent.objects.filter(client=client).select_related("client"),
        request.user,
        consent_pk,
        write=write,
    )


@cases_write
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    consent = _consent(request, pk, consent_pk, write=True)
    form = ConsentWithdrawForm(request.POST or None, initial={"withdrawn_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"], by=request.user
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _(
                    "Der Widerruf wurde erfasst. Der Fall ist eingeschränkt und zur Löschung vorgemerkt."
                ),
            )
            return redirect("cases:client_detail", pk=consent.client_id)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=consent.client,
        title=_("Widerruf der Einwilligung erfassen"),
        submit=_("Widerruf speichern"),
        warning=_(
            "Nach dem Widerruf können keine neuen Angaben mehr erfasst werden; der Fall wird eingeschränkt und zur Löschung vorgemerkt."
        ),
    )


@cases_read
def consent_download(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    consent = _consent(request, pk, consent_pk)
    if not consent.signed_form:
        raise Http404
    try:
        handle = consent.signed_form.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=consent,
        purpose="Einwilligungsformular heruntergeladen",
    )
    suffix = consent.signed_form.name.rsplit(".", 1)[-1]
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"einwilligung-{consent.client.case_number}-{consent.pk}.{suffix}",
        content_type=consent.signed_form_type or "application/octet-stream",
    )
    return response


# --- Consultations (BW 4.1.4 a, 4.1.5) ---------------------------------------------------------


@cases_write
def consultation_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    form = ConsultationForm(request.POST or None, initial={"held_on": clock.today()})
    is_initial = services.initial_consultation_date(client) is None
    count = client.consultations.count()
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_record(
                client=client, by=request.user, **form.cleaned_data
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            if consultation.is_initial:
                messages.success(
                    request,
                    _(
                        "Das Erstberatungsgespräch wurde erfasst; der Beratungszeitraum beginnt (BW 4.1.5)."
                    ),
                )
            else:
                messages.success(request, _("Das Gespräch wurde erfasst."))
            if count == 1:
                # BW 4.1.4 f: the plan is due at the second consultation at the latest,
                # so the second consultation leads straight into the plan form.
                if not selectors.plan_for(request.user, client):
                    messages.warning(
                        request,
                        _(
                            "Mit diesem zweiten Gespräch ist der Integrationsplan fällig (BW 4.1.4 f). Bitte erstellen Sie ihn jetzt; bis dahin steht er auf der Arbeitsliste."
                        ),
                    )
                plan = selectors.plan_url(client)
                if plan:
                    return redirect(plan)
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Erstberatungsgespräch erfassen") if is_initial else _("Gespräch erfassen"),
        submit=_("Gespräch speichern"),
        intro=_(
            "Das Erstberatungsgespräch dient der Bedarfsermittlung (BW 4.1.4 a); mit ihm beginnt der Beratungszeitraum von höchstens drei Jahren (BW 4.1.5)."
        )
        if is_initial
        else _("Spätestens im zweiten Gespräch wird der Integrationsplan erstellt (BW 4.1.4 f).")
        if count == 1
        else "",
    )


# --- Extension (BW 4.1.5) ---------------------------------------------------------------------


@cases_write
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    initial = services.initial_consultation_date(client)
    # BW 4.1.5: by default the full further year, the case manager may ask for less.
    form = ExtensionRequestForm(
        request.POST or None,
        initial={"until": latest_extension_end(initial=initial)} if initial else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_request(client=client, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request, _("Die Verlängerung wurde beantragt; die Teamleitung entscheidet.")
            )
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Verlängerung des Beratungszeitraums beantragen"),
        submit=_("Antrag stellen"),
        intro=_(
            "Einmalig um bis zu ein Jahr in begründeten Einzelfällen, etwa bei Analphabetismus, nachgewiesener psychischer oder chronischer Erkrankung, Behinderung oder einer Multiproblemlage (BW 4.1.5)."
        ),
    )


@team_lead_required
def extension_decide(request: HttpRequest, pk: int, extension_pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    if not leads_team_of(request.user, client.organisation_id):
        raise PermissionDenied
    extension = get_for_user(
        CounselingExtension.objects.filter(client=client, decision=Decision.PENDING),
        request.user,
        extension_pk,
        write=True,
    )
    form = ExtensionDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_decide(
                extension=extension,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["decision_note"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Entscheidung wurde gespeichert."))
            return redirect("cases:client_detail", pk=client.pk)
    audit_object(
        actor=request.user, action=AuditAction.READ, obj=extension, purpose="Verlängerungsantrag"
    )
    return _form_page(
        request,
        "cases/extension_decide.html",
        form=form,
        client=client,
        title=_("Über die Verlängerung entscheiden"),
        submit=_("Entscheidung speichern"),
        extension=extension,
    )


# --- Closure ---------------------------------------------------------------------------------------


@cases_write
def closure_create(request: HttpRequest, pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    form = ClosureForm(request.POST or None, initial={"closed_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(client=client, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Der Fall wurde abgeschlossen."))
            return redirect("cases:client_detail", pk=client.pk)
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=client,
        title=_("Fall abschließen"),
        submit=_("Abschließen"),
    )


@team_lead_required
def closure_reopen(request: HttpRequest, pk: int, closure_pk: int) -> HttpResponse:
    client = selectors.get_client_for_user(request.user, pk, write=True)
    if not leads_team_of(request.user, client.organisation_id):
        raise PermissionDenied
    closure = get_for_user(
        Closure.objects.filter(client=client, reopened_on__isnull=True).select_related("reason"),
        request.user,
        closure_pk,
        write=True,
    )
    error = None
    if request.method == "POST":
        try:
            services.case_reopen(closure=closure, by=request.user)
        except RuleViolation as violation:
            error = violation.message
        else:
            messages.success(request, _("Der Fall wurde wiedereröffnet."))
            return redirect("cases:client_detail", pk=client.pk)
    return render(
        request,
        "cases/closure_reopen.html",
        {"client": client, "closure": closure, "error": error},
    )


# --- Worklist (SPEC §2.4) and reassignment (item 12) ----------------------------------------


@cases_read
def worklist(request: HttpRequest) -> HttpResponse:
    lead = is_team_lead(request.user)
    team = request.GET.get("ansicht", "team" if lead else "meine") == "team"
    items = selectors.worklist_for(request.user, today=clock.today(), team=team)
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="cases.client",
        purpose="Arbeitsliste gelesen",
    )
    return render(
        request, "cases/worklist.html", {"items": items, "team": team, "is_team_lead": lead}
    )


@team_lead_required
def reassign(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    clients = (
        selectors.clients_for(request.user, write=True)
        .filter(organisation_id__in=team_lead_organisation_ids(request.user, on=today))
        .select_related("case_manager")
        .order_by("case_number")
    )
    form = ReassignForm(
        request.POST or None,
        clients=clients,
        case_managers=selectors.team_case_managers(request.user, on=today),
    )
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.cases_reassign(
                clients=form.cleaned_data["clients"], to=form.cleaned_data["to"], by=request.user
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                ngettext("%(count)s Fall neu zugewiesen.", "%(count)s Fälle neu zugewiesen.", moved)
                % {"count": moved},
            )
            return redirect("cases:worklist")
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action=AuditAction.SEARCH,
            object_type="cases.client",
            purpose="Fälle zur Neuzuweisung gelesen",
        )
    return _form_page(
        request,
        "cases/form.html",
        form=form,
        client=None,
        title=_("Fälle neu zuweisen"),
        submit=_("Neu zuweisen"),
    )
