"""Pages for administrators to maintain the catalogues of case work (issue 3 item 5).

One set of pages for every catalogue in lotse.cases.catalogues.CATALOGUES. The
administration (Area.ORGANISATIONS, write) reaches them; general entries are
changed at state level only, local providers also by their region's
administration (lotse.core.tenancy).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.accounts.scope import manages_general_entries
from lotse.cases import catalogues
from lotse.cases.catalogue_forms import MergeForm, catalogue_form, entry_values
from lotse.cases.services import catalogues as catalogue_services
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.kernel.errors import RuleViolation

administration = area_required(Area.ORGANISATIONS, write=True)


@administration
def catalogue_index(request: HttpRequest) -> HttpResponse:
    proposals = catalogues.CATALOGUES["strukturelle-themen"].model.objects.filter(proposed=True)
    return render(
        request,
        "cases/catalogues/index.html",
        {
            "catalogues": catalogues.CATALOGUES.values(),
            "proposal_count": proposals.count(),
            "manages_general": manages_general_entries(request.user),
        },
    )


@administration
def catalogue_list(request: HttpRequest, catalogue: str) -> HttpResponse:
    cat = catalogues.catalogue_or_404(catalogue)
    entries = list(catalogues.catalogue_entries(cat, request.user))
    for entry in entries:
        entry.may_change = catalogues.may_change(cat, request.user, entry)
    return render(
        request,
        "cases/catalogues/list.html",
        {
            "catalogue": cat,
            "entries": entries,
            "may_create": catalogues.may_change(cat, request.user),
        },
    )


def _entry_page(request, cat, form, entry, *, title):
    return render(
        request,
        "cases/catalogues/form.html",
        {"catalogue": cat, "form": form, "entry": entry, "title": title},
    )


@administration
def catalogue_create(request: HttpRequest, catalogue: str) -> HttpResponse:
    cat = catalogues.catalogue_or_404(catalogue)
    if not catalogues.may_change(cat, request.user):
        raise PermissionDenied
    may_general = manages_general_entries(request.user)
    form = catalogue_form(cat, request.user, data=request.POST or None, may_general=may_general)
    if request.method == "POST" and form.is_valid():
        try:
            entry = catalogue_services.catalogue_entry_create(
                model=cat.model, by=request.user, **entry_values(form)
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("„%(label)s“ wurde angelegt (Kennung %(code)s).")
                % {"label": entry.label, "code": entry.code},
            )
            return redirect("catalogues:list", catalogue=cat.slug)
    return _entry_page(
        request, cat, form, None, title=_("Neuer Eintrag: %(name)s") % {"name": cat.verbose_name}
    )


@administration
def catalogue_edit(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    cat = catalogues.catalogue_or_404(catalogue)
    entry = catalogues.catalogue_entry_for(cat, request.user, pk)
    if not catalogues.may_change(cat, request.user, entry):
        raise PermissionDenied
    form = catalogue_form(
        cat,
        request.user,
        entry=entry,
        data=request.POST or None,
        may_general=manages_general_entries(request.user),
    )
    if request.method == "POST" and form.is_valid():
        # Re-read: the form's instance already carries the typed values.
        entry = catalogues.catalogue_entry_for(cat, request.user, pk)
        try:
            catalogue_services.catalogue_entry_update(
                entry=entry, by=request.user, **entry_values(form)
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("catalogues:list", catalogue=cat.slug)
    return _entry_page(
        request, cat, form, entry, title=_("%(label)s bearbeiten") % {"label": entry.label}
    )


@administration
def catalogue_delete(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    cat = catalogues.catalogue_or_404(catalogue)
    entry = catalogues.catalogue_entry_for(cat, request.user, pk)
    if not catalogues.may_change(cat, request.user, entry):
        raise PermissionDenied
    usages = catalogues.usages_of(entry)
    error = ""
    if request.method == "POST":
        try:
            catalogue_services.catalogue_entry_delete(entry=entry, by=request.user)
        except RuleViolation as violation:
            error = violation.message
        else:
            messages.success(request, _("„%(label)s“ wurde gelöscht.") % {"label": entry.label})
            return redirect("catalogues:list", catalogue=cat.slug)
    return render(
        request,
        "cases/catalogues/delete.html",
        {"catalogue": cat, "entry": entry, "usages": usages, "error": error},
    )


@administration
def catalogue_merge(request: HttpRequest, catalogue: str, pk: int) -> HttpResponse:
    cat = catalogues.catalogue_or_404(catalogue)
    if not cat.proposals:
        raise Http404
    entry = catalogues.catalogue_entry_for(cat, request.user, pk)
    if not catalogues.may_change(cat, request.user, entry):
        raise PermissionDenied
    form = MergeForm(request.POST or None, targets=catalogues.merge_targets(cat, entry))
    if request.method == "POST" and form.is_valid():
        try:
            target = catalogue_services.barrier_theme_merge(
                source=entry, target=form.cleaned_data["target"], by=request.user
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(
                request,
                _("„%(source)s“ wurde mit „%(target)s“ zusammengeführt.")
                % {"source": entry.label, "target": target.label},
            )
            return redirect("catalogues:list", catalogue=cat.slug)
    return render(
        request,
        "cases/catalogues/merge.html",
        {"catalogue": cat, "entry": entry, "form": form},
    )
