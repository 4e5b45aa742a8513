"""The proof of use on its pages (issue 5 item 6): create, import, submit, correct, check.

Kreis Unna's grants officer prepares Bergkamen's 2025 proof (KIM §8) under the
BS II decision of tests/proofs/data.py.
"""

from datetime import date, datetime
from decimal import Decimal as D
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lotse.accounts.models import Membership, User
from lotse.accounts.permissions import Role
from lotse.deadlines.models import DeadlineDone
from lotse.proofs.models import CostLine, ProofOfUse, ProofStatus
from lotse.proofs.selectors import proof_data
from tests.proofs.data import YEAR, build_grant, full_year, payroll_csv

pytestmark = pytest.mark.django_db


def travel(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 10, 0).astimezone(), tick=False
    )


@pytest.fixture
def grant(db):
    return build_grant()


@pytest.fixture
def officer(login):
    return login("grants.unna")


def _create(officer, grant, kind="annual", quarter=""):
    response = officer.post(
        reverse("proofs:list"),
        {
            "grant": f"{grant.decision.pk}-{grant.town.pk}",
            "kind": kind,
            "year": str(YEAR),
            "quarter": quarter,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return ProofOfUse.objects.filter(organisation=grant.town, kind=kind).latest("id")


def _upload(client, proof, content: bytes, name="lohn.csv", kind="lohn"):
    return client.post(
        reverse("proofs:upload", args=[proof.pk, kind]),
        {f"{kind}-file": SimpleUploadedFile(name, content)},
    )


def test_a_proof_is_created_with_the_entitlement_per_position(officer, grant):
    # KIM §8: due 15 January of the following year; KIM §6: 57,000 EUR per FTE and year
    proof = _create(officer, grant)
    assert proof.due == date(YEAR + 1, 1, 15)
    assert proof.status == ProofStatus.DRAFT
    statement = proof_data(proof)["statement"]
    assert [row["entitlement"] for row in statement["positions"]] == ["57000.00", "14367.12"]
    assert statement["entitlement"] == "71367.12"
    page = officer.get(reverse("proofs:detail", args=[proof.pk])).content.decode()
    assert "71.367,12 EUR" in page
    assert "Grete Muster" in page  # the staff confirmations name the people on the positions


def test_interim_proofs_are_refused_for_kim_with_the_rule(officer, grant):
    # BW 9.1.6: interim proofs are a BW rule, not a KIM one
    response = officer.post(
        reverse("proofs:list"),
        {"grant": f"{grant.decision.pk}-{grant.town.pk}", "kind": "interim", "year": str(YEAR)},
    )
    assert response.status_code == 200
    assert "BW 9.1.6" in response.content.decode()
    assert not ProofOfUse.objects.exists()


def test_a_bad_payroll_line_saves_nothing_and_names_line_and_column(officer, grant):
    proof = _create(officer, grant)
    rows = full_year()
    rows[2] = ("Grete Muster", f"03.{YEAR}", "5.OOO,00")
    response = _upload(officer, proof, payroll_csv(rows))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Zeile 4, Spalte „Arbeitgeberbrutto“" in page
    assert "nichts wurde gespeichert" in page
    assert CostLine.objects.filter(proof=proof).count() == 0


def test_fixed_payroll_gives_the_financial_statement(officer, grant):
    # KIM §8: settled by actual costs; eligible = min(programme amount, actual costs)
    proof = _create(officer, grant)
    response = _upload(officer, proof, payroll_csv(full_year()))
    assert response.status_code == 302
    statement = proof_data(proof)["statement"]
    assert [row["actual"] for row in statement["positions"]] == ["60000.00", "12000.00"]
    assert statement["actual"] == "72000.00"
    assert statement["eligible"] == "71367.12"


def test_xlsx_payroll_with_spreadsheet_numbers(officer, grant):
    proof = _create(officer, grant)
    book = Workbook()
    sheet = book.active
    sheet.append(["Mitarbeiter:in", "Monat", "Arbeitgeberbrutto"])
    sheet.append(["Grete Muster", datetime(YEAR, 1, 1), 5000.1])  # noqa: DTZ001 - as openpyxl stores it
    sheet.append(["Hans Beispiel", f"07.{YEAR}", 1999])
    buffer = BytesIO()
    book.save(buffer)
    assert _upload(officer, proof, buffer.getvalue(), name="lohn.xlsx").status_code == 302
    assert proof_data(proof)["statement"]["actual"] == "6999.10"


def test_reimport_replaces_the_months_only_after_confirmation(officer, grant):
    proof = _create(officer, grant)
    _upload(officer, proof, payroll_csv(full_year()))
    again = [("Grete Muster", f"0{m}.{YEAR}", "5.100,00") for m in (1, 2, 3)]
    response = _upload(officer, proof, payroll_csv(again))
    assert response.status_code == 200
    assert "Import bestätigen" in response.content.decode()
    assert proof_data(proof)["statement"]["actual"] == "72000.00"  # nothing changed yet
    response = officer.post(reverse("proofs:import_confirm", args=[proof.pk]), {"confirm": "1"})
    assert response.status_code == 302
    # January to March replaced (Grete only in the new file), the other months kept
    assert proof_data(proof)["statement"]["actual"] == "72300.00"
    assert CostLine.objects.filter(proof=proof).count() == 18


def test_cancelled_reimport_changes_nothing(officer, grant):
    proof = _create(officer, grant)
    _upload(officer, proof, payroll_csv(full_year()))
    _upload(officer, proof, payroll_csv([("Grete Muster", f"01.{YEAR}", "1,00")]))
    officer.post(reverse("proofs:import_confirm", args=[proof.pk]), {"confirm": "0"})
    assert proof_data(proof)["statement"]["actual"] == "72000.00"


def test_manual_cost_line_keeps_the_input_on_error(officer, grant):
    proof = _create(officer, grant)
    url = reverse("proofs:cost_add", args=[proof.pk])
    position = grant.positions[0].pk
    response = officer.post(url, {"position": position, "month": "13.2025", "amount": "4.750,00"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Der Monat ist kein Monat" in page
    assert 'value="4.750,00"' in page
    officer.post(url, {"position": position, "month": f"03.{YEAR}", "amount": "4.750,00"})
    assert CostLine.objects.get(proof=proof).amount == D("4750.00")


def test_submit_freezes_the_proof_and_marks_the_deadline(officer, grant):
    # KIM §8: the proof of use by 15 January; the deadline list shows it done
    with travel(date(YEAR + 1, 1, 10)):
        proof = _create(officer, grant)
        _upload(officer, proof, payroll_csv(full_year()))
        officer.post(
            reverse("proofs:narrative", args=[proof.pk]), {"narrative": "Geleistete Arbeit 2025"}
        )
        response = officer.post(reverse("proofs:submit", args=[proof.pk]))
        assert response.status_code == 302
    proof.refresh_from_db()
    assert proof.status == ProofStatus.SUBMITTED
    assert proof.submitted_on == date(YEAR + 1, 1, 10)
    done = DeadlineDone.objects.get(organisation=grant.town)
    assert done.due == date(YEAR + 1, 1, 15)
    frozen = proof_data(proof)
    # Later changes in the data do not change what was sent.
    CostLine.objects.create(
        organisation=grant.town,
        proof=proof,
        position=grant.positions[0],
        month=date(YEAR, 1, 1),
        amount=D("999.00"),
        source="entered",
    )
    assert proof_data(proof) == frozen
    # And the page refuses changes to a submitted proof.
    officer.post(reverse("proofs:narrative", args=[proof.pk]), {"narrative": "anders"})
    proof.refresh_from_db()
    assert proof.narrative == "Geleistete Arbeit 2025"


def test_a_correction_is_a_new_version_and_supersedes_the_sent_one(officer, grant):
    proof = _create(officer, grant)
    _upload(officer, proof, payroll_csv(full_year()))
    officer.post(reverse("proofs:submit", args=[proof.pk]))
    response = officer.post(reverse("proofs:correct", args=[proof.pk]))
    draft = ProofOfUse.objects.get(previous=proof)
    assert response["Location"] == reverse("proofs:detail", args=[draft.pk])
    assert (draft.version, draft.status) == (2, ProofStatus.DRAFT)
    assert CostLine.objects.filter(proof=draft).count() == 18
    officer.post(reverse("proofs:submit", args=[draft.pk]))
    proof.refresh_from_db()
    draft.refresh_from_db()
    assert (proof.status, draft.status) == (ProofStatus.SUPERSEDED, ProofStatus.SUBMITTED)


def test_the_county_checks_but_the_town_cannot_check_its_own(login, officer, grant):
    proof = _create(officer, grant)
    officer.post(reverse("proofs:submit", args=[proof.pk]))
    town_officer = User.objects.create_user(
        "grants.bergkamen", password="irrelevant-pass-1", is_demo=True
    )
    Membership.objects.create(
        user=town_officer,
        organisation=grant.town,
        role=Role.GRANTS_OFFICER,
        valid_from=date(2020, 1, 1),
    )
    town = login("grants.bergkamen")
    assert town.get(reverse("proofs:detail", args=[proof.pk])).status_code == 200
    assert town.post(reverse("proofs:check", args=[proof.pk]), {"note": ""}).status_code == 403
    officer.post(reverse("proofs:check", args=[proof.pk]), {"note": "rechnerisch geprüft"})
    proof.refresh_from_db()
    assert proof.status == ProofStatus.CHECKED and proof.check_note == "rechnerisch geprüft"


def test_other_regions_do_not_see_the_proof(login, officer, grant):
    proof = _create(officer, grant)
    other = login("grants.remsmurr")
    assert other.get(reverse("proofs:detail", args=[proof.pk])).status_code == 404
    assert other.get(reverse("proofs:pdf", args=[proof.pk])).status_code == 404
    assert proof.pk not in [p.pk for p in other.get(reverse("proofs:list")).context["proofs"]]


def test_a_quarterly_proof_marks_the_quarterly_deadline_only(officer, grant):
    # KIM §15(2): the proof for the elapsed quarter, due four weeks after its end;
    # the annual proof of KIM §8 stays open.
    with travel(date(YEAR, 4, 20)):
        proof = _create(officer, grant, kind="quarterly", quarter="1")
        assert (proof.period_start, proof.period_end) == (date(YEAR, 1, 1), date(YEAR, 3, 31))
        assert proof.due == date(YEAR, 4, 28)
        officer.post(reverse("proofs:submit", args=[proof.pk]))
    done = DeadlineDone.objects.get(organisation=grant.town)
    assert done.due == date(YEAR, 4, 28)
    assert "Quartal" in done.deadline.name


def test_submitting_without_a_narrative_is_refused(officer, grant):
    # KIM §8, BW 8.2: the proof includes the narrative report
    proof = _create(officer, grant)
    officer.post(reverse("proofs:narrative", args=[proof.pk]), {"narrative": ""})
    proof.narrative = ""
    proof.save()
    response = officer.post(reverse("proofs:submit", args=[proof.pk]), follow=True)
    assert "Sachbericht ausfüllen" in response.content.decode()
    proof.refresh_from_db()
    assert proof.status == ProofStatus.DRAFT


def test_the_list_page_does_not_grow_with_proofs(officer, grant, django_assert_num_queries):
    _create(officer, grant)
    url = reverse("proofs:list")
    officer.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        assert officer.get(url).status_code == 200
    _create(officer, grant, kind="quarterly", quarter="2")
    _create(officer, grant, kind="quarterly", quarter="3")
    with django_assert_num_queries(LIST_QUERIES):
        assert officer.get(url).status_code == 200


LIST_QUERIES = 12


def test_the_county_adopts_the_costs_its_towns_have_proven(officer, grant):
    # KIM §8: the county's own proof to the authority covers what it passed on (KIM §4(1))
    town_proof = _create(officer, grant)
    _upload(officer, town_proof, payroll_csv(full_year()))
    officer.post(reverse("proofs:submit", args=[town_proof.pk]))
    response = officer.post(
        reverse("proofs:list"),
        {"grant": f"{grant.decision.pk}-{grant.county.pk}", "kind": "annual", "year": str(YEAR)},
    )
    assert response.status_code == 302
    county_proof = ProofOfUse.objects.get(organisation=grant.county)
    statement = proof_data(county_proof)["statement"]
    assert statement["entitlement"] == "71367.12"  # the town's positions
    assert statement["share"] == "114000.00"  # the whole decision
    assert statement["actual"] == "0.00"
    officer.post(reverse("proofs:costs_adopt", args=[county_proof.pk]))
    assert proof_data(county_proof)["statement"]["actual"] == "72000.00"
    assert proof_data(county_proof)["statement"]["eligible"] == "71367.12"


def test_receipts_are_entered_imported_and_listed_in_order(officer, grant):
    # SPEC §4.3: Belegliste chronological with date, payee, reason, amount
    proof = _create(officer, grant)
    url = reverse("proofs:receipt_add", args=[proof.pk])
    response = officer.post(
        url, {"day": f"{YEAR}-05-02", "payee": "VHS", "reason": "Miete", "amount": "12,345"}
    )
    page = response.content.decode()
    assert "hat mehr als zwei Nachkommastellen" in page
    assert 'value="VHS"' in page and 'value="Miete"' in page  # the form keeps what was typed
    officer.post(
        url, {"day": f"{YEAR}-05-02", "payee": "VHS", "reason": "Miete", "amount": "120,00"}
    )
    csv = f"Datum;Empfänger;Grund;Betrag\n14.03.{YEAR};Stadtwerke;Strom;80,50\n".encode()
    assert _upload(officer, proof, csv, name="belege.csv", kind="belege").status_code == 302
    receipts = proof_data(proof)["receipts"]
    assert [(r["date"], r["payee"], r["amount"]) for r in receipts] == [
        (f"{YEAR}-03-14", "Stadtwerke", "80.50"),
        (f"{YEAR}-05-02", "VHS", "120.00"),
    ]
    assert proof_data(proof)["receipts_total"] == "200.50"
    # The same file again replaces the receipts of its dates only after confirmation.
    response = _upload(officer, proof, csv, name="belege.csv", kind="belege")
    assert "Import bestätigen" in response.content.decode()
    officer.post(reverse("proofs:import_confirm", args=[proof.pk]), {"confirm": "1"})
    assert proof_data(proof)["receipts_total"] == "200.50"


def test_payroll_matched_by_personnel_number(officer, grant):
    proof = _create(officer, grant)
    grete, hans = grant.positions
    url = reverse("proofs:personnel_numbers", args=[proof.pk])
    response = officer.post(url, {f"pn_{grete.pk}": "00123", f"pn_{hans.pk}": "123"})
    assert "zwei Stellen zugeordnet" in response.content.decode()  # 00123 and 123 are one number
    officer.post(url, {f"pn_{grete.pk}": "00123", f"pn_{hans.pk}": "456"})
    content = (
        f"Personalnummer;Name;Monat;AG-Brutto\n123;x;01.{YEAR};5.000,00\n456;y;07.{YEAR};2.000,00\n"
    )
    assert _upload(officer, proof, content.encode()).status_code == 302
    assert [row["actual"] for row in proof_data(proof)["statement"]["positions"]] == [
        "5000.00",
        "2000.00",
    ]
    bad = f"Personalnummer;Monat;AG-Brutto\n999;01.{YEAR};5.000,00\n"
    page = _upload(officer, proof, bad.encode()).content.decode()
    assert "Zeile 2, Spalte „Personalnummer“" in page


def test_the_settlement_starts_from_the_costs_the_submitted_proof_proved(officer, grant):
    # KIM §8 ("Abrechnung nach tatsächlichen Ausgaben"), BW 8.3: settled on proven costs.
    proof = _create(officer, grant)
    _upload(officer, proof, payroll_csv(full_year()))
    settle_url = reverse("proofs:settlement_create", args=[grant.decision.pk])
    before = officer.get(f"{settle_url}?stelle={grant.town.pk}").content.decode()
    assert "aus dem Verwendungsnachweis übernommen" not in before  # a draft proves nothing
    officer.post(reverse("proofs:narrative", args=[proof.pk]), {"narrative": "Bericht"})
    officer.post(reverse("proofs:submit", args=[proof.pk]))
    actual = D(proof_data(ProofOfUse.objects.get(pk=proof.pk))["statement"]["actual"])
    page = officer.get(f"{settle_url}?stelle={grant.town.pk}").content.decode()
    assert "aus dem Verwendungsnachweis übernommen" in page
    shown = f"{actual:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert f'value="{shown}"' in page
