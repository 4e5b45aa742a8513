"""Print links for the case page and the plan page: a language choice that
defaults to the client's language when a text exists for it (one query each)."""

from django import template

from lotse.documents import selectors
from lotse.documents.models import DocumentKind

register = template.Library()


def _choice(kind: str, client, mentions: list[str]) -> dict:
    texts = selectors.texts_for_case(kind, client.organisation)
    guess = selectors.language_guess(texts, mentions)
    return {
        "client": client,
        "languages": selectors.sorted_languages(texts),
        "selected": guess or "de",
        # The client's language is named in the case file but no text exists for it.
        "missing": "" if guess or not any(mentions) else ", ".join(m for m in mentions if m),
    }


@register.inclusion_tag("documents/_consent_print.html")
def consent_print(client, consents=()):
    mentions = [consent.explained_in for consent in consents[:1]] + [client.languages]
    return _choice(DocumentKind.CONSENT_FORM, client, mentions)


@register.inclusion_tag("documents/_plan_print.html")
def plan_print(client):
    consent = client.consents.order_by("-given_on", "-id").values_list("explained_in", flat=True)
    mentions = [next(iter(consent), ""), client.languages]
    return _choice(DocumentKind.PLAN_SUMMARY, client, mentions)
