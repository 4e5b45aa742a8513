"""The grants officer's deadline list and `lotse remind` (issue 5 item 9).

Kreis Unna holds a KIM Baustein II decision for 2026 and passes it on to Lünen;
the programme's deadlines (KIM §8: proof of use by 15 January; KIM §15(2):
quarterly proofs four weeks after each quarter, notice six months before the
year end) fall for both.
"""

import threading
from datetime import date, datetime
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from lotse.core import clock
from lotse.deadlines.models import DeadlineDone, Reminder
from lotse.deadlines.selectors import Level, deadlines_for
from lotse.deadlines.services import applicable_lead, reminders_send
from lotse.funding.models import (
    ContractAllocation,
    ContractVersion,
    GrantDecision,
    PassThroughContract,
    Programme,
    VersionStatus,
)


def travel(day: date):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 10, 0).astimezone(), tick=False
    )


def grant(county, town, year=2026, fte="1.0"):
    bs2 = Programme.objects.get(slug="kim-nrw-bs2")
    decision = GrantDecision.objects.create(
        organisation=county,
        authority=county.parent,
        programme=bs2,
        decided_on=date(year, 1, 10),
        file_number=f"T-{year}-{fte}",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        amount=Decimal("57000.00") * Decimal(fte),
        fte=Decimal(fte),
    )
    contract = PassThroughContract.objects.create(organisation=county, title=f"Vertrag {year}")
    contract.decisions.add(decision)
    version = ContractVersion.objects.create(
        organisation=county,
        contract=contract,
        number=0,
        status=VersionStatus.IN_FORCE,
        effective_from=date(year, 1, 1),
        term_end=date(year, 12, 31),
        rate=Decimal("57000.00"),
    )
    ContractAllocation.objects.create(
        organisation=town, version=version, programme=bs2, fte=Decimal(fte)
    )
    return decision


@pytest.fixture
def unna(org):
    county, town = org("Kreis Unna"), org("Lünen")
    grant(county, town)
    return county, town


def names(items):
    return [(item.organisation_name, item.due, item.level) for item in items]


def test_a_town_carries_the_contracts_deadlines_with_days_left(unna):
    _county, town = unna
    # KIM §8 (15 Jan), KIM §15(2) (quarter end + 28 days; notice by 30 June).
    items = deadlines_for([town.pk], today=date(2026, 12, 20))
    assert [(item.due, item.level, item.days_left) for item in items] == [
        (date(2026, 4, 28), Level.OVERDUE, -236),
        (date(2026, 6, 30), Level.OVERDUE, -173),
        (date(2026, 7, 28), Level.OVERDUE, -145),
        (date(2026, 10, 28), Level.OVERDUE, -53),
        (date(2027, 1, 15), Level.LATER, 26),
        (date(2027, 1, 28), Level.LATER, 39),
    ]
    assert {item.citation for item in items} == {"KIM §8", "KIM §15 Abs. 2"}


def test_soon_means_within_the_soon_window(unna, settings):
    _county, town = unna
    settings.LOTSE_DEADLINE_SOON_DAYS = 14
    items = deadlines_for([town.pk], today=date(2027, 1, 2))
    levels = {item.due: item.level for item in items}
    assert levels[date(2027, 1, 15)] == Level.SOON  # 13 days
    assert levels[date(2027, 1, 28)] == Level.LATER  # 26 days


def test_old_open_deadlines_drop_out_after_the_lookback(unna, settings):
    _county, town = unna
    settings.LOTSE_DEADLINE_LOOKBACK_DAYS = 30
    items = deadlines_for([town.pk], today=date(2026, 12, 20))
    assert [item.due for item in items] == [date(2027, 1, 15), date(2027, 1, 28)]


def test_draft_decisions_without_a_period_carry_no_deadlines(org):
    county = org("Kreis Unna")
    GrantDecision.objects.create(
        organisation=county, programme=Programme.objects.get(slug="kim-nrw-bs1")
    )
    assert deadlines_for([county.pk], today=date(2026, 12, 20)) == []


