import pytest
from django.core import mail
from django.core.mail import send_mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult


@pytest.mark.django_db(transaction=True)
def test_mail_is_queued_after_commit_and_delivered_by_the_worker(worker):
    with transaction.atomic():
        send_mail("Asunto", "Cuerpo del mensaje", None, ["persona@example.org"])
        assert DBTaskResult.objects.count() == 0  # nothing leaves before the commit
        assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    assert mail.outbox == []  # not sent inside the request
    outbox = worker()
    assert [m.subject for m in outbox] == ["Asunto"]
    assert outbox[0].to == ["persona@example.org"]


@pytest.mark.django_db(transaction=True)
def test_mail_of_a_rolled_back_transaction_is_never_sent(worker):
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("No", "No debe salir", None, ["persona@example.org"])
        raise RuntimeError("falla")
    assert DBTaskResult.objects.count() == 0
    assert worker() == []


def test_development_console_prints_mail_as_people_read_it():
    import io

    from django.core.mail import EmailMessage

    from abierto.core.mail import ReadableConsoleBackend

    stream = io.StringIO()
    backend = ReadableConsoleBackend(stream=stream, alias="delivery")
    backend.send_messages(
        [EmailMessage("Su código: ABCD-EFGH", "Participación ciudadana", "a@x.org", ["b@x.org"])]
    )
    printed = stream.getvalue()
    assert "Asunto: Su código: ABCD-EFGH" in printed
    assert "Participación ciudadana" in printed
