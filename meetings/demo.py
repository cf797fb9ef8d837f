"""Demo meetings: the seminars of 1998-2003, the OAS session of 2004, the XX CRM, and
fictitious GRCM and group meetings, past and upcoming, with agendas, delegations and (for
the upcoming group meeting) invitations with replies."""

from datetime import date, timedelta

import pghistory
from django.db import transaction
from django.utils import timezone

from core.history.labels import DEMO_DATA
from focal_points.models import Country, Designation, FocalPoint, WorkingGroup
from meetings import selectors, services
from meetings.invitations.plan import invitation_plan
from meetings.invitations.services import invitation_answer, invitation_create
from meetings.models import AgendaItem, Invitation, Meeting, MeetingDocument, Participant

DEMO_REASON = DEMO_DATA
SEMINAR, WORKSHOP = Meeting.Kind.SEMINAR, Meeting.Kind.WORKSHOP

# (slug, kind, year, month or None, host ISO or "", Spanish title, English title). Only the
# year is known for most of them (design.md): the page shows only what is known.
HISTORICAL = [
    ("seminario-trafico-migrantes-1998", SEMINAR, 1998, None, "",
     "Seminario sobre Tráfico de Migrantes", "Seminar on Migrant Smuggling"),
    ("seminario-derechos-humanos-1998", SEMINAR, 1998, None, "",
     "Seminario sobre Derechos Humanos de los Migrantes",
     "Seminar on the Human Rights of Migrants"),
    ("seminario-migracion-desarrollo-1998", SEMINAR, 1998, 5, "MX",
     "Seminario sobre Migración Internacional y Desarrollo en Norte y Centroamérica",
     "Seminar on International Migration and Development in North and Central America"),
    ("seminario-retorno-reintegracion-1999", SEMINAR, 1999, None, "",
     "Seminario sobre Migración, Retorno y Reintegración",
     "Seminar on Migration, Return and Reintegration"),
    ("seminario-proteccion-consular-1999", SEMINAR, 1999, None, "",
     "Seminario sobre Protección y Asistencia Consular",
     "Seminar on Consular Protection and Assistance"),
    ("seminario-mujeres-ninez-2000", SEMINAR, 2000, None, "",
     "Seminario sobre Mujeres y Niñez Migrantes", "Seminar on Women and Child Migrants"),
    ("taller-modernizacion-gestion-2002", WORKSHOP, 2002, None, "",
     "Taller sobre Modernización de la Gestión Migratoria y Cooperación Transfronteriza",
     "Workshop on the Modernization of Migration Management and Cross-border Cooperation"),
    ("seminario-remesas-2002", SEMINAR, 2002, None, "",
     "Seminario sobre Desarrollo Regional y el Potencial Productivo de las Remesas",
     "Seminar on Regional Development and the Productive Potential of Remittances"),
    ("taller-plan-trafico-trata-2003", WORKSHOP, 2003, None, "",
     "Taller sobre el Plan de Trabajo contra el Tráfico Ilícito de Migrantes y la Trata de "
     "Personas",
     "Workshop on the Work Plan against Migrant Smuggling and Trafficking in Persons"),
    ("seminario-retorno-digno-2003", SEMINAR, 2003, None, "",
     "Seminario sobre el Retorno Digno, Seguro y Ordenado de Migrantes Regionales y "
     "Extrarregionales",
     "Seminar on the Dignified, Safe and Orderly Return of Regional and Extra-regional "
     "Migrants"),
]  # fmt: skip

AGENDA = [
    ("Apertura y adopción de la agenda", "Opening and adoption of the agenda"),
    ("Informe de la Presidencia Pro Tempore", "Report of the Pro-Tempore Presidency"),
    ("Informes de los grupos de trabajo y redes", "Reports of the working groups and networks"),
    ("Presentación de la sociedad civil (RROCM)", "Civil society presentation (RROCM)"),
    ("Acuerdos y clausura", "Agreements and closing"),
]


def load() -> list[str]:
    """Create the demo meetings where missing (by address name); change nothing that exists."""
    with transaction.atomic(), pghistory.context(reason=DEMO_REASON):
        created = _load_historical() + _load_oas_2004() + _load_xx_crm() + _load_fictitious()
    return [f"Meetings: {created} new demo meetings"]


