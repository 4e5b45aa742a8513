"""The maintained lists of case work, described once for one set of pages.

Each catalogue is a CatalogueEntry model (a stable code, a German label, a sort
order and an active flag) with a few fields of its own. The pages in
catalogue_views work on any of them; this module says which lists exist, which
fields each one has, and reads them (scoped where entries belong to a region).

Rules for every catalogue (issue 3 item 5):
- the code never changes after creation (reports and the API name entries by it);
- an entry that is in use is never deleted, only deactivated;
- general entries are maintained at state level (accounts.scope.manages_general_entries);
  local providers also by the administration of their region.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lotse.accounts.scope import manages_general_entries, organisation_ids_for
from lotse.cases.models import (
    BarrierTheme,
    CatalogueEntry,
    ClosureReason,
    ConsentPurpose,
    ConsultationTopic,
    ResidenceStatus,
    Service,
    ServiceKind,
)
from lotse.core.tenancy import Area, get_for_user


@dataclass(frozen=True)
class Catalogue:
    slug: str  # the URL part, German
    model: type[CatalogueEntry]
    title: str
    intro: str
    # Fields of the model's own, edited after label and before sort/active.
    fields: tuple[str, ...] = ()
    # Entries may belong to a region (an organisation); see RegionalQuerySet.
    regional: bool = False
    # Shown above the form: what a change here does to the rules.
    warning: str = ""
    # Case managers propose entries; an administrator accepts, renames or merges them.
    proposals: bool = False

    @property
    def verbose_name(self) -> str:
        return self.model._meta.verbose_name


CATALOGUES: dict[str, Catalogue] = {
    c.slug: c
    for c in (
        Catalogue(
            "angebote",
            Service,
            _("Regeldienste und Angebote"),
            _(
                "Ziele einer Vermittlung (BW 4.1.4 c–d, KIM §3(2)d). Allgemeine Einträge gelten "
                "überall und werden auf Landesebene gepflegt; lokale Angebote gehören zu einer "
                "Region und werden nur dort zur Auswahl angeboten."
            ),
            fields=("kind", "organisation", "address", "contact", "website"),
            regional=True,
        ),
        Catalogue(
            "arten-von-stellen",
            ServiceKind,
            _("Arten von Stellen"),
            _(
                "Jede Stelle gehört zu einer Art. Eine Vermittlung ist nur möglich, wenn ein Zweck "
                "der Einwilligung die Weitergabe an diese Art abdeckt (BW 4.1.6.2); welche Zwecke "
                "das sind, wird bei den Zwecken der Einwilligung gepflegt."
            ),
        ),
        Catalogue(
            "beratungsthemen",
            ConsultationTopic,
            _("Beratungsthemen"),
            _("Themen, die bei einem Beratungsgespräch angekreuzt werden (BW 4.1.4 a)."),
        ),
        Catalogue(
            "aufenthaltsstatus",
            ResidenceStatus,
            _("Aufenthaltsstatus"),
            _("Aufenthaltstitel und -gestattungen, die bei Klient:innen ausgewählt werden."),
        ),
        Catalogue(
            "abschlussgruende",
            ClosureReason,
            _("Abschlussgründe"),
            _("Gründe, aus denen ein Fall abgeschlossen wird."),
        ),
        Catalogue(
            "einwilligungszwecke",
            ConsentPurpose,
            _("Zwecke der Einwilligung"),
            _("Die Zwecke, die bei einer Einwilligung angekreuzt werden (BW 4.1.4 f)."),
            fields=("required", "covers_special_categories", "service_kinds"),
            warning=_(
                "Achtung: Diese Angaben ändern die Regeln für alle Fälle. „Für jede Einwilligung "
                "nötig“ gilt für jede neue Einwilligung; „deckt Gesundheit und Behinderung“ "
                "entscheidet, ob diese Angaben gespeichert werden dürfen (Art. 9 DSGVO); die "
                "Arten von Stellen bestimmen, wohin vermittelt werden darf (BW 4.1.6.2) – auch bei "
                "schon erteilten Einwilligungen. Bitte nur nach Rücksprache mit dem "
                "Datenschutz ändern."
            ),
        ),
        Catalogue(
            "strukturelle-themen",
            BarrierTheme,
            _("Strukturelle Themen"),
            _(
                "Strukturelle Hürden, die in Fällen festgestellt und für die Koordinierende Stelle "
                "gezählt werden. Neue Themen aus Fällen sind Vorschläge: übernehmen, umbenennen "
                "oder mit einem vorhandenen Thema zusammenführen."
            ),
            proposals=True,
        ),
    )
}


def catalogue_or_404(slug: str) -> Catalogue:
    try:
        return CATALOGUES[slug]
    except KeyError as exc:
        raise Http404 from exc


def usage_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Every relation pointing at the catalogue: where an entry can be in use."""
    return [rel for rel in model._meta.related_objects if rel.field.model is not model]


