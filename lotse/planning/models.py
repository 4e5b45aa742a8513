"""The BW planning frame as records (BW 3.2, 5.2–5.3; issue 5 item 8).

The granting authority keeps a *round* per year: the total budget, the
minimum per county and the counties' allocation quotas of the three years that
count (BW 5.3). The distribution is computed from them by the functional core
(lotse.funding.rules.planning_frame) and, once announced (BW 5.2: in the first
quarter of the previous year), each county in Lotse gets its frame as a row of
its own. Within the county, the money follows the allocation numbers into
follow-up accommodation (BW 3.2): one number per municipality and year.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet


class PlanningQuerySet(TenantQuerySet):
    tenant_area = Area.GRANTS


def _organisation(verbose_name, related_name="+", **extra):
    return models.ForeignKey(
        "organisations.Organisation",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **extra,
    )


class FrameRound(models.Model):
    """The planning frames of one year, as the granting authority sets them (BW 5.2–5.3)."""

    organisation = _organisation(_("Bewilligungsstelle"))
    year = models.PositiveSmallIntegerField(_("gilt für das Jahr"))
    budget = models.DecimalField(_("Gesamtplanungsrahmen (EUR)"), max_digits=14, decimal_places=2)
    minimum = models.DecimalField(
        _("Mindestbetrag je Kreis (EUR)"), max_digits=14, decimal_places=2
    )
    first_quota_year = models.PositiveSmallIntegerField(
        _("erstes Jahr der Zuteilungsquoten"),
        help_text=_(
            "BW 5.3: die Quoten der letzten drei Jahre vor der Bekanntgabe, die im ersten "
            "Quartal des Vorjahres erfolgt (BW 5.2)."
        ),
    )
    announced_on = models.DateField(_("bekanntgegeben am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = PlanningQuerySet.as_manager()

    class Meta:
        verbose_name = _("Planungsrahmen-Runde")
        verbose_name_plural = _("Planungsrahmen-Runden")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="planning_round_once")
        ]

    def __str__(self) -> str:
        return str(_("Planungsrahmen %(year)s")) % {"year": self.year}

    @property
    def quota_years(self) -> list[int]:
        return [self.first_quota_year + offset for offset in range(3)]


class CountyQuota(models.Model):
    """A county's allocation quota (Zuteilungsquote, FlüAG-DVO §§ 1, 3) in one year of a round.

    Counties are named as in the official list; ``county`` links the ones that
    are organisations in Lotse, which then receive their frame when announced.
    """

    organisation = _organisation(_("Bewilligungsstelle"))
    round = models.ForeignKey(FrameRound, on_delete=models.CASCADE, related_name="quotas")
    county_name = models.CharField(_("Kreis"), max_length=200)
    county = _organisation(_("Kreis in Lotse"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("Jahr"))
    quota = models.DecimalField(_("Zuteilungsquote (%)"), max_digits=12, decimal_places=6)

    objects = PlanningQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuteilungsquote")
        verbose_name_plural = _("Zuteilungsquoten")
        ordering = ["county_name", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "county_name", "year"], name="planning_quota_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.county_name} {self.year}: {self.quota}"


class CountyFrame(models.Model):
    """One county's announced planning frame (BW 5.2), kept by the county."""

    organisation = _organisation(_("Kreis"), "planning_frames")
    round = models.ForeignKey(FrameRound, on_delete=models.PROTECT, related_name="county_frames")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    amount = models.DecimalField(_("Planungsrahmen (EUR)"), max_digits=14, decimal_places=2)
    raised_to_minimum = models.BooleanField(_("auf den Mindestbetrag angehoben"), default=False)
    average_quota = models.DecimalField(_("Ø Zuteilungsquote (%)"), max_digits=12, decimal_places=6)

    objects = PlanningQuerySet.as_manager()

    class Meta:
        verbose_name = _("Planungsrahmen eines Kreises")
        verbose_name_plural = _("Planungsrahmen der Kreise")
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="planning_county_frame_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.amount}"


class AllocationNumber(models.Model):
    """A municipality's allocation number into follow-up accommodation for a year (BW 3.2)."""

    organisation = _organisation(_("Stadt oder Gemeinde"), "allocation_numbers")
    year = models.PositiveSmallIntegerField(_("Jahr"))
    number = models.DecimalField(_("Zuweisungszahl"), max_digits=10, decimal_places=2)
    served_by_county = models.BooleanField(
        _("Integrationsmanagement durch den Kreis"),
        default=False,
        help_text=_("Dann wird der Anteil nicht weitergeleitet, sondern bleibt beim Kreis."),
    )

    objects = PlanningQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zuweisungszahl")
        verbose_name_plural = _("Zuweisungszahlen")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="planning_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.number}"
