"""Printable documents (PDF/A) and the administrators' pages for their texts.

Case documents are for whoever may read the case (Area.CASES, fetched through
get_client_for_user: a foreign case answers 404); every download is logged with
ids only, and file names carry the case number, never a name. Texts are
maintained by administrators (Area.ORGANISATIONS, write), for the nodes they
administer.
"""

import re

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.accounts.scope import organisations_for
from lotse.cases import selectors as case_selectors
from lotse.cases.models import ConsentPurpose, PlanGoal, ServiceKind
from lotse.cases.rules.plan import SECTIONS
from lotse.cases.services import plan_missing_sections
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.documents import building, selectors
from lotse.documents.forms import DocumentTextForm
from lotse.documents.models import DocumentKind, DocumentText
from lotse.documents.pdf import render_pdf
from lotse.documents.services import document_text_save
from lotse.kernel.dates import format_date
from lotse.kernel.errors import RuleViolation
from lotse.organisations.models import Organisation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

cases_read = area_required(Area.CASES)
texts_admin = area_required(Area.ORGANISATIONS, write=True)

LANGUAGE_PARAM = "sprache"


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def safe_filename(*parts: str) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9_.-]+", "_", part) for part in parts if part) + ".pdf"


def _purposes():
    return ConsentPurpose.objects.filter(active=True).prefetch_related(
        Prefetch("service_kinds", queryset=ServiceKind.objects.order_by("sort", "label"))
    )


def _no_translation(request, *, client, kind, language, texts, url_name):
    """The fallback: say clearly that no text exists in that language; offer German."""
    return render(
        request,
        "documents/no_translation.html",
        {
            "client": client,
            "kind_label": DocumentKind(kind).label,
            "language": language,
            "languages": selectors.sorted_languages(texts),
            "url_name": url_name,
        },
        status=200,
    )


# --- Consent form (BW 4.1.4 f, Art. 6 (1) a and 9 (2) a DSGVO) -----------------------------


@cases_read
def consent_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The consent form in German plus the chosen language, to print and sign.

    Printable before any consent exists (it is how consent is obtained): then it
    carries the case number and empty lines, since no personal data may exist yet.
    """
    client = case_selectors.get_client_for_user(request.user, pk)
    if client.restricted_on:
        messages.error(
            request,
            _(
                "Die Einwilligung wurde widerrufen; für diesen Fall wird kein neues Formular gedruckt."
            ),
        )
        return redirect("cases:client_detail", pk=client.pk)
    texts = selectors.texts_for_case(DocumentKind.CONSENT_FORM, client.organisation)
    language = request.GET.get(LANGUAGE_PARAM, "de") or "de"
    german = texts.get("de")
    if german is None:
        raise Http404
    if language not in texts:
        return _no_translation(
            request,
            client=client,
            kind=DocumentKind.CONSENT_FORM,
            language=language,
            texts=texts,
            url_name="documents:consent_form",
        )
    # Document contents are German whatever the reader's interface language.
    with translation.override("de"):
        context = building.consent_form_context(
            client=client,
            german=german,
            translation=None if language == "de" else texts[language],
            purposes=_purposes(),
            today=clock.today(),
        )
    content = render_pdf("documents/consent_form.html", context, lang="de")
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=client,
        purpose=f"Einwilligungsformular gedruckt ({language})",
    )
    return pdf_response(content, safe_filename("einwilligung", client.case_number, language))


# --- Integration plan (BW 4.1.6) ---------------------------------------------------------------


def _plan_or_404(request, client):
    plan = case_selectors.plan_for(request.user, client)
    if plan is None:
        raise Http404
    goals = list(PlanGoal.objects.filter(plan=plan).order_by("life_area", "id"))
    return plan, goals


def _plan_sections(plan) -> list[tuple[str, str]]:
    def value(name):
        field = plan._meta.get_field(name)
        shown = getattr(plan, f"get_{name}_display")() if field.choices else getattr(plan, name)
        if hasattr(shown, "strftime"):
            return format_date(shown)
        if isinstance(shown, bool):
            return _("ja") if shown else _("nein")
        return str(shown or "")

    names = (
        "personal",
        "language_level",
        "language",
        "education",
        "work",
        "housing",
        "started_on",
        "progress",
        "ended_on",
        "review_on",
        "notes",
    )
    sections = [(str(plan._meta.get_field(name).verbose_name), value(name)) for name in names]
    if plan.predates_regulation:
        sections.append((str(plan._meta.get_field("predates_regulation").verbose_name), _("ja")))
    return sections


@cases_read
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole plan in German: sections a–g, goals with steps, version and date."""
    client = case_selectors.get_client_for_user(request.user, pk)
    plan, goals = _plan_or_404(request, client)
    today = clock.today()
    with translation.override("de"):
        sections = _plan_sections(plan)
        rows = building.goal_rows(goals, None)
    context = {
        "client": client,
        "plan": plan,
        "personal": building.personal_lines(client),
        "sections": sections,
        "rows": rows,
        "missing": [SECTIONS[letter] for letter in plan_missing_sections(plan, goals)],
        "today": today,
    }
    content = render_pdf("documents/plan.html", context, lang="de")
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=plan,
        purpose=f"Integrationsplan als PDF (Version {plan.version})",
    )
    return pdf_response(
        content, safe_filename("integrationsplan", client.case_number, f"v{plan.version}")
    )


