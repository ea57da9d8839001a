"""Reads of the proposals app: the public list (filters, search, counts, seek pagination),
similar proposals, status lookups and the staff queue.

Pagination is by seek ("keyset"), never OFFSET: every page is ``WHERE id < last_seen ORDER BY
id DESC LIMIT n`` (or its mirror for the last pages), which an index on ``id`` answers by
reading ``n`` rows whatever the page. The last page of 100,000 proposals costs what the first
one does; only the total count reads the whole filtered set, and it is one indexed count.
"""

import datetime
import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from abierto.core.pagecache import reads
from abierto.core.ratelimit import email_subject
from abierto.core.selectors import public_history
from abierto.plans.models import ActionPlan, Axis, Theme
from abierto.plans.selectors import open_proposal_stage, proposal_stage_for  # noqa: F401

from .codes import normalize_code
from .models import NOT_JOINABLE_STATUSES, Proposal, ProposalCount, Report, Status
from .text import fold, words

PAGE_SIZE = 20
FILTER_FIELDS = ("plan", "axis", "theme", "province", "status", "channel", "mesa")


def _public_base() -> QuerySet[Proposal]:
    return Proposal.public_objects.all()


def _search(qs: QuerySet[Proposal], query: str) -> QuerySet[Proposal]:
    """Match every word, in Spanish, regardless of accents and case.

    PostgreSQL: the ``spanish`` tsvector (GIN index) against the folded query, so "participación"
    also finds "participativa" by stem. SQLite: each folded word inside the folded text.
    """
    folded = fold(query)
    if not folded:
        return qs
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        return qs.filter(search_vector=SearchQuery(folded, config="spanish", search_type="plain"))
    for word in folded.split():
        qs = qs.filter(search_text__contains=word)
    return qs


@dataclass
class Facet:
    name: str
    label: str
    options: list[tuple[str, str | Promise, int]]  # (value, label, count)
    selected: str = ""
    param: str = ""  # its name in the query string (set by the page)


@dataclass
class ProposalPage:
    rows: list[Proposal]
    total: int
    has_next: bool
    has_previous: bool
    next_cursor: int | None
    previous_cursor: int | None
    is_last: bool = False
    facets: list[Facet] = field(default_factory=list)


#: The list filters, as cleaned by ``proposals.filters``: ``plan``, ``axis`` and ``theme`` are
#: ids (int, within the database's range), the others choice values; None or "" when unset.
Filters = dict[str, Any]


def _apply_filters(qs: QuerySet[Proposal], filters: Filters) -> QuerySet[Proposal]:
    for name in FILTER_FIELDS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name in {"plan", "axis", "theme", "mesa"}:
            qs = qs.filter(**{f"{name}_id": value})
        else:
            qs = qs.filter(**{name: value})
    return qs


def filtered_public_proposals(filters: Filters) -> QuerySet[Proposal]:
    return _search(_apply_filters(_public_base(), filters), filters.get("q") or "")


def _facet_counts(qs: QuerySet[Proposal], column: str) -> dict:
    return {row[column]: row["n"] for row in qs.order_by().values(column).annotate(n=Count("id"))}


#: Cached counts carry this version: every write to proposals bumps it (services), so a
#: count is never older than the last change. Starts from the clock, so a version lost from
#: the cache never comes back to meet old entries.
LIST_VERSION_KEY = "proposals:list-version"
COUNTS_TTL = 300
#: A computation of the counts holds its key this long at most; others wait this long at most
#: for its result before computing it themselves.
COUNTS_LOCK_SECONDS = 30
COUNTS_WAIT_SECONDS = 10


def list_version() -> int:
    version = cache.get(LIST_VERSION_KEY)
    if version is None:
        cache.add(LIST_VERSION_KEY, int(time.time() * 1000), None)
        version = cache.get(LIST_VERSION_KEY) or 0
    return version


def bump_list_version() -> None:
    try:
        cache.incr(LIST_VERSION_KEY)
    except ValueError:
        cache.set(LIST_VERSION_KEY, int(time.time() * 1000), None)


def _filters_key(filters: Filters) -> str:
    canonical = json.dumps({k: v for k, v in sorted(filters.items()) if v}, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:32]


