"""The counts of public proposals kept by the services (``ProposalCount``, issue 9).

After every kind of write the table says what a GROUP BY over the public proposals says
(``counters.differences()`` is empty); the public list reads its total and facets from it
with the same numbers, in the same order, as the cached GROUP BYs it replaces.
"""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from abierto.mesas.models import Mesa
from abierto.plans import services as plan_services
from abierto.plans.models import Publication
from abierto.proposals import counters, selectors, services
from abierto.proposals.models import Channel, Proposal, ProposalCount, Status

from ..mesas.factories import make_mesa
from .test_mesa_intake import csv_file, row, upload
from .test_services import RESPONSE, move, submit

pytestmark = pytest.mark.django_db

LIST = "/propuestas/"


def exact() -> None:
    """The counter table agrees with a GROUP BY over the public proposals."""
    assert counters.differences() == []


def base_count(**key) -> int:
    """What the table says for the plan/status/province/channel rows matching ``key``."""
    rows = ProposalCount.objects.filter(axis_id=0, theme_id=0, **key)
    return sum(rows.values_list("n", flat=True))


def held_mesa(plan) -> Mesa:
    start = timezone.now() - datetime.timedelta(days=1)
    return make_mesa(plan, starts_at=start, ends_at=start + datetime.timedelta(hours=3))


# --- Each kind of write ------------------------------------------------------------------------


def test_a_submission_counts_in_its_plan_axis_and_theme_rows(plan):
    theme = plan.themes.first()
    proposal = submit(plan, province="azuay", theme=theme)
    exact()
    key = {"plan_id": plan.pk, "status": Status.RECEIVED, "province": "azuay", "channel": "web"}
    assert ProposalCount.objects.get(axis_id=0, theme_id=0, **key).n == 1
    assert ProposalCount.objects.get(axis_id=proposal.axis_id, theme_id=0, **key).n == 1
    assert ProposalCount.objects.get(axis_id=0, theme_id=theme.pk, **key).n == 1
    submit(plan, province="azuay", axis=None, title="Otra propuesta de transparencia")
    exact()
    assert ProposalCount.objects.get(axis_id=0, theme_id=0, **key).n == 2
    assert ProposalCount.objects.get(axis_id=proposal.axis_id, theme_id=0, **key).n == 1


def test_a_double_submission_counts_once(plan):
    import uuid

    token = uuid.uuid4()
    submit(plan, idempotency_token=token)
    _again, created = services.proposal_submit(
        actor=None,
        plan=plan,
        title="Un portal de transparencia para todos",
        problem="La información pública está dispersa en cientos de portales distintos.",
        solution="Un único portal nacional de transparencia con datos abiertos.",
        beneficiaries="Toda la ciudadanía.",
        province="guayas",
        proposer_type="sociedad-civil",
        axis=plan.axes.first(),
        contact_name="Ana Quispe Zambrano",
        contact_email="ana.quispe@example.org",
        contact_phone="+593 99 123 4567",
        idempotency_token=token,
    )
    assert not created
    exact()
    assert base_count(plan_id=plan.pk) == 1


def test_moving_deciding_merging_correcting_and_reopening_move_the_counts(plan, forum_member):
    target = move(submit(plan), forum_member, Status.IN_REVIEW, Status.IN_EVALUATION)
    exact()
    proposal = submit(plan, province="loja")
    services.proposal_decide(
        actor=forum_member,
        proposal=proposal,
        to_status=Status.MERGED,
        response_text=RESPONSE,
        merged_into=target,
    )
    exact()
    assert base_count(status=Status.MERGED, province="loja") == 1
    assert base_count(status=Status.RECEIVED) == 0
    move(target, forum_member, Status.SELECTED)
    exact()
    services.proposal_correct(
        actor=forum_member,
        proposal=Proposal.objects.get(pk=target.pk),
        to_status=Status.NOT_SELECTED,
        response_text=RESPONSE + " Corregida.",
        reason="Se corrige la decisión por un error de transcripción.",
    )
    exact()
    services.proposal_reopen(
        actor=forum_member,
        proposal=Proposal.objects.get(pk=target.pk),
        reason="Se reabre para evaluarla con la información nueva.",
    )
    exact()
    assert base_count(status=Status.IN_EVALUATION) == 1
    moved = services.proposal_bulk_transition(
        actor=forum_member,
        proposals=[submit(plan, title=f"Propuesta en lote número {n}") for n in range(3)],
        to_status=Status.IN_REVIEW,
    )
    assert moved == 3
    exact()
    assert base_count(status=Status.IN_REVIEW) == 3


