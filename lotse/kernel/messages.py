"""Messages of the functional core, translatable without importing Django.

A rule returns a ``Message``: a ``str`` whose value is the German text (so it
reads, compares and logs as before) and that also carries its template and
parameters. Templates are marked with ``gettext_noop`` — a no-op here; the name
is what ``makemessages`` (xgettext) extracts — and the Django layer translates
them into the request's language with ``lotse.cases.translation.translated``.
Parameters that are Messages themselves (a nested reason, a status label) are
translated too.
"""


def gettext_noop(text: str) -> str:
    """Marks a msgid for extraction; returns it unchanged."""
    return text


class Message(str):
    """German text with the template and parameters it was made from."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, /, **params: object) -> "Message":
        shown = {name: _plain(value) for name, value in params.items()}
        message = super().__new__(cls, template.format(**shown) if params else template)
        message.template = template
        message.params = params
        return message

    def __reduce__(self) -> tuple[object, tuple[str, dict[str, object]]]:
        # Pickled (e.g. into a cache or session) as the template and parameters.
        return (_rebuild, (self.template, self.params))


def _plain(value: object) -> object:
    # A list of labels reads as "a, b, c".
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return value


def _rebuild(template: str, params: dict[str, object]) -> Message:
    return Message(template, **params)


def label(text: str) -> Message:
    """A fixed label (a status, a reason) that is translated where it is shown."""
    return Message(text)