def _list_counts(filters: Filters) -> dict:
    """Total and per-filter counts for a search or an axis, theme or mesa filter (the other
    filters read the counter table, ``_counter_counts``), from the shared cache when warm.

    Cold: one COUNT and one GROUP BY per filter (plus the plan's axes and themes when a plan
    is chosen). Warm: no query at all.
    """
    reads(Proposal._meta.db_table)  # a kept page with these counts goes with the next write
    key = f"proposals:counts:{list_version()}:{_filters_key(filters)}"
    counts = cache.get(key)
    if counts is not None:
        return counts
    # One computation per key at a time (in the shared cache: across threads, workers and
    # nodes). Without it, every request that finds the key cold recomputes the same counts at
    # once: at 100,000 proposals on SQLite a cold search count takes seconds, and make bench
    # saw a filtered list fall to 2 pages/s and a search to none while 8 threads per worker
    # recomputed it together.
    lock = f"{key}:calculando"
    if not cache.add(lock, 1, COUNTS_LOCK_SECONDS):
        deadline = time.monotonic() + COUNTS_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            counts = cache.get(key)
            if counts is not None:
                return counts
            if cache.get(lock) is None:  # the other computation failed: do it here
                break
    try:
        counts = _compute_list_counts(filters)
        cache.set(key, counts, COUNTS_TTL)
    finally:
        cache.delete(lock)
    return counts


def _compute_list_counts(filters: Filters) -> dict:
    def without(name):
        return filtered_public_proposals({**filters, name: None})

    counts = {
        "total": filtered_public_proposals(filters).count(),
        **_facet_names(filters),
        "plan": _facet_counts(without("plan"), "plan_id"),
        "status": _facet_counts(without("status"), "status"),
        "province": _facet_counts(without("province"), "province"),
        "channel": _facet_counts(without("channel"), "channel"),
        "awaiting": _awaiting_check(filters.get("plan")),
    }
    if filters.get("plan"):
        counts["axis"] = _facet_counts(without("axis"), "axis_id")
        counts["theme"] = _facet_counts(without("theme"), "theme_id")
    return counts


def _facet_names(filters: Filters) -> dict:
    """The options of the facets: every plan; a chosen plan's axes and themes."""
    names = {"plans": list(ActionPlan.objects.order_by("-number").values_list("id", "title"))}
    plan_id = filters.get("plan")
    if plan_id:
        names["axes"] = list(Axis.objects.filter(plan_id=plan_id).values_list("id", "name"))
        names["themes"] = list(Theme.objects.filter(plan_id=plan_id).values_list("id", "name"))
    return names


# --- Counts from the counter table -----------------------------------------------------------

#: Filters the counter table (``ProposalCount``) answers: with none other active (no search,
#: axis, theme or mesa), the total and every facet are sums over a few thousand counter rows,
#: exact at every read (the services keep them in the transaction of each write): no cached
#: counts, no version, nothing to recompute during a submission burst.
COUNTED_FILTERS = ("plan", "status", "province", "channel")


def _counted(filters: Filters) -> bool:
    return all(
        name in COUNTED_FILTERS for name, value in filters.items() if value not in (None, "")
    )


def _counter_rows(filters: Filters, *, level: str = "") -> QuerySet[ProposalCount]:
    """The counter rows within ``filters``: the plan/status/province/channel rows, or
    (``level`` "axis" or "theme") the rows of each axis or theme."""
    rows = ProposalCount.objects.order_by()
    if level == "axis":
        rows = rows.filter(theme_id=0, axis_id__gt=0)
    elif level == "theme":
        rows = rows.filter(axis_id=0, theme_id__gt=0)
    else:
        rows = rows.filter(axis_id=0, theme_id=0)
    for name in COUNTED_FILTERS:
        value = filters.get(name)
        if value not in (None, ""):
            rows = rows.filter(**{"plan_id" if name == "plan" else name: value})
    return rows


def _counter_facet(filters: Filters, name: str, *, level: str = "") -> dict:
    """``{value: count}`` of the facet ``name`` within the other filters (one SUM ... GROUP
    BY over the counter rows)."""
    column = {"plan": "plan_id", "axis": "axis_id", "theme": "theme_id"}.get(name, name)
    rows = _counter_rows({**filters, name: None}, level=level)
    return dict(rows.values(column).annotate(total=Sum("n")).values_list(column, "total"))


