from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotse.core import clock
from lotse.deadlines.services import plan_reminders, reminders_send, stuck_reminders


class Command(BaseCommand):
    help = (
        "Schickt fällige Fristerinnerungen per E-Mail, jede genau einmal – auch wenn zwei "
        "Läufe sich überschneiden (z. B. täglich per cron oder systemd-Timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur planen und zählen, nichts senden.",
        )
        parser.add_argument(
            "--today", help="Stichtag im Format JJJJ-MM-TT (zum Nachholen); Standard: heute."
        )

    def handle(self, *args, dry_run: bool, today: str | None, **options):
        try:
            day = date.fromisoformat(today) if today else clock.today()
        except ValueError as exc:
            raise CommandError(f"--today „{today}“ ist kein Datum im Format JJJJ-MM-TT.") from exc
        if dry_run:
            planned = plan_reminders(today=day)
            self.stdout.write(f"{planned} Erinnerungen neu geplant, nichts gesendet (--dry-run).")
            return
        backend = settings.EMAIL_BACKEND
        if backend.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST:
            raise CommandError(
                "E-Mail-Versand ist nicht eingerichtet: LOTSE_EMAIL_HOST fehlt "
                "(docs/operations.md, „Erinnerungen“)."
            )
        run = reminders_send(today=day)
        self.stdout.write(
            f"{run.planned} Erinnerungen neu geplant, {run.sent} gesendet, "
            f"{run.failed} fehlgeschlagen (werden beim nächsten Lauf wiederholt)."
        )
        stuck = stuck_reminders()
        if stuck:
            self.stderr.write(
                f"{stuck} Erinnerungen sind seit über einer Stunde beansprucht, aber nicht als "
                "gesendet vermerkt (Lauf abgebrochen?). Bitte im Mail-Protokoll prüfen."
            )
