"""What leaves the municipality: the proof as page, PDF/A and xlsx, logged, without client data.

The case data of tests/indicators/data.py (Bergkamen, 2025) fill the narrative's
figures; the clients carry distinctive names, and every output is scanned for them
(SPEC §5, §6: only aggregates leave, small counts suppressed).
"""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from lotse.privacy.models import AuditEntry
from lotse.proofs.models import CostLine, CostSource, ProofOfUse, Receipt
from tests.indicators.data import build
from tests.proofs.data import YEAR, build_grant, full_year, payroll_csv

pytestmark = pytest.mark.django_db

CLIENT_NAMES = (("Zyxwvut", "Distinctname"), ("Qoppaqoph", "Uniquefamily"))
MARKERS = [part for pair in CLIENT_NAMES for part in pair] + ["BER-A", "BER-B", "QAX", "QBX"]


@pytest.fixture
def proof(login):
    build(names=CLIENT_NAMES)
    grant = build_grant()
    officer = login("grants.unna")
    officer.post(
        reverse("proofs:list"),
        {"grant": f"{grant.decision.pk}-{grant.town.pk}", "kind": "annual", "year": str(YEAR)},
    )
    proof = ProofOfUse.objects.get(organisation=grant.town)
    officer.post(
        reverse("proofs:upload", args=[proof.pk, "lohn"]),
        {"lohn-file": _file(payroll_csv(full_year()))},
    )
    return proof


def _file(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("lohn.csv", content)


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(BytesIO(content))
    return "\n".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def test_narrative_is_prefilled_with_suppressed_case_figures(proof):
    # BW 8.2: narrative report with KPIs; SPEC §5: counts below the threshold shown as "<5"
    assert proof.figures, "the indicators of the year are there"
    assert "Beratene Personen" in proof.narrative
    assert any("<5" in figure["value"] for figure in proof.figures)


def test_pdf_and_xlsx_are_logged_and_name_no_client(login, proof):
    officer = login("grants.unna")
    page = officer.get(reverse("proofs:detail", args=[proof.pk])).content.decode()
    pdf = officer.get(reverse("proofs:pdf", args=[proof.pk]))
    xlsx = officer.get(reverse("proofs:xlsx", args=[proof.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    root = PdfReader(BytesIO(pdf.content)).trailer["/Root"]
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()  # PDF/A (WeasyPrint)
    attached = PdfReader(BytesIO(pdf.content)).attachments["verwendungsnachweis.json"][0]
    assert '"eligible": "71367.12"' in attached.decode()  # PDF/A-3 carries the figures
    pdf_text = _pdf_text(pdf.content)
    xlsx_text = _xlsx_text(xlsx.content)
    outputs = (("page", page), ("pdf", pdf_text), ("xlsx", xlsx_text), ("json", attached.decode()))
    for where, text in outputs:
        assert "Beratene Personen" in text, where  # the figures are really there
        assert "72.000,00" in text or "72000" in text, where  # and the actual costs
        found = [marker for marker in MARKERS if marker in text]
        assert not found, f"{where} shows {found}"
    downloads = AuditEntry.objects.filter(
        object_type="proofs.proofofuse", object_id=str(proof.pk), action="download"
    )
    assert sorted(downloads.values_list("purpose", flat=True)) == [
        "Verwendungsnachweis als PDF",
        "Verwendungsnachweis als xlsx",
    ]


def test_the_detail_page_does_not_grow_with_rows(login, proof, django_assert_num_queries):
    from django.db import connection

    pinned = PINNED + (connection.vendor == "postgresql")  # the audit chain's advisory lock
    officer = login("grants.unna")
    url = reverse("proofs:detail", args=[proof.pk])
    officer.get(url)
    with django_assert_num_queries(pinned):
        assert officer.get(url).status_code == 200
    line = CostLine.objects.filter(proof=proof).first()
    for n in range(10):
        CostLine.objects.create(
            organisation=proof.organisation,
            proof=proof,
            position=line.position,
            month=line.month,
            amount=n,
            source=CostSource.ENTERED,
        )
        Receipt.objects.create(
            organisation=proof.organisation,
            proof=proof,
            day=line.month,
            payee="VHS",
            reason="Miete",
            amount=n,
            source=CostSource.ENTERED,
        )
    with django_assert_num_queries(pinned):
        assert officer.get(url).status_code == 200


# Includes the access-log line (chain lock, predecessor, insert), the share under the
# contract, the positions with their rates and personnel numbers; the same for any number of cost lines
# and receipts.
PINNED = 30


def test_figures_cover_the_sub_region_the_money_is_for(login):
    # KIM §4(1): BS II "Mittelkreis via Bergkamen" – the narrative reports the sub-region
    from lotse.funding.models import ContractAllocation
    from lotse.organisations.models import Organisation

    build(names=CLIENT_NAMES)
    grant = build_grant()
    ContractAllocation.objects.filter(organisation=grant.town).update(
        region=Organisation.objects.get(name="Mittelkreis")
    )
    officer = login("grants.unna")
    officer.post(
        reverse("proofs:list"),
        {"grant": f"{grant.decision.pk}-{grant.town.pk}", "kind": "annual", "year": str(YEAR)},
    )
    proof = ProofOfUse.objects.get(organisation=grant.town)
    assert "Kennzahlen aus der Fallarbeit, Mittelkreis" in proof.narrative
    assert {figure["unit"] for figure in proof.figures} == {"Mittelkreis"}
