"""The evaluation commission of a plan, its rounds, assignments, rubric scores and decisions.

Who is an evaluator
-------------------
There is one notion of evaluator: **a member of the plan's commission** (``CommissionMember``).
Membership is per plan and is what lets a person score, and only the proposals assigned to
them. The account role ``evaluacion`` (``Role.EVALUATOR``) only opens the back office
(/gestion/) to people who are not otherwise staff; the commission services give it to every
member they add. The forum's ``ForumRole.EVALUATION_COMMISSION`` is an *organisation's seat*
in the Grupo Núcleo; a member of kind "forum" may point at that seat (``forum_membership``),
so the public page can say which organisation the person sits for.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_JUSTIFICATION = 20
MAX_JUSTIFICATION = 1000
SCORE_MIN, SCORE_MAX = 1, 5
#: Evaluators disagree when the highest and lowest score of a criterion are this far apart.
DISAGREEMENT_SPREAD = 2


class Commission(models.Model):
    """The evaluation commission of one plan (the plan keeps its identity across versions)."""

    plan = models.OneToOneField(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        on_delete=models.PROTECT,
        related_name="commission",
    )
    method = models.TextField(
        _("método de evaluación"),
        blank=True,
        help_text=_("Texto público: cómo se califican y seleccionan las propuestas."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("comisión evaluadora")
        verbose_name_plural = _("comisiones evaluadoras")

    def __str__(self) -> str:
        return str(self.plan)


class MemberKind(models.TextChoices):
    FORUM = "grupo-nucleo", _("Integrante del Grupo Núcleo")
    EXPERT = "experta", _("Persona experta invitada")


class CommissionMember(models.Model):
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="members", verbose_name=_("comisión")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="commission_memberships",
        verbose_name=_("cuenta"),
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=MemberKind.choices)
    is_chair = models.BooleanField(_("preside la comisión"), default=False)
    organization = models.ForeignKey(
        "forum.Organization",
        verbose_name=_("organización"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    forum_membership = models.ForeignKey(
        "forum.ForumMembership",
        verbose_name=_("puesto en el Grupo Núcleo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    public_name = models.CharField(
        _("nombre público"),
        max_length=160,
        blank=True,
        help_text=_("Solo se publica si la persona aceptó figurar en la página del plan."),
    )
    listed_publicly = models.BooleanField(_("aceptó figurar públicamente"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set when the person leaves the commission: their submitted scores stay on record, their
    #: pending evaluations go back to the pool, and they no longer score or chair.
    left_at = models.DateTimeField(_("se retiró el"), null=True, blank=True)
    left_reason = models.CharField(_("motivo del retiro"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("integrante de la comisión")
        verbose_name_plural = _("integrantes de la comisión")
        ordering = ["commission", "-is_chair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["commission", "user"], name="commission_member_unique"),
            models.UniqueConstraint(
                fields=["commission"],
                condition=models.Q(is_chair=True),
                name="commission_one_chair",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name or self.user.get_full_name()

    @property
    def is_active(self) -> bool:
        return self.left_at is None

    @property
    def display_name(self) -> str:
        """For staff pages: the public name, the account's name, or its email."""
        return self.public_name or self.user.get_full_name()


class ConflictDeclaration(models.Model):
    """A member declares an interest: in one proposal, or in an organisation's proposals."""

    member = models.ForeignKey(CommissionMember, on_delete=models.CASCADE, related_name="conflicts")
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("propuesta"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization_name = models.CharField(_("organización"), max_length=200, blank=True)
    reason = models.CharField(_("motivo"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("declaración de conflicto de interés")
        verbose_name_plural = _("declaraciones de conflicto de interés")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposal__isnull=False) | ~models.Q(organization_name=""),
                name="conflict_has_subject",
            )
        ]

    def __str__(self) -> str:
        return self.reason


class RoundStatus(models.TextChoices):
    DRAFT = "borrador", _("En preparación")
    OPEN = "abierta", _("Abierta")
    CLOSED = "cerrada", _("Cerrada")
    PUBLISHED = "publicada", _("Publicada")


