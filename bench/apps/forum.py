"""Forum: the directory of actors with ``counts["organisations"]`` organisations (2,000 at L)."""

from families import Dataset, PageFamily, dataset_builder, page_family

PREFIXES = [
    "Fundación",
    "Colectivo",
    "Observatorio",
    "Red",
    "Asociación",
    "Centro de Estudios",
    "Ministerio",
    "Universidad",
    "Cámara",
    "Corporación",
]
SUBJECTS = [
    "Transparencia",
    "Datos Abiertos",
    "Participación",
    "Derechos Humanos",
    "Ambiente",
    "Mujeres",
    "Juventudes",
    "Periodismo",
    "Integridad",
    "Territorio",
]


@dataset_builder("forum", after=("core",))
def build(data: Dataset) -> None:
    """Bulk filler (``bulk_create``, bypassing the services on purpose: only volume for the
    bench; every row is valid, names unique, keys derived as ``Organization.save`` does)."""
    from abierto.core.geo import Province
    from abierto.forum.models import InterestTopic, Level, Organization, Sector, name_key

    total = data.scale.counts["organisations"]
    have = Organization.objects.count()
    rng = data.rng
    topics = list(InterestTopic.objects.values_list("id", flat=True))
    provinces = list(Province.values)
    sectors = [s for s in Sector.values if s != Sector.CITIZENS]
    rows = []
    for i in range(have, total):
        name = f"{PREFIXES[i % len(PREFIXES)]} {SUBJECTS[(i // 10) % len(SUBJECTS)]} {i:05d}"
        rows.append(
            Organization(
                name=name,
                name_key=name_key(name),
                acronym=f"B{i:04d}",
                sector=sectors[i % len(sectors)],
                level=rng.choice(Level.values),
                province=rng.choice(provinces),
            )
        )
    created = []
    for start in range(0, len(rows), 1000):
        created += Organization.objects.bulk_create(rows[start : start + 1000])
        data.progress("organizaciones", have + len(created), total)
    if topics and created:
        through = Organization.topics.through
        links = [
            through(organization_id=org.pk, interesttopic_id=topic)
            for org in created
            for topic in rng.sample(topics, min(2, len(topics)))
        ]
        through.objects.bulk_create(links, batch_size=2000)
    data.progress("organizaciones", total, total)


page_family(PageFamily(key="actors", label="/actores/", app="forum", order=70, paths=["/actores/"]))
