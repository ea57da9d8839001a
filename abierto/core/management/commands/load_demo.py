from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from abierto.core.manifest import demo_order


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente: puede ejecutarse varias veces)."

    def handle(self, *args, **options):
        # Each app's manifest names its demo module and which apps' demos go first; each
        # ``load()`` writes through the services and matches existing rows by natural keys,
        # so running it again duplicates nothing.
        for manifest in demo_order():
            with transaction.atomic():
                import_module(manifest.demo).load()
            if options["verbosity"]:
                self.stdout.write(f"Datos de demostración: {manifest.label} listo.")