def _schedule(slug: str, **fields) -> Meeting | None:
    """Schedule a meeting unless one already has this address; None when it existed."""
    if Meeting.objects.filter(slug=slug).exists():
        return None
    groups = fields.pop("working_groups", ())
    return services.meeting_schedule(meeting=Meeting(slug=slug, **fields), working_groups=groups)


def _country(iso: str) -> Country | None:
    return Country.objects.filter(iso_code=iso).first() if iso else None


def _document(**lookup):
    return selectors.document_model().objects.filter(**lookup).order_by("pk").first()


def _link(meeting: Meeting, document, role: str) -> None:
    if document is not None:
        MeetingDocument.objects.get_or_create(meeting=meeting, document=document, role=role)


def _load_historical() -> int:
    created = 0
    for slug, kind, year, month, iso, title_es, title_en in HISTORICAL:
        day = date(year, month or 1, 1)
        meeting = _schedule(
            slug,
            kind=kind,
            title_es=title_es,
            title_en=title_en,
            starts_on=day,
            ends_on=day,
            date_precision=Meeting.DatePrecision.MONTH if month else Meeting.DatePrecision.YEAR,
            host_country=_country(iso),
            status=Meeting.Status.HELD,
        )
        created += meeting is not None
    return created


def _load_oas_2004() -> int:
    # Dated by the Technical Secretariat's presentation to it (CAJP/GT/TM-14/04 add.5).
    meeting = _schedule(
        "oea-sesion-especial-2004",
        kind=Meeting.Kind.OTHER,
        title_es="Sesión especial de la OEA sobre trabajadores migrantes",
        title_en="OAS special session on migrant workers",
        theme_es="La Conferencia Regional sobre Migración presentada a la OEA",
        theme_en="The Regional Conference on Migration presented to the OAS",
        starts_on=date(2004, 10, 13),
        ends_on=date(2004, 10, 13),
        city="Washington, D.C.",
        host_country=_country("US"),
        status=Meeting.Status.HELD,
    )
    if meeting is None:
        return 0
    _link(meeting, _document(symbol__istartswith="CAJP/GT/TM-14/04"), "presentation")
    return 1


def _load_xx_crm() -> int:
    meeting = _schedule(
        "xx-crm-2015",
        kind=Meeting.Kind.VICE_MINISTERIAL,
        number="XX",
        title_es="XX Reunión Viceministerial de la CRM",
        title_en="XX Vice-Ministerial Meeting of the RCM",
        theme_es="Integración, retorno y reinserción social y productiva de las personas migrantes",
        theme_en="Integration, return and social and productive reintegration of migrants",
        starts_on=date(2015, 6, 24),
        ends_on=date(2015, 6, 26),
        date_precision=Meeting.DatePrecision.MONTH,
        host_country=_country("MX"),
        status=Meeting.Status.HELD,
    )
    if meeting is None:
        return 0
    _link(meeting, _document(type="concept_note", date__year=2015), "concept_note")
    return 1


def _principals(group: WorkingGroup | None) -> list[FocalPoint]:
    if group is None:
        return []
    seats = (
        Designation.objects.current()
        .principals()
        .filter(working_group=group, focal_point__is_active=True)
        .select_related("focal_point__institution__country")
        .order_by("country__iso_code")
    )
    return [seat.focal_point for seat in seats]


def _heads_of_delegation() -> list[FocalPoint]:
    heads = []
    for country in Country.objects.members().order_by("iso_code"):
        person = (
            FocalPoint.objects.active()
            .filter(institution__country=country)
            .select_related("institution__country")
            .order_by("pk")
            .first()
        )
        if person is not None:
            heads.append(person)
    return heads


def _fill(meeting: Meeting, people: list[FocalPoint], *, head: bool, guests: bool) -> None:
    for position, (title_es, title_en) in enumerate(AGENDA, start=1):
        AgendaItem.objects.create(
            meeting=meeting, position=position, title_es=title_es, title_en=title_en
        )
    role = Participant.Role.HEAD_OF_DELEGATION if head else Participant.Role.DELEGATE
    for person in people:
        services.participant_add(meeting=meeting, focal_point=person, role=role)
    if guests:
        services.participant_add(
            meeting=meeting,
            role=Participant.Role.CIVIL_SOCIETY,
            guest_name="Lucía Ejemplo Ficticia",
            guest_institution="Red Regional de Organizaciones Civiles para las Migraciones",
            guest_email="lucia.ejemplo@example.org",
            delegation_other="RROCM",
        )
        services.participant_add(
            meeting=meeting,
            role=Participant.Role.SECRETARIAT,
            guest_name="Andrés Demostración Inventado",
            guest_institution="Secretaría Técnica de la CRM",
            guest_email="andres.demostracion@example.org",
            delegation_other="Secretaría Técnica",
        )