def _counter_counts(filters: Filters) -> dict:
    """The facet counts of ``_compute_list_counts``, from the counter table."""
    counts = {
        **_facet_names(filters),
        "plan": _counter_facet(filters, "plan"),
        "status": _counter_facet(filters, "status"),
        "province": _counter_facet(filters, "province"),
        "channel": _counter_facet(filters, "channel"),
    }
    if filters.get("plan"):
        counts["axis"] = _counter_facet(filters, "axis", level="axis")
        counts["theme"] = _counter_facet(filters, "theme", level="theme")
    return counts


def proposal_total(filters: Filters) -> int:
    if _counted(filters):
        return _counter_rows(filters).aggregate(total=Sum("n"))["total"] or 0
    return _list_counts(filters)["total"]


def proposal_facets(filters: Filters) -> list[Facet]:
    """Counts per value of each filter, within the other active filters."""
    from abierto.core.geo import ProposalScope

    from .models import Channel, Status

    counts = _counter_counts(filters) if _counted(filters) else _list_counts(filters)
    facets = [
        Facet(
            "plan",
            "plan",
            [(str(pk), title, counts["plan"].get(pk, 0)) for pk, title in counts["plans"]],
        ),
        Facet(
            "status",
            "status",
            [(s.value, s.label, counts["status"].get(s.value, 0)) for s in Status],
        ),
        Facet(
            "province",
            "province",
            [(p.value, p.label, counts["province"].get(p.value, 0)) for p in ProposalScope],
        ),
        Facet(
            "channel",
            "channel",
            [(c.value, c.label, counts["channel"].get(c.value, 0)) for c in Channel],
        ),
    ]
    if "axes" in counts:
        facets.insert(
            1,
            Facet(
                "axis",
                "axis",
                [(str(pk), name, counts["axis"].get(pk, 0)) for pk, name in counts["axes"]],
            ),
        )
        facets.insert(
            2,
            Facet(
                "theme",
                "theme",
                [(str(pk), name, counts["theme"].get(pk, 0)) for pk, name in counts["themes"]],
            ),
        )
    for facet in facets:
        value = filters.get(facet.name)
        facet.selected = "" if value in (None, "") else str(value)
    return facets


def public_proposal_page(
    filters: Filters,
    *,
    after: int | None = None,
    before: int | None = None,
    last: bool = False,
    page_size: int = PAGE_SIZE,
) -> ProposalPage:
    """One page of the public list, newest first, by seek pagination.

    ``after=<id>``: the page that follows the row ``id`` (older proposals); ``before=<id>``:
    the page before it (newer); ``last=True``: the oldest page.
    """
    qs = (
        filtered_public_proposals(filters)
        .select_related("plan", "axis", "theme")
        .only(
            "id",
            "title",
            "problem",
            "province",
            "canton",
            "status",
            "channel",
            "created_at",
            "is_example",
            "proposer_type",
            "adhesion_count",
            "plan__id",
            "plan__title",
            "plan__slug",
            "axis__id",
            "axis__name",
            "theme__id",
            "theme__name",
        )
    )
    total = proposal_total(filters)
    if before is not None or last:
        # Walk towards newer rows: ascending from the cursor, then shown newest first.
        base = qs.filter(id__gt=before) if before is not None else qs
        rows = list(base.order_by("id")[: page_size + 1])
        has_previous = len(rows) > page_size
        rows = list(reversed(rows[:page_size]))
        has_next = before is not None
    else:
        base = qs.filter(id__lt=after) if after is not None else qs
        rows = list(base.order_by("-id")[: page_size + 1])
        has_next = len(rows) > page_size
        rows = rows[:page_size]
        has_previous = after is not None
    return ProposalPage(
        rows=rows,
        total=total,
        has_next=has_next,
        has_previous=has_previous and bool(rows),
        next_cursor=rows[-1].id if rows else None,
        previous_cursor=rows[0].id if rows else None,
        is_last=not has_next,
    )


