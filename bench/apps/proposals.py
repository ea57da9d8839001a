"""Proposals: ``counts["proposals"]`` proposals (100,000 at L) with their public histories and
reasoned responses, and every public page family of the app.

The filler uses ``bulk_create`` in batches, bypassing ``services.proposal_submit`` and
``proposal_transition`` on purpose (the services write one proposal, one audit row and one
email per call: 100,000 calls would take an hour). It writes what they would: valid statuses,
a reasoned response and role for every decision, merged proposals pointing at a selected one
of the same plan, folded search fields (and the PostgreSQL ``tsvector``), and the audit rows
of each proposal's history with the app's declared verbs, sealed afterwards into the hash
chain by ``abierto.core.audit.seal_pending`` like any other row, and the counts of public
proposals the services keep (``counters.rebuild`` once at the end).
"""

import datetime
import uuid

from families import Dataset, PageFamily, dataset_builder, page_family

WORDS = [
    "transparencia",
    "participación",
    "datos",
    "abiertos",
    "compras",
    "públicas",
    "municipio",
    "salud",
    "educación",
    "ambiente",
    "agua",
    "género",
    "presupuesto",
    "control",
    "social",
    "información",
    "acceso",
    "contratos",
    "obras",
    "justicia",
]
#: (status, weight): most proposals are still received or in review; every decision has a
#: reasoned response.
STATUS_WEIGHTS = [
    ("recibida", 30),
    ("en-revision", 15),
    ("no-admitida", 10),
    ("en-evaluacion", 10),
    ("seleccionada", 10),
    ("fusionada", 5),
    ("no-seleccionada", 15),
    ("retirada", 5),
]
REASONS = [
    "es factible y responde a un problema público",
    "no es competencia del Ejecutivo",
    "ya existe un compromiso similar",
    "aporta una idea nueva",
]
HIDDEN_EVERY = 100  # one proposal in a hundred hidden by moderation
BATCH = 2000
SEARCH_WORD = "participacion"
FILTERED_QUERY = "provincia=azuay&estado=recibida"  # Spanish names (proposals/filters.py)


