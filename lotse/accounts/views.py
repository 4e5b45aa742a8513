from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from lotse.accounts import services
from lotse.accounts.forms import (
    LoginForm,
    LotsePasswordChangeForm,
    MembershipEndForm,
    MembershipForm,
    OtpTokenForm,
    UserCreateForm,
)
from lotse.accounts.models import Membership, User
from lotse.accounts.scope import active_memberships, has_area, organisations_for
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area, get_for_user
from lotse.kernel.errors import RuleViolation
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_record

USER_SEARCH_KEY = "lotse_user_search"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = LotsePasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.audit_user(
            actor=self.request.user,
            action=AuditAction.UPDATE,
            user=self.request.user,
            purpose="Passwort geändert",
        )
        messages.success(self.request, _("Ihr Passwort wurde geändert."))
        return response


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: a QR code for the authenticator app, then one code to confirm."""
    device = services.totp_device_for_setup(user=request.user)
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(device=device, token=form.cleaned_data["otp_token"]):
            otp_login(request, device)
            messages.success(request, _("Der zweite Faktor ist eingerichtet."))
            return redirect("home:start")
        form.add_error(
            "otp_token",
            _(
                "Der Code passt nicht oder es gab zu viele Versuche. Bitte kurz warten und den aktuellen Code eingeben."
            ),
        )
    qr = segno.make(device.config_url, error="m")
    svg = qr.svg_inline(scale=5, title=_("QR-Code für die Authenticator-App"))
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/otp_setup.html",
        {"form": form, "qr_svg": mark_safe(svg), "secret": grouped},  # noqa: S308 - segno output
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    device = services.confirmed_totp_device(request.user)
    if device is None:
        return redirect("accounts:otp_setup")
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            next_url = request.GET.get("next", "")
            if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("home:start")
        form.add_error(
            "otp_token",
            _(
                "Der Code passt nicht oder es gab zu viele Versuche. Bitte kurz warten und den aktuellen Code eingeben."
            ),
        )
    return render(request, "accounts/otp_verify.html", {"form": form})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    return render(
        request,
        "accounts/account.html",
        {
            "memberships": request.user.memberships.select_related("organisation").order_by(
                "-valid_from"
            ),
            "active_ids": {m.pk for m in active_memberships(request.user, today)},
            "has_device": services.confirmed_totp_device(request.user) is not None,
            "second_factor_required": services.second_factor_required(request.user),
            "tokens": request.user.api_tokens.filter(
                revoked_at__isnull=True, expires_at__gt=clock.now()
            ),
        },
    )


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("Das API-Token wurde widerrufen."))
    return redirect("accounts:account")


def _writable_organisations(user):
    return organisations_for(user, Area.ORGANISATIONS, write=True).order_by("path")


@area_required(Area.USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    # The search term is posted and kept in the session: names never go into URLs
    # (and so never into proxy logs or browser history).
    if request.method == "POST":
        request.session[USER_SEARCH_KEY] = request.POST.get("q", "").strip()[:150]
        return redirect("accounts:user_list")
    query = request.session.get(USER_SEARCH_KEY, "")
    users = User.objects.for_user(request.user).order_by("username")
    if query:
        users = users.filter(username__icontains=query)
    page = Paginator(users.prefetch_related("memberships__organisation"), 50).get_page(
        request.GET.get("page")
    )
    audit_record(
        actor=request.user,
        action=AuditAction.SEARCH,
        object_type="accounts.user",
        purpose="Kontenliste gelesen",
    )
    return render(
        request,
        "accounts/user_list.html",
        {"page": page, "query": query, "can_write": has_area(request.user, Area.USERS, write=True)},
    )


@area_required(Area.USERS, write=True)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None, organisations=_writable_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.account_open(
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                role=data["role"],
                organisation=data["organisation"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                by=request.user,
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Das Konto wurde angelegt."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


@area_required(Area.USERS)
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_for_user(User.objects.all(), request.user, pk)
    services.audit_user(actor=request.user, action=AuditAction.READ, user=user)
    can_write = has_area(request.user, Area.USERS, write=True)
    writable = _writable_organisations(request.user)
    writable_ids = set(writable.values_list("id", flat=True)) if can_write else set()
    return render(
        request,
        "accounts/user_detail.html",
        {
            "subject": user,
            "memberships": user.memberships.select_related("organisation").order_by("-valid_from"),
            "writable_ids": writable_ids,
            "form": MembershipForm(organisations=writable, initial={"valid_from": clock.today()})
            if can_write
            else None,
            "end_form": MembershipEndForm(initial={"valid_to": clock.today()}),
            "has_device": services.confirmed_totp_device(user) is not None,
        },
    )


@area_required(Area.USERS, write=True)
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_for_user(User.objects.all(), request.user, pk, write=True)
    form = MembershipForm(request.POST or None, organisations=_writable_organisations(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(user=user, by=request.user, **form.cleaned_data)
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Rolle wurde vergeben."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/membership_form.html", {"form": form, "subject": user})


@area_required(Area.USERS, write=True)
def membership_end(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    user = get_for_user(User.objects.all(), request.user, pk, write=True)
    membership = get_for_user(
        Membership.objects.filter(user=user), request.user, membership_pk, write=True
    )
    form = MembershipEndForm(request.POST or None, initial={"valid_to": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                membership=membership, on=form.cleaned_data["valid_to"], by=request.user
            )
        except RuleViolation as violation:
            form.add_rule_violation(violation)
        else:
            messages.success(request, _("Die Rolle wurde beendet."))
            return redirect("accounts:user_detail", pk=user.pk)
    return render(
        request,
        "accounts/membership_end.html",
        {"form": form, "subject": user, "membership": membership},
    )


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes lockout answer: JSON for the API, a page for people. Names no account."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": _("Zu viele Fehlversuche: Die Anmeldung ist vorübergehend gesperrt.")},
            status=429,
        )
    return render(request, "accounts/locked_out.html", status=429)