def public_proposal_detail(*, pk: int) -> Proposal | None:
    # No ORDER BY (neither .first()'s nor the model's): for one row by primary key it only made
    # the ORM match the ordering against the six joined tables' columns, which cost more to
    # compile than the database took to answer.
    rows = list(
        _public_base()
        .select_related("plan", "axis", "theme", "merged_into", "mesa")
        .filter(pk=pk)
        .order_by()
    )
    return rows[0] if rows else None


def plan_decisions(*, plan: ActionPlan) -> list[Proposal]:
    """Every public proposal of a plan and what became of it (status, reasoned response, the
    proposal it was merged into, the commitment it led to), oldest first, with only the
    columns the open dataset publishes (``exports.PUBLIC_COLUMNS``): never the proposer."""
    from .exports import PUBLIC_COLUMNS

    return list(
        _public_base()
        .filter(plan=plan)
        .select_related("plan", "axis", "theme", "merged_into", "commitment")
        .only(
            *PUBLIC_COLUMNS,
            "plan__title",
            "axis__name",
            "theme__name",
            "merged_into__id",
            "merged_into__title",
            "merged_into__is_hidden",
            "commitment__id",
            "commitment__status",
            "commitment__code",
            "commitment__title",
        )
        .order_by("id")
    )


def merged_into_this(proposal: Proposal) -> list[Proposal]:
    """Public proposals merged into this one (one query)."""
    return list(_public_base().filter(merged_into=proposal).only("id", "title").order_by("id"))


def proposal_timeline(proposal: Proposal):
    """The public changes of a proposal, oldest first (from the audit trail)."""
    return list(public_history(target=proposal))


def proposal_by_code(raw_code: str) -> Proposal | None:
    """The proposal with this tracking code, or None (mistyped and unknown look the same)."""
    code = normalize_code(raw_code)
    if not code:
        return None
    return (
        Proposal.objects.select_related("plan", "axis", "theme", "merged_into")
        .filter(tracking_code=code)
        .first()
    )


def proposals_by_contact(address: str) -> list[Proposal]:
    """Every proposal (hidden ones too) whose contact email is the mailbox ``address``.

    One mailbox whatever its spelling, as the rate limits count it
    (``core.ratelimit.email_subject``: case, ``+tag``, quotes, Gmail's dots). The database
    narrows by domain through the stored (lower-cased) address; the fold is compared here.
    """
    subject = email_subject(address)
    _local, at, domain = subject.rpartition("@")
    if not at or not _local or not domain:
        return []
    domains = ["gmail.com", "googlemail.com"] if domain == "gmail.com" else [domain]
    near = Q()
    for name in domains:
        near |= Q(contact_email__iendswith=f"@{name}") | Q(contact_email__iendswith=f"@{name}.")
    candidates = (
        Proposal.objects.filter(near)
        .only("id", "tracking_code", "contact_email", "is_hidden", "created_at")
        .order_by("created_at", "id")
    )
    return [p for p in candidates if email_subject(p.contact_email) == subject]


#: At most this many candidates are ranked: the newest matches, found through an index.
SIMILAR_CANDIDATES = 300


def similar_proposals(*, plan_id: int | None, title: str, problem: str = "", limit: int = 5):
    """Existing public proposals that look like what is being written (to join, not repeat).

    Candidates are the newest public proposals (at most ``SIMILAR_CANDIDATES``) that share a
    meaningful word with the title or problem, ignoring accents and case; on PostgreSQL also
    those whose title is trigram-similar to the typed title (pg_trgm, GIN index on
    ``title_key``: catches typos and word fragments). Words are matched with the ``spanish``
    full-text index there, with ``LIKE`` on the folded text on SQLite. The candidates are then
    ranked by shared words (title words count double) and, on PostgreSQL, trigram similarity.
    Bounding the candidates keeps the cost flat however many proposals match common words.
    """
    title_key = fold(title)
    key_words = words(f"{title} {problem}", min_length=4)[:12]
    if len(title_key) < 4 and not key_words:
        return []
    # Only what one can join: withdrawn and merged proposals are left out (hidden ones are).
    qs = _public_base().exclude(status__in=sorted(NOT_JOINABLE_STATUSES))
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    fields = (
        "id",
        "title",
        "status",
        "is_example",
        "search_text",
        "title_key",
        "plan__id",
        "plan__title",
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            TrigramSimilarity,
            TrigramWordSimilarity,
        )

        condition = Q()
        if len(title_key) >= 4:
            condition |= Q(title_key__trigram_word_similar=title_key)
        if key_words:
            condition |= Q(
                search_vector=SearchQuery(
                    " | ".join(key_words), config="spanish", search_type="raw"
                )
            )
        newest = qs.filter(condition).order_by("-id").values("id")[:SIMILAR_CANDIDATES]
        candidates: list[Proposal] = list(
            Proposal.objects.filter(pk__in=newest)
            .select_related("plan")
            .only(*fields)
            .annotate(
                similarity=TrigramWordSimilarity(title_key or " ", "title_key"),
                # Whole titles alike (a typo, a word more or less), for the "alone" rule.
                title_likeness=TrigramSimilarity("title_key", title_key or " "),
            )
        )
    else:
        condition = Q()
        for word in key_words:
            condition |= Q(search_text__contains=word)
        if not condition:
            return []
        candidates = list(
            qs.filter(condition)
            .select_related("plan")
            .only(*fields)
            .order_by("-id")[:SIMILAR_CANDIDATES]
        )
    return _rank_similar(candidates, key_words=key_words, title=title, limit=limit)


