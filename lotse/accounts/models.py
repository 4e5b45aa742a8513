from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.accounts import scope
from lotse.accounts.permissions import Role
from lotse.core.tenancy import Area, TenantQuerySet


class UserQuerySet(models.QuerySet):
    def for_user(self, user, *, write: bool = False, on=None):
        """Accounts holding a role somewhere inside the viewer's user-administration scope."""
        ids = scope.organisation_ids_for(user, Area.USERS, write=write, on=on)
        return self.filter(
            id__in=Membership.objects.filter(organisation_id__in=ids).values("user_id")
        )


class LotseUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    # Demo accounts may sign in without a second factor, and only while LOTSE_DEMO=1.
    is_demo = models.BooleanField(_("Demo-Konto"), default=False, editable=False)

    objects = LotseUserManager()

    class Meta:
        verbose_name = _("Benutzerkonto")
        verbose_name_plural = _("Benutzerkonten")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.username

    # The tenancy floor (lotse.core.tenancy) asks the user for its scope; the answers
    # come from the roles it holds (lotse.accounts.scope).
    def organisation_ids(self, area: Area, *, write: bool = False, on=None) -> frozenset[int]:
        return scope.organisation_ids_for(self, area, write=write, on=on)

    def regional_ids(self, area: Area, *, on=None) -> frozenset[int]:
        return scope.regional_ids_for(self, area, on=on)

    def manages_general_entries(self, area: Area = Area.ORGANISATIONS, *, on=None) -> bool:
        return scope.manages_general_entries(self, area, on=on)

    def has_area(self, area: Area, *, write: bool = False, on=None) -> bool:
        return scope.has_area(self, area, write=write, on=on)


class MembershipQuerySet(TenantQuerySet):
    tenant_area = Area.USERS


class Membership(models.Model):
    """A role held at an organisation node for a period."""

    user = models.ForeignKey(
        User, verbose_name=_("Konto"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    valid_from = models.DateField(_("gültig ab"))
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rolle")
        verbose_name_plural = _("Rollen")
        ordering = ["valid_from", "id"]
        indexes = [models.Index(fields=["user", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.organisation}"


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API-Token")
        verbose_name_plural = _("API-Tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"API-Token {self.pk}"
