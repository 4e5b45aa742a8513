from django.core.management.base import BaseCommand, CommandError

from lotse.privacy.services import audit_chain_verify


class Command(BaseCommand):
    help = "Zugriffsprotokoll: 'verify' prüft die Hash-Kette und endet bei einem Bruch mit Fehler."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, action: str, **options):
        report = audit_chain_verify()
        if not report.intact:
            raise CommandError(
                f"Zugriffsprotokoll verletzt bei Eintrag {report.broken_at}: {report.reason} "
                f"({report.checked} Einträge davor sind intakt)."
            )
        self.stdout.write(f"Zugriffsprotokoll intakt: {report.checked} Einträge geprüft.")
