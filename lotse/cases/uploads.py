"""What a signed consent form may be: checked by content, not by name (issue 3 item 2).

Pure functions over bytes. A file's name and the browser's content type are
whatever the sender says; the first bytes are what the file is.
"""

# Magic numbers of the accepted types.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
HEAD_BYTES = 16


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(content type, suffix) of an accepted file, from its first bytes; None if not accepted."""
    for magic, content_type, suffix in SIGNATURES:
        if head.startswith(magic):
            return content_type, suffix
    return None


def signed_form_error(*, head: bytes, size: int, max_bytes: int) -> str | None:
    """Why the upload is refused, or None. The message names the field and the rule."""
    if size > max_bytes:
        return (
            f"Unterschriebenes Formular: Die Datei ist {size / 1_048_576:.1f} MB groß; "
            f"erlaubt sind höchstens {max_bytes / 1_048_576:.0f} MB."
        )
    if size == 0:
        return "Unterschriebenes Formular: Die Datei ist leer."
    if detect_type(head) is None:
        return (
            "Unterschriebenes Formular: Erlaubt sind nur PDF, PNG und JPEG; der Inhalt "
            "der Datei ist keines davon (geprüft wird der Inhalt, nicht der Dateiname)."
        )
    return None
