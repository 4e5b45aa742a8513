"""Start-page cards: each app contributes its own, the start page only shows them.

An app registers one function ``start_cards(user, on)`` in its
``AppConfig.ready`` with a place in the order; the start page
(``lotse.home``) asks every registered function in that order. So a new
feature brings its card with it and nothing below it changes. Each function
decides for itself whether the user may see anything of its area (asking
``user.has_area(...)``) and returns cards as dicts with ``title``, ``text``
and ``url`` – counts only, never personal data (SPEC §6).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

Card = dict[str, Any]
CardProvider = Callable[..., list[Card]]

_providers: list[tuple[int, str, CardProvider]] = []


def register_start_cards(provider: CardProvider, *, order: int) -> None:
    """Add ``provider(user, on=date) -> [card, …]`` at ``order`` (lower comes first).
    Registering the same function twice (a second ``ready()``) changes nothing."""
    name = f"{provider.__module__}.{provider.__qualname__}"
    if any(known == name for _order, known, _provider in _providers):
        return
    _providers.append((order, name, provider))
    _providers.sort(key=lambda entry: (entry[0], entry[1]))


def start_cards(user, *, on: date) -> list[Card]:
    """Every registered app's cards for this user, in the registered order."""
    cards: list[Card] = []
    for _order, _name, provider in _providers:
        cards.extend(provider(user, on=on))
    return cards
