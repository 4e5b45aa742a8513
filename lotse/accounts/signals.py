"""Sign-ins and sign-outs go into the access log (SPEC §6)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from lotse.accounts.services import audit_user
from lotse.privacy.models import AuditAction


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_user(actor=user, action=AuditAction.LOGIN, user=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_user(actor=user, action=AuditAction.LOGOUT, user=user)
