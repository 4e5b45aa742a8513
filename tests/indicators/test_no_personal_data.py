"""No personal data in any indicator output (issue 6 item 9, SPEC §5): the data set is
filled with distinctive names and every output is scanned for them."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lotse.accounts import services as account_services
from lotse.accounts.models import User
from lotse.organisations.models import Organisation
from tests.indicators.data import YEAR, build

NAMES = (
    ("Zyxwvut", "Distinctname"),
    ("Qoppaqoph", "Uniquefamily"),
    ("Влкслав", "Ждановичиус"),
    ("زيكسويت", "ديستينكت"),
)
MARKERS = [part for pair in NAMES for part in pair] + ["BER-A", "BER-B", "QAX", "QBX"]


def xlsx_text(content: bytes) -> str:
    book = load_workbook(BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def assert_clean(text: str, where: str):
    found = [marker for marker in MARKERS if marker in text]
    assert not found, f"{where} shows {found}"


@pytest.fixture
def world(db):
    return build(names=NAMES)


def _outputs(login, username, unit):
    client = login(username)
    yield (
        "page",
        client.get(
            reverse("indicators:dashboard"), {"year": YEAR, "unit": unit.pk}
        ).content.decode(),
    )
    params = {"year": YEAR, "unit": unit.pk}
    yield "csv", client.get(reverse("indicators:export_csv"), params).content.decode("utf-8")
    yield "xlsx", xlsx_text(client.get(reverse("indicators:export_xlsx"), params).content)
    yield "pdf", pdf_text(client.get(reverse("indicators:export_pdf"), params).content)
    _token, secret = account_services.api_token_issue(user=User.objects.get(username=username))
    yield (
        "api",
        client.get(
            reverse("api:indicators"),
            {"year": YEAR, "unit": unit.pk},
            headers={"Authorization": f"Bearer {secret}"},
        ).content.decode(),
    )


@pytest.mark.parametrize("username", ["cm.bergkamen", "coord.unna", "grants.unna"])
def test_no_indicator_output_names_a_person(login, world, username):
    unit = world.town if username == "cm.bergkamen" else Organisation.objects.get(name="Kreis Unna")
    outputs = list(_outputs(login, username, unit))
    assert [where for where, _text in outputs] == ["page", "csv", "xlsx", "pdf", "api"]
    for where, text in outputs:
        assert "Beratene Personen" in text or "beraten" in text, where  # really there
        assert_clean(text, f"{where} for {username}")
