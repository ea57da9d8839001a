"""The public results page of a plan at scale: cached aggregation, pages of 50, streamed CSV."""

import csv
import io
import re

import pytest
from django.test import Client
from django.urls import reverse

from abierto.evaluation import selectors, services
from abierto.evaluation.models import Assignment, Decision

from .conftest import full_sheet

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def published(open_round, chair):
    for a in Assignment.objects.filter(entry__round=open_round).select_related("member__user"):
        services.scores_save(
            actor=a.member.user,
            assignment=a,
            scores=full_sheet(a, 1 + (a.entry.proposal_id + a.member_id) % 5),
            submit=True,
        )
    services.round_close(actor=chair, evaluation_round=open_round)
    for i, entry in enumerate(open_round.entries.order_by("proposal_id")):
        services.entry_decide(
            actor=chair,
            entry=entry,
            decision=Decision.SELECTED if i % 2 == 0 else Decision.NOT_SELECTED,
            response_text="Respuesta razonada de la comisión evaluadora.",
        )
    services.round_publish(actor=chair, evaluation_round=open_round)
    open_round.refresh_from_db()
    return open_round


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(selectors, "RESULTS_PER_PAGE", 2)


def shown(plan, **query) -> list[tuple[str, str]]:
    """(rank, proposal number) of the rows of the table, as a visitor reads them."""
    html = Client().get(reverse("evaluation:plan", args=[plan.slug]), query).content.decode()
    return re.findall(r'<td class="num">(\S+)</td><th scope="row"><a [^>]*>n\.º (\d+) ', html)


def csv_rows(plan) -> list[list[str]]:
    response = Client().get(reverse("evaluation:plan_csv", args=[plan.slug]))
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))[1:]


def test_csv_has_every_proposal_with_the_ranks_and_totals_of_the_full_computation(published, plan):
    expected = {
        str(r.entry.proposal_id): [str(r.rank or ""), str(r.result.total_display or "")]
        for r in selectors.round_results(published)
    }
    rows = csv_rows(plan)
    assert len(rows) == published.entries.count() == len(expected)
    assert {row[1]: row[3:5] for row in rows} == expected
    assert [row[1] for row in rows] == [
        p for p, _ in sorted(expected.items(), key=lambda kv: (-float(kv[1][1] or 0), int(kv[0])))
    ]


def test_page_two_continues_the_order_over_the_whole_round(published, plan, two_per_page):
    whole = [(row[3] or "—", row[1]) for row in csv_rows(plan)]
    assert shown(plan) == whole[:2]
    assert shown(plan, pagina=2) == whole[2:4]
    html = Client().get(reverse("evaluation:plan", args=[plan.slug])).content.decode()
    assert "4 propuestas evaluadas." in html  # counted over the round, not the page
    assert "Página 1 de 2" in html
    assert f"orden=puntaje&amp;ronda={published.pk}&amp;pagina=2" in html


@pytest.mark.parametrize("sort", ["titulo", "numero", "decision"])
def test_each_sort_runs_over_the_whole_round_then_pages(published, plan, two_per_page, sort):
    entries = list(published.entries.select_related("proposal"))
    key = {
        "titulo": lambda e: (e.proposal.title.casefold(), e.proposal_id),
        "numero": lambda e: (e.proposal_id,),
        "decision": lambda e: (e.decision, e.proposal_id),
    }[sort]
    expected = [str(e.proposal_id) for e in sorted(entries, key=key)]
    ranks = {row[1]: row[3] or "—" for row in csv_rows(plan)}
    pages = shown(plan, orden=sort) + shown(plan, orden=sort, pagina=2)
    assert [number for _, number in pages] == expected
    assert all(rank == ranks[number] for rank, number in pages)


@pytest.mark.parametrize("bad", ["x", "0", "-3", "999", ""])
def test_a_bad_page_number_still_gives_a_page(published, plan, two_per_page, bad):
    response = Client().get(reverse("evaluation:plan", args=[plan.slug]), {"pagina": bad})
    assert response.status_code == 200
    assert len(shown(plan, pagina=bad)) == 2
    other = Client().get(reverse("evaluation:plan", args=[plan.slug]), {"ronda": bad})
    assert other.status_code == 200


def test_query_count_does_not_grow_with_the_round(
    published, plan, forum_member, chair, django_assert_max_num_queries
):
    url = reverse("evaluation:plan", args=[plan.slug])
    Client().get(url)  # computes and keeps the aggregation
    # A signed-in visitor is never served a kept page: the view runs. Commission (2), rounds
    # with criteria (2), the page's entries (1), plus what any signed-in page reads.
    visitor = Client()
    visitor.force_login(forum_member)
    with django_assert_max_num_queries(9) as few:
        assert visitor.get(url).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert visitor.get(url, {"orden": "numero"}).status_code == 200
    # With the title sort, one more query reads the titles of the round.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        assert visitor.get(url, {"orden": "titulo"}).status_code == 200


def test_the_kept_page_goes_when_what_it_shows_changes(
    published, plan, commission, forum_member, django_assert_num_queries
):
    url = reverse("evaluation:plan", args=[plan.slug])
    first = Client().get(url).content.decode()
    with django_assert_num_queries(0):
        assert Client().get(url).content.decode() == first
    member = commission.members.get(public_name="Experta 2")
    services.commission_member_remove(
        actor=forum_member, member=member, reason="Se retira por motivos personales."
    )
    assert "se retiró el" in Client().get(url).content.decode()


def test_the_aggregation_is_computed_once_per_publication(
    published, plan, django_assert_max_num_queries
):
    selectors.published_results(published)
    with django_assert_max_num_queries(0):
        rows = selectors.published_results(published)
    assert len(rows) == published.entries.count()
