"""The English catalogue is complete, and the language switch really switches.

German is the source language (the msgids); English lives in
lotse/locale/en/LC_MESSAGES/django.po. The .po is parsed here with plain
Python so the check needs neither polib nor a compiled .mo; the page tests
do need the .mo, which ``make messages`` (part of ``make install``) builds.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

import lotse

PO_FILE = Path(lotse.__file__).resolve().parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, msgid_plural, msgstr (list), flags; obsolete ones skipped."""
    entries: list[dict] = []
    entry: dict | None = None
    field: str | None = None

    def finish():
        if entry is not None and "msgid" in entry:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, field = None, None
            continue
        if line.startswith("#~"):  # obsolete entry
            continue
        if entry is None:
            entry = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            text = ast.literal_eval(line)
            if field.startswith("msgstr"):
                index = 0 if field == "msgstr" else int(field[7:-1])
                entry["msgstr"][index] += text
            else:
                entry[field] += text
            continue
        keyword, _, rest = line.partition(" ")
        text = ast.literal_eval(rest)
        if keyword.startswith("msgstr"):
            index = 0 if keyword == "msgstr" else int(keyword[7:-1])
            entry["msgstr"][index] = text
        else:
            entry[keyword] = text
        field = keyword
    finish()
    return entries


def test_english_catalogue_is_complete():
    entries = parse_po(PO_FILE)
    header = [e for e in entries if e["msgid"] == ""]
    messages = [e for e in entries if e["msgid"] != ""]
    assert header and "fuzzy" not in header[0]["flags"], "the catalogue header is marked fuzzy"
    assert len(messages) > 100, f"suspiciously few messages in {PO_FILE}"

    problems = []
    for e in messages:
        msgid = e["msgid"]
        if "fuzzy" in e["flags"]:
            problems.append(f"fuzzy: {msgid!r}")
        plural = e.get("msgid_plural")
        forms = [0, 1] if plural is not None else [0]
        for index in forms:
            msgstr = e["msgstr"].get(index, "")
            if not msgstr.strip():
                problems.append(f"untranslated (form {index}): {msgid!r}")
                continue
            source = plural if index and plural is not None else msgid
            missing = set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(msgstr))
            if missing:
                problems.append(
                    f"placeholders {sorted(missing)} missing in {msgstr!r} for {msgid!r}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_switching_to_english_translates_the_start_page(login):
    client = login("cm.luenen")
    assert "Was Sie jetzt tun können" in client.get("/").content.decode()

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"

    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "What you can do now" in body, "no English text: is the .mo compiled (make messages)?"
    assert "Was Sie jetzt tun können" not in body


@pytest.mark.django_db
def test_login_page_is_german_by_default(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="de">' in body
    assert "Anmelden" in body
    assert "Sign in" not in body