@dataset_builder("proposals", after=("core", "plans", "forum"))
def build(data: Dataset) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from abierto.core.geo import Province
    from abierto.core.models import ActionLog
    from abierto.forum.models import Sector
    from abierto.plans.models import ActionPlan
    from abierto.proposals import counters, verbs
    from abierto.proposals.codes import ALPHABET
    from abierto.proposals.demo import EXAMPLE_PLAN_SLUG
    from abierto.proposals.models import DECISION_STATUSES, Proposal
    from abierto.proposals.text import fold

    rng = data.rng
    total = data.scale.counts["proposals"]
    have = Proposal.objects.count()
    plans = list(ActionPlan.objects.prefetch_related("axes", "themes").order_by("id"))
    open_plan = next(p for p in plans if p.slug == EXAMPLE_PLAN_SLUG)
    # Most proposals go to the plan open for proposals; the others share the rest.
    plan_weights = [6 if p == open_plan else 1 for p in plans]
    statuses = [s for s, _w in STATUS_WEIGHTS]
    status_weights = [w for _s, w in STATUS_WEIGHTS]
    provinces = list(Province.values)
    sectors = list(Sector.values)
    proposal_type = ContentType.objects.get_for_model(Proposal)
    now = timezone.now()
    span = datetime.timedelta(days=120)
    first = now - span
    anchors: dict[int, int] = {}  # plan id -> a selected proposal merged ones point at

    def code() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(16))

    def make(i: int, status: str, plan) -> Proposal:
        created = first + span * (i / max(total, 1))
        words = rng.sample(WORDS, 5)
        title = f"Propuesta {i}: {' '.join(words[:3])} en {rng.choice(provinces)}"[:200]
        problem = (
            f"Problema de {' '.join(words)} en la comunidad número {i}: la información no "
            "se publica a tiempo y la ciudadanía no puede vigilar las decisiones."
        )
        solution = f"Publicar {words[0]} y {words[1]} cada mes, en datos abiertos."
        hidden = i % HIDDEN_EVERY == HIDDEN_EVERY - 1
        axes = list(plan.axes.all())
        themes = list(plan.themes.all())
        proposal = Proposal(
            plan=plan,
            title=title,
            problem=problem,
            solution=solution,
            beneficiaries="Ciudadanía, veedurías y periodistas locales.",
            axis=rng.choice(axes) if axes else None,
            theme=rng.choice(themes) if themes else None,
            province=rng.choice(provinces),
            proposer_type=rng.choice(sectors),
            channel=rng.choices(["web", "mesa", "papel"], [8, 1, 1])[0],
            status=status,
            status_changed_at=created + datetime.timedelta(days=3),
            created_at=created,
            tracking_code=code(),
            idempotency_token=uuid.UUID(int=rng.getrandbits(128), version=4),
            contact_name=f"Persona {i}",
            contact_email=f"persona{i}@bench.example.org",
            consent_at=created,
            is_hidden=hidden,
            hidden_reason="Contenido repetido (moderación)." if hidden else "",
        )
        if status in DECISION_STATUSES:
            reason = rng.choice(REASONS)
            proposal.response_text = (
                f"El Grupo Núcleo analizó la propuesta con los criterios del plan: {reason}."
            )
            proposal.response_role = "grupo-nucleo"
            proposal.response_date = (created + datetime.timedelta(days=30)).date()
        if status == "fusionada":
            proposal.merged_into_id = anchors[plan.pk]
        proposal.title_key = fold(title)[:200]
        proposal.search_text = fold(f"{title} {problem} {solution} {proposal.beneficiaries}")
        return proposal

    def history(p: Proposal) -> list[ActionLog]:
        """The audit rows the services would have written for this proposal."""
        at = p.created_at
        rows = []

        def add(verb, role, data, *, public=True, days=0):
            rows.append(
                ActionLog(
                    created_at=at + datetime.timedelta(days=days),
                    actor_role=role,
                    verb=verb.code,
                    content_type=proposal_type,
                    object_id=str(p.pk),
                    data=data,
                    changes={},
                    public=public,
                )
            )

        staff = p.channel != "web"
        add(verbs.PROPOSAL_RECEIVED, "facilitacion" if staff else "publico", {"channel": p.channel})
        if p.status == "retirada":
            add(verbs.PROPOSAL_WITHDRAWN, "publico", {}, days=2)
        elif p.status != "recibida":
            add(verbs.PROPOSAL_STATUS_CHANGED, "grupo-nucleo", {"status": "en-revision"}, days=1)
            if p.status in {"en-evaluacion", "seleccionada", "fusionada", "no-seleccionada"}:
                add(
                    verbs.PROPOSAL_STATUS_CHANGED,
                    "grupo-nucleo",
                    {"status": "en-evaluacion"},
                    days=2,
                )
            if p.status == "fusionada":
                add(verbs.PROPOSAL_MERGED, "grupo-nucleo", {"into": p.merged_into_id}, days=3)
            elif p.status in DECISION_STATUSES:
                add(verbs.PROPOSAL_DECIDED, "grupo-nucleo", {"status": p.status}, days=3)
        if p.is_hidden:
            add(verbs.PROPOSAL_HIDDEN, "grupo-nucleo", {"reason": p.hidden_reason}, public=False)
        return rows

    done = have
    with transaction.atomic():
        # One selected proposal per plan first: merged proposals point at it.
        seeds = [make(done + k, "seleccionada", plan) for k, plan in enumerate(plans)]
        for p in Proposal.objects.bulk_create(seeds):
            anchors[p.plan_id] = p.pk
            ActionLog.objects.bulk_create(history(p))
        done += len(seeds)
    while done < total:
        size = min(BATCH, total - done)
        batch = [
            make(
                done + k,
                rng.choices(statuses, status_weights)[0],
                rng.choices(plans, plan_weights)[0],
            )
            for k in range(size)
        ]
        with transaction.atomic():
            created = Proposal.objects.bulk_create(batch)
            ActionLog.objects.bulk_create([row for p in created for row in history(p)])
        done += size
        data.progress("propuestas e historial", done, total)
    data.progress("propuestas e historial", total, total)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE proposals_proposal SET search_vector = "
                "setweight(to_tsvector('spanish', title_key), 'A') || "
                "setweight(to_tsvector('spanish', search_text), 'B') "
                "WHERE search_vector IS NULL"
            )
    # The services keep the counts of public proposals with every write; bulk_create does
    # not go through them, so the counter table is rebuilt from what was written.
    data.progress("recuentos de propuestas", 0, 1)
    counters.rebuild()
    data.progress("recuentos de propuestas", 1, 1)
    # What the page families need: public proposals to open, codes to look up.
    public_ids = list(
        Proposal.public_objects.order_by("id").values_list("id", flat=True)[: total + 100]
    )
    data.facts["proposal_ids"] = sorted(rng.sample(public_ids, min(1000, len(public_ids))))
    codes = list(Proposal.objects.order_by("id").values_list("tracking_code", flat=True))
    data.facts["proposal_codes"] = rng.sample(codes, min(500, len(codes)))
    data.facts["open_plan_slug"] = open_plan.slug


def _detail_paths(facts: dict) -> list[str]:
    return [f"/propuestas/{pk}/" for pk in facts["proposal_ids"]]


def _status_driver(context):
    from load import status_lookups

    return status_lookups(context)


def _submit_driver(context):
    from submission import submission_burst

    return submission_burst(context)


page_family(
    PageFamily(
        key="proposal_list",
        label="/propuestas/ (página 1)",
        app="proposals",
        order=30,
        paths=["/propuestas/"],
    )
)
page_family(
    PageFamily(
        key="proposal_list_last",
        label="/propuestas/?ultima=1",
        app="proposals",
        order=31,
        paths=["/propuestas/?ultima=1"],
    )
)
page_family(
    PageFamily(
        key="proposal_list_filtered",
        label=f"/propuestas/?{FILTERED_QUERY}",
        app="proposals",
        order=32,
        paths=[f"/propuestas/?{FILTERED_QUERY}"],
    )
)
page_family(
    PageFamily(
        key="proposal_search",
        label=f"/propuestas/?q={SEARCH_WORD}",
        app="proposals",
        order=33,
        paths=[f"/propuestas/?q={SEARCH_WORD}"],
    )
)
page_family(
    PageFamily(
        key="proposal_detail",
        label="/propuestas/<id>/ (1.000 distintas)",
        app="proposals",
        order=34,
        paths=_detail_paths,
    )
)
page_family(
    PageFamily(
        key="proposal_status",
        label="POST /propuestas/estado/ (código)",
        app="proposals",
        order=35,
        driver=_status_driver,
    )
)
page_family(
    PageFamily(
        key="proposal_submit",
        label="Envío de propuestas (ráfaga, 10% doble clic)",
        app="proposals",
        order=90,
        driver=_submit_driver,
    )
)
