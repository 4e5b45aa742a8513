"""Pages for money of grant files: payment requests, recovery, overview (issue 5 items 5, 7).

The settlement page follows the proof of use and lives in lotse.proofs.

Scoped to Area.GRANTS: the grants officer of a county or town and the granting
authority read and write in their subtree, the auditor only reads within the
membership's time window. Case files are never reached from here.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.accounts.scope import has_area
from lotse.core import clock
from lotse.core.permissions import area_required
from lotse.core.tenancy import Area
from lotse.funding import grant_selectors as gs
from lotse.funding import selectors as programme_selectors
from lotse.funding import services
from lotse.funding.grant_forms import (
    DecideForm,
    InterestForm,
    PassOnForm,
    PaymentRequestForm,
    PayoutForm,
)
from lotse.funding.models import (
    PaymentStatus,
)
from lotse.funding.page_helpers import can_write, money_input, year_from
from lotse.kernel.errors import RuleViolation
from lotse.kernel.money import format_eur
from lotse.privacy.models import AuditAction
from lotse.privacy.services import audit_object

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
                    "paid_amount": money_input(payment.amount),
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
                payment_request=payment,
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
            services.payout_record(
                payment_request=payment,
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


# --- Recovery and the overview (item 7) -----------------------------------------------------


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
        except RuleViolation as error:
            interest_form.add_rule_violation(RuleViolation(error.message, "until"))
    may_pass_on = claim.organisation_id == claim.decision.organisation_id and can_write(
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
                recipients=gs.settlement_parties(claim.decision).exclude(pk=claim.organisation_id)
            )
            if may_pass_on
            else None,
        },
    )


@require_POST
@area_required(Area.GRANTS, write=True)
def claim_pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    claim = gs.get_claim_for_user(request.user, pk, write=True)
    recipients = gs.settlement_parties(claim.decision).exclude(pk=claim.organisation_id)
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
    year = year_from(request)
    return render(
        request,
        "funding/overview.html",
        {
            "year": year,
            "years": range(year - 3, year + 2),
            "counties": gs.overview_for(request.user, year=year),
        },
    )
