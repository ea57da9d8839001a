from django.conf import settings
from django.core.management.base import BaseCommand

from abierto.accounts.demo import DEMO_PASSWORD, ensure_demo_accounts


class Command(BaseCommand):
    help = "Crea una cuenta de demostración por rol (solo en desarrollo) e indica cómo ingresar."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="Dirección del sitio.")

    def handle(self, *args, **options):
        if not settings.ABIERTO_DEMO_ACCOUNTS:
            self.stdout.write(
                "Las cuentas de demostración solo existen en desarrollo; no se creó ninguna."
            )
            return
        accounts = ensure_demo_accounts()
        self.stdout.write("")
        self.stdout.write(
            "Cuentas de demostración (solo desarrollo). Contraseña de todas: " + DEMO_PASSWORD
        )
        for email, label in accounts:
            self.stdout.write(f"  {label:<26} {email}")
        self.stdout.write(f"Ingrese en {options['url'].rstrip('/')}/cuenta/login/")