def test_withdrawal_moves_the_count(plan):
    proposal = submit(plan)
    services.proposal_withdraw(proposal=proposal)
    exact()
    assert base_count(status=Status.WITHDRAWN) == 1 and base_count(status=Status.RECEIVED) == 0


def test_hiding_and_unhiding_take_the_proposal_out_and_back(plan, forum_member):
    proposal = submit(plan)
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam")
    exact()
    assert base_count() == 0
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam otra vez")
    exact()  # hiding what is hidden changes nothing
    services.proposal_unhide(actor=forum_member, proposal=proposal)
    exact()
    assert base_count() == 1


def test_reports_at_the_threshold_hide_it_and_the_review_restores_it(plan, forum_member):
    plan_services.plan_update(actor=forum_member, plan=plan, report_threshold=2)
    proposal = submit(plan)
    services.report_submit(proposal=proposal, reason="spam", reporter_key="uno")
    exact()
    assert base_count() == 1
    services.report_submit(proposal=proposal, reason="spam", reporter_key="dos")
    exact()
    assert base_count() == 0
    services.reports_review(actor=forum_member, proposal=proposal, restore=True)
    exact()
    assert base_count() == 1


def test_held_for_check_counts_only_once_published(plan, forum_member):
    plan_services.plan_update(actor=forum_member, plan=plan, publication=Publication.AFTER_CHECK)
    admitted, refused = submit(plan), submit(plan, title="Otra propuesta retenida para revisar")
    exact()
    assert base_count() == 0
    move(admitted, forum_member, Status.IN_EVALUATION)
    move(refused, forum_member, Status.INADMISSIBLE)
    exact()
    assert base_count() == 1 and base_count(status=Status.IN_EVALUATION) == 1


def test_mesa_entries_and_csv_imports_count_in_the_mesa_channel(client, plan, forum_member):
    mesa = held_mesa(plan)
    submit(plan, channel=Channel.MESA, mesa=mesa, actor=forum_member)
    exact()
    client.force_login(forum_member)
    rows = [row(plan, titulo=f"Propuesta de la mesa número {n}") for n in range(3)]
    assert upload(client, mesa, csv_file(rows)).status_code == 302
    assert upload(client, mesa, csv_file(rows)).status_code == 302  # the same file again
    exact()
    assert base_count(channel=Channel.MESA) == 4
    assert base_count(channel=Channel.MESA, province="chimborazo") == 3


def test_a_refused_import_counts_nothing(plan, forum_member):
    mesa = held_mesa(plan)
    good = {
        "title": "Agua potable con datos abiertos",
        "problem": "La junta de agua no publica cuánto cobra ni en qué gasta lo recaudado.",
        "solution": "Publicar cada mes ingresos y gastos de la junta de agua en la cartelera.",
        "beneficiaries": "Familias de la parroquia.",
        "province": "chimborazo",
        "proposer_type": "sociedad-civil",
        "contact_name": "Rosa Guamán",
    }
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.proposal_import_mesa(
            actor=forum_member, mesa=mesa, rows=[(2, good), (3, {**good, "title": "x"})]
        )
    exact()
    assert not ProposalCount.objects.exclude(n=0).exists()


# --- The list reads them --------------------------------------------------------------------