#: Shared meaningful words (weighted by rarity) a proposal needs to be suggested as similar.
SIMILAR_MIN_SHARED = 2.0
#: On PostgreSQL, a whole title this trigram-similar (``similarity()``, not word similarity)
#: is suggested even with fewer shared words: typos and small rewordings.
SIMILAR_TRIGRAM_ALONE = 0.7


def _rank_similar(candidates: list[Proposal], *, key_words: list[str], title: str, limit: int):
    """Keep the candidates that share enough *meaningful* words, best first.

    One common word is never enough ("datos", "municipales"): a candidate needs at least
    ``SIMILAR_MIN_SHARED`` shared words, each weighing 1, or ½ when more than half of the
    candidates contain it (a word that many proposals use says little about this one). A
    title close enough by trigrams (PostgreSQL: typos, fragments) is suggested on its own.
    Words of the title count again for the order, not for the threshold.
    """
    wanted = set(key_words)
    title_words = set(words(title, min_length=4))
    # A whole-title likeness alone suggests only for a title of three meaningful words or more
    # (one word, "Datos", is "like" every title that starts with it).
    long_title = len(title_words) >= 3
    texts = {p.pk: set(p.search_text.split()) for p in candidates}
    common = set()
    if len(candidates) >= 10:
        for word in wanted:
            if sum(word in t for t in texts.values()) * 2 > len(candidates):
                common.add(word)

    def weight(p: Proposal) -> float:
        return sum(0.5 if w in common else 1.0 for w in wanted & texts[p.pk])

    def score(p: Proposal) -> float:
        in_title = len((title_words - common) & set(p.title_key.split()))
        return weight(p) + in_title + 4 * getattr(p, "similarity", 0.0)

    chosen = [
        p
        for p in candidates
        if weight(p) >= SIMILAR_MIN_SHARED
        or (long_title and getattr(p, "title_likeness", 0.0) >= SIMILAR_TRIGRAM_ALONE)
    ]
    return sorted(chosen, key=lambda p: (score(p), p.id), reverse=True)[:limit]


def my_proposals(*, user) -> QuerySet[Proposal]:
    return Proposal.objects.filter(submitted_by=user).select_related("plan").order_by("-id")


# --- Staff -------------------------------------------------------------------------------


def staff_visible(user) -> QuerySet[Proposal]:
    """The proposals a staff member may open (``proposals.view_staff``, as a query): all of
    them for the Grupo Núcleo; for a facilitator, those of the plans assigned to them and those
    they entered."""
    from abierto.core.roles import Role, user_has_role

    if user_has_role(user, Role.FORUM_MEMBER):
        return Proposal.objects.all()
    if user_has_role(user, Role.FACILITATOR):
        return Proposal.objects.filter(Q(plan__facilitators=user) | Q(entered_by=user)).distinct()
    return Proposal.objects.none()


def staff_waiting_count(*, user) -> int:
    """Proposals visible to ``user`` still waiting for review (received or in review)."""
    return staff_visible(user).filter(status__in=WAITING_FOR_REVIEW).count()