def in_use_expression(model: type[models.Model]):
    """One SQL expression, true when any record refers to the entry.

    Counts across all organisations on purpose: a catalogue is shared, and an entry
    is in use if anyone uses it. Only the yes/no leaves the query.
    """
    expression = None
    for rel in usage_relations(model):
        used = Exists(rel.related_model._base_manager.filter(**{rel.field.name: OuterRef("pk")}))
        expression = used if expression is None else expression | used
    return expression if expression is not None else models.Value(False)


def usages_of(entry: CatalogueEntry) -> list[str]:
    """The kinds of records (German, plural) that refer to the entry."""
    return [
        str(rel.related_model._meta.verbose_name_plural)
        for rel in usage_relations(type(entry))
        if rel.related_model._base_manager.filter(**{rel.field.name: entry.pk}).exists()
    ]


def _base(catalogue: Catalogue, user):
    queryset = catalogue.model.objects.all()
    if catalogue.regional:
        queryset = queryset.for_user(user)
    if catalogue.model is Service:
        queryset = queryset.select_related("kind", "organisation")
    if catalogue.model is ConsentPurpose:
        queryset = queryset.prefetch_related(
            Prefetch("service_kinds", queryset=ServiceKind.objects.order_by("sort", "label"))
        )
    if catalogue.model is ServiceKind:
        queryset = queryset.prefetch_related(
            Prefetch("purposes", queryset=ConsentPurpose.objects.order_by("sort", "label"))
        )
    return queryset


def catalogue_entries(catalogue: Catalogue, user):
    """The entries the user may see, with ``in_use``; proposals first, then by sort order."""
    order = ["sort", "label", "pk"]
    if catalogue.proposals:
        order = ["-proposed", *order]
    return (
        _base(catalogue, user).annotate(in_use=in_use_expression(catalogue.model)).order_by(*order)
    )


def catalogue_entry_for(catalogue: Catalogue, user, pk: int) -> CatalogueEntry:
    """One entry the user may see; 404 for a region's entry outside the user's scope."""
    return (
        get_for_user(_base(catalogue, user), user, pk)
        if catalogue.regional
        else (_get_or_404(_base(catalogue, user), pk))
    )


def _get_or_404(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def may_change(catalogue: Catalogue, user, entry: CatalogueEntry | None = None) -> bool:
    """General entries: state level only. A region's entry: its region's administration."""
    region_id = getattr(entry, "organisation_id", None) if entry is not None else None
    if region_id is not None:
        return region_id in organisation_ids_for(user, Area.ORGANISATIONS, write=True)
    if catalogue.regional and entry is None:
        # A new local provider: anyone who administers a region may add one.
        return bool(organisation_ids_for(user, Area.ORGANISATIONS, write=True))
    return manages_general_entries(user)


def regions_for(user):
    """The nodes the user may enter a local provider for (not welfare organisations)."""
    from lotse.organisations.models import Organisation
    from lotse.organisations.rules import WELFARE

    return Organisation.objects.for_user(user, write=True).exclude(kind=WELFARE).order_by("path")


def merge_targets(catalogue: Catalogue, entry: CatalogueEntry):
    return catalogue.model.objects.exclude(pk=entry.pk).order_by("-active", "sort", "label")
