"""Translating the functional core's messages (lotse.kernel.messages).

The rules stay pure Python and return German ``Message`` strings carrying their
template; the services translate them here, in the language of the request,
before they become a RuleViolation the page or the API shows. Without a
translation (or in German) the text is exactly the rule's German message.
"""

from django.utils.translation import gettext

from lotse.kernel.messages import Message


def translated(message: object) -> str:
    """The message in the active language; a plain string is returned as it is."""
    if isinstance(message, Message):
        params = {name: _translated_param(value) for name, value in message.params.items()}
        return Message(gettext(message.template), **params) if params else gettext(message)
    return "" if message is None else str(message)


def _translated_param(value: object) -> object:
    if isinstance(value, Message):
        return translated(value)
    if isinstance(value, list | tuple):
        return [translated(item) for item in value]
    return value
