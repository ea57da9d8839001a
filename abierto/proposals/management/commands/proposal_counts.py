from django.core.management.base import BaseCommand, CommandError

from abierto.proposals import counters


class Command(BaseCommand):
    help = (
        "Recuentos de propuestas públicas (tabla ProposalCount): --check los compara con un "
        "GROUP BY sobre las propuestas (sale con error y nombra cada clave distinta); "
        "--rebuild los reescribe desde las propuestas."
    )

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--check", action="store_true", help="Comparar (no escribe nada).")
        action.add_argument("--rebuild", action="store_true", help="Reescribir la tabla.")

    def handle(self, *args, check=False, rebuild=False, **options):
        if rebuild:
            rows = counters.rebuild()
            self.stdout.write(f"ok: {rows} filas de recuento reescritas")
            return
        wrong = counters.differences()
        if not wrong:
            self.stdout.write("ok")
            return
        for key, stored, expected in wrong:
            self.stderr.write(
                f"{counters.describe(key)}: la tabla dice {stored}, las propuestas {expected}"
            )
        raise CommandError(
            f"{len(wrong)} recuentos no coinciden con las propuestas: "
            "corríjalos con «manage.py proposal_counts --rebuild»."
        )
