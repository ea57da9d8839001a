"""Services: every rule refused clearly, nothing half-saved, permissions per object."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.commitments import services
from abierto.commitments.models import (
    Commitment,
    CommitmentVersion,
    Evidence,
    EvidenceStatus,
    Indicator,
    Measurement,
    Milestone,
    MilestoneStatus,
    ProgressReport,
    Status,
)
from abierto.core.models import ActionLog

from .factories import D, make_commitment, make_indicator, make_liaison, make_org

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="informe.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def setting(forum_member):
    lead = make_org("Defensoría del Pueblo")
    other = make_org("Otra Institución")
    commitment = make_commitment(forum_member, lead=lead)
    foreign = make_commitment(forum_member, lead=other)
    return {
        "commitment": commitment,
        "foreign": foreign,
        "liaison": make_liaison("enlace@defensoria.example", lead),
        "other_liaison": make_liaison("enlace@otra.example", other),
    }


def test_commitment_code_must_look_like_an_ogp_code(forum_member):
    with pytest.raises(ValidationError) as info:
        make_commitment(forum_member, code="ec16")
    assert "EC0016" in str(info.value)
    assert not Commitment.objects.exists()


def test_milestone_weights_cannot_pass_100_and_nothing_is_saved(forum_member, setting):
    commitment = setting["commitment"]
    before = Milestone.objects.count()
    with pytest.raises(ValidationError) as info:
        services.milestone_create(
            actor=forum_member,
            commitment=commitment,
            data={
                "deliverable": "Uno más",
                "responsible": commitment.actors.first().organization,
                "start_date": D(2025, 3, 1),
                "end_date": D(2025, 4, 1),
                "weight": 10,
            },
        )
    assert "no pueden pasar de 100" in str(info.value)
    assert Milestone.objects.count() == before


def test_milestone_outside_the_commitment_period_is_refused(forum_member, setting):
    commitment = setting["commitment"]
    with pytest.raises(ValidationError) as info:
        services.milestone_create(
            actor=forum_member,
            commitment=commitment,
            data={
                "deliverable": "Tarde",
                "responsible": commitment.actors.first().organization,
                "start_date": D(2025, 3, 1),
                "end_date": D(2029, 4, 1),
                "weight": 0,
            },
        )
    assert "termina después que el compromiso" in str(info.value)


@pytest.mark.parametrize("progress", [-1, 101, 250])
def test_progress_outside_0_100_is_refused(setting, progress):
    milestone = setting["commitment"].milestones.first()
    with pytest.raises(ValidationError) as info:
        services.milestone_report_progress(
            actor=setting["liaison"], milestone=milestone, progress=progress
        )
    assert "entre 0 y 100" in str(info.value)
    milestone.refresh_from_db()
    assert milestone.progress == 0


def test_liaison_of_another_institution_cannot_report(setting):
    commitment = setting["commitment"]
    milestone = commitment.milestones.first()
    intruder = setting["other_liaison"]
    logs = ActionLog.objects.count()
    with pytest.raises(PermissionDenied):
        services.milestone_report_progress(actor=intruder, milestone=milestone, progress=40)
    with pytest.raises(PermissionDenied):
        services.report_submit(
            actor=intruder,
            commitment=commitment,
            period_start=D(2025, 1, 1),
            period_end=D(2025, 6, 30),
            narrative="No es mío",
        )
    with pytest.raises(PermissionDenied):
        services.evidence_submit(
            actor=intruder, milestone=milestone, description="x", url="https://example.org"
        )
    assert ActionLog.objects.count() == logs
    assert not ProgressReport.objects.exists()
    assert not Evidence.objects.exists()


def test_forum_member_does_not_self_report_for_an_institution(forum_member, setting):
    with pytest.raises(PermissionDenied):
        services.milestone_report_progress(
            actor=forum_member, milestone=setting["commitment"].milestones.first(), progress=10
        )


def test_completion_needs_verified_evidence(forum_member, setting):
    liaison = setting["liaison"]
    milestone = setting["commitment"].milestones.first()
    with pytest.raises(ValidationError) as info:
        services.milestone_report_progress(actor=liaison, milestone=milestone, progress=100)
    assert "evidencia verificada" in str(info.value)

    evidence = services.evidence_submit(
        actor=liaison, milestone=milestone, description="Acta", upload=pdf()
    )
    # Pending evidence does not count.
    with pytest.raises(ValidationError):
        services.milestone_report_progress(actor=liaison, milestone=milestone, progress=100)
    services.evidence_reject(actor=forum_member, evidence=evidence, reason="Ilegible")
    with pytest.raises(ValidationError):
        services.milestone_report_progress(actor=liaison, milestone=milestone, progress=100)

    second = services.evidence_submit(
        actor=liaison, milestone=milestone, description="Acta legible", url="https://example.org/a"
    )
    services.evidence_verify(actor=forum_member, evidence=second)
    services.milestone_report_progress(actor=liaison, milestone=milestone, progress=100)
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.COMPLETED
    assert milestone.progress == 100


def test_rejection_needs_a_reason(forum_member, setting):
    milestone = setting["commitment"].milestones.first()
    evidence = services.evidence_submit(
        actor=setting["liaison"], milestone=milestone, description="x", url="https://e.org"
    )
    with pytest.raises(ValidationError) as info:
        services.evidence_reject(actor=forum_member, evidence=evidence, reason="  ")
    assert "por qué" in str(info.value)
    evidence.refresh_from_db()
    assert evidence.status == EvidenceStatus.PENDING


def test_liaison_cannot_verify_their_own_evidence(setting):
    milestone = setting["commitment"].milestones.first()
    evidence = services.evidence_submit(
        actor=setting["liaison"], milestone=milestone, description="x", url="https://e.org"
    )
    with pytest.raises(PermissionDenied):
        services.evidence_verify(actor=setting["liaison"], evidence=evidence)


def test_counterpart_liaison_may_verify(forum_member):
    lead, counterpart = make_org("Institución A"), make_org("Fundación Contraparte")
    commitment = make_commitment(forum_member, lead=lead, counterpart=counterpart)
    evidence = services.evidence_submit(
        actor=make_liaison("a@a.example", lead),
        milestone=commitment.milestones.first(),
        description="x",
        url="https://e.org",
    )
    services.evidence_verify(actor=make_liaison("c@c.example", counterpart), evidence=evidence)
    evidence.refresh_from_db()
    assert evidence.is_verified


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", b"just text pretending", "no es un PDF, ODT, DOCX, JPEG o PNG válido"),
        ("vacio.pdf", b"", "está vacío"),
        ("grande.pdf", PDF + b"0" * (10 * 1024 * 1024), "el máximo es 10 MB"),
    ],
)
def test_evidence_of_wrong_type_or_size_is_refused(setting, name, content, message):
    milestone = setting["commitment"].milestones.first()
    with pytest.raises(ValidationError) as info:
        services.evidence_submit(
            actor=setting["liaison"],
            milestone=milestone,
            description="x",
            upload=SimpleUploadedFile(name, content),
        )
    assert message in str(info.value)
    assert not Evidence.objects.exists()


def test_evidence_needs_a_file_or_a_link_not_both(setting):
    milestone = setting["commitment"].milestones.first()
    with pytest.raises(ValidationError):
        services.evidence_submit(actor=setting["liaison"], milestone=milestone, description="x")
    with pytest.raises(ValidationError):
        services.evidence_submit(
            actor=setting["liaison"],
            milestone=milestone,
            description="x",
            upload=pdf(),
            url="https://e.org",
        )
    assert not Evidence.objects.exists()


def test_target_equal_to_baseline_is_refused(forum_member, setting):
    with pytest.raises(ValidationError) as info:
        make_indicator(forum_member, setting["commitment"], target_value=Decimal("10"))
    assert "igual a la línea base" in str(info.value)
    assert not Indicator.objects.exists()


def test_falling_indicator_needs_a_lower_target(forum_member, setting):
    with pytest.raises(ValidationError):
        make_indicator(forum_member, setting["commitment"], direction="baja")
    indicator = make_indicator(
        forum_member, setting["commitment"], direction="baja", target_value=Decimal("2")
    )
    assert indicator.pk


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (D(2024, 12, 31), "dentro del periodo del plan"),
        (D(2028, 1, 1), "dentro del periodo del plan"),
    ],
)
def test_measurement_outside_the_plan_period_is_refused(forum_member, setting, day, message):
    indicator = make_indicator(forum_member, setting["commitment"])
    with pytest.raises(ValidationError) as info:
        services.measurement_record(
            actor=setting["liaison"],
            indicator=indicator,
            value=Decimal("20"),
            date=day,
            source="Registro",
        )
    assert message in str(info.value)
    assert not Measurement.objects.exists()


def test_measurement_recorded_by_the_right_liaison(forum_member, setting):
    indicator = make_indicator(forum_member, setting["commitment"])
    services.measurement_record(
        actor=setting["liaison"],
        indicator=indicator,
        value=Decimal("20"),
        date=D(2025, 6, 1),
        source="Registro administrativo",
    )
    assert indicator.measurements.count() == 1


def test_reprogramming_keeps_the_old_version_with_its_justification(forum_member, setting):
    commitment = setting["commitment"]
    old_title = commitment.title
    with pytest.raises(ValidationError):
        services.commitment_reprogram(
            actor=forum_member, commitment=commitment, data={"title": "Nuevo"}, justification=""
        )
    services.commitment_reprogram(
        actor=forum_member,
        commitment=commitment,
        data={"title": "Portal nacional de transparencia", "end_date": D(2027, 9, 30)},
        justification="Cambio de autoridades.",
    )
    commitment.refresh_from_db()
    assert commitment.version == 2
    version = CommitmentVersion.objects.get(commitment=commitment)
    assert version.number == 1
    assert version.snapshot["title"] == old_title
    assert version.justification == "Cambio de autoridades."


def test_sheet_of_an_approved_commitment_only_changes_by_reprogramming(forum_member, setting):
    with pytest.raises(ValidationError) as info:
        services.commitment_update(
            actor=forum_member, commitment=setting["commitment"], data={"title": "Otro"}
        )
    assert "reprogramación" in str(info.value)


def test_lifecycle_refuses_skipping_and_formalising_without_acta(forum_member):
    commitment = make_commitment(forum_member, status=Status.DRAFT)
    with pytest.raises(ValidationError):
        services.commitment_transition(
            actor=forum_member, commitment=commitment, status=Status.IN_PROGRESS
        )
    for status in (Status.IN_CONSULTATION, Status.APPROVED):
        services.commitment_transition(actor=forum_member, commitment=commitment, status=status)
    with pytest.raises(ValidationError) as info:
        services.commitment_transition(
            actor=forum_member, commitment=commitment, status=Status.FORMALIZED
        )
    assert "acta" in str(info.value)


def test_no_op_update_writes_no_audit_entry(forum_member):
    commitment = make_commitment(forum_member, status=Status.DRAFT)
    logs = ActionLog.objects.count()
    assert (
        services.commitment_update(
            actor=forum_member, commitment=commitment, data={"title": commitment.title}
        )
        == {}
    )
    assert ActionLog.objects.count() == logs


def test_report_period_in_the_future_is_refused(setting):
    with pytest.raises(ValidationError):
        services.report_submit(
            actor=setting["liaison"],
            commitment=setting["commitment"],
            period_start=datetime.date(2099, 1, 1),
            period_end=datetime.date(2099, 6, 1),
            narrative="Futuro",
        )


def test_comments_only_during_consultation(forum_member, citizen):
    commitment = make_commitment(forum_member, status=Status.DRAFT)
    with pytest.raises(PermissionDenied):
        services.comment_post(actor=citizen, commitment=commitment, body="Hola")
    services.commitment_transition(
        actor=forum_member, commitment=commitment, status=Status.IN_CONSULTATION
    )
    comment = services.comment_post(actor=citizen, commitment=commitment, body="Sugerencia")
    services.comment_answer(actor=forum_member, comment=comment, answer="Gracias, se incluye.")
    comment.refresh_from_db()
    assert comment.answer == "Gracias, se incluye."


def test_formalising_lists_the_acta_in_the_document_repository(forum_member):
    from abierto.content.models import Document

    commitment = make_commitment(forum_member, status=Status.FORMALIZED)
    document = Document.objects.get(external_url="https://example.org/acta.pdf")
    assert document.title.startswith(f"Acta de compromiso {commitment.code}")
    assert document.plan == commitment.plan
