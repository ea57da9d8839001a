from pathlib import Path

from django.core.management.base import BaseCommand

from abierto.core.backup import backup


class Command(BaseCommand):
    help = "Copia en línea de la base de datos y de los archivos subidos, con su manifiesto."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Carpeta donde dejar la copia.")

    def handle(self, *args, folder, **options):
        manifest = backup(Path(folder))
        rows = sum(manifest["tables"].values())
        self.stdout.write(f"Copia en {folder}: {len(manifest['tables'])} tablas, {rows} filas.")
