"""Planning frame as records: rounds, quota import, announcement, passing on in the county.

BW 5.2 (a frame per county and year, announced in the first quarter of the
previous year), BW 5.3 (three-year average quota, at least 180,000 EUR, the
total capped by the budget), BW 3.2 (within the county along the allocation
numbers into follow-up accommodation).
"""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from lotse.planning.models import AllocationNumber, CountyFrame, CountyQuota, FrameRound
from lotse.planning.selectors import county_result, round_result

QUOTAS = "Kreis;2022;2023;2024\nRems-Murr-Kreis; 4,1; 4,0; 4,2\nStuttgart; 5,5; 5,6; 5,4\nUlm; 0,1; 0,1; 0,1\n"


@pytest.fixture
def stuttgart(login):
    return login("authority.stuttgart")


@pytest.fixture
def frame_round(stuttgart):
    response = stuttgart.post(
        reverse("planning:round_create"),
        {"authority": "", "year": "2026", "budget": "1.000.000,00", "minimum": "180.000,00"},
    )
    # Without an authority chosen the form says so and keeps the numbers.
    assert "1.000.000,00" in response.content.decode()
    from lotse.organisations.models import Organisation

    authority = Organisation.objects.get(name="Regierungspräsidium Stuttgart")
    response = stuttgart.post(
        reverse("planning:round_create"),
        {
            "authority": authority.pk,
            "year": "2026",
            "budget": "1.000.000,00",
            "minimum": "180.000,00",
        },
    )
    frame_round = FrameRound.objects.get(year=2026, organisation=authority)
    assert response.status_code == 302
    return frame_round


def test_a_new_round_counts_the_three_years_before_the_announcement(frame_round):
    # BW 5.2: announced in the first quarter of 2025 for 2026; BW 5.3: the three years before.
    assert frame_round.quota_years == [2022, 2023, 2024]
    assert frame_round.minimum == D("180000.00")


def test_bad_round_input_is_refused_in_german_and_kept(stuttgart, frame_round):
    data = {
        "authority": frame_round.organisation_id,
        "year": "2026",
        "budget": "1.000.000,00",
        "minimum": "180.000,00",
    }
    twice = stuttgart.post(reverse("planning:round_create"), data).content.decode()
    assert "Für 2026 gibt es schon einen Planungsrahmen" in twice
    late = stuttgart.post(
        reverse("planning:round_create"), data | {"year": "2027", "first_quota_year": "2025"}
    ).content.decode()
    assert "vor dem Jahr der Bekanntgabe" in late and "BW 5.2" in late
    money = stuttgart.post(
        reverse("planning:round_create"), data | {"year": "2028", "budget": "1.000,001"}
    ).content.decode()
    assert "mehr als zwei Nachkommastellen" in money and "1.000,001" in money
    early = stuttgart.post(
        reverse("planning:round_create"), data | {"year": "2024"}
    ).content.decode()
    assert "2025" in early
    assert FrameRound.objects.count() == 1


def test_pasted_quotas_give_the_distribution_with_the_floor_marked(stuttgart, frame_round):
    response = stuttgart.post(
        reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS}
    )
    assert response.status_code == 302
    result = round_result(frame_round)
    amounts = {row.county_name: row.amount for row in result.rows}
    # BW 5.3: Ulm (0.1) is raised to 180,000; the rest, 820,000, by 4.1 : 5.5;
    # 350,208.333… and 469,791.666… – the missing cent goes to the larger remainder.
    assert amounts == {
        "Rems-Murr-Kreis": D("350208.33"),
        "Stuttgart": D("469791.67"),
        "Ulm": D("180000.00"),
    }
    assert [row.county_name for row in result.rows if row.raised] == ["Ulm"]
    assert sum(amounts.values()) == D("1000000.00")
    page = stuttgart.get(reverse("planning:round_detail", args=[frame_round.pk])).content.decode()
    assert "350.208,33 EUR" in page and "auf den Mindestbetrag angehoben" in page
    assert "nicht in Lotse" in page  # Stuttgart and Ulm are not organisations here
    linked = CountyQuota.objects.filter(county__isnull=False).values_list("county_name", flat=True)
    assert set(linked) == {"Rems-Murr-Kreis"}


def test_a_bad_line_names_line_and_column_and_nothing_changes(stuttgart, frame_round):
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS})
    bad = "Kreis;2022;2023;2024\nRems-Murr-Kreis; 4,1; 4,0; 4,2\nStuttgart; 5,5; abc; 5,4\nUlm; 0,1; 0,1\n"
    response = stuttgart.post(
        reverse("planning:round_quotas", args=[frame_round.pk]), {"text": bad}
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "Zeile 3, Spalte „Quote 2023“" in text and "keine Zahl" in text
    assert "Zeile 4, Spalte „Quote 2024“: Die Quote fehlt." in text
    assert "Stuttgart; 5,5; abc; 5,4" in text  # what was pasted stays in the form
    assert CountyQuota.objects.filter(round=frame_round).count() == 9  # the earlier import


def test_duplicate_counties_and_out_of_range_quotas_are_refused(stuttgart, frame_round):
    text = "Ulm; 0,1; 0,1; 0,1\nulm; 0,2; 0,2; 0,2\nStuttgart; 5; 150; 5\n"
    page = stuttgart.post(
        reverse("planning:round_quotas", args=[frame_round.pk]), {"text": text}
    ).content.decode()
    assert "Zeile 2, Spalte „Kreis“: ulm steht schon in Zeile 1." in page
    assert "zwischen 0 und 100 Prozent" in page
    assert not CountyQuota.objects.exists()


def test_csv_and_xlsx_files_are_read_alike(stuttgart, frame_round):
    csv_file = SimpleUploadedFile("quoten.csv", QUOTAS.encode("utf-8-sig"), "text/csv")
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"file": csv_file})
    from_csv = {row.county_name: row.amount for row in round_result(frame_round).rows}
    workbook = Workbook()
    sheet = workbook.active
    for line in QUOTAS.strip().splitlines():
        sheet.append([cell.strip() for cell in line.split(";")])
    sheet.append(["Heilbronn", 2.5, 2.5, 2.5])  # numbers as the sheet stores them
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = SimpleUploadedFile("quoten.xlsx", buffer.getvalue(), "application/octet-stream")
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"file": xlsx})
    result = round_result(frame_round)
    assert len(from_csv) == 3 and len(result.rows) == 4
    assert sum(row.amount for row in result.rows) == D("1000000.00")


