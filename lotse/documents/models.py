"""Texts of printable documents, per kind and language, maintained without code.

A text with no organisation is the one shipped with Lotse (seeded by migration
0002). An administrator adapts it for their part of the tree by saving a text of
the same kind and language for an organisation node; a case uses the text of
the most specific node on its organisation's path (town over county over state
over the shipped text). Adding a language is saving a text with a new code.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.core.tenancy import Area, TenantQuerySet
from lotse.documents import rules


class DocumentKind(models.TextChoices):
    CONSENT_FORM = "consent_form", _("Einwilligungsformular")
    PLAN_SUMMARY = "plan_summary", _("Integrationsplan, Kurzfassung")


class DocumentTextQuerySet(TenantQuerySet):
    """Adapted texts belong to an organisation node (Area.ORGANISATIONS: the
    administrators' area); the shipped ones (no organisation) are for everyone."""

    tenant_area = Area.ORGANISATIONS

    def shipped(self):
        return self.filter(organisation__isnull=True)

    def applicable_to(self, organisation):
        """Texts that may apply to a case kept by ``organisation``: shipped, or held
        by a node on its path from the root."""
        path_ids = [*organisation.ancestor_ids(), organisation.pk]
        return self.filter(Q(organisation__isnull=True) | Q(organisation_id__in=path_ids))


class DocumentText(models.Model):
    kind = models.CharField(_("Dokument"), max_length=20, choices=DocumentKind.choices)
    language = models.CharField(
        _("Sprachcode"),
        max_length=20,
        help_text=_("Nach ISO 639, z. B. „ar“ (Arabisch), „uk“ (Ukrainisch), „fa“ (Persisch)."),
    )
    language_name = models.CharField(
        _("Sprache (deutscher Name)"),
        max_length=60,
        help_text=_(
            "So erscheint die Sprache in der Auswahl, z. B. „Persisch (Farsi/Dari)“. "
            "Weitere Namen nach Komma (z. B. „Dari“) helfen Lotse, die Sprache der "
            "Klientin oder des Klienten zu erkennen."
        ),
    )
    native_name = models.CharField(
        _("Sprache (Eigenbezeichnung)"), max_length=60, blank=True, help_text=_("z. B. „فارسی“")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("gilt für"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leer: mit Lotse ausgeliefert, gilt überall, wo keine eigene Fassung besteht."),
    )
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(_("Text"))
    # Key → text: field labels, the explanation of each consent purpose, life areas.
    labels = models.JSONField(_("Beschriftungen"), default=dict, blank=True)
    draft_translation = models.BooleanField(
        _("Entwurf einer Übersetzung"),
        default=False,
        help_text=_(
            "Noch nicht von einer vereidigten Übersetzerin oder einem vereidigten "
            "Übersetzer geprüft; das Dokument trägt dann einen sichtbaren Hinweis."
        ),
    )
    changed_at = models.DateTimeField(_("geändert am"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geändert von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = DocumentTextQuerySet.as_manager()

    class Meta:
        verbose_name = _("Dokumenttext")
        verbose_name_plural = _("Dokumenttexte")
        ordering = ["kind", "language", "organisation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_document_text_per_node",
            ),
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=Q(organisation__isnull=True),
                name="one_shipped_document_text",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    @property
    def rtl(self) -> bool:
        return rules.is_rtl(self.language)

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def display_name(self) -> str:
        """The German name without the extra names after a comma, plus the native name."""
        name = self.language_name.split(",")[0].strip()
        return f"{name} – {self.native_name}" if self.native_name else name

    def label(self, key: str, fallback: str = "") -> str:
        return (self.labels or {}).get(key, "") or fallback
