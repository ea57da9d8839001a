from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from abierto.core.backup import restore_drill


class Command(BaseCommand):
    help = (
        "Simulacro de restauración: restaura la copia en una base de datos temporal, compara "
        "filas y sumas de verificación con su manifiesto y vuelve a verificar la cadena."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Carpeta de una copia hecha con «backup».")

    def handle(self, *args, folder, **options):
        problems = restore_drill(Path(folder))
        if problems:
            raise CommandError("La copia no pasó el simulacro:\n" + "\n".join(problems))
        self.stdout.write("ok")