#: What the review queue shows by default: proposals no one has finished reviewing.
WAITING_FOR_REVIEW = ("recibida", "en-revision")  # Status.RECEIVED, Status.IN_REVIEW


def staff_queue(filters: Filters, *, user) -> QuerySet[Proposal]:
    """The back-office queue, newest first; ``filters["waiting"]`` keeps what awaits review."""
    qs = _apply_filters(
        staff_visible(user).select_related("plan", "axis", "theme").order_by("-id"), filters
    )
    if filters.get("waiting"):
        qs = qs.filter(status__in=WAITING_FOR_REVIEW)
    hidden = filters.get("oculta") or ""
    if hidden == "si":
        qs = qs.filter(is_hidden=True)
    elif hidden == "no":
        qs = qs.filter(is_hidden=False)
    return _search(qs, filters.get("q") or "")


@dataclass(frozen=True)
class QueueRow:
    """A row of the review queue: the proposal, its age and, when the plan sets a response
    period and the proposal still waits for review, the day its answer is due."""

    proposal: Proposal
    received: datetime.date
    age_days: int
    deadline: datetime.date | None
    overdue: bool


def queue_rows(proposals, *, today: datetime.date) -> list[QueueRow]:
    """Rows of a page of ``staff_queue`` (which loads ``plan``: no extra query)."""
    from django.utils import timezone

    rows = []
    for proposal in proposals:
        received = timezone.localdate(proposal.created_at)
        days = proposal.plan.response_days
        waiting = proposal.status in WAITING_FOR_REVIEW
        deadline = received + datetime.timedelta(days=days) if days and waiting else None
        rows.append(
            QueueRow(
                proposal=proposal,
                received=received,
                age_days=(today - received).days,
                deadline=deadline,
                overdue=deadline is not None and deadline < today,
            )
        )
    return rows


def staff_proposal(*, pk: int) -> Proposal | None:
    return (
        Proposal.objects.select_related("plan", "axis", "theme", "merged_into", "submitted_by")
        .prefetch_related("attachments")
        .filter(pk=pk)
        .first()
    )


def home_counts() -> dict[str, int]:
    """Public proposals received and answered (a public decision): one sum over the counter
    table's plan/status/province/channel rows."""
    from .models import DECISION_STATUSES

    totals = _counter_rows({}).aggregate(
        received=Sum("n"), answered=Sum("n", filter=Q(status__in=sorted(DECISION_STATUSES)))
    )
    return {"received": totals["received"] or 0, "answered": totals["answered"] or 0}


def awaiting_check_count(filters: Filters | None = None) -> int:
    """Proposals held back until their admissibility check (plans that publish after it),
    within the list's plan filter: the public list says how many wait. Kept with the list's
    cached counts; beside the counter table's (no cache) it is counted at once, on the small
    partial index of the held rows."""
    filters = filters or {}
    if _counted(filters):
        return _awaiting_check(filters.get("plan"))
    return _list_counts(filters)["awaiting"]


def _awaiting_check(plan_id) -> int:
    """One count on a small partial index (``proposal_held``)."""
    qs = Proposal.objects.filter(
        held_for_check=True, status__in=[Status.RECEIVED, Status.IN_REVIEW]
    )
    if plan_id:
        qs = qs.filter(plan_id=plan_id)
    return qs.count()


def reported_proposals() -> QuerySet[Proposal]:
    """Proposals with reports not yet reviewed, hidden ones first, with their pending count."""
    return (
        Proposal.objects.filter(reports__reviewed_at__isnull=True)
        .annotate(pending_reports=Count("reports"))
        .select_related("plan")
        .order_by("-is_hidden", "-pending_reports", "-id")
    )


def reported_count() -> int:
    return Report.objects.filter(reviewed_at__isnull=True).values("proposal").distinct().count()


def report_reasons(proposal: Proposal) -> list[dict[str, Any]]:
    """Pending reports of ``proposal`` (staff only: their free text is private)."""
    from .models import ReportReason

    return [
        {"label": ReportReason(r.reason).label, "details": r.details, "created_at": r.created_at}
        for r in Report.objects.filter(proposal=proposal, reviewed_at__isnull=True).order_by("id")
    ]


# --- Mesas (paper intake, counts, participation statistics) --------------------------------


