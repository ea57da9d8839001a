"""Evaluation: a closed and published evaluation round of the plan open for proposals
(``facts["open_plan_slug"]``, the plan whose demo round is published too), with
``counts["scores_per_proposal"]`` evaluations per proposal (3 at every scale), and its public
results page as a family.

What the round covers is what ``services.round_create`` would have put in it and
``round_publish`` would have decided: every proposal of the bench (not an example) of that
plan that the proposals builder left decided after evaluation (*seleccionada*, *fusionada*,
*no-seleccionada*), not hidden, and in no other round. At scale L that is about 22,000
proposals, 67,000 evaluation sheets and 335,000 rubric scores (one per criterion); the facts
record the figures (``evaluation_*``). Proposals still *en evaluación* wait for a later round;
those received, in review, inadmissible or withdrawn were never scored.

Bulk-created in batches, bypassing the services on purpose (``scores_save`` writes one sheet
and one audit row per call and checks the deadline against the clock: 67,000 calls, each a
transaction, and a round whose deadline has passed could not be filled at all). It writes what
they would have:

- commission members (accounts with the ``evaluacion`` role, unusable passwords, one in three
  listed publicly) added to the plan's commission (the demo's: a plan has one);
- the round with the plan's criteria as its snapshot (weights must add up to 100, as
  ``round_open`` requires), opened, closed and published, with its timestamps;
- assignments from the app's own ``assignment.balanced_assignment`` (loads differ by at most
  one), each submitted with a 1-5 and a justification of the demo's per criterion;
- decisions that agree with the proposals' states: a merged proposal is *grouped* in a
  candidate commitment with the selected proposal it was merged into, which has the best
  score of the group (``round_publish`` makes the best one the selected one); the reasoned
  response is the proposal's own;
- the audit rows of ``commission_member_add``, ``round_create``, ``round_open``,
  ``round_assign``, ``scores_save(submit=True)``, ``round_close``, ``candidate_save``,
  ``entry_decide`` and ``round_publish`` with the app's declared verbs (the proposals' own
  decision rows are the proposals builder's), sealed afterwards like any other row.

The expected top of the results table is computed with the app's aggregation
(``aggregation.aggregate`` and ``competition_ranks``) and kept in the facts; the family checks
the page and its CSV against it after measuring. Running the builder again (a new
``version``) replaces the round and keeps the members.
"""

import datetime
import math
from fractions import Fraction

from families import Dataset, PageFamily, dataset_builder, page_family

ROUND_NAME = "Ronda de evaluación (prueba de carga)"
EMAIL_DOMAIN = "bench.example.org"
SHEETS_PER_MEMBER = 500  # about how many evaluations each member of the commission carries
BATCH = 500  # proposals per transaction (each with its sheets, scores and audit rows)
TOP = 5  # rows of the results table kept in the facts for the check


