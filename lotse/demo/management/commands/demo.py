from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lotse.demo.cases import CASE_MANAGERS, load_cases
from lotse.demo.grants import load_grants
from lotse.demo.planning import load_planning
from lotse.demo.proofs import load_proofs
from lotse.demo.regions import load_regions
from lotse.demo.staff import load_staff


class Command(BaseCommand):
    help = "Lädt die Demodaten (Kreis Unna, Rems-Murr-Kreis, Demo-Konten). Nur mit LOTSE_DEMO=1."

    def handle(self, *args, **options):
        if not settings.LOTSE_DEMO:
            # Demo accounts share a published password: never in production.
            raise CommandError(
                "Demodaten werden nur im Demomodus geladen: bitte LOTSE_DEMO=1 setzen. "
                "Demo-Konten haben ein veröffentlichtes Passwort und gehören nicht in den Betrieb."
            )
        users = load_regions()
        load_staff()
        cases = load_cases()
        load_grants()
        load_planning()
        load_proofs()
        users = [*users, *CASE_MANAGERS]
        self.stdout.write(
            self.style.SUCCESS("Demodaten geladen. Anmeldung unter http://127.0.0.1:8000/login/")
        )
        if cases:
            self.stdout.write(f"{cases} Demo-Fälle angelegt.")
        self.stdout.write(f"Passwort für alle Demo-Konten: {settings.LOTSE_DEMO_PASSWORD}")
        width = max(len(u.username) for u in users)
        for user in users:
            self.stdout.write(
                f"  {user.username.ljust(width)}  {user.role.label} – {user.organisation}"
            )
