"""Background work of the mesas app: the day-before reminder."""

import datetime

from django.tasks import task


@task()
def send_mesa_reminders(*, mesa_id: int, starts_at: str) -> int:
    """Queued for ``starts_at - 1 day`` when a mesa is convened or moved.

    A mesa moved since then carries another ``starts_at``: this run does nothing and the
    run queued by the move sends the reminder instead.
    """
    from .models import Mesa
    from .services import mesa_send_reminders

    mesa = Mesa.objects.filter(pk=mesa_id).first()
    if mesa is None or mesa.starts_at != datetime.datetime.fromisoformat(starts_at):
        return 0
    return mesa_send_reminders(mesa=mesa)