def test_page_lists_own_deadlines_and_not_the_foreign_county(unna, login, org):
    grant(org("Rems-Murr-Kreis"), org("Backnang"))
    with travel(date(2026, 12, 20)):
        page = login("grants.unna").get(reverse("deadlines:worklist"))
        foreign = login("grants.remsmurr").get(reverse("deadlines:worklist"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Lünen" in text and "Kreis Unna" in text and "Backnang" not in text
    assert "seit 53 Tagen überfällig" in text
    assert "Lünen" not in foreign.content.decode()


def test_mark_done_removes_the_deadline_and_is_logged(unna, login, user):
    _county, town = unna
    with travel(date(2026, 12, 20)):
        client = login("grants.unna")  # inside: a session from "before" would have expired
        key = deadlines_for([town.pk], today=clock.today())[0].key
        response = client.post(reverse("deadlines:mark_done"), {"key": key}, follow=True)
        assert "als erledigt markiert" in response.content.decode()
        assert key not in {item.key for item in deadlines_for([town.pk], today=clock.today())}
        shown = client.get(reverse("deadlines:worklist") + "?erledigte=1").content.decode()
    assert "erledigt am 20.12.2026" in shown
    done = DeadlineDone.objects.get()
    assert done.by == user("grants.unna") and done.due == date(2026, 4, 28)
    from lotse.privacy.models import AuditEntry

    assert AuditEntry.objects.filter(object_type="deadlines.deadlinedone").count() == 1


def test_mark_done_twice_or_with_a_bad_key_says_why_in_german(unna, login):
    _county, town = unna
    with travel(date(2026, 12, 20)):
        client = login("grants.unna")
        key = deadlines_for([town.pk], today=clock.today())[0].key
        client.post(reverse("deadlines:mark_done"), {"key": key})
        again = client.post(reverse("deadlines:mark_done"), {"key": key}, follow=True)
        bad = client.post(reverse("deadlines:mark_done"), {"key": "x:y"}, follow=True)
    assert "nicht (mehr) offen" in again.content.decode()
    assert "Diese Frist gibt es nicht." in bad.content.decode()
    assert DeadlineDone.objects.count() == 1


def test_foreign_and_read_only_users_cannot_mark_done(unna, login):
    _county, town = unna
    with travel(date(2026, 12, 20)):
        key = deadlines_for([town.pk], today=clock.today())[0].key
        foreign = login("grants.remsmurr").post(reverse("deadlines:mark_done"), {"key": key})
        auditor = login("auditor").post(reverse("deadlines:mark_done"), {"key": key})
    assert foreign.status_code == 403
    assert auditor.status_code == 403  # KIM §9: the auditor only reads
    assert not DeadlineDone.objects.exists()


def test_page_costs_the_same_queries_for_one_or_many_grants(
    org, login, django_assert_max_num_queries
):
    county, town = org("Kreis Unna"), org("Lünen")
    grant(county, town, year=2026)
    with travel(date(2026, 12, 20)):
        client = login("grants.unna")
        client.get(reverse("deadlines:worklist"))  # warm the session
        with django_assert_max_num_queries(14) as few:
            client.get(reverse("deadlines:worklist"))
        baseline = len(few.captured_queries)  # read now: the next request clears the log
        for year, fte in ((2025, "0.5"), (2026, "2.0"), (2027, "1.5")):
            grant(county, org("Bergkamen"), year=year, fte=fte)
        with django_assert_max_num_queries(baseline):
            client.get(reverse("deadlines:worklist") + "?tage=365")


def test_start_page_counts_overdue_and_soon_deadlines(unna, login):
    with travel(date(2027, 1, 5)):
        text = login("grants.unna").get(reverse("home:start")).content.decode()
    # Overdue: Lünen's and the county's Q3 proof (28 Oct) and notice (30 Jun), Q1/Q2 proofs;
    # soon: both proofs of use on 15 Jan (KIM §8).
    assert "8 überfällige Fristen, 2 in den nächsten 14 Tagen." in text


# --- Reminders -------------------------------------------------------------------------------


def test_the_smallest_lead_time_reached_applies():
    assert applicable_lead(40, [7, 30]) is None
    assert applicable_lead(30, [7, 30]) == 30
    assert applicable_lead(29, [7, 30]) == 30
    assert applicable_lead(7, [7, 30]) == 7
    assert applicable_lead(0, [7, 30]) == 7
    assert applicable_lead(-1, [7, 30]) is None


@pytest.fixture
def officer(user):
    person = user("grants.unna")
    person.email = "ingrid.wolff@kreis-unna.example"
    person.save(update_fields=["email"])
    return person


def test_remind_mails_the_nearest_grants_officer_once(unna, officer, settings):
    settings.LOTSE_REMINDER_DAYS = [30, 7]
    # 8 Jan 2027: proof of use (15 Jan) is 7 days away, the Q4 proof (28 Jan) 20 days.
    first = reminders_send(today=date(2027, 1, 8))
    assert (first.sent, first.failed) == (4, 0)  # county's and Lünen's, two deadlines each
    assert {message.to[0] for message in mail.outbox} == {officer.email}
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Frist in 20 Tagen") and subjects[-1].startswith(
        "Frist in 7 Tagen"
    )
    assert "KIM §8" in mail.outbox[0].body or "KIM §8" in mail.outbox[1].body
    again = reminders_send(today=date(2027, 1, 8))
    assert (again.planned, again.sent) == (0, 0)
    assert len(mail.outbox) == 4


def test_a_deadline_marked_done_is_not_reminded(unna, officer, settings):
    county, town = unna
    settings.LOTSE_REMINDER_DAYS = [7]
    for organisation in (county, town):
        item = next(
            item
            for item in deadlines_for([organisation.pk], today=date(2027, 1, 8))
            if item.due == date(2027, 1, 15)
        )
        DeadlineDone.objects.create(
            organisation=organisation,
            deadline_id=item.deadline_id,
            due=item.due,
            done_on=date(2027, 1, 7),
            by=officer,
        )
    assert reminders_send(today=date(2027, 1, 8)).sent == 0


def test_a_failed_send_is_retried_by_the_next_run(unna, officer, settings):
    settings.LOTSE_REMINDER_DAYS = [7]
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")):
        failed = reminders_send(today=date(2027, 1, 8))
    assert (failed.sent, failed.failed) == (0, 2)
    assert set(Reminder.objects.values_list("error", flat=True)) == {"OSError"}
    retried = reminders_send(today=date(2027, 1, 9))
    assert (retried.planned, retried.sent) == (0, 2)
    assert len(mail.outbox) == 2


def test_a_row_claimed_by_another_run_is_not_sent_again(unna, officer, settings):
    settings.LOTSE_REMINDER_DAYS = [7]
    from lotse.deadlines.services import plan_reminders

    plan_reminders(today=date(2027, 1, 8))
    Reminder.objects.update(claimed_at=clock.now(), claim="other-run")
    assert reminders_send(today=date(2027, 1, 8)).sent == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises all writers; the race needs PostgreSQL",
)
def test_two_overlapping_runs_send_every_reminder_exactly_once(settings):
    from lotse.accounts.models import User
    from lotse.demo.regions import load_regions
    from lotse.organisations.models import Organisation

    load_regions()  # a transactional test starts from an empty database
    settings.LOTSE_REMINDER_DAYS = [30, 7]
    grant(Organisation.objects.get(name="Kreis Unna"), Organisation.objects.get(name="Lünen"))
    User.objects.filter(username="grants.unna").update(email="ingrid.wolff@kreis-unna.example")
    barrier = threading.Barrier(2)
    results = []

    def run():
        barrier.wait()
        try:
            results.append(reminders_send(today=date(2027, 1, 8)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.sent for result in results) == 4
    assert len(mail.outbox) == 4
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 4


def test_remind_command_reports_counts_and_refuses_bad_input(unna, officer, settings, capsys):
    settings.LOTSE_REMINDER_DAYS = [7]
    call_command("remind", "--dry-run", "--today", "2027-01-08")
    assert "2 Erinnerungen neu geplant, nichts gesendet" in capsys.readouterr().out
    call_command("remind", "--today", "2027-01-08")
    assert "0 Erinnerungen neu geplant, 2 gesendet, 0 fehlgeschlagen" in capsys.readouterr().out
    with pytest.raises(CommandError, match="kein Datum"):
        call_command("remind", "--today", "2027-02-30")
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = ""
    with pytest.raises(CommandError, match="LOTSE_EMAIL_HOST"):
        call_command("remind")
