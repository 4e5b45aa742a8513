"""Pages for proofs of use (issue 5 items 6 and 11). Reads via selectors, writes via services.

Area.GRANTS: the grants officers of the recipient write drafts; the holder of
the decision (the county for its sub-recipients) reads and checks them; the
authority and the auditor read. Downloads are logged in the audit log.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.scope import has_area
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object
from lotse.proofs import selectors, services
from lotse.proofs.export import proof_workbook
from lotse.proofs.files import read_rows
from lotse.proofs.forms import (
    CheckForm,
    CostLineForm,
    NarrativeForm,
    PersonnelNumberForm,
    ProofCreateForm,
    ReceiptForm,
    UploadForm,
)
from lotse.proofs.models import ProofStatus
from lotse.proofs.rules.tables import (
    PayrollLine,
    ReceiptLine,
    TableError,
    read_payroll,
    read_receipts,
)

PENDING = "proofs-pending-import"


def _detail_url(proof) -> str:
    return reverse("proofs:detail", args=[proof.pk])


@area_required(Area.GRANTS)
def proof_list(request: HttpRequest) -> HttpResponse:
    options = selectors.rendering_options(request.user)
    form = None
    if options:
        form = ProofCreateForm(
            request.POST or None,
            options=options,
            initial={"year": clock.today().year - 1, "kind": "annual"},
        )
    if request.method == "POST":
        if form is None or not has_area(request.user, Area.GRANTS, write=True):
            raise PermissionDenied
        if form.is_valid():
            decision, organisation = form.cleaned_data["grant"]
            try:
                proof = services.proof_create(
                    decision=decision,
                    organisation=organisation,
                    kind=form.cleaned_data["kind"],
                    year=form.cleaned_data["year"],
                    quarter=form.cleaned_data["quarter"],
                    by=request.user,
                )
            except RuleViolation as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Der Nachweis wurde als Entwurf angelegt."))
                return redirect(_detail_url(proof))
    return render(
        request,
        "proofs/proof_list.html",
        {"proofs": selectors.list_for(request.user), "form": form, "tab": "proofs"},
    )


def _forms(proof, positions, *, data=None, which: str = ""):
    choices = [(str(p.pk), selectors.position_label(p)) for p in positions]
    return {
        "narrative_form": NarrativeForm(
            data if which == "narrative" else None, initial={"narrative": proof.narrative}
        ),
        "cost_form": CostLineForm(data if which == "cost" else None, positions=choices),
        "receipt_form": ReceiptForm(data if which == "receipt" else None),
        "payroll_form": UploadForm(prefix="lohn"),
        "number_form": PersonnelNumberForm(
            data if which == "numbers" else None,
            positions=choices,
            numbers=selectors.personnel_numbers(positions),
        ),
        "receipts_upload_form": UploadForm(prefix="belege"),
    }


def _render_detail(request, proof, *, status: int = 200, **extra) -> HttpResponse:
    user = request.user
    editable = selectors.can_edit(user, proof)
    positions = selectors.proof_positions(proof) if editable else []
    context = {
        "proof": proof,
        "data": selectors.proof_data(proof),
        "versions": selectors.versions_of(proof),
        "editable": editable,
        "may_check": selectors.can_check(user, proof),
        "may_correct": proof.status in (ProofStatus.SUBMITTED, ProofStatus.CHECKED)
        and not hasattr(proof, "correction")
        and services_may_write(user, proof),
        "cost_lines": selectors.cost_lines_of(proof) if editable else [],
        "receipt_rows": list(proof.receipts.all()) if editable else [],
        "check_form": CheckForm(),
        "sub_proofs": selectors.sub_recipient_proofs(proof) if editable else [],
        "tab": "proofs",
    }
    if editable:
        context.update(_forms(proof, positions))
    context.update(extra)
    return render(request, "proofs/proof_detail.html", context, status=status)


def services_may_write(user, proof) -> bool:
    from lotse.proofs.models import ProofOfUse

    return ProofOfUse.objects.for_user(user, write=True).filter(pk=proof.pk).exists()


@area_required(Area.GRANTS)
def proof_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.get_proof_for_user(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.READ, obj=proof)
    return _render_detail(request, proof)


def _editable(request, pk):
    proof = selectors.get_proof_for_user(request.user, pk, write=True)
    if not selectors.can_edit(request.user, proof):
        messages.error(
            request,
            _(
                "Ein eingereichter Nachweis wird nicht mehr geändert; bitte eine Berichtigung anlegen."
            ),
        )
        return proof, redirect(_detail_url(proof))
    return proof, None


@require_POST
@area_required(Area.GRANTS, write=True)
def narrative_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    form = NarrativeForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proof, narrative_form=form)
    services.narrative_update(proof=proof, text=form.cleaned_data["narrative"], by=request.user)
    messages.success(request, _("Der Sachbericht wurde gespeichert."))
    return redirect(_detail_url(proof) + "#sachbericht")


@require_POST
@area_required(Area.GRANTS, write=True)
def prefill(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    services.proof_prefill(proof=proof, by=request.user)
    messages.success(
        request, _("Kennzahlen und Bestätigungen wurden neu aus den Daten übernommen.")
    )
    return redirect(_detail_url(proof))


@require_POST
@area_required(Area.GRANTS, write=True)
def cost_add(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    positions = selectors.proof_positions(proof)
    choices = [(str(p.pk), selectors.position_label(p)) for p in positions]
    form = CostLineForm(request.POST, positions=choices)
    if form.is_valid():
        try:
            services.cost_line_add(
                proof=proof,
                position_id=form.cleaned_data["position"],
                month=form.cleaned_data["month"],
                amount=form.cleaned_data["amount"],
                by=request.user,
            )
        except RuleViolation as error:
            form.add_error("month", error.message)
        else:
            messages.success(request, _("Die Personalausgaben wurden erfasst."))
            return redirect(_detail_url(proof) + "#kosten")
    return _render_detail(request, proof, cost_form=form)


@require_POST
@area_required(Area.GRANTS, write=True)
def costs_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    try:
        result = services.costs_adopt(proof=proof, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(n)s Zeilen übernommen, %(r)s bisherige Zeilen ersetzt.")
            % {"n": result.created, "r": result.replaced},
        )
    return redirect(_detail_url(proof) + "#kosten")


@require_POST
@area_required(Area.GRANTS, write=True)
def personnel_numbers(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    positions = selectors.proof_positions(proof)
    choices = [(str(p.pk), selectors.position_label(p)) for p in positions]
    form = PersonnelNumberForm(request.POST, positions=choices)
    if form.is_valid():
        try:
            services.personnel_numbers_save(proof=proof, numbers=form.numbers(), by=request.user)
        except RuleViolation as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Die Personalnummern wurden gespeichert."))
            return redirect(_detail_url(proof) + "#lohn")
    return _render_detail(request, proof, number_form=form)


@require_POST
@area_required(Area.GRANTS, write=True)
def receipt_add(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    form = ReceiptForm(request.POST)
    if form.is_valid():
        try:
            services.receipt_add(proof=proof, by=request.user, **form.cleaned_data)
        except RuleViolation as error:
            form.add_error("day", error.message)
        else:
            messages.success(request, _("Der Beleg wurde erfasst."))
            return redirect(_detail_url(proof) + "#belege")
    return _render_detail(request, proof, receipt_form=form)


@require_POST
@area_required(Area.GRANTS, write=True)
def line_delete(request: HttpRequest, pk: int, kind: str, line: int) -> HttpResponse:
    if kind not in ("kosten", "belege"):
        raise Http404
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    try:
        services.line_delete(proof=proof, kind=kind, pk=line, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Die Zeile wurde gelöscht."))
    return redirect(_detail_url(proof) + ("#kosten" if kind == "kosten" else "#belege"))


def _serialise(kind: str, lines) -> list[list[str]]:
    if kind == "lohn":
        return [
            [line.line, line.position_key, line.month.isoformat(), str(line.amount)]
            for line in lines
        ]
    return [[r.line, r.day.isoformat(), r.payee, r.reason, str(r.amount)] for r in lines]


def _deserialise(kind: str, rows):
    if kind == "lohn":
        return [PayrollLine(n, key, date.fromisoformat(m), Decimal(a)) for n, key, m, a in rows]
    return [ReceiptLine(n, date.fromisoformat(d), p, r, Decimal(a)) for n, d, p, r, a in rows]


def _save_import(request, proof, kind: str, lines, *, replace: bool) -> HttpResponse:
    call = services.payroll_import if kind == "lohn" else services.receipts_import
    anchor = "#kosten" if kind == "lohn" else "#belege"
    try:
        result = call(proof=proof, lines=lines, replace=replace, by=request.user)
    except services.NeedsConfirmation as pending:
        request.session[PENDING] = {
            "proof": proof.pk,
            "kind": kind,
            "lines": _serialise(kind, lines),
        }
        return render(
            request,
            "proofs/import_confirm.html",
            {
                "proof": proof,
                "kind": kind,
                "existing": pending.existing,
                "count": len(lines),
                "tab": "proofs",
            },
        )
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect(_detail_url(proof) + anchor)
    request.session.pop(PENDING, None)
    messages.success(
        request,
        _("%(n)s Zeilen übernommen, %(r)s bisherige Zeilen ersetzt.")
        % {"n": result.created, "r": result.replaced},
    )
    return redirect(_detail_url(proof) + anchor)


@require_POST
@area_required(Area.GRANTS, write=True)
def upload(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in ("lohn", "belege"):
        raise Http404
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    form = UploadForm(request.POST, request.FILES, prefix=kind)
    form_key = "payroll_form" if kind == "lohn" else "receipts_upload_form"
    if not form.is_valid():
        return _render_detail(request, proof, **{form_key: form})
    upload_file = form.cleaned_data["file"]
    try:
        rows = read_rows(upload_file.name, upload_file.read())
        if kind == "lohn":
            positions = selectors.proof_positions(proof)
            lines = read_payroll(
                rows,
                positions=selectors.payroll_names(positions),
                start=proof.period_start,
                end=proof.period_end,
            )
        else:
            lines = read_receipts(rows, start=proof.period_start, end=proof.period_end)
    except TableError as error:
        form.add_error("file", _("Die Datei wurde nicht übernommen, nichts wurde gespeichert."))
        return _render_detail(
            request,
            proof,
            **{
                form_key: form,
                "import_problems": [str(p) for p in error.problems],
                "import_kind": kind,
            },
        )
    return _save_import(request, proof, kind, lines, replace=False)


@require_POST
@area_required(Area.GRANTS, write=True)
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    pending = request.session.get(PENDING)
    if not pending or pending.get("proof") != proof.pk:
        messages.error(
            request, _("Es liegt kein Import zur Bestätigung vor; bitte erneut hochladen.")
        )
        return redirect(_detail_url(proof))
    if request.POST.get("confirm") != "1":
        request.session.pop(PENDING, None)
        messages.info(request, _("Der Import wurde verworfen; nichts wurde geändert."))
        return redirect(_detail_url(proof))
    kind = pending["kind"]
    return _save_import(request, proof, kind, _deserialise(kind, pending["lines"]), replace=True)


@require_POST
@area_required(Area.GRANTS, write=True)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    proof, refused = _editable(request, pk)
    if refused:
        return refused
    try:
        done = services.proof_submit(proof=proof, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect(_detail_url(proof))
    text = _("Der Nachweis wurde eingereicht; diese Fassung bleibt unverändert.")
    if done:
        text += " " + _("Die passende Frist wurde als erledigt markiert.")
    messages.success(request, text)
    return redirect(_detail_url(proof))


@require_POST
@area_required(Area.GRANTS, write=True)
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.get_proof_for_user(request.user, pk, write=True)
    if not services_may_write(request.user, proof):
        raise PermissionDenied
    try:
        draft = services.proof_correct(proof=proof, by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
        return redirect(_detail_url(proof))
    messages.success(request, _("Die Berichtigung wurde als neue Fassung angelegt."))
    return redirect(_detail_url(draft))


@require_POST
@area_required(Area.GRANTS, write=True)
def check(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.get_proof_for_user(request.user, pk, write=True)
    if not selectors.can_check(request.user, proof):
        if proof.status != ProofStatus.SUBMITTED:
            messages.error(request, _("Nur ein eingereichter Nachweis kann geprüft werden."))
            return redirect(_detail_url(proof))
        raise PermissionDenied
    form = CheckForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, proof, check_form=form)
    try:
        services.proof_check(proof=proof, note=form.cleaned_data["note"], by=request.user)
    except RuleViolation as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Der Nachweis ist als geprüft markiert."))
    return redirect(_detail_url(proof))


def _filename(proof, extension: str) -> str:
    import re

    kind = {"annual": "verwendungsnachweis", "quarterly": "quartalsnachweis"}.get(
        proof.kind, "zwischennachweis"
    )
    period = f"{proof.year}" + (f"-q{proof.quarter}" if proof.quarter else "")
    organisation = re.sub(r"[^A-Za-z0-9]+", "_", proof.organisation.name.replace("ü", "ue"))
    return f"{kind}-{organisation}-{period}-v{proof.version}.{extension}"


@area_required(Area.GRANTS)
def download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from django.utils import translation

    from lotse.documents.pdf import EmbeddedFile, render_pdf

    proof = selectors.get_proof_for_user(request.user, pk)
    data = selectors.proof_data(proof)
    # PDF/A-3: the figures travel inside the document, for the authority's own tools.
    figures = EmbeddedFile(
        name="verwendungsnachweis.json",
        content=json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
        description="Zahlen des Verwendungsnachweises (JSON, Beträge in EUR als Text)",
    )
    with translation.override("de"):
        content = render_pdf(
            "proofs/proof_pdf.html",
            {"proof": proof, "data": data, "today": clock.today()},
            lang="de",
            attachments=[figures],
        )
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=proof,
        purpose="Verwendungsnachweis als PDF",
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(proof, "pdf")}"'
    return response


@area_required(Area.GRANTS)
def download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    proof = selectors.get_proof_for_user(request.user, pk)
    content = proof_workbook(selectors.proof_data(proof))
    audit_object(
        actor=request.user,
        action=AuditAction.DOWNLOAD,
        obj=proof,
        purpose="Verwendungsnachweis als xlsx",
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(proof, "xlsx")}"'
    return response
