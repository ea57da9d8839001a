"""Forty identical sendings at once of an evaluator's scores and of a liaison's reports: one
submission, one report, one audit entry, and every sending answered as a success."""

import pytest
from django.test import Client

from abierto.commitments import services
from abierto.commitments import verbs as commitment_verbs
from abierto.commitments.models import Milestone, MilestoneStatus, ProgressReport
from abierto.core.models import ActionLog
from abierto.evaluation import verbs as evaluation_verbs
from abierto.evaluation.models import Assignment, Score

from ..commitments.conftest import media, tracked  # noqa: F401 (fixtures)
from ..evaluation.conftest import (  # noqa: F401 (fixtures)
    chair,
    commission,
    draft_round,
    esquel,
    evaluator,
    open_round,
    plan,
    proposals,
)
from ..evaluation.test_views import mine, post_data, score_url
from .burst import burst, in_thread, threads_database

THREADS = 40


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_forty_identical_score_submissions_submit_once_and_all_succeed(open_round, tmp_path):  # noqa: F811
    assignment = mine(open_round)
    data = post_data(assignment, accion="enviar")
    url = score_url(assignment)
    user = evaluator(2)

    def post(_i):
        client = logged_in(user)
        yield
        return client.post(url, data).status_code

    with threads_database(tmp_path):
        statuses = burst(THREADS, post)
        submitted, values, logged = in_thread(
            lambda: (
                Assignment.objects.filter(pk=assignment.pk, submitted_at__isnull=False).count(),
                sorted(Score.objects.filter(assignment=assignment).values_list("value", flat=True)),
                ActionLog.objects.filter(
                    verb=evaluation_verbs.ASSIGNMENT_SUBMITTED.code,
                    data__proposal=assignment.entry.proposal_id,
                ).count(),
            )
        )
    assert statuses == [302] * THREADS
    assert submitted == 1
    assert values == [4] * open_round.criteria.count()  # one score per criterion, no duplicate
    assert logged == 1


@pytest.mark.django_db(transaction=True)
def test_forty_identical_progress_reports_make_one_report(tracked, tmp_path):  # noqa: F811
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    url = f"/gestion/compromisos/{commitment.pk}/reporte/"
    data = {
        "period_start": "01/01/2026",
        "period_end": "31/01/2026",
        "narrative": "Se publicó el portal con los primeros 40 conjuntos de datos.",
        "difficulties": "",
    }
    before = ProgressReport.objects.filter(commitment=commitment).count()

    def post(_i):
        client = logged_in(liaison)
        yield
        return client.post(url, data).status_code

    with threads_database(tmp_path):
        statuses = burst(THREADS, post)
        reports, logged = in_thread(
            lambda: (
                ProgressReport.objects.filter(commitment=commitment).count(),
                ActionLog.objects.filter(
                    verb=commitment_verbs.REPORT_SUBMITTED.code, object_id=str(commitment.pk)
                ).count(),
            )
        )
    assert statuses == [302] * THREADS
    assert (reports, logged) == (before + 1, 1)


@pytest.mark.django_db(transaction=True)
def test_forty_identical_milestone_completions_complete_it_once(tracked, forum_member, tmp_path):  # noqa: F811
    commitment, liaison = tracked["commitments"][0], tracked["liaisons"][0]
    second = commitment.milestones.order_by("id").last()  # 30 %, its evidence pending
    services.evidence_verify(actor=forum_member, evidence=second.evidence.get())
    url = f"/gestion/compromisos/hitos/{second.pk}/avance/"
    completed = ActionLog.objects.filter(
        verb=commitment_verbs.MILESTONE_COMPLETED.code, object_id=str(commitment.pk)
    )
    before = completed.count()  # the first milestone, completed by the fixture

    def post(_i):
        client = logged_in(liaison)
        yield
        return client.post(url, {"progress": "100"}).status_code

    with threads_database(tmp_path):
        statuses = burst(THREADS, post)
        status, completions = in_thread(
            lambda: (
                Milestone.objects.get(pk=second.pk).status,
                completed.count(),
            )
        )
    assert statuses == [302] * THREADS
    assert status == MilestoneStatus.COMPLETED
    assert completions == before + 1
