"""``manage.py verify_public_chain historial-publico.csv``: re-compute the public audit chain
from a download of /datos/historial-publico.csv (or, with no file, from the live dataset)."""

from django.core.management.base import BaseCommand, CommandError

from abierto.opendata.chain import verify_csv, verify_rows


class Command(BaseCommand):
    help = "Recalcula la cadena del historial público desde un CSV descargado de /datos/."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help="historial-publico.csv (vacío: los datos en vivo)"
        )

    def handle(self, *args, **options):
        if options["file"]:
            try:
                result = verify_csv(options["file"])
            except OSError as exc:
                raise CommandError(f"No se puede leer {options['file']}: {exc}") from exc
        else:
            from abierto.core.exports import iter_chain

            result = verify_rows(iter_chain())
        if not result.ok:
            raise CommandError(f"ROTA en el registro {result.broken_at}: {result.reason}")
        self.stdout.write(f"ok: la cadena se sostiene ({result.rows} registros)")
