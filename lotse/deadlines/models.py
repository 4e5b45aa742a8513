"""Grant deadlines that are done, and e-mail reminders (issue 5 item 9).

The deadlines themselves are not stored: they follow from the grant decisions,
the pass-through contracts and the programmes' deadline rows
(lotse.deadlines.selectors). Stored are only what people did about them: a
deadline marked as done, and each reminder that was (or is being) sent.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.kernel.dates import format_date


class DeadlineQuerySet(TenantQuerySet):
    tenant_area = Area.GRANTS


class DeadlineDone(models.Model):
    """A programme deadline of one organisation and one due day, marked as done."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.ForeignKey(
        "funding.ProgrammeDeadline", on_delete=models.CASCADE, related_name="+"
    )
    due = models.DateField(_("fällig am"))
    done_on = models.DateField(_("erledigt am"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("Vermerk"), max_length=300, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("erledigte Frist")
        verbose_name_plural = _("erledigte Fristen")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "deadline", "due"], name="deadlines_done_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deadline_id} {format_date(self.due)} erledigt am {format_date(self.done_on)}"


class Reminder(models.Model):
    """One reminder e-mail. ``key`` makes planning idempotent; the claim makes sending once-only.

    ``lotse remind`` inserts rows with ``ignore_conflicts`` on the unique key,
    then claims each unsent row with a conditional UPDATE (only one run can
    turn ``claimed_at`` from NULL to a time) and sends only what it claimed.
    """

    key = models.CharField(max_length=200, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=200)
    body = models.TextField()
    due = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = DeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("Erinnerung")
        verbose_name_plural = _("Erinnerungen")
        indexes = [models.Index(fields=["sent_at", "claimed_at"])]

    def __str__(self) -> str:
        return self.key