def _mixed(plan, forum_member):
    """Proposals spread over statuses, provinces, channels, axes and themes, one hidden."""
    axes, themes = list(plan.axes.all()), list(plan.themes.all())
    mesa = held_mesa(plan)
    made = []
    for n, (province, channel) in enumerate(
        [("azuay", "web"), ("azuay", "mesa"), ("loja", "web"), ("nacional", "papel")] * 3
    ):
        made.append(
            submit(
                plan,
                title=f"Propuesta mezclada número {n}",
                province=province,
                channel=channel,
                mesa=mesa if channel == "mesa" else None,
                axis=axes[n % len(axes)] if n % 4 else None,
                theme=themes[n % len(themes)] if n % 3 else None,
                actor=forum_member if channel != "web" else None,
            )
        )
    move(made[0], forum_member, Status.IN_REVIEW)
    move(made[1], forum_member, Status.NOT_SELECTED)
    services.proposal_withdraw(proposal=made[2])
    services.proposal_hide(actor=forum_member, proposal=made[3], reason="Spam")
    return made


FILTER_CASES = [
    {},
    {"plan": "plan"},
    {"status": Status.RECEIVED},
    {"province": "azuay", "status": Status.RECEIVED},
    {"plan": "plan", "channel": "web"},
    {"plan": "plan", "province": "loja", "status": Status.WITHDRAWN, "channel": "web"},
    {"plan": 987654321},  # a plan that does not exist
]


def _filters(case, plan) -> dict:
    filters = dict.fromkeys((*selectors.FILTER_FIELDS, "q"), "")
    filters.update({k: plan.pk if v == "plan" else v for k, v in case.items()})
    return filters


@pytest.mark.parametrize("case", FILTER_CASES)
def test_the_counter_table_gives_the_numbers_of_the_group_bys(plan, forum_member, case):
    _mixed(plan, forum_member)
    filters = _filters(case, plan)
    assert selectors._counted(filters)
    grouped = selectors._compute_list_counts(filters)
    counted = selectors._counter_counts(filters)

    def nonzero(counts: dict) -> dict:
        return {k: v for k, v in counts.items() if k is not None and v}

    assert selectors.proposal_total(filters) == grouped["total"]
    for name in ("plan", "status", "province", "channel", "axis", "theme"):
        assert (name in grouped) == (name in counted)
        if name in grouped:
            assert nonzero(counted[name]) == nonzero(grouped[name]), name
    for names in ("plans", "axes", "themes"):
        assert counted.get(names) == grouped.get(names)
    assert selectors.awaiting_check_count(filters) == grouped["awaiting"]


def test_search_and_axis_filters_keep_the_cached_group_bys(plan):
    for extra in ({"q": "portal"}, {"axis": 1}, {"theme": 1}, {"mesa": 1}):
        assert not selectors._counted(_filters(extra, plan))


def facet_numbers(html: str) -> list[str]:
    """Every facet option as the page shows it, in order: «<option value="azuay">Azuay (2)»."""
    return re.findall(r'<option value="[^"]+"[^>]*>[^<]* \(\d+\)</option>', html)


def test_the_list_shows_the_same_facets_from_the_counters_as_from_the_group_bys(
    plan, forum_member, settings
):
    """Rendered with the counters, then with the GROUP BYs they replace (the counter table
    emptied and the proposals counted again through a search that matches them all)."""
    settings.ABIERTO_PAGE_CACHE_SECONDS = 0
    _mixed(plan, forum_member)
    for query in ("", f"?plan={plan.pk}", f"?plan={plan.pk}&provincia=azuay&estado=recibida"):
        counted = Client().get(LIST + query).content.decode()
        searched = Client().get(LIST + (query + "&" if query else "?") + "q=mezclada")
        assert facet_numbers(counted) == facet_numbers(searched.content.decode()), query
        assert len(facet_numbers(counted)) > 30


def test_the_counted_list_reads_no_group_by_over_the_proposals(
    plan, forum_member, settings, django_assert_num_queries
):
    """Pinned: the page of rows, the total, the plans, four facets and the held count; with a
    plan chosen, its axes and themes and their facets too."""
    settings.ABIERTO_PAGE_CACHE_SECONDS = 0
    _mixed(plan, forum_member)
    table = Proposal._meta.db_table
    for query, pinned, on_counters in (("", 8, 5), (f"?plan={plan.pk}&estado=recibida", 12, 7)):
        with django_assert_num_queries(pinned) as captured:
            assert Client().get(LIST + query).status_code == 200
        sql = [q["sql"] for q in captured.captured_queries]
        assert not [s for s in sql if f'"{table}"' in s and "GROUP BY" in s.upper()]
        assert sum(f'"{ProposalCount._meta.db_table}"' in s for s in sql) == on_counters


