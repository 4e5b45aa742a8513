from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.organisations import rules, selectors, services
from lotse.organisations.forms import (
    AssociationMemberForm,
    OrganisationCreateForm,
    OrganisationForm,
)
from lotse.organisations.models import Organisation


@area_required(Area.ORGANISATIONS)
def organisation_tree(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "organisations/tree.html",
        {
            "roots": selectors.organisation_tree_for_user(request.user, on=today),
            "can_write": request.user.has_area(Area.ORGANISATIONS, write=True),
            "today": today,
        },
    )


@area_required(Area.ORGANISATIONS)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for_user(Organisation.objects.select_related("parent"), request.user, pk)
    visible = Organisation.objects.for_user(request.user)
    show_people = request.user.has_area(Area.USERS)
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "children": visible.filter(parent=organisation).order_by("kind", "name"),
            "links": selectors.association_links_for(organisation),
            # Through the reverse relation: the organisations floor lies below accounts.
            "people": organisation.memberships.for_user(request.user)
            .select_related("user")
            .order_by("role", "user__username")
            if show_people
            else None,
            "can_write": request.user.has_area(Area.ORGANISATIONS, write=True)
            and Organisation.objects.for_user(request.user, write=True).filter(pk=pk).exists(),
            "is_association": organisation.kind == rules.ASSOCIATION,
            "today": clock.today(),
        },
    )


@area_required(Area.ORGANISATIONS, write=True)
def organisation_create(request: HttpRequest) -> HttpResponse:
    parents = Organisation.objects.for_user(request.user, write=True).order_by("path")
    initial = (
        {"parent": request.GET.get("parent")} if request.GET.get("parent", "").isdigit() else {}
    )
    form = OrganisationCreateForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Organisation wurde angelegt."))
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": None})


@area_required(Area.ORGANISATIONS, write=True)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_for_user(Organisation, request.user, pk, write=True)
    initial = {
        "name": organisation.name,
        "official_key": organisation.official_key,
        "valid_from": organisation.valid_from,
        "valid_to": organisation.valid_to,
        "runs_own_coordination": organisation.runs_own_coordination,
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Änderungen wurden gespeichert."))
            return redirect("organisations:detail", pk=organisation.pk)
    return render(request, "organisations/form.html", {"form": form, "organisation": organisation})


@area_required(Area.ORGANISATIONS, write=True)
def association_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_for_user(
        Organisation.objects.filter(kind=rules.ASSOCIATION), request.user, pk, write=True
    )
    municipalities = Organisation.objects.for_user(request.user, write=True).filter(
        kind=rules.MUNICIPALITY, path__startswith=association.path.rsplit("/", 2)[0] + "/"
    )
    form = AssociationMemberForm(
        request.POST or None, municipalities=municipalities.order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.association_membership_add(
                association=association, by=request.user, **form.cleaned_data
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Gemeinde wurde dem Verbund zugeordnet."))
            return redirect("organisations:detail", pk=association.pk)
    return render(
        request, "organisations/member_form.html", {"form": form, "association": association}
    )
