import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from abierto.commitments import services

from .factories import D, make_commitment, make_indicator, make_liaison, make_org, make_plan

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def populate(forum_member, plan, count: int, prefix: str = "Inst"):
    """``count`` commitments in ``plan`` with milestones, evidence, an indicator, measurements."""
    made = []
    for n in range(count):
        lead = make_org(f"{prefix} {n}")
        support = make_org(f"{prefix} apoyo {n}")
        commitment = make_commitment(
            forum_member, plan=plan, lead=lead, support=[support], axis=plan.axes.all()[n % 2]
        )
        liaison = make_liaison(f"enlace{n}-{plan.pk}@{prefix.lower()}.example", lead)
        first, second = commitment.milestones.all()
        evidence = services.evidence_submit(
            actor=liaison,
            milestone=first,
            description="Acta firmada",
            upload=SimpleUploadedFile("acta.pdf", PDF),
        )
        services.evidence_verify(actor=forum_member, evidence=evidence)
        services.evidence_submit(
            actor=liaison, milestone=second, description="Borrador", url="https://example.org/b"
        )
        services.milestone_report_progress(actor=liaison, milestone=first, progress=100)
        services.milestone_report_progress(actor=liaison, milestone=second, progress=30)
        indicator = make_indicator(forum_member, commitment)
        for day, value in ((D(2025, 6, 1), 20), (D(2026, 1, 10), 35)):
            services.measurement_record(
                actor=liaison, indicator=indicator, value=value, date=day, source="Registro"
            )
        made.append((commitment, liaison))
    return made


@pytest.fixture
def tracked(db, forum_member, media):
    plan = make_plan()
    made = populate(forum_member, plan, 2)
    return {"plan": plan, "commitments": [c for c, _ in made], "liaisons": [li for _, li in made]}