def _load_fictitious() -> int:
    today = timezone.localdate()
    gtmd = WorkingGroup.objects.filter(slug="gtmd").first()
    consular = WorkingGroup.objects.filter(slug="rfe-pc").first()
    heads = _heads_of_delegation()
    plan = [
        ("grcm-demo-pasada", Meeting.Kind.GRCM, today - timedelta(days=200), 2, "SV",
         "Reunión del GRCM (demostración)", "GRCM meeting (demo)", [], heads, True,
         Meeting.Distribution.PUBLIC, Meeting.Modality.IN_PERSON),
        ("grcm-demo-proxima", Meeting.Kind.GRCM, today + timedelta(days=45), 2, "HN",
         "Próxima reunión del GRCM (demostración)", "Next GRCM meeting (demo)", [], heads,
         True, Meeting.Distribution.PUBLIC, Meeting.Modality.HYBRID),
        ("gtmd-demo-virtual", Meeting.Kind.WORKING_GROUP, today + timedelta(days=20), 1, "",
         "Reunión virtual del GTMD (demostración)", "Virtual WGMD meeting (demo)", [gtmd],
         _principals(gtmd), False, Meeting.Distribution.MEMBERS, Meeting.Modality.VIRTUAL),
        ("rfe-pc-demo-pasada", Meeting.Kind.LIAISON_NETWORK, today - timedelta(days=90), 1,
         "CR", "Reunión de la Red de Protección Consular (demostración)",
         "Consular Protection Network meeting (demo)", [consular], _principals(consular),
         False, Meeting.Distribution.PUBLIC, Meeting.Modality.IN_PERSON),
    ]  # fmt: skip
    created = 0
    for slug, kind, starts_on, days, iso, title_es, title_en, groups, people, guests, *rest in plan:
        distribution, modality = rest
        meeting = _schedule(
            slug,
            kind=kind,
            title_es=title_es,
            title_en=title_en,
            starts_on=starts_on,
            ends_on=starts_on + timedelta(days=days - 1),
            host_country=_country(iso),
            city={"SV": "San Salvador", "HN": "Tegucigalpa", "CR": "San José"}.get(iso, ""),
            modality=modality,
            virtual_link="https://meet.example.org/crm-demo" if modality != "in_person" else "",
            distribution=distribution,
            status=Meeting.Status.HELD if starts_on < today else Meeting.Status.PLANNED,
            working_groups=[group for group in groups if group is not None],
        )
        if meeting is None:
            continue
        created += 1
        _fill(meeting, people, head=kind == Meeting.Kind.GRCM, guests=guests)
        if slug == "gtmd-demo-virtual":
            _invite(meeting)
    seminar = Meeting.objects.filter(slug="grcm-demo-pasada").first()
    if seminar is not None:
        _link(seminar, _document(type="concept_note", date__year__gte=2020), "concept_note")
    return created


def _invite(meeting: Meeting) -> None:
    """Invite the group's principals and alternates, recorded as sent, with a few answers."""
    # The demo sends no e-mail: the invitations are marked sent, so the board has replies
    # and the "not answered" countries a reminder would reach.
    invitations = invitation_create(
        meeting=meeting, invitees=invitation_plan(meeting=meeting).new_invitees
    )
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
        state=Invitation.State.SENT, sent_at=timezone.now()
    )
    answers = [
        {"answer": Invitation.Answer.ATTENDING},
        {"answer": Invitation.Answer.NOT_ATTENDING},
        {
            "answer": Invitation.Answer.SUBSTITUTE,
            "substitute_name": "Marta Suplente Ficticia",
            "substitute_email": "marta.suplente@example.org",
        },
        {"answer": Invitation.Answer.ATTENDING},
    ]
    for invitation, answer in zip(invitations, answers, strict=False):
        invitation_answer(invitation=invitation, **answer)