class EvaluationRound(models.Model):
    plan = models.ForeignKey(
        "plans.ActionPlan",
        verbose_name=_("plan de acción"),
        on_delete=models.PROTECT,
        related_name="evaluation_rounds",
    )
    name = models.CharField(_("nombre"), max_length=160)
    status = models.CharField(
        _("estado"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    evaluators_per_proposal = models.PositiveSmallIntegerField(
        _("evaluaciones por propuesta"), default=3
    )
    deadline = models.DateTimeField(_("fecha límite para calificar"))
    allow_attachments = models.BooleanField(
        _("las personas evaluadoras ven los adjuntos"), default=False
    )
    opened_at = models.DateTimeField(_("abierta el"), null=True, blank=True)
    closed_at = models.DateTimeField(_("cerrada el"), null=True, blank=True)
    published_at = models.DateTimeField(_("publicada el"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ronda de evaluación")
        verbose_name_plural = _("rondas de evaluación")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(evaluators_per_proposal__gte=1, evaluators_per_proposal__lte=9),
                name="round_evaluators_range",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoundCriterion(models.Model):
    """The plan's criterion as it was when the round opened (name, definition, weight)."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("nombre"), max_length=120)
    definition = models.TextField(_("definición"))
    weight = models.PositiveSmallIntegerField(_("peso (%)"))
    order = models.PositiveSmallIntegerField(_("orden"), default=0)

    class Meta:
        verbose_name = _("criterio de la ronda")
        verbose_name_plural = _("criterios de la ronda")
        ordering = ["round", "order", "id"]

    def __str__(self) -> str:
        return self.name


class CandidateGroup(models.Model):
    """A candidate commitment: proposals the commission groups by hand under one name.

    It becomes a draft commitment when the commitments app exists; until then it is a named
    group with its proposals (``RoundEntry.candidate``).
    """

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("nombre del compromiso candidato"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("compromiso candidato")
        verbose_name_plural = _("compromisos candidatos")
        ordering = ["round", "name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="candidate_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    SELECTED = "seleccionada", _("Seleccionada")
    GROUPED = "agrupada", _("Agrupada en un compromiso candidato")
    NOT_SELECTED = "no-seleccionada", _("No seleccionada")


class RoundEntry(models.Model):
    """A proposal in a round, with the commission's decision and reasoned response."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="entries")
    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.PROTECT, related_name="evaluation_entries"
    )
    candidate = models.ForeignKey(
        CandidateGroup,
        verbose_name=_("compromiso candidato"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    decision = models.CharField(_("decisión"), max_length=20, choices=Decision.choices, blank=True)
    response_text = models.TextField(_("respuesta razonada"), blank=True)

    class Meta:
        verbose_name = _("propuesta en la ronda")
        verbose_name_plural = _("propuestas en la ronda")
        ordering = ["round", "proposal_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "proposal"], name="round_entry_unique")
        ]

    def __str__(self) -> str:
        return str(self.proposal)


class Assignment(models.Model):
    """An evaluator (commission member) asked to score one proposal of a round."""

    entry = models.ForeignKey(RoundEntry, on_delete=models.CASCADE, related_name="assignments")
    member = models.ForeignKey(
        CommissionMember, on_delete=models.PROTECT, related_name="assignments"
    )
    submitted_at = models.DateTimeField(_("enviada el"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("asignación")
        verbose_name_plural = _("asignaciones")
        ordering = ["entry", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="assignment_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.entry}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    """One evaluator's 1-5 on one criterion, with its justification (a draft until submitted)."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(RoundCriterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(_("puntuación"), null=True, blank=True)
    justification = models.TextField(_("justificación"), blank=True, max_length=MAX_JUSTIFICATION)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("puntuación")
        verbose_name_plural = _("puntuaciones")
        ordering = ["assignment", "criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_unique"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=SCORE_MIN, value__lte=SCORE_MAX),
                name="score_value_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
