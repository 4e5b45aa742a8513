"""Reading document texts: which text applies to a case, and which texts an
administrator may see and change (lotse.core.tenancy, Area.ORGANISATIONS)."""

from django.db.models import Q
from django.http import Http404

from lotse.documents import rules
from lotse.documents.models import DocumentText


def _depth(text: DocumentText) -> int | None:
    return None if text.organisation_id is None else text.organisation.depth


def texts_for_case(kind: str, organisation) -> dict[str, DocumentText]:
    """Per language, the text that applies to a case kept by ``organisation``: the
    one of the most specific node on its path, else the shipped one (one query)."""
    by_language: dict[str, list[DocumentText]] = {}
    for text in (
        DocumentText.objects.applicable_to(organisation)
        .filter(kind=kind)
        .select_related("organisation")
    ):
        by_language.setdefault(text.language, []).append(text)
    return {
        language: rules.most_specific((_depth(text), text) for text in texts)
        for language, texts in by_language.items()
    }


def sorted_languages(texts: dict[str, DocumentText]) -> list[DocumentText]:
    """German first, then by German name."""
    return sorted(
        texts.values(), key=lambda t: (t.language != "de", t.display_name.casefold(), t.language)
    )


def language_guess(texts: dict[str, DocumentText], mentions: list[str]) -> str:
    languages = [
        (code, [*text.language_name.split(","), text.native_name]) for code, text in texts.items()
    ]
    return rules.guess_language([m for m in mentions if m], languages)


def texts_for_admin(user):
    """The shipped texts and the adapted texts of nodes the user administers."""
    own = DocumentText.objects.for_user(user, write=True).values("pk")
    return (
        DocumentText.objects.filter(Q(organisation__isnull=True) | Q(pk__in=own))
        .select_related("organisation", "changed_by")
        .order_by("kind", "language", "organisation__path")
    )


def get_text_for_admin(user, pk) -> DocumentText:
    """A shipped text or one of the user's own adapted texts; 404 for any other."""
    try:
        return texts_for_admin(user).get(pk=pk)
    except (DocumentText.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