def enterable_mesas(user, plan) -> QuerySet:
    """The mesas of ``plan`` whose paper proposals ``user`` may enter
    (``proposals.enter_mesa``): every mesa already started and not cancelled for the Grupo
    Núcleo, the mesas assigned to them for a facilitator."""
    from django.utils import timezone

    from abierto.core.permissions import allowed
    from abierto.mesas.models import Mesa, MesaStatus

    mesas = (
        Mesa.objects.filter(plan=plan, starts_at__lte=timezone.now())
        .exclude(status=MesaStatus.CANCELLED)
        .order_by("-starts_at", "-id")
    )
    if allowed(user, "proposals.enter_mesa"):
        return mesas
    return mesas.filter(facilitators=user)


def mesa_intake_closed(mesa) -> str | None:
    """Why ``mesa`` cannot take paper proposals today (cancelled, not yet held, its plan out of
    co-creation), or None. The service checks the same; this only says it before typing."""
    from django.utils import timezone
    from django.utils.translation import gettext

    from abierto.mesas.models import MesaStatus
    from abierto.plans.models import PlanStatus

    if mesa.status == MesaStatus.CANCELLED:
        return gettext("Esta mesa fue cancelada: no tiene propuestas que registrar.")
    if mesa.starts_at > timezone.now():
        return gettext("Esta mesa todavía no se ha realizado: sus propuestas se registran después.")
    if mesa.plan.status != PlanStatus.CO_CREATION:
        return gettext(
            "Este plan ya no está en cocreación: no recibe propuestas de mesas ni en papel."
        )
    return None


def mesa_proposal_count(mesa) -> int:
    """Public proposals written at ``mesa`` (moderated ones are not counted)."""
    return Proposal.public_objects.filter(mesa=mesa).count()


def participation_proposals(plan) -> dict:
    """Public proposals of ``plan`` by channel, province or scope, axis and proposer type,
    with groups under 5 suppressed exactly as the mesas' statistics do
    (``mesas.selectors.suppress``), each as a chart with its data table."""
    from abierto.core.charts import count_chart
    from abierto.core.geo import ProposalScope
    from abierto.forum.models import Sector
    from abierto.mesas.selectors import MIN_GROUP, suppress

    from .models import Channel

    public = Proposal.public_objects.filter(plan=plan)

    def grouped(column: str) -> dict:
        return dict(public.order_by().values_list(column).annotate(n=Count("id")))

    def chart(slug: str, title, rows):
        cells = suppress(rows)
        return {
            "slug": slug,
            "chart": count_chart(
                [(c.label, None if c.suppressed else c.count, c.shown) for c in cells],
                caption=str(title),
                label_heading=str(_label_heading(slug)),
                value_heading=str(_("Propuestas")),
            ),
        }

    by_axis = grouped("axis_id")
    axes = list(Axis.objects.filter(plan=plan).order_by("order", "id").values_list("id", "name"))
    axis_rows = [(str(pk), name, by_axis.get(pk, 0)) for pk, name in axes]
    if by_axis.get(None):
        axis_rows.append(("", str(_("Sin eje")), by_axis[None]))
    by_channel, by_scope, by_sector = (
        grouped("channel"),
        grouped("province"),
        grouped("proposer_type"),
    )
    total = sum(by_channel.values())  # every proposal has a channel
    return {
        "total": total,
        "total_shown": total if total >= MIN_GROUP or total == 0 else f"<{MIN_GROUP}",
        "charts": [
            chart(
                "canal",
                _("Propuestas por canal"),
                [(v, label, by_channel.get(v, 0)) for v, label in Channel.choices],
            ),
            chart(
                "provincia",
                _("Propuestas por provincia o alcance"),
                [(v, label, by_scope.get(v, 0)) for v, label in ProposalScope.choices],
            ),
            chart("eje", _("Propuestas por eje del plan"), axis_rows),
            chart(
                "actor",
                _("Propuestas por tipo de proponente"),
                [(v, label, by_sector.get(v, 0)) for v, label in Sector.choices],
            ),
        ],
    }


def _label_heading(slug: str):
    return {
        "canal": _("Canal"),
        "provincia": _("Provincia o alcance"),
        "eje": _("Eje"),
        "actor": _("Tipo de proponente"),
    }[slug]