@cases_read
def plan_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The short version in the client's language where a text exists (else: say so)."""
    client = case_selectors.get_client_for_user(request.user, pk)
    plan, goals = _plan_or_404(request, client)
    texts = selectors.texts_for_case(DocumentKind.PLAN_SUMMARY, client.organisation)
    language = request.GET.get(LANGUAGE_PARAM, "de") or "de"
    text = texts.get(language)
    if text is None:
        return _no_translation(
            request,
            client=client,
            kind=DocumentKind.PLAN_SUMMARY,
            language=language,
            texts=texts,
            url_name="documents:plan_summary",
        )
    with translation.override("de"):
        context = building.plan_summary_context(
            client=client, plan=plan, goals=goals, text=text, today=clock.today()
        )
    content = render_pdf("documents/plan_summary.html", context, lang=text.language)
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=plan,
        purpose=f"Integrationsplan, Kurzfassung als PDF ({language})",
    )
    return pdf_response(
        content, safe_filename("integrationsplan-kurzfassung", client.case_number, language)
    )


# --- Texts (administrators) ----------------------------------------------------------------


def _writable_organisations(user):
    return organisations_for(user, Area.ORGANISATIONS, write=True).order_by("path")


@texts_admin
def text_list(request: HttpRequest) -> HttpResponse:
    texts = list(selectors.texts_for_admin(request.user))
    groups = [
        (kind, label, [text for text in texts if text.kind == kind])
        for kind, label in DocumentKind.choices
    ]
    return render(request, "documents/text_list.html", {"groups": groups})


def _preview(request, *, kind, text: DocumentText, organisation) -> HttpResponse:
    """A PDF of the text with example data (no case)."""

    class Example:
        case_number = "2026-0001"
        birth_date = ""
        given_names = family_name = given_names_latin = family_name_latin = ""

    example = Example()
    example.organisation = organisation or Organisation(name=_("Beispielstadt (Vorschau)"))
    today = clock.today()
    with translation.override("de"):
        return _preview_pdf(
            kind=kind, text=text, organisation=organisation, example=example, today=today
        )


def _preview_pdf(*, kind, text, organisation, example, today) -> HttpResponse:
    if kind == DocumentKind.CONSENT_FORM:
        texts = (
            selectors.texts_for_case(kind, organisation)
            if organisation
            else {t.language: t for t in DocumentText.objects.shipped().filter(kind=kind)}
        )
        german = text if text.language == "de" else texts.get("de")
        if german is None:
            raise Http404
        context = building.consent_form_context(
            client=example,
            german=german,
            translation=None if text.language == "de" else text,
            purposes=_purposes(),
            today=today,
            personal={"name": "", "birth_date": ""},
        )
        content = render_pdf("documents/consent_form.html", context, lang="de")
    else:

        class Plan:
            version = 1
            changed_at = None

        context = building.plan_summary_context(
            client=example, plan=Plan(), goals=building.sample_goals(), text=text, today=today
        )
        content = render_pdf("documents/plan_summary.html", context, lang=text.language)
    return pdf_response(content, safe_filename("vorschau", kind, text.language))


@texts_admin
def text_preview(request: HttpRequest, pk: int) -> HttpResponse:
    text = selectors.get_text_for_admin(request.user, pk)
    return _preview(request, kind=text.kind, text=text, organisation=text.organisation)


def _text_page(request, *, kind, form, text, source=None) -> HttpResponse:
    return render(
        request,
        "documents/text_form.html",
        {
            "form": form,
            "text": text,
            "source": source,
            "kind": kind,
            "kind_label": DocumentKind(kind).label,
        },
    )


@texts_admin
def text_create(request: HttpRequest) -> HttpResponse:
    """A new adapted text or a new language; ``?von=<id>`` starts from an existing text."""
    source = None
    source_id = request.GET.get("von", "")
    if source_id.isdigit():
        source = selectors.get_text_for_admin(request.user, int(source_id))
    kind = source.kind if source else request.GET.get("art", DocumentKind.CONSENT_FORM)
    if kind not in DocumentKind.values:
        raise Http404
    organisations = _writable_organisations(request.user)
    initial = DocumentTextForm.initial_for(source) if source else {}
    form = DocumentTextForm(
        request.POST or None, kind=kind, organisations=organisations, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.text_data()
        if "preview" in request.POST:
            draft = DocumentText(kind=kind, organisation=form.cleaned_data["organisation"], **data)
            return _preview(
                request, kind=kind, text=draft, organisation=form.cleaned_data["organisation"]
            )
        try:
            text = document_text_save(
                kind=kind,
                organisation=form.cleaned_data["organisation"],
                data=data,
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Der Text wurde gespeichert."))
            return redirect("documents:text_edit", pk=text.pk)
    return _text_page(request, kind=kind, form=form, text=None, source=source)


@texts_admin
def text_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an adapted text of a node the user administers (shipped ones: copy first)."""
    text = get_for_user(
        DocumentText.objects.select_related("organisation"), request.user, pk, write=True
    )
    form = DocumentTextForm(
        request.POST or None, kind=text.kind, initial=DocumentTextForm.initial_for(text)
    )
    if request.method == "POST" and form.is_valid():
        data = form.text_data()
        if "preview" in request.POST:
            draft = DocumentText(kind=text.kind, organisation=text.organisation, **data)
            return _preview(request, kind=text.kind, text=draft, organisation=text.organisation)
        try:
            document_text_save(
                kind=text.kind,
                organisation=text.organisation,
                data=data,
                by=request.user,
                text=text,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Der Text wurde gespeichert."))
            return redirect("documents:text_edit", pk=text.pk)
    return _text_page(request, kind=text.kind, form=form, text=text)