def test_an_infeasible_round_says_why(stuttgart, frame_round):
    # BW 5.3: the floors alone exceed the budget – an error, not a cut.
    frame_round.budget = D("500000.00")
    frame_round.save()
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS})
    page = stuttgart.get(reverse("planning:round_detail", args=[frame_round.pk])).content.decode()
    assert "reicht nicht für die Mindestbeträge" in page
    response = stuttgart.post(
        reverse("planning:round_announce", args=[frame_round.pk]), follow=True
    )
    assert "reicht nicht für die Mindestbeträge" in response.content.decode()
    assert not CountyFrame.objects.exists()


def test_announcing_gives_each_county_in_lotse_its_frame_and_freezes_the_quotas(
    stuttgart, frame_round, login
):
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS})
    stuttgart.post(reverse("planning:round_announce", args=[frame_round.pk]))
    frame = CountyFrame.objects.get()
    assert (frame.organisation.name, frame.amount, frame.year) == (
        "Rems-Murr-Kreis",
        D("350208.33"),
        2026,
    )
    again = stuttgart.post(
        reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS}
    ).content.decode()
    assert "schon bekanntgegeben" in again
    listing = login("grants.remsmurr").get(reverse("planning:frame_list")).content.decode()
    assert "350.208,33 EUR" in listing
    assert "Stuttgart" not in listing.split("Planungsrahmen der Kreise")[1]


@pytest.fixture
def county_frame(stuttgart, frame_round):
    stuttgart.post(reverse("planning:round_quotas", args=[frame_round.pk]), {"text": QUOTAS})
    stuttgart.post(reverse("planning:round_announce", args=[frame_round.pk]))
    return CountyFrame.objects.get()


def _numbers(org, values, served=()):
    data = {}
    for name, number in values.items():
        pk = org(name).pk
        data[f"number_{pk}"] = number
        if name in served:
            data[f"served_{pk}"] = "on"
    return data


def test_the_county_passes_its_frame_on_by_allocation_numbers(county_frame, login, org):
    client = login("grants.remsmurr")
    data = _numbers(
        org,
        {
            "Backnang": "100",
            "Fellbach": "50",
            "Schorndorf": "50",
            "Waiblingen": "100",
            "Welzheim": "30",
            "Kaisersbach": "20",
        },
        served={"Fellbach"},
    )
    response = client.post(reverse("planning:county_frame", args=[county_frame.pk]), data)
    assert response.status_code == 302
    result = county_result(county_frame)
    shares = {row.label: row.amount for row in result.recipients}
    # BW 3.2: 350,208.33 × n / 350; the association counts its members (30 + 20);
    # Fellbach's share stays with the county.
    assert shares == {
        "Backnang": D("100059.53"),  # equal remainders: the cent goes alphabetically
        "Schorndorf": D("50029.76"),
        "Verbund Schwäbischer Wald": D("50029.76"),
        "Waiblingen": D("100059.52"),
        "Rems-Murr-Kreis (eigenes Integrationsmanagement)": D("50029.76"),
    }
    assert sum(shares.values()) == county_frame.amount
    association = next(row for row in result.recipients if row.kind == "association")
    assert association.members == ["Kaisersbach", "Welzheim"] and association.number == D("50")
    page = client.get(reverse("planning:county_frame", args=[county_frame.pk])).content.decode()
    assert "100.059,53 EUR" in page and "Kaisersbach, Welzheim" in page


def test_missing_numbers_are_listed_and_bad_numbers_refused(county_frame, login, org):
    client = login("grants.remsmurr")
    page = client.get(reverse("planning:county_frame", args=[county_frame.pk])).content.decode()
    assert "Ohne Zuweisungszahl für 2026" in page
    response = client.post(
        reverse("planning:county_frame", args=[county_frame.pk]),
        _numbers(org, {"Backnang": "-5", "Fellbach": "12,345", "Schorndorf": "viele"}),
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "nicht negativ sein (BW 3.2)" in text
    assert "mehr als zwei Nachkommastellen" in text
    assert "keine Zahl" in text
    assert 'value="viele"' in text  # typed input kept
    assert not AllocationNumber.objects.exists()


def test_other_regions_and_case_workers_do_not_reach_the_county_frame(county_frame, login):
    url = reverse("planning:county_frame", args=[county_frame.pk])
    assert login("grants.unna").get(url).status_code == 404
    assert login("cm.backnang").get(url).status_code == 403
    assert login("grants.unna").post(url, {}).status_code == 404


def test_county_page_queries_do_not_grow_with_municipalities(
    county_frame, login, org, django_assert_max_num_queries
):
    client = login("grants.remsmurr")
    url = reverse("planning:county_frame", args=[county_frame.pk])
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    baseline = len(few.captured_queries)  # read now: the next request clears the log
    client.post(url, _numbers(org, {"Backnang": "10", "Waiblingen": "20", "Welzheim": "5"}))
    with django_assert_max_num_queries(baseline):
        client.get(url)