@dataset_builder("evaluation", after=("proposals",), version=1)
def build(data: Dataset) -> None:
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from abierto.accounts.models import User
    from abierto.core.models import ActionLog
    from abierto.core.roles import Role, public_role_of
    from abierto.evaluation import verbs
    from abierto.evaluation.aggregation import aggregate, competition_ranks, to_decimal
    from abierto.evaluation.assignment import Slot, balanced_assignment
    from abierto.evaluation.demo import JUSTIFICATIONS
    from abierto.evaluation.models import (
        Assignment,
        CandidateGroup,
        Commission,
        CommissionMember,
        Decision,
        EvaluationRound,
        MemberKind,
        RoundEntry,
        RoundStatus,
        Score,
    )
    from abierto.evaluation.services import snapshot_criteria
    from abierto.plans.models import ActionPlan
    from abierto.proposals.demo import _demo_team_member
    from abierto.proposals.models import Proposal, Status

    rng = data.rng
    per = data.scale.counts["scores_per_proposal"]
    plan = ActionPlan.objects.get(slug=data.facts["open_plan_slug"])
    team = _demo_team_member()
    team_role = public_role_of(team)
    now = timezone.now()
    created_at = now - datetime.timedelta(days=30)
    opened_at = created_at + datetime.timedelta(days=1)
    deadline = opened_at + datetime.timedelta(days=20)
    closed_at = deadline + datetime.timedelta(days=1)
    published_at = now

    commission_type = ContentType.objects.get_for_model(Commission)
    round_type = ContentType.objects.get_for_model(EvaluationRound)

    def log(verb, target_type, target_id, at, data, *, public=True, actor_id=None, role=None):
        return ActionLog(
            created_at=at,
            actor_id=team.pk if actor_id is None else actor_id,
            actor_role=team_role if role is None else role,
            verb=verb.code,
            content_type=target_type,
            object_id=str(target_id),
            data=data,
            changes={},
            public=public,
        )

    commission = Commission.objects.filter(plan=plan).first()  # the demo's
    if commission is None:
        commission = Commission.objects.create(plan=plan, method="Comisión (prueba de carga).")
        ActionLog.objects.bulk_create(
            [log(verbs.COMMISSION_CREATED, commission_type, commission.pk, created_at, {})]
        )

    # Run again (a new version of this builder): the old round goes, the members stay.
    EvaluationRound.objects.filter(plan=plan, name=ROUND_NAME).delete()

    # What the round covers (see the docstring), with the merged proposals' leads.
    decided = [Status.SELECTED, Status.MERGED, Status.NOT_SELECTED]
    proposals = list(
        Proposal.objects.filter(plan=plan, status__in=decided, is_hidden=False, is_example=False)
        .exclude(evaluation_entries__isnull=False)
        .order_by("id")
        .values("id", "status", "merged_into_id", "response_text")
    )
    present = {p["id"] for p in proposals}
    proposals = [
        p for p in proposals if p["status"] != Status.MERGED or p["merged_into_id"] in present
    ]
    if not proposals:
        raise RuntimeError(f"No hay propuestas decididas del plan {plan.slug} para evaluar.")
    leads = sorted({p["merged_into_id"] for p in proposals if p["status"] == Status.MERGED})
    sheets_total = per * len(proposals)

    # The commission: members enough for about SHEETS_PER_MEMBER evaluations each.
    wanted = max(per + 2, math.ceil(sheets_total / SHEETS_PER_MEMBER))
    emails = [f"evaluacion{k:04d}@{EMAIL_DOMAIN}" for k in range(wanted)]
    have = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            email=email,
            full_name=f"Persona evaluadora {k + 1} (prueba de carga)",
            is_active=False,
            password=unusable,
        )
        for k, email in enumerate(emails)
        if email not in have
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    evaluator_group = Role.EVALUATOR.group()
    through = User.groups.through
    grouped = set(
        through.objects.filter(group=evaluator_group, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    through.objects.bulk_create(
        through(user_id=u.pk, group_id=evaluator_group.pk) for u in users if u.pk not in grouped
    )
    seated = set(
        CommissionMember.objects.filter(commission=commission, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    new_members = CommissionMember.objects.bulk_create(
        CommissionMember(
            commission=commission,
            user=u,
            kind=MemberKind.FORUM if k % 2 else MemberKind.EXPERT,
            public_name=u.full_name,
            listed_publicly=k % 3 == 0,
        )
        for k, u in enumerate(users)
        if u.pk not in seated
    )
    members = list(
        CommissionMember.objects.filter(commission=commission, user__in=users)
        .select_related("user")
        .order_by("id")
    )
    member_role = {m.pk: public_role_of(m.user) for m in members}
    member_user = {m.pk: m.user_id for m in members}

    ActionLog.objects.bulk_create(
        log(
            verbs.MEMBER_ADDED,
            commission_type,
            commission.pk,
            created_at,
            {"kind": str(m.kind), "member": m.pk},
            public=False,
        )
        for m in new_members
    )

    # The round, opened with the plan's criteria as they are (weights adding up to 100).
    criteria = list(plan.criteria.order_by("order", "id"))
    if not criteria or sum(c.weight for c in criteria) != 100:
        raise RuntimeError(f"Los pesos de los criterios del plan {plan.slug} no suman 100.")
    evaluation_round = EvaluationRound.objects.create(
        plan=plan,
        name=ROUND_NAME,
        status=RoundStatus.PUBLISHED,
        evaluators_per_proposal=per,
        deadline=deadline,
        opened_at=opened_at,
        closed_at=closed_at,
        published_at=published_at,
    )
    snapshot = snapshot_criteria(evaluation_round, criteria)
    weights = {c.pk: c.weight for c in snapshot}

    # Candidate commitments: a selected proposal with the proposals merged into it.
    candidates = {
        lead: CandidateGroup(
            round=evaluation_round, name=f"Compromiso candidato (prueba de carga) n.º {lead}"
        )
        for lead in leads
    }
    CandidateGroup.objects.bulk_create(candidates.values())

    def decision_of(p) -> tuple[str, int | None]:
        """The commission's decision that ``round_publish`` turned into the proposal's state."""
        if p["status"] == Status.MERGED:
            return Decision.GROUPED, p["merged_into_id"]
        if p["status"] == Status.SELECTED and p["id"] in candidates:
            return Decision.GROUPED, p["id"]
        if p["status"] == Status.SELECTED:
            return Decision.SELECTED, None
        return Decision.NOT_SELECTED, None

    def entry_of(p) -> RoundEntry:
        decision, lead = decision_of(p)
        return RoundEntry(
            round=evaluation_round,
            proposal_id=p["id"],
            decision=decision,
            candidate=candidates[lead] if lead is not None else None,
            response_text=p["response_text"],  # round_publish gives the proposal this text
        )

    entries: list[RoundEntry] = []
    with transaction.atomic():
        for start in range(0, len(proposals), BATCH * 4):
            entries += RoundEntry.objects.bulk_create(
                entry_of(p) for p in proposals[start : start + BATCH * 4]
            )
    by_proposal = {e.proposal_id: e for e in entries}
    plan_of = balanced_assignment(
        [Slot(e.pk, frozenset(member_user)) for e in entries], per_entry=per
    )

    def quality(p) -> float:
        """How good the commission found it: decisions follow the scores."""
        if p["id"] in candidates:
            return 5.0  # the lead of its group scores best: all fives
        if p["status"] == Status.SELECTED:
            return rng.uniform(3.6, 4.8)
        if p["status"] == Status.MERGED:
            return rng.uniform(2.8, 4.2)
        return rng.uniform(1.2, 3.4)

    def clamp(level: float) -> int:
        return min(5, max(1, round(level)))

    span = (deadline - opened_at).total_seconds()
    results: list[tuple[int, Fraction | None]] = []  # (proposal id, exact total)
    done = 0
    for start in range(0, len(proposals), BATCH):
        chunk = proposals[start : start + BATCH]
        with transaction.atomic():
            assignments = []
            for p in chunk:
                entry = by_proposal[p["id"]]
                for member_id in plan_of[entry.pk]:
                    submitted = opened_at + datetime.timedelta(seconds=rng.uniform(0, span))
                    assignments.append(
                        Assignment(entry=entry, member_id=member_id, submitted_at=submitted)
                    )
            assignments = Assignment.objects.bulk_create(assignments)
            scores = []
            sheets: dict[int, list[dict[int, int]]] = {}
            level = {p["id"]: quality(p) for p in chunk}
            for a in assignments:
                pid = a.entry.proposal_id
                sheet = {}
                for c in snapshot:
                    value = 5 if pid in candidates else clamp(level[pid] + rng.gauss(0, 0.7))
                    sheet[c.pk] = value
                    scores.append(
                        Score(
                            assignment=a,
                            criterion=c,
                            value=value,
                            justification=JUSTIFICATIONS[value],
                        )
                    )
                sheets.setdefault(pid, []).append(sheet)
            Score.objects.bulk_create(scores)
            results += [(p["id"], aggregate(weights, sheets[p["id"]]).total) for p in chunk]
            ActionLog.objects.bulk_create(
                [
                    log(
                        verbs.ASSIGNMENT_SUBMITTED,
                        round_type,
                        evaluation_round.pk,
                        a.submitted_at,
                        {"proposal": a.entry.proposal_id},
                        public=False,
                        actor_id=member_user[a.member_id],
                        role=member_role[a.member_id],
                    )
                    for a in assignments
                ]
                + [
                    log(
                        verbs.DECISION_DRAFTED,
                        round_type,
                        evaluation_round.pk,
                        closed_at + datetime.timedelta(hours=2),
                        {"proposal": p["id"], "decision": str(by_proposal[p["id"]].decision)},
                        public=False,
                    )
                    for p in chunk
                ]
            )
        done += len(chunk)
        data.progress("evaluación: hojas y puntajes", done, len(proposals))
    data.progress("evaluación: hojas y puntajes", len(proposals), len(proposals))

    # The round's own history, in the order the services would have written it.
    members_of = {
        lead: sorted(p["id"] for p in proposals if decision_of(p)[1] == lead) for lead in leads
    }
    ActionLog.objects.bulk_create(
        [
            log(
                verbs.ROUND_CREATED,
                round_type,
                evaluation_round.pk,
                created_at,
                {"proposals": len(proposals)},
            ),
            log(verbs.ROUND_OPENED, round_type, evaluation_round.pk, opened_at, {}),
            log(
                verbs.ROUND_ASSIGNED,
                round_type,
                evaluation_round.pk,
                opened_at,
                {"assignments": sheets_total},
            ),
            log(verbs.ROUND_CLOSED, round_type, evaluation_round.pk, closed_at, {}),
            *(
                log(
                    verbs.CANDIDATE_SAVED,
                    round_type,
                    evaluation_round.pk,
                    closed_at + datetime.timedelta(hours=1),
                    {"name": candidates[lead].name, "proposals": members_of[lead]},
                )
                for lead in leads
            ),
            log(
                verbs.ROUND_PUBLISHED,
                round_type,
                evaluation_round.pk,
                published_at,
                {"proposals": len(proposals)},
            ),
        ]
    )

    # The results table as the app computes it (selectors.SORTS["puntaje"], competition ranks).
    results.sort(key=lambda r: (r[1] is None, -(r[1] or 0), r[0]))
    shown = [to_decimal(total) for _pid, total in results]
    ranks = competition_ranks(shown)
    data.facts["evaluation_plan_slug"] = plan.slug
    data.facts["evaluation_round_id"] = evaluation_round.pk
    data.facts["evaluation_round_name"] = ROUND_NAME
    data.facts["evaluation_covers"] = (
        "propuestas decididas (seleccionada, fusionada, no-seleccionada), no ocultas, del plan "
        "abierto"
    )
    data.facts["evaluation_entries"] = len(proposals)
    data.facts["evaluation_sheets"] = sheets_total
    data.facts["evaluation_scores"] = sheets_total * len(snapshot)
    data.facts["evaluation_members"] = len(members)
    data.facts["evaluation_candidates"] = len(leads)
    data.facts["evaluation_top"] = [
        {"proposal_id": pid, "rank": rank, "total": str(total)}
        for (pid, _exact), total, rank in zip(results[:TOP], shown, ranks, strict=False)
    ]


def _check_results(base: str, facts: dict) -> str | None:
    """The page shows the round, and its CSV has every proposal of the round with the ranks
    and totals the app's aggregation gives (kept by the builder). None when all is well."""
    import csv
    import io

    from load import fetch

    if "evaluation_round_name" not in facts:
        return None  # a dataset without the round (an older kept one): nothing to compare
    slug = facts["evaluation_plan_slug"]
    name = facts["evaluation_round_name"]
    status, _headers, body = fetch(base, f"/evaluacion/{slug}/")
    page = body.decode()
    if status != 200 or name not in page:
        return f"/evaluacion/{slug}/ ({status}) no muestra la ronda «{name}»"
    first = facts["evaluation_top"][0]
    if f"n.º {first['proposal_id']} " not in page:
        return f"/evaluacion/{slug}/ no muestra la propuesta n.º {first['proposal_id']}"
    status, _headers, body = fetch(base, f"/evaluacion/{slug}/resultados.csv")
    if status != 200:
        return f"el CSV de la evaluación respondió {status}"
    rows = [r for r in csv.reader(io.StringIO(body.decode("utf-8-sig"))) if r and r[0] == name]
    if len(rows) != facts["evaluation_entries"]:
        wanted = facts["evaluation_entries"]
        return f"el CSV tiene {len(rows)} filas de la ronda; se esperaban {wanted}"
    for want, row in zip(facts["evaluation_top"], rows, strict=False):
        got = {"proposal_id": int(row[1]), "rank": int(row[3]), "total": row[4]}
        if got != want:
            return f"el CSV muestra {got}; la agregación de la app da {want}"
    if any(
        row[5] != str(facts["evaluation_sheets"] // facts["evaluation_entries"]) for row in rows
    ):
        return "el CSV tiene propuestas con otro número de evaluaciones"
    return None


page_family(
    PageFamily(
        key="evaluation_results",
        label="/evaluacion/<plan>/ (resultados)",
        app="evaluation",
        order=40,
        paths=lambda facts: [f"/evaluacion/{facts['open_plan_slug']}/"],
        check=_check_results,
    )
)
