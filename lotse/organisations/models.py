from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.organisations import rules


class OrganisationKind(models.TextChoices):
    STATE = rules.STATE, _("Land")
    AUTHORITY = rules.AUTHORITY, _("Bewilligungsstelle")
    COUNTY = rules.COUNTY, _("Stadt- oder Landkreis")
    ASSOCIATION = rules.ASSOCIATION, _("Verbund")
    MUNICIPALITY = rules.MUNICIPALITY, _("Stadt oder Gemeinde")
    WELFARE = rules.WELFARE, _("Träger der freien Wohlfahrtspflege")


class OrganisationQuerySet(TenantQuerySet):
    tenant_area = Area.ORGANISATIONS
    tenant_field = "id"

    def active_on(self, day):
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )


class Organisation(models.Model):
    """A node of the one organisation tree; every record belongs to exactly one node."""

    kind = models.CharField(_("Art"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("Name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/1/4/17/": subtree queries are one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    official_key = models.CharField(
        _("Amtlicher Schlüssel"),
        max_length=12,
        blank=True,
        help_text=_("Amtlicher Gemeinde- oder Kreisschlüssel, falls vorhanden."),
    )
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)
    # KIM §4(3): the county coordinates every town except one that runs its own
    # coordinating office (Lünen); such a node is outside the county office's view.
    runs_own_coordination = models.BooleanField(
        _("eigene Koordinierende Stelle"),
        default=False,
        help_text=_(
            "Die Stadt nimmt die koordinierende Funktion selbst wahr (z. B. Lünen, KIM § 4 Abs. 3)."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_period",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class AssociationMembershipQuerySet(TenantQuerySet):
    tenant_area = Area.ORGANISATIONS
    tenant_field = "association"

    def on(self, day):
        return self.filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day), valid_from__lte=day
        )


class AssociationMembership(models.Model):
    """A municipality's membership in an association for one grant period (BW 3.5)."""

    association = models.ForeignKey(
        Organisation,
        verbose_name=_("Verbund"),
        on_delete=models.PROTECT,
        related_name="member_links",
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("Stadt oder Gemeinde"),
        on_delete=models.PROTECT,
        related_name="association_links",
    )
    valid_from = models.DateField(_("Bewilligungszeitraum von"))
    valid_to = models.DateField(_("Bewilligungszeitraum bis"), null=True, blank=True)

    objects = AssociationMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Verbundmitgliedschaft")
        verbose_name_plural = _("Verbundmitgliedschaften")
        ordering = ["association_id", "valid_from"]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.association}"
