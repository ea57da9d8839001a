"""Pages of evaluation: who reaches what, what an evaluator sees, pinned query counts."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from abierto.evaluation import services
from abierto.evaluation.models import Assignment, Decision, RoundStatus, Score
from abierto.evaluation.views import neutralise

from ..helpers import make_user
from .conftest import GOOD, evaluator, full_sheet, make_admitted


def score_url(assignment):
    return reverse(
        "staff:evaluation_score", args=[assignment.entry.round_id, assignment.entry.proposal_id]
    )


def post_data(assignment, value=4, accion="borrador", text=GOOD):
    data = {"accion": accion}
    for c in assignment.entry.round.criteria.all():
        data[f"c{c.pk}-valor"] = str(value)
        data[f"c{c.pk}-justificacion"] = text
    return data


def mine(open_round, n=2):
    return (
        Assignment.objects.filter(entry__round=open_round, member__user=evaluator(n))
        .select_related("entry")
        .first()
    )


def not_mine(open_round, n=2):
    mine_entries = Assignment.objects.filter(
        entry__round=open_round, member__user=evaluator(n)
    ).values("entry_id")
    return (
        Assignment.objects.filter(entry__round=open_round)
        .exclude(entry_id__in=mine_entries)
        .select_related("entry")
        .first()
    )


def test_scoring_screen_shows_public_fields_only(client, open_round):
    a = mine(open_round)
    client.force_login(evaluator(2))
    response = client.get(score_url(a))
    assert response.status_code == 200
    html = response.content.decode()
    assert a.entry.proposal.title in html
    assert "<legend>Relevancia" in html
    assert 'type="radio"' in html
    for private in ("Ana Quispe", "ana.quispe@example.org", "+593 99 123 4567", "Mujer"):
        assert private not in html
    assert "Guardar borrador" in html and "Enviar evaluación" in html


def test_unassigned_proposal_is_404_by_url_and_by_post(client, open_round):
    other = not_mine(open_round)
    assert other is not None
    client.force_login(evaluator(2))
    assert client.get(score_url(other)).status_code == 404
    assert client.post(score_url(other), post_data(other, accion="enviar")).status_code == 404
    assert not Score.objects.filter(assignment=other).exists()


def test_citizen_gets_403_and_anonymous_goes_to_login(client, open_round, citizen):
    a = mine(open_round)
    assert client.get(score_url(a)).status_code == 302
    client.force_login(citizen)
    assert client.get(score_url(a)).status_code == 403
    assert client.get(reverse("staff:evaluation_round", args=[open_round.pk])).status_code == 403


def test_evaluator_cannot_run_the_round(client, open_round):
    client.force_login(evaluator(2))
    url = reverse("staff:evaluation_round", args=[open_round.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"accion": "cerrar"}).status_code == 403
    open_round.refresh_from_db()
    assert open_round.status == RoundStatus.OPEN


def test_draft_without_js_then_submit_then_read_only(client, open_round):
    a = mine(open_round)
    client.force_login(evaluator(2))
    data = post_data(a, text="")
    response = client.post(score_url(a), data)
    assert response.status_code == 302
    assert Score.objects.filter(assignment=a, value=4).count() == 5
    page = client.get(score_url(a)).content.decode()
    assert 'value="4" checked' in page or 'checked value="4"' in page or "checked" in page
    # Submitting without justifications is refused with one message per criterion.
    response = client.post(score_url(a), post_data(a, accion="enviar", text="corta"))
    assert response.status_code == 400
    assert (
        "Relevancia: justifique la puntuación (al menos 20 caracteres)."
        in response.content.decode()
    )
    assert response.content.decode().count("justifique la puntuación") >= 5
    response = client.post(score_url(a), post_data(a, accion="enviar"))
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.submitted_at
    page = client.get(score_url(a)).content.decode()
    assert "Envió esta evaluación" in page
    assert "Guardar borrador" not in page
    response = client.post(score_url(a), post_data(a, value=1))
    assert "ya fue enviada" in response.content.decode()
    assert set(Score.objects.filter(assignment=a).values_list("value", flat=True)) == {4}


def test_autosave_answers_json(client, open_round):
    a = mine(open_round)
    client.force_login(evaluator(2))
    response = client.post(
        score_url(a), post_data(a, text=""), headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True
    bad = post_data(a)
    bad[f"c{a.entry.round.criteria.first().pk}-valor"] = "9"
    response = client.post(score_url(a), bad, headers={"X-Requested-With": "fetch"})
    assert response.status_code == 400
    assert "la puntuación va de 1 a 5" in response.json()["message"]


def test_others_scores_only_after_submitting_own(client, open_round):
    a = mine(open_round)
    colleague = (
        Assignment.objects.filter(entry=a.entry)
        .exclude(pk=a.pk)
        .select_related("member__user")
        .first()
    )
    services.scores_save(
        actor=colleague.member.user,
        assignment=colleague,
        scores={
            c.pk: (2, "Justificación secreta de la colega.") for c in open_round.criteria.all()
        },
        submit=True,
    )
    client.force_login(evaluator(2))
    assert "Justificación secreta" not in client.get(score_url(a)).content.decode()
    client.post(score_url(a), post_data(a, accion="enviar"))
    assert "Justificación secreta" in client.get(score_url(a)).content.decode()


def test_scoring_screen_query_count_is_fixed(
    client, open_round, django_assert_max_num_queries, plan, forum_member, chair
):
    a = mine(open_round)
    client.force_login(evaluator(2))
    client.get(score_url(a))
    with django_assert_max_num_queries(9):
        assert client.get(score_url(a)).status_code == 200


@pytest.mark.parametrize("extra", [0, 8])
def test_chair_overview_query_count_is_fixed(
    client, commission, plan, forum_member, chair, extra, django_assert_max_num_queries
):
    for _ in range(4 + extra):
        make_admitted(plan, actor=forum_member)
    r = services.round_create(
        actor=forum_member,
        plan=plan,
        name="R",
        deadline=timezone.now() + datetime.timedelta(days=5),
    )
    services.round_open(actor=chair, evaluation_round=r)
    services.round_assign(actor=chair, evaluation_round=r)
    for a in Assignment.objects.filter(entry__round=r).select_related("member__user")[:6]:
        services.scores_save(actor=a.member.user, assignment=a, scores=full_sheet(a), submit=True)
    client.force_login(chair)
    url = reverse("staff:evaluation_round", args=[r.pk])
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert response.status_code == 200
    assert "Avance por persona evaluadora" in response.content.decode()


def _publish(open_round, chair):
    for a in Assignment.objects.filter(entry__round=open_round).select_related("member__user"):
        services.scores_save(
            actor=a.member.user,
            assignment=a,
            scores=full_sheet(a, 2 + a.member_id % 3),
            submit=True,
        )
    services.round_close(actor=chair, evaluation_round=open_round)
    for i, entry in enumerate(open_round.entries.all()):
        services.entry_decide(
            actor=chair,
            entry=entry,
            decision=Decision.SELECTED if i % 2 == 0 else Decision.NOT_SELECTED,
            response_text='=HYPERLINK("x") respuesta razonada de la comisión.',
        )
    services.round_publish(actor=chair, evaluation_round=open_round)


@pytest.mark.django_db(transaction=True)
def test_public_pages_show_means_never_evaluators(client, open_round, chair, plan):
    _publish(open_round, chair)
    entry = open_round.entries.first()
    html = client.get(reverse("proposals:detail", args=[entry.proposal_id])).content.decode()
    assert "Evaluación de la comisión" in html
    assert "Puntaje ponderado (sobre 5)" in html
    assert "Evaluadora" not in html and "evaluadora2@example.org" not in html
    page = client.get(reverse("evaluation:plan", args=[plan.slug]))
    html = page.content.decode()
    assert "Rosa Presidenta" in html  # chair accepted being listed
    assert "Experta 2" in html  # listed
    assert "Experta 1" not in html  # did not accept
    assert "Ana Quispe" not in html
    for sort in ("titulo", "numero", "decision", "puntaje", "<script>", "x" * 300):
        assert (
            client.get(reverse("evaluation:plan", args=[plan.slug]), {"orden": sort}).status_code
            == 200
        )
    response = client.get(reverse("evaluation:plan_csv", args=[plan.slug]))
    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["ronda", "propuesta", "titulo", "puesto", "puntaje_sobre_5"]
    assert all(row[-1].startswith("'=") for row in rows[1:])
    assert not any("Ana Quispe" in cell for row in rows for cell in row)


def test_neutralise():
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("+593") == "'+593"
    assert neutralise("-x") == "'-x"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("Bien") == "Bien"
    assert neutralise(None) == ""


def test_plan_without_commission_has_no_evaluation_page(client, plan):
    assert client.get(reverse("evaluation:plan", args=[plan.slug])).status_code == 404


def test_commission_page_adds_member_and_refuses_unknown_email(
    client, commission, forum_member, plan
):
    client.force_login(forum_member)
    url = reverse("staff:evaluation_commission", args=[plan.pk])
    response = client.post(
        url,
        {
            "accion": "integrante",
            "integrante-email": "nadie@example.org",
            "integrante-kind": "experta",
        },
    )
    assert "No hay una cuenta activa con ese correo." in response.content.decode()
    make_user("nueva@example.org", full_name="Nueva")
    response = client.post(
        url,
        {
            "accion": "integrante",
            "integrante-email": "nueva@example.org",
            "integrante-kind": "experta",
        },
    )
    assert response.status_code == 302
    assert commission.members.filter(user__email="nueva@example.org").exists()


def test_round_form_refuses_past_deadline(client, commission, proposals, forum_member, plan):
    client.force_login(forum_member)
    url = reverse("staff:evaluation_commission", args=[plan.pk])
    response = client.post(
        url,
        {
            "accion": "ronda",
            "ronda-name": "R",
            "ronda-deadline": "2020-01-01T10:00",
            "ronda-evaluators_per_proposal": "3",
        },
    )
    assert "La fecha límite debe ser futura." in response.content.decode()


def test_chair_extends_the_deadline_of_an_open_round_only(client, open_round, chair):
    client.force_login(chair)
    url = reverse("staff:evaluation_round_edit", args=[open_round.pk])
    later = timezone.localtime(open_round.deadline + datetime.timedelta(days=3))
    response = client.post(
        url,
        {
            "name": "Otro nombre",
            "deadline": later.strftime("%Y-%m-%dT%H:%M"),
            "evaluators_per_proposal": "1",
        },
    )
    assert response.status_code == 302
    open_round.refresh_from_db()
    assert open_round.name == "Primera ronda"  # disabled while open
    assert open_round.evaluators_per_proposal == 3
    assert timezone.localtime(open_round.deadline).strftime("%Y-%m-%d %H:%M") == later.strftime(
        "%Y-%m-%d %H:%M"
    )
    response = client.post(url, {"deadline": "2020-01-01T10:00"})
    assert "La fecha límite debe ser futura." in response.content.decode()


def test_chair_groups_proposals_into_a_named_candidate(client, open_round, chair):
    client.force_login(chair)
    url = reverse("staff:evaluation_group", args=[open_round.pk])
    assert client.get(url).status_code == 200
    entries = list(open_round.entries.order_by("id")[:2])
    response = client.post(url, {"name": "", "entries": [e.pk for e in entries]})
    assert response.status_code == 200
    assert "Este campo es obligatorio" in response.content.decode()
    response = client.post(url, {"name": "Compras abiertas", "entries": [e.pk for e in entries]})
    assert response.status_code == 302
    for e in entries:
        e.refresh_from_db()
        assert e.candidate.name == "Compras abiertas" and e.decision == Decision.GROUPED
    html = client.get(reverse("staff:evaluation_round", args=[open_round.pk])).content.decode()
    assert "Compras abiertas" in html


def test_grouping_suggestions_use_the_similarity_search(commission, plan, forum_member, chair):
    from abierto.evaluation.selectors import grouping_suggestions

    a = make_admitted(plan, actor=forum_member, title="Compras municipales en datos abiertos")
    b = make_admitted(plan, actor=forum_member, title="Datos abiertos de compras municipales")
    c = make_admitted(plan, actor=forum_member, title="Escuela de participación juvenil")
    r = services.round_create(
        actor=forum_member,
        plan=plan,
        name="R",
        deadline=timezone.now() + datetime.timedelta(days=5),
        proposals=[a, b, c],
    )
    entries = list(r.entries.select_related("proposal").order_by("proposal_id"))
    assert [p.pk for p in grouping_suggestions(entries[0], entries)] == [b.pk]
    assert c not in grouping_suggestions(entries[1], entries)
    assert grouping_suggestions(entries[2], entries) == []


@pytest.mark.django_db(transaction=True)
def test_public_pages_run_a_fixed_number_of_queries(
    client, open_round, chair, plan, django_assert_max_num_queries
):
    _publish(open_round, chair)
    entry = open_round.entries.first()
    client.get(reverse("proposals:detail", args=[entry.proposal_id]))
    # The proposals page's own 3 queries + 4 for the evaluation panel, however many evaluators.
    with django_assert_max_num_queries(7):
        assert client.get(reverse("proposals:detail", args=[entry.proposal_id])).status_code == 200
    # Plan page: commission (2), rounds with criteria (2), then per published round 3 to compute
    # the aggregation (kept in the cache afterwards) and 1 for the entries of the page shown.
    with django_assert_max_num_queries(9):
        assert client.get(reverse("evaluation:plan", args=[plan.slug])).status_code == 200


def _png():
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    return SimpleUploadedFile("plano-secreto.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize("allow", [False, True])
def test_attachments_only_when_the_round_allows_them(
    client, commission, plan, forum_member, chair, settings, tmp_path, allow
):
    from abierto.core.uploads import check_upload

    settings.MEDIA_ROOT = tmp_path
    proposal = make_admitted(
        plan, actor=forum_member, attachments=[check_upload(_png(), kinds={"png"}, max_bytes=10**6)]
    )
    r = services.round_create(
        actor=forum_member,
        plan=plan,
        name="R",
        deadline=timezone.now() + datetime.timedelta(days=5),
        evaluators_per_proposal=1,
        allow_attachments=allow,
        proposals=[proposal],
    )
    r = services.round_open(actor=chair, evaluation_round=r)
    services.round_assign(actor=chair, evaluation_round=r)
    a = Assignment.objects.select_related("member__user", "entry").get(entry__round=r)
    client.force_login(a.member.user)
    html = client.get(score_url(a)).content.decode()
    attachment = proposal.attachments.get()
    url = reverse("staff:evaluation_attachment", args=[r.pk, proposal.pk, attachment.pk])
    response = client.get(url)
    if allow:
        assert "plano-secreto.png" in html and url in html
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
    else:
        assert "plano-secreto.png" not in html
        assert response.status_code == 404


def test_evaluator_declares_a_conflict_from_the_scoring_screen(client, open_round):
    a = mine(open_round)
    client.force_login(evaluator(2))
    response = client.post(score_url(a), {"accion": "conflicto", "motivo": "corto"})
    assert response.status_code == 400
    assert "Explique el motivo del conflicto (al menos 10 caracteres)." in response.content.decode()
    assert Assignment.objects.filter(pk=a.pk).exists()
    response = client.post(
        score_url(a), {"accion": "conflicto", "motivo": "Trabajé con quien la propone."}
    )
    assert response.status_code == 302
    assert not Assignment.objects.filter(pk=a.pk).exists()
    assert client.get(score_url(a)).status_code == 404


def test_commission_page_removes_a_member_who_then_loses_the_scoring_screen(
    client, open_round, forum_member, plan
):
    assignment = mine(open_round)
    client.force_login(evaluator(2))
    assert client.get(score_url(assignment)).status_code == 200
    client.force_login(forum_member)
    url = reverse("staff:evaluation_commission", args=[plan.pk])
    response = client.post(
        url,
        {"accion": "retiro", "retiro-member": assignment.member_id, "retiro-reason": "breve"},
    )
    assert "al menos 10 caracteres" in response.content.decode()
    response = client.post(
        url,
        {
            "accion": "retiro",
            "retiro-member": assignment.member_id,
            "retiro-reason": "Dejó la organización que representaba.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Integrante retirado. 3 evaluaciones pendientes quedaron libres" in page
    assert "Dejó la organización que representaba." in page
    client.force_login(evaluator(2))
    assert client.get(score_url(assignment)).status_code in (403, 404)
