# ruff: noqa: E501 - Markdown table rows cannot be wrapped.
"""Texts of the information pages (Spanish and English), written for Abierto.

Facts come from the public "Guía breve de Gobierno Abierto" of Ecuador and OGP sources;
the wording is our own. Editors change these pages in /gestion/contenido/ afterwards.
"""

PAGES = [
    {
        "slug": "que-es-gobierno-abierto",
        "order": 10,
        "title": "Qué es el gobierno abierto y qué busca",
        "title_en": "What open government is and what it aims for",
        "summary": "Una manera de gobernar en la que el Estado abre sus decisiones a la "
        "ciudadanía y rinde cuentas de ellas.",
        "summary_en": "A way of governing in which the State opens its decisions to the "
        "public and answers for them.",
        "body": """\
El gobierno abierto es una manera distinta de gestionar lo público. En lugar de decidir a
puertas cerradas, las instituciones comparten la información que producen, escuchan a la
ciudadanía antes de actuar y responden por lo que hacen. La gestión se vuelve más ética y
responsable, y queda sujeta al control social de cualquier persona interesada.

La idea de fondo es la **corresponsabilidad**: los problemas públicos se resuelven mejor cuando
quienes los viven participan en la búsqueda de soluciones. Por eso el gobierno abierto invita a
la ciudadanía a intervenir en los asuntos públicos y se apoya en las tecnologías de la
información y la comunicación para que esa participación sea sencilla, transparente e
innovadora.

## Lo que persigue

El gobierno abierto tiene cuatro fines:

1. **Fortalecer la democracia**, porque más personas participan en las decisiones que les
   afectan.
2. **Mejorar la calidad de vida**, con políticas públicas que atienden necesidades reales.
3. **Generar confianza en los gobiernos**, al mostrar cómo se decide y en qué se usan los
   recursos.
4. **Promover la innovación y el emprendimiento**, abriendo datos e ideas que otros pueden
   aprovechar.

> Su lema en Ecuador resume el enfoque: **«Transparencia, participación y colaboración»**.
""",
        "body_en": """\
Open government is a different way of running public affairs. Instead of deciding behind
closed doors, institutions share the information they hold, listen to the public before they
act and answer for what they do. Public management becomes more ethical and responsible, and
anyone who cares can hold it to account.

The underlying idea is **shared responsibility**: public problems are solved better when the
people who live with them help to find the answers. Open government therefore invites citizens
into public affairs and uses information and communication technologies to make that
participation simple, transparent and innovative.

## What it aims for

Open government pursues four aims:

1. **Strengthen democracy**, because more people take part in the decisions that affect them.
2. **Improve quality of life**, with public policies that meet real needs.
3. **Build trust in government**, by showing how decisions are made and how resources are
   spent.
4. **Promote innovation and entrepreneurship**, by opening data and ideas that others can
   build on.

> Ecuador's motto sums up the approach: **"Transparency, participation and collaboration"**.
""",
    },
    {
        "slug": "pilares",
        "order": 20,
        "title": "Los cuatro pilares del gobierno abierto",
        "title_en": "The four pillars of open government",
        "summary": "Transparencia, integridad, participación y colaboración: las bases sobre "
        "las que se construye cada compromiso.",
        "summary_en": "Transparency, integrity, participation and collaboration: the bases on "
        "which every commitment is built.",
        "body": """\
Todo lo que se hace en nombre del gobierno abierto descansa sobre cuatro pilares. Un buen
compromiso de un plan de acción refuerza al menos uno de ellos.

## 1. Transparencia y acceso a la información pública

La información que generan las instituciones pertenece a la ciudadanía. Debe publicarse a
tiempo, en formatos fáciles de usar y reutilizar, sin que haga falta pedirla.

## 2. Integridad y rendición de cuentas

Quienes ejercen funciones públicas explican sus decisiones, responden por sus resultados y se
rigen por normas éticas exigentes. Las cuentas claras permiten detectar y corregir errores y
abusos.

## 3. Participación ciudadana

Las personas intervienen en el diseño, la ejecución y la evaluación de las políticas públicas,
no solo en el momento de votar.

## 4. Colaboración e innovación pública y ciudadana

Estado, sociedad civil, academia y sector privado trabajan juntos y prueban soluciones nuevas
para problemas de siempre, compartiendo conocimientos, datos y recursos.
""",
        "body_en": """\
Everything done in the name of open government rests on four pillars. A good action-plan
commitment strengthens at least one of them.

## 1. Transparency and access to public information

The information institutions produce belongs to the public. It should be published on time,
in formats that are easy to use and reuse, without anyone having to ask for it.

## 2. Integrity and accountability

People in public office explain their decisions, answer for their results and follow
demanding ethical rules. Clear accounts make it possible to spot and correct mistakes and
abuses.

## 3. Citizen participation

People take part in designing, carrying out and evaluating public policy, not only on
election day.

## 4. Public and citizen collaboration and innovation

The State, civil society, academia and the private sector work together and try new solutions
to old problems, sharing knowledge, data and resources.
""",
    },
    {
        "slug": "que-puede-hacer-la-ciudadania",
        "order": 30,
        "title": "Lo que el gobierno abierto le permite hacer",
        "title_en": "What open government lets you do",
        "summary": "Cinco formas concretas en que una persona puede intervenir en lo público.",
        "summary_en": "Five concrete ways in which a person can take part in public affairs.",
        "body": """\
El gobierno abierto no es un asunto solo de instituciones. Abre a cada persona caminos
concretos para intervenir en lo público. Con él usted puede:

- **Dar a conocer sus necesidades** y las de su comunidad, y contribuir a encontrar
  soluciones.
- **Obtener más información pública**, a tiempo y en formatos sencillos de entender.
- **Intervenir en todo el recorrido de una política pública**: su diseño, su ejecución, el
  seguimiento de sus avances y la evaluación de sus resultados.
- **Proponer ideas** para proyectos o iniciativas que beneficien a su comunidad.
- **Aprender y desarrollar capacidades** en temas de interés común junto a otras personas y
  organizaciones.

En esta plataforma puede hacerlo desde ahora: lea los [planes de acción](/planes/), envíe una
[propuesta](/propuestas/nueva/) o revise los [documentos](/documentos/) del proceso.
""",
        "body_en": """\
Open government is not only a matter for institutions. It gives each person concrete ways to
take part in public affairs. With it you can:

- **Make your needs known**, and those of your community, and help to find solutions.
- **Get more public information**, on time and in formats that are easy to understand.
- **Take part in the whole life of a public policy**: its design, its delivery, the follow-up
  of its progress and the evaluation of its results.
- **Put forward ideas** for projects or initiatives that benefit your community.
- **Learn and build skills** on matters of common interest together with other people and
  organisations.

You can start on this platform today: read the [action plans](/planes/), send a
[proposal](/propuestas/nueva/) or browse the [documents](/documentos/) of the process.
""",
    },
    {
        "slug": "alianza-para-el-gobierno-abierto",
        "order": 40,
        "title": "La Alianza para el Gobierno Abierto (OGP)",
        "title_en": "The Open Government Partnership (OGP)",
        "summary": "La iniciativa internacional a la que pertenece Ecuador y los compromisos "
        "que asumen sus miembros.",
        "summary_en": "The international initiative Ecuador belongs to and the commitments its "
        "members make.",
        "body": """\
La **Alianza para el Gobierno Abierto** (OGP, por sus siglas en inglés, *Open Government
Partnership*) es una iniciativa internacional que impulsa en los gobiernos la transparencia,
la participación, la colaboración, el libre acceso a la información pública y el uso de
nuevas tecnologías. En mayo de 2022 la integraban **77 países y 106 gobiernos locales**.

## Qué se compromete a hacer un país miembro

Al unirse, cada país suscribe la **Declaración de Gobierno Abierto** y se obliga a:

- publicar más información sobre lo que hace el gobierno;
- apoyar la participación de la ciudadanía;
- aplicar en la administración pública los más altos estándares de integridad profesional;
- ampliar el acceso a nuevas tecnologías que favorezcan la apertura y la rendición de cuentas.

Además, el país prepara junto con la sociedad civil **planes de acción** periódicos, con
compromisos concretos que después se evalúan de forma independiente. Puede leer más en
[Qué es un plan de acción](/gobierno-abierto/planes-de-accion/) y en el sitio de la
[Alianza](https://www.opengovpartnership.org/).
""",
        "body_en": """\
The **Open Government Partnership** (OGP) is an international initiative that encourages
governments to pursue transparency, participation, collaboration, free access to public
information and the use of new technologies. In May 2022 it had **77 countries and 106 local
governments** as members.

## What a member country commits to

On joining, each country signs the **Open Government Declaration** and undertakes to:

- publish more information about what the government does;
- support civic participation;
- apply the highest standards of professional integrity in public administration;
- widen access to new technologies that favour openness and accountability.

The country also prepares regular **action plans** together with civil society, with concrete
commitments that are then reviewed independently. Read more in
[What an action plan is](/gobierno-abierto/planes-de-accion/) and on the
[Partnership's website](https://www.opengovpartnership.org/).
""",
    },
    {
        "slug": "ecuador-en-la-alianza",
        "order": 50,
        "title": "El camino de Ecuador en la Alianza",
        "title_en": "Ecuador's path in the Partnership",
        "summary": "Desde su ingreso el 18 de julio de 2018 hasta la cocreación del Segundo "
        "Plan de Acción, en seis pasos.",
        "summary_en": "From joining on 18 July 2018 to the co-creation of the Second Action "
        "Plan, in six steps.",
        "body": """\
Ecuador forma parte de la Alianza para el Gobierno Abierto desde el **18 de julio de 2018**.
Estos son los pasos que ha dado desde entonces:

1. **Julio y agosto de 2018 — Ingreso y foro propio.** El país se une a la Alianza el 18 de
   julio y, en agosto, se conforma el Grupo Núcleo de Gobierno Abierto Ecuador.
2. **10 al 13 de septiembre de 2018 — Visita de la Alianza.** Una delegación de la OGP llega
   al país para acompañar los primeros pasos.
3. **Octubre de 2018 a agosto de 2019 — Primer Plan de Acción.** Gobierno, sociedad civil y
   academia cocrean el Primer Plan de Acción de Gobierno Abierto 2019-2022.
4. **29 al 31 de mayo de 2019 — Cumbre Global.** Una delegación ecuatoriana participa en la
   VI Cumbre Global de la Alianza.
5. **Enero de 2020 a agosto de 2022 — Implementación.** Se ejecutan los compromisos del primer
   plan y se monitorea y da seguimiento a sus resultados.
6. **Octubre de 2021 a diciembre de 2022 — Segundo Plan de Acción.** Se cocrea el Segundo Plan
   de Acción 2022-2024, *Hacia Estado Abierto*, con recepción de propuestas ciudadanas y mesas
   de cocreación en varias ciudades.

El detalle de cada plan, con sus etapas y compromisos, está en [Planes de acción](/planes/).
""",
        "body_en": """\
Ecuador has been a member of the Open Government Partnership since **18 July 2018**. These
are the steps it has taken since then:

1. **July and August 2018 — Joining and its own forum.** The country joins the Partnership on
   18 July and, in August, the Grupo Núcleo (core group) of Open Government Ecuador is formed.
2. **10 to 13 September 2018 — OGP visit.** A delegation of the Partnership visits the
   country to support its first steps.
3. **October 2018 to August 2019 — First Action Plan.** Government, civil society and
   academia co-create the First Open Government Action Plan 2019-2022.
4. **29 to 31 May 2019 — Global Summit.** An Ecuadorian delegation takes part in the
   Partnership's 6th Global Summit.
5. **January 2020 to August 2022 — Implementation.** The commitments of the first plan are
   carried out, and their results are monitored and followed up.
6. **October 2021 to December 2022 — Second Action Plan.** The Second Action Plan 2022-2024,
   *Towards an Open State*, is co-created, with citizen proposals and co-creation tables
   (*mesas*) in several cities.

Each plan, with its stages and commitments, is described under [Action plans](/planes/).
""",
    },
    {
        "slug": "planes-de-accion",
        "order": 60,
        "title": "Qué es un plan de acción y cómo se sigue su avance",
        "title_en": "What an action plan is and how its progress is followed",
        "summary": "El instrumento que convierte el gobierno abierto en compromisos concretos, "
        "con hitos, indicadores, evidencias y revisión independiente.",
        "summary_en": "The instrument that turns open government into concrete commitments, "
        "with milestones, indicators, evidence and independent review.",
        "body": """\
Un **plan de acción de gobierno abierto** es la herramienta con la que un país fija
**compromisos específicos** y **acciones concretas** para resolver problemas reales de la
administración pública. No lo escribe solo el gobierno: se **cocrea** con la sociedad civil,
la academia y la ciudadanía. El Primer Plan de Acción de Ecuador (2019-2022) se elaboró así,
entre gobierno, sociedad civil y academia.

## De la propuesta al compromiso

Las ideas llegan como propuestas ciudadanas, en línea o en mesas de cocreación. Una comisión
del Grupo Núcleo las evalúa con criterios conocidos de antemano; las seleccionadas se
convierten en compromisos que se publican para comentarios y se formalizan en un acta.

## Cómo se sigue el avance

Cada compromiso tiene una institución responsable y se divide en piezas que se pueden
comprobar:

- **Hitos**: entregables con fecha de inicio y de fin. Su avance muestra si el compromiso va
  a tiempo o se retrasa.
- **Indicadores**: medidas con un valor de partida y una meta, que se actualizan con
  mediciones fechadas.
- **Evidencias**: documentos o enlaces que respaldan cada avance reportado. El Grupo Núcleo
  las revisa y las acepta o las rechaza con un motivo.

Los avances se publican en la plataforma de seguimiento, por plan, eje, institución y
compromiso.

## La mirada independiente

Aparte de lo que informan las instituciones, el **Mecanismo de Revisión Independiente**
(IRM, por sus siglas en inglés) de la Alianza evalúa el diseño y los resultados de cada plan.
Sus informes se publican en el [repositorio de documentos](/documentos/) y permiten contrastar
el autorreporte con una opinión externa.
""",
        "body_en": """\
An **open government action plan** is the tool a country uses to set **specific commitments**
and **concrete actions** that tackle real problems of public administration. The government
does not write it alone: it is **co-created** with civil society, academia and the public.
Ecuador's First Action Plan (2019-2022) was drawn up in this way, by government, civil
society and academia.

## From proposal to commitment

Ideas arrive as citizen proposals, online or at co-creation tables (*mesas*). A commission of
the Grupo Núcleo assesses them against criteria announced in advance; the ones selected become
commitments that are published for comment and formalised in a signed record.

## How progress is followed

Each commitment has a lead institution and is split into parts that can be checked:

- **Milestones**: deliverables with a start and an end date. Their progress shows whether the
  commitment is on time or delayed.
- **Indicators**: measures with a baseline and a target, updated with dated measurements.
- **Evidence**: documents or links that back each reported step. The Grupo Núcleo reviews
  them and accepts them or rejects them with a reason.

Progress is published on the tracking platform, by plan, axis, institution and commitment.

## The independent view

Besides what institutions report, the Partnership's **Independent Reporting Mechanism** (IRM)
assesses the design and the results of each plan. Its reports are published in the
[document repository](/documentos/) so that self-reporting can be set against an outside view.
""",
    },
    {
        "slug": "actores",
        "order": 70,
        "title": "Quiénes participan: los actores del gobierno abierto",
        "title_en": "Who takes part: the actors of open government",
        "summary": "Seis tipos de actores unen esfuerzos para llevar adelante el plan de acción.",
        "summary_en": "Six kinds of actors join forces to carry out the action plan.",
        "body": """\
El gobierno abierto no funciona si lo impulsa un solo sector. En Ecuador reúne a actores muy
distintos que comparten objetivos y suman esfuerzos; cada uno cumple un papel necesario para
que el plan de acción se ejecute.

| Actor | Qué aporta |
| --- | --- |
| **Ciudadanía** | Sus necesidades, sus propuestas y su mirada vigilante sobre los resultados. |
| **Sociedad civil** | Organizaciones con experiencia en los temas, que proponen, acompañan y exigen cuentas. |
| **Academia** | Conocimiento, investigación y evaluación rigurosa de lo que funciona. |
| **Sector público** | Las instituciones que asumen los compromisos y los llevan a cabo. |
| **Sector privado** | Innovación, datos y recursos para soluciones de interés público. |
| **Organismos internacionales** | Acompañamiento técnico, buenas prácticas de otros países y apoyo al proceso. |

Puede consultar las organizaciones que participan en [Actores](/actores/).
""",
        "body_en": """\
Open government does not work when only one sector drives it. In Ecuador it brings together
very different actors who share goals and join forces; each plays a necessary part in carrying
out the action plan.

| Actor | What it brings |
| --- | --- |
| **Citizens** | Their needs, their proposals and a watchful eye on results. |
| **Civil society** | Organisations with know-how on the issues, which propose, accompany and demand accountability. |
| **Academia** | Knowledge, research and rigorous evaluation of what works. |
| **Public sector** | The institutions that take on the commitments and deliver them. |
| **Private sector** | Innovation, data and resources for solutions in the public interest. |
| **International organisations** | Technical support, good practice from other countries and backing for the process. |

The organisations taking part are listed under [Actors](/actores/).
""",
    },
    {
        "slug": "grupo-nucleo",
        "order": 80,
        "title": "El Grupo Núcleo",
        "title_en": "The Grupo Núcleo",
        "summary": "El foro multiactor que coordina la cocreación del plan, acompaña su "
        "ejecución y vigila sus resultados.",
        "summary_en": "The multi-stakeholder forum that coordinates the plan's co-creation, "
        "supports its delivery and watches its results.",
        "body": """\
El **Grupo Núcleo de Gobierno Abierto Ecuador** es el foro en el que se sientan, en igualdad
de condiciones, representantes del **gobierno**, de la **sociedad civil** y de la **academia**.
Se conformó en agosto de 2018, pocas semanas después del ingreso del país a la Alianza.

Su propósito es acordar estrategias comunes para **impulsar, promover y poner en práctica** el
gobierno abierto en el país. En concreto, el Grupo Núcleo:

- **coordina la cocreación** del plan de acción: define la metodología, anuncia las etapas y
  organiza las mesas;
- **evalúa y selecciona** las propuestas a través de su comisión evaluadora y responde de forma
  razonada a cada aporte;
- **acompaña la implementación** de los compromisos junto a las instituciones responsables;
- **monitorea los resultados**, verifica las evidencias y rinde cuentas de todo el proceso.

Conozca a sus integrantes y sus reuniones en [Grupo Núcleo](/grupo-nucleo/).
""",
        "body_en": """\
The **Grupo Núcleo of Open Government Ecuador** (the core group) is the forum where
representatives of **government**, **civil society** and **academia** sit as equals. It was
formed in August 2018, a few weeks after the country joined the Partnership.

Its purpose is to agree on common strategies to **drive, promote and put into practice** open
government in the country. In particular, the Grupo Núcleo:

- **coordinates the co-creation** of the action plan: it sets the method, announces the stages
  and organises the co-creation tables (*mesas*);
- **assesses and selects** proposals through its evaluation commission and gives a reasoned
  response to every contribution;
- **supports the implementation** of the commitments together with the lead institutions;
- **monitors the results**, verifies the evidence and accounts for the whole process.

Meet its members and see its meetings under [Grupo Núcleo](/grupo-nucleo/).
""",
    },
    {
        "slug": "como-enviar-una-propuesta",
        "order": 90,
        "title": "Cómo enviar una propuesta",
        "title_en": "How to send a proposal",
        "summary": "Los pasos para presentar su propuesta en línea y seguirla con su código.",
        "summary_en": "The steps to submit your proposal online and follow it with its code.",
        "body": """\
Cuando un plan de acción está en la etapa de recepción de propuestas, cualquier persona u
organización puede presentar la suya. Hacerlo en línea toma pocos minutos:

1. **Revise el plan en cocreación** en [Planes de acción](/planes/): sus ejes, sus etapas y
   los criterios con los que se evaluará cada propuesta.
2. **Abra el formulario** en [Enviar una propuesta](/propuestas/nueva/).
3. **Describa el problema y su solución**: qué ocurre, a quién afecta y qué propone hacer.
   Elija el eje y, si corresponde, la provincia.
4. **Envíe la propuesta.** Recibirá un **código de seguimiento**; guárdelo.
5. **Consulte su estado** cuando quiera en [Estado de una propuesta](/propuestas/estado/). Al
   final del proceso, cada propuesta recibe una respuesta razonada que explica si se incluyó
   en el plan y por qué.

## Qué hace fuerte a una propuesta

Las propuestas se valoran por su **relevancia**, su **factibilidad**, su grado de
**innovación**, su **alcance** y su **sostenibilidad**. Una buena propuesta atiende un problema
que afecta a mucha gente, puede realizarse con los recursos disponibles dentro del periodo del
plan y deja algo que perdura después.

Si prefiere hacerlo en persona, también puede llevar su propuesta a una mesa de cocreación.
""",
        "body_en": """\
When an action plan is at the stage of receiving proposals, any person or organisation can
submit one. Doing it online takes a few minutes:

1. **Read the plan being co-created** under [Action plans](/planes/): its axes, its stages and
   the criteria each proposal will be assessed on.
2. **Open the form** at [Send a proposal](/propuestas/nueva/).
3. **Describe the problem and your solution**: what is happening, who it affects and what you
   propose to do. Choose the axis and, where relevant, the province.
4. **Send the proposal.** You will receive a **tracking code**; keep it.
5. **Check its status** whenever you like at [Proposal status](/propuestas/estado/). At the
   end of the process every proposal gets a reasoned response explaining whether it was
   included in the plan and why.

## What makes a proposal strong

Proposals are rated on **relevance**, **feasibility**, **innovation**, **reach** and
**sustainability**. A good proposal tackles a problem that affects many people, can be done
with the available resources within the plan's period and leaves something that lasts.

If you prefer, you can also bring your proposal in person to a co-creation table (*mesa*).
""",
    },
]
