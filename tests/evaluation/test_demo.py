import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from abierto.accounts.demo import ensure_demo_accounts
from abierto.evaluation.demo import DEMO_EVALUATOR_EMAIL, OPEN_ROUND, PUBLISHED_ROUND
from abierto.evaluation.models import Assignment, EvaluationRound, RoundStatus
from abierto.proposals.demo import EXAMPLE_PLAN_SLUG

pytestmark = pytest.mark.django_db


def _counts():
    return {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"evaluation", "proposals"}
    }


def test_demo_is_idempotent_and_gives_the_demo_evaluator_work(client, settings):
    call_command("load_demo", verbosity=0)
    published = EvaluationRound.objects.get(name=PUBLISHED_ROUND)
    assert published.status == RoundStatus.PUBLISHED
    assert EvaluationRound.objects.get(name=OPEN_ROUND).status == RoundStatus.OPEN
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first
    # The demo accounts come after load_demo in `make run`; a second load gives the
    # evaluation account pending work in the open round.
    settings.ABIERTO_DEMO_ACCOUNTS = True
    ensure_demo_accounts()
    call_command("load_demo", verbosity=0)
    mine = Assignment.objects.filter(
        member__user__email=DEMO_EVALUATOR_EMAIL, entry__round__name=OPEN_ROUND
    )
    assert mine.count() == 2
    assert not mine.filter(submitted_at__isnull=False).exists()
    call_command("load_demo", verbosity=0)
    assert mine.count() == 2
    page = client.get(reverse("evaluation:plan", args=[EXAMPLE_PLAN_SLUG])).content.decode()
    assert "María Fernanda Ortiz (ejemplo)" in page
    assert "Compras municipales abiertas (ejemplo)" in page
    from abierto.accounts.models import User

    client.force_login(User.objects.get(email=DEMO_EVALUATOR_EMAIL))
    a = mine.select_related("entry").first()
    url = reverse("staff:evaluation_score", args=[a.entry.round_id, a.entry.proposal_id])
    assert client.get(url).status_code == 200
