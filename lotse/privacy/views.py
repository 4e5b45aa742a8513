from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.privacy.forms import AuditSearchForm, filter_entries
from lotse.privacy.models import AuditAction, AuditEntry
from lotse.privacy.services import audit_record


@area_required(Area.AUDIT)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The DPO's search over the access log (ids only; names are looked up elsewhere)."""
    form = AuditSearchForm(request.GET or None)
    entries = AuditEntry.objects.for_user(request.user)
    if form.is_bound and form.is_valid():
        entries = filter_entries(entries, form.cleaned_data)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries.order_by("-id"), 50).get_page(request.GET.get("page"))
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="privacy.auditentry",
        purpose="Zugriffsprotokoll durchsucht",
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