def test_a_kept_list_page_goes_when_a_proposal_is_hidden(plan, forum_member):
    proposal = submit(plan, province="azuay")
    first = Client().get(LIST).content.decode()
    assert "Azuay (1)" in first
    services.proposal_hide(actor=forum_member, proposal=proposal, reason="Spam")
    assert "Azuay (0)" in Client().get(LIST).content.decode()
    services.proposal_unhide(actor=forum_member, proposal=proposal)
    assert "Azuay (1)" in Client().get(LIST).content.decode()


def test_the_home_page_figures_come_from_the_counters(plan, forum_member):
    made = _mixed(plan, forum_member)
    assert selectors.home_counts() == {"received": len(made) - 1, "answered": 1}


# --- Operations -----------------------------------------------------------------------------


def test_check_names_each_differing_key_and_rebuild_repairs_them(plan, capsys):
    proposal = submit(plan, province="azuay")
    call_command("proposal_counts", "--check")
    assert capsys.readouterr().out.strip() == "ok"
    ProposalCount.objects.filter(axis_id=0, theme_id=0).update(n=5)
    Proposal.objects.filter(pk=proposal.pk).update(province="loja")  # behind the services' back
    with pytest.raises(CommandError) as caught:
        call_command("proposal_counts", "--check")
    assert "4 recuentos no coinciden" in str(caught.value)  # the plan's rows and the axis'
    err = capsys.readouterr().err
    assert (
        f"plan={plan.pk} eje=- tema=- estado=recibida provincia=azuay canal=web: "
        "la tabla dice 5, las propuestas 0"
    ) in err
    assert "provincia=loja canal=web: la tabla dice 0, las propuestas 1" in err
    assert f"plan={plan.pk} eje={proposal.axis_id} tema=- estado=recibida provincia=azuay" in err
    call_command("proposal_counts", "--rebuild")
    assert "filas de recuento reescritas" in capsys.readouterr().out
    call_command("proposal_counts", "--check")
    exact()


def test_the_counter_reads_walk_the_unique_index(plan):
    """EXPLAIN of the unfiltered list's status facet: a range of the unique key (SQLite names
    the index of a table's UNIQUE clause ``sqlite_autoindex_...``)."""
    from django.db.models import Sum

    submit(plan)
    facet = selectors._counter_rows({}).values("status").annotate(total=Sum("n"))
    sql, params = facet.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            plan_text = " ".join(str(r[-1]) for r in cursor.fetchall())
            assert "SEARCH proposals_proposalcount USING INDEX" in plan_text, plan_text
            assert "(axis_id=? AND theme_id=?)" in plan_text, plan_text
        else:
            cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny test table: seq scan wins
            cursor.execute(f"EXPLAIN {sql}", params)
            plan_text = " ".join(r[0] for r in cursor.fetchall())
            assert "proposal_count_key" in plan_text, plan_text


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_the_table_from_the_proposals_already_stored(plan, forum_member):
    from django.db.migrations.executor import MigrationExecutor

    _mixed(plan, forum_member)
    kept = counters.stored_counts()
    executor = MigrationExecutor(connection)
    executor.migrate([("proposals", "0009_commitment_source_index")])
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert counters.stored_counts() == kept
    exact()


def test_the_rebuild_writes_what_the_services_kept(plan, forum_member):
    _mixed(plan, forum_member)
    before = counters.stored_counts()
    assert counters.rebuild() == ProposalCount.objects.count()
    assert counters.stored_counts() == before


def test_no_query_to_the_counter_table_when_nothing_counted_changes(plan, forum_member):
    proposal = submit(plan)
    with CaptureQueriesContext(connection) as captured:
        services.adhesion_join(actor=forum_member, proposal=proposal)
    assert not [q for q in captured.captured_queries if "proposalcount" in q["sql"]]
