from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

#: Apps with a ``demo.py`` holding ``load()``, in dependency order. Each ``load()`` is
#: idempotent: it matches existing rows by natural keys, so running it again duplicates nothing.
DEMO_APPS = ["forum", "plans", "content", "proposals", "evaluation"]


class Command(BaseCommand):
    help = "Carga los datos de demostración (idempotente: puede ejecutarse varias veces)."

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = import_module(f"abierto.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"abierto.{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load()
            if options["verbosity"]:
                self.stdout.write(f"Datos de demostración: {app} listo.")
