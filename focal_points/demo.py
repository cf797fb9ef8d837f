"""Demo directory: members, observers, ministries, groups, presidencies and invented people.

Idempotent: every row is looked up by a natural key first and only created when missing, so
a second run writes nothing (and so records no history event). The people are invented:
plainly fictitious names and example.org addresses, never a real official.
"""

from datetime import date, timedelta

import pghistory
import phonenumbers
from django.db import transaction
from django.utils import timezone

from core.history.labels import DEMO_DATA
from core.text import fold
from focal_points.models import (
    Country,
    Designation,
    FocalPoint,
    Institution,
    Presidency,
    WorkingGroup,
)
from focal_points.services import designation_start

CRM_FOUNDED = date(1996, 2, 1)
DEMO_REASON = DEMO_DATA

# (ISO code, Spanish name, English name)
MEMBERS = [
    ("BZ", "Belice", "Belize"),
    ("CA", "Canadá", "Canada"),
    ("CR", "Costa Rica", "Costa Rica"),
    ("SV", "El Salvador", "El Salvador"),
    ("US", "Estados Unidos", "United States"),
    ("GT", "Guatemala", "Guatemala"),
    ("HN", "Honduras", "Honduras"),
    ("MX", "México", "Mexico"),
    ("NI", "Nicaragua", "Nicaragua"),
    ("PA", "Panamá", "Panama"),
    ("DO", "República Dominicana", "Dominican Republic"),
]

# Observer organizations named in 2004: (acronym es, acronym en, name es, name en, website)
OBSERVER_ORGANIZATIONS = [
    (
        "CIDH",
        "IACHR",
        "Comisión Interamericana de Derechos Humanos",
        "Inter-American Commission on Human Rights",
        "https://www.oas.org/es/cidh/",
    ),
    (
        "OIM",
        "IOM",
        "Organización Internacional para las Migraciones",
        "International Organization for Migration",
        "https://www.iom.int/",
    ),
    (
        "CEPAL-CELADE",
        "ECLAC-CELADE",
        "Comisión Económica para América Latina y el Caribe - Centro Latinoamericano y "
        "Caribeño de Demografía",
        "Economic Commission for Latin America and the Caribbean - Latin American and "
        "Caribbean Demographic Centre",
        "https://www.cepal.org/es/celade",
    ),
    (
        "ACNUR",
        "UNHCR",
        "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "Office of the United Nations High Commissioner for Refugees",
        "https://www.acnur.org/",
    ),
    (
        "",
        "",
        "Relator Especial de las Naciones Unidas sobre los derechos humanos de los migrantes",
        "United Nations Special Rapporteur on the human rights of migrants",
        "https://www.ohchr.org/es/special-procedures/sr-migrants",
    ),
    (
        "SICA",
        "SICA",
        "Sistema de la Integración Centroamericana",
        "Central American Integration System",
        "https://www.sica.int/",
    ),
]

# Three ministries per member: (kind, acronym es, acronym en, name es, name en)
F, M, L = (
    Institution.Kind.FOREIGN_AFFAIRS,
    Institution.Kind.MIGRATION,
    Institution.Kind.LABOUR,
)
MINISTRIES = {
    "BZ": [
        (F, "MRE", "MFA", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (
            M,
            "DIN",
            "IND",
            "Departamento de Inmigración y Nacionalidad",
            "Immigration and Nationality Department",
        ),
        (L, "DT", "DOL", "Departamento de Trabajo", "Labour Department"),
    ],
    "CA": [
        (F, "AMC", "GAC", "Asuntos Mundiales Canadá", "Global Affairs Canada"),
        (
            M,
            "IRCC",
            "IRCC",
            "Inmigración, Refugiados y Ciudadanía Canadá",
            "Immigration, Refugees and Citizenship Canada",
        ),
        (
            L,
            "EDSC",
            "ESDC",
            "Empleo y Desarrollo Social Canadá",
            "Employment and Social Development Canada",
        ),
    ],
    "CR": [
        (
            F,
            "MREC",
            "MREC",
            "Ministerio de Relaciones Exteriores y Culto",
            "Ministry of Foreign Affairs and Worship",
        ),
        (
            M,
            "DGME",
            "DGME",
            "Dirección General de Migración y Extranjería",
            "General Directorate of Migration and Foreigners",
        ),
        (
            L,
            "MTSS",
            "MTSS",
            "Ministerio de Trabajo y Seguridad Social",
            "Ministry of Labour and Social Security",
        ),
    ],
    "SV": [
        (F, "RREE", "MFA", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (
            M,
            "DGME",
            "DGME",
            "Dirección General de Migración y Extranjería",
            "General Directorate of Migration and Foreigners",
        ),
        (
            L,
            "MTPS",
            "MTPS",
            "Ministerio de Trabajo y Previsión Social",
            "Ministry of Labour and Social Welfare",
        ),
    ],
    "US": [
        (F, "DOS", "DOS", "Departamento de Estado", "Department of State"),
        (
            M,
            "DHS",
            "DHS",
            "Departamento de Seguridad Nacional",
            "Department of Homeland Security",
        ),
        (L, "DOL", "DOL", "Departamento de Trabajo", "Department of Labor"),
    ],
    "GT": [
        (F, "MINEX", "MINEX", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (M, "IGM", "IGM", "Instituto Guatemalteco de Migración", "Guatemalan Migration Institute"),
        (
            L,
            "MINTRAB",
            "MINTRAB",
            "Ministerio de Trabajo y Previsión Social",
            "Ministry of Labour and Social Welfare",
        ),
    ],
    "HN": [
        (
            F,
            "SRECI",
            "SRECI",
            "Secretaría de Relaciones Exteriores y Cooperación Internacional",
            "Ministry of Foreign Affairs and International Cooperation",
        ),
        (M, "INM", "INM", "Instituto Nacional de Migración", "National Migration Institute"),
        (
            L,
            "STSS",
            "STSS",
            "Secretaría de Trabajo y Seguridad Social",
            "Ministry of Labour and Social Security",
        ),
    ],
    "MX": [
        (F, "SRE", "SRE", "Secretaría de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (M, "INM", "INM", "Instituto Nacional de Migración", "National Migration Institute"),
        (
            L,
            "STPS",
            "STPS",
            "Secretaría del Trabajo y Previsión Social",
            "Ministry of Labour and Social Welfare",
        ),
    ],
    "NI": [
        (
            F,
            "MINREX",
            "MINREX",
            "Ministerio de Relaciones Exteriores",
            "Ministry of Foreign Affairs",
        ),
        (
            M,
            "DGME",
            "DGME",
            "Dirección General de Migración y Extranjería",
            "General Directorate of Migration and Foreigners",
        ),
        (L, "MITRAB", "MITRAB", "Ministerio del Trabajo", "Ministry of Labour"),
    ],
    "PA": [
        (F, "MIRE", "MIRE", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (M, "SNM", "SNM", "Servicio Nacional de Migración", "National Migration Service"),
        (
            L,
            "MITRADEL",
            "MITRADEL",
            "Ministerio de Trabajo y Desarrollo Laboral",
            "Ministry of Labour and Workforce Development",
        ),
    ],
    "DO": [
        (F, "MIREX", "MIREX", "Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"),
        (M, "DGM", "DGM", "Dirección General de Migración", "General Directorate of Migration"),
        (L, "MT", "MT", "Ministerio de Trabajo", "Ministry of Labour"),
    ],
}

WGMD_MANDATE_ES = (
    "Propuesto por Guatemala en 2009 y presidido por la Presidencia Pro Tempore, que reúne "
    "los contactos y coordina la comunicación electrónica. Cada país designa al menos un punto "
    "focal que enlaza con sus demás instituciones (trabajo, economía, desarrollo rural, "
    "relaciones exteriores, migración). Idiomas de trabajo: español e inglés. La PPT informa "
    "sobre el grupo en cada reunión del GRCM. Primer mandato: la base de datos de puntos "
    "focales, con una sección en el sitio web de la CRM."
)
WGMD_MANDATE_EN = (
    "Proposed by Guatemala in 2009 and chaired by the Pro-Tempore Presidency, which compiles "
    "the contacts and coordinates electronic communication. Each country designates at least "
    "one focal point who links to its other agencies (labour, economy, rural development, "
    "foreign affairs, migration). Working languages: English and Spanish. The PPT reports on "
    "the group at every GRCM meeting. First mandate: the focal-point database, with a section "
    "on the CRM website."
)

# (acronym es, acronym en, kind, name es, name en, mandate es, mandate en, established)
WORKING_GROUPS = [
    (
        "GTMD",
        "WGMD",
        WorkingGroup.Kind.WORKING_GROUP,
        "Grupo de Trabajo sobre Migración y Desarrollo",
        "Working Group on Migration and Development",
        WGMD_MANDATE_ES,
        WGMD_MANDATE_EN,
        date(2009, 6, 1),
    ),
    (
        "RFE-PC",
        "LON-CP",
        WorkingGroup.Kind.LIAISON_NETWORK,
        "Red de Funcionarios de Enlace para la Protección Consular",
        "Liaison Officers Network for Consular Protection",
        "Coordinar la protección y asistencia consular de las personas migrantes entre los "
        "países miembros, con un enlace por país disponible para casos urgentes.",
        "Coordinate consular protection and assistance for migrants among the member "
        "countries, with one liaison per country available for urgent cases.",
        None,
    ),
    (
        "RFE-TT",
        "LON-ST",
        WorkingGroup.Kind.LIAISON_NETWORK,
        "Red de Funcionarios de Enlace para el Combate al Tráfico Ilícito de Migrantes y la "
        "Trata de Personas",
        "Liaison Officers Network to Combat Migrant Smuggling and Trafficking in Persons",
        "Intercambiar información y coordinar acciones contra el tráfico ilícito de migrantes y "
        "la trata de personas, y la atención a sus víctimas.",
        "Exchange information and coordinate action against migrant smuggling and trafficking "
        "in persons, and the care of their victims.",
        None,
    ),
    (
        "GT-MI",
        "WG-IM",
        WorkingGroup.Kind.WORKING_GROUP,
        "Grupo de Trabajo sobre Migración Irregular",
        "Working Group on Irregular Migration",
        "Analizar los flujos de migración irregular en la región y proponer respuestas "
        "coordinadas que respeten los derechos humanos de las personas migrantes.",
        "Analyse irregular migration flows in the region and propose coordinated responses "
        "that respect the human rights of migrants.",
        None,
    ),
    (
        "GT-ML",
        "WG-LM",
        WorkingGroup.Kind.WORKING_GROUP,
        "Grupo de Trabajo sobre Migración Laboral",
        "Working Group on Labour Migration",
        "Promover la migración laboral ordenada y segura, y el intercambio de buenas prácticas "
        "sobre contratación y derechos de las personas trabajadoras migrantes.",
        "Promote orderly and safe labour migration and the exchange of good practice on "
        "recruitment and the rights of migrant workers.",
        None,
    ),
    (
        "GT-P",
        "WG-P",
        WorkingGroup.Kind.WORKING_GROUP,
        "Grupo de Trabajo sobre Protección",
        "Working Group on Protection",
        "Fortalecer la protección de las personas migrantes en situación de vulnerabilidad, "
        "incluidos niñas, niños y adolescentes no acompañados y personas refugiadas.",
        "Strengthen the protection of migrants in vulnerable situations, including "
        "unaccompanied children and adolescents and refugees.",
        None,
    ),
    (
        "GT-GF",
        "WG-BM",
        WorkingGroup.Kind.WORKING_GROUP,
        "Grupo de Trabajo sobre Gestión de Fronteras",
        "Working Group on Border Management",
        "Mejorar la cooperación transfronteriza y la modernización de la gestión migratoria en "
        "los puntos de control fronterizo.",
        "Improve cross-border cooperation and modernize migration management at border "
        "control points.",
        None,
    ),
]

# Presidencies from public sources: (country, year). The current and previous ones are
# invented for the demo and say so in their theme.
HISTORICAL_PRESIDENCIES = [("PA", 2004), ("CA", 2005), ("GT", 2009), ("MX", 2015)]
CURRENT_PRESIDENCY_COUNTRY = "HN"
PREVIOUS_PRESIDENCY_COUNTRY = "SV"

GIVEN_NAMES = [
    "José",
    "María",
    "Ángela",
    "Íñigo",
    "Lucía",
    "Raúl",
    "Begoña",
    "Martín",
    "Sofía",
    "Joaquín",
    "Inés",
    "Tomás",
    "Mónica",
    "Andrés",
    "Verónica",
    "Julián",
    "Noemí",
    "Óscar",
    "Fátima",
    "Germán",
    "Leticia",
    "Rubén",
    "Azucena",
    "Adrián",
]
FAMILY_NAMES = [
    "Núñez",
    "Peña",
    "Ibáñez",
    "Muñoz",
    "Álvarez",
    "Gómez",
    "Pérez",
    "Rodríguez",
    "Martínez",
    "Ordóñez",
    "Castañeda",
    "Cañas",
    "Jiménez",
    "Sánchez",
    "Hernández",
    "Ramírez",
    "Ávila",
    "Zúñiga",
    "Montaño",
    "Benítez",
    "Echeverría",
    "Quiñónez",
    "Valdés",
    "Beltrán",
]
# Positions per institution kind: (Spanish for a man, Spanish for a woman, English)
POSITIONS = {
    F: [
        (
            "Director de Asuntos Consulares",
            "Directora de Asuntos Consulares",
            "Director of Consular Affairs",
        ),
        (
            "Director de Política Exterior",
            "Directora de Política Exterior",
            "Director of Foreign Policy",
        ),
    ],
    M: [
        (
            "Subdirector General de Migración",
            "Subdirectora General de Migración",
            "Deputy Director General of Migration",
        ),
        (
            "Jefe de Cooperación Internacional",
            "Jefa de Cooperación Internacional",
            "Head of International Cooperation",
        ),
    ],
    L: [
        (
            "Coordinador de Migración Laboral",
            "Coordinadora de Migración Laboral",
            "Labour Migration Coordinator",
        ),
        ("Asesor de Movilidad Laboral", "Asesora de Movilidad Laboral", "Labour Mobility Adviser"),
    ],
}
WOMEN = {
    "María",
    "Ángela",
    "Lucía",
    "Begoña",
    "Sofía",
    "Inés",
    "Mónica",
    "Verónica",
    "Noemí",
    "Fátima",
    "Leticia",
    "Azucena",
}
PEOPLE_PER_COUNTRY = 6


def load() -> list[str]:
    """Create the demo directory where rows are missing; change nothing that exists."""
    with transaction.atomic(), pghistory.context(reason=DEMO_REASON):
        countries = _load_countries()
        _load_observers()
        institutions = _load_ministries(countries)
        groups = _load_working_groups()
        _load_presidencies(countries)
        people = _load_focal_points(countries, institutions)
        _load_designations(countries, groups, people)
    return []


def _ensure(model, lookup: dict, values: dict):
    """Return the row matching lookup, creating it (validated) from values when missing."""
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    instance = model(**lookup, **values)
    instance.full_clean()
    instance.save()
    return instance


def _load_countries() -> dict[str, Country]:
    return {
        iso: _ensure(
            Country,
            {"iso_code": iso},
            {
                "name_es": name_es,
                "name_en": name_en,
                "status": Country.Status.MEMBER,
                "member_since": CRM_FOUNDED,
            },
        )
        for iso, name_es, name_en in MEMBERS
    }


def _load_observers() -> None:
    iom = None
    for acronym_es, acronym_en, name_es, name_en, website in OBSERVER_ORGANIZATIONS:
        organization = _ensure(
            Institution,
            {"name_es": name_es, "kind": Institution.Kind.INTERNATIONAL_ORGANIZATION},
            {
                "name_en": name_en,
                "acronym_es": acronym_es,
                "acronym_en": acronym_en,
                "website": website,
            },
        )
        if acronym_en == "IOM":
            iom = organization
    # The Technical Secretariat sits in San José, hosted by IOM: no country of its own.
    _ensure(
        Institution,
        {"kind": Institution.Kind.TECHNICAL_SECRETARIAT, "name_es": "Secretaría Técnica de la CRM"},
        {
            "name_en": "RCM Technical Secretariat",
            "acronym_es": "ST-CRM",
            "acronym_en": "RCM-TS",
            "parent": iom,
            "address": "San José, Costa Rica",
        },
    )


def _load_ministries(countries: dict[str, Country]) -> dict[str, list[Institution]]:
    loaded: dict[str, list[Institution]] = {}
    for iso, ministries in MINISTRIES.items():
        loaded[iso] = [
            _ensure(
                Institution,
                {"country": countries[iso], "kind": kind},
                {
                    "name_es": name_es,
                    "name_en": name_en,
                    "acronym_es": acronym_es,
                    "acronym_en": acronym_en,
                },
            )
            for kind, acronym_es, acronym_en, name_es, name_en in ministries
        ]
    return loaded


def _load_working_groups() -> list[WorkingGroup]:
    return [
        _ensure(
            WorkingGroup,
            {"name_es": name_es},
            {
                "name_en": name_en,
                "acronym_es": acronym_es,
                "acronym_en": acronym_en,
                "slug": acronym_es.lower(),
                "kind": kind,
                "mandate_es": mandate_es,
                "mandate_en": mandate_en,
                "established_on": established,
                "is_active": True,
            },
        )
        for (
            acronym_es,
            acronym_en,
            kind,
            name_es,
            name_en,
            mandate_es,
            mandate_en,
            established,
        ) in WORKING_GROUPS
    ]


def roman(number: int) -> str:
    """Return number in Roman numerals (meeting numbers: 2015 held the XX CRM)."""
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    numerals += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    result = ""
    for value, letters in numerals:
        while number >= value:
            result += letters
            number -= value
    return result


def meeting_number_for(year: int) -> str:
    """The Vice-Ministerial Meeting held in a year: the first (I) met in 1996."""
    return roman(year - 1995)


def _load_presidencies(countries: dict[str, Country]) -> None:
    this_year = timezone.localdate().year
    plan = [(iso, year, "", "") for iso, year in HISTORICAL_PRESIDENCIES]
    plan.append(
        (
            PREVIOUS_PRESIDENCY_COUNTRY,
            this_year - 1,
            "Movilidad humana con dignidad (datos de demostración)",
            "Human mobility with dignity (demo data)",
        )
    )
    plan.append(
        (
            CURRENT_PRESIDENCY_COUNTRY,
            this_year,
            "Cooperación regional para una migración segura, ordenada y regular "
            "(datos de demostración)",
            "Regional cooperation for safe, orderly and regular migration (demo data)",
        )
    )
    for iso, year, theme_es, theme_en in plan:
        # A period is identified by its start: a later run never stacks a second presidency
        # on dates already covered.
        if Presidency.objects.filter(starts_on__year=year).exists():
            continue
        _ensure(
            Presidency,
            {"starts_on": date(year, 1, 1)},
            {
                "country": countries[iso],
                "ends_on": date(year, 12, 31),
                "meeting_number": meeting_number_for(year),
                "theme_es": theme_es,
                "theme_en": theme_en,
            },
        )


def demo_phone(region: str, seed: int) -> str:
    """Return a valid E.164 number for region, varied by seed (fictitious subscriber)."""
    example = phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.FIXED_LINE
    ) or phonenumbers.example_number(region)
    national = str(example.national_number)
    for step in range(100):
        candidate = phonenumbers.parse(
            f"+{example.country_code}{national[:-2]}{(seed + step) % 100:02d}"
        )
        if (
            phonenumbers.is_valid_number(candidate)
            and phonenumbers.region_code_for_number(candidate) == region
        ):
            return phonenumbers.format_number(candidate, phonenumbers.PhoneNumberFormat.E164)
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)


def demo_email(given_name: str, family_name: str, number: int) -> str:
    """Return an unaccented example.org address for an invented person."""
    local = f"{fold(given_name)}.{fold(family_name.split()[0])}{number}".replace(" ", "")
    return f"{local}@example.org"


def _person(index: int) -> tuple[str, str]:
    given = GIVEN_NAMES[index % len(GIVEN_NAMES)]
    # Shift the surnames on every pass through the given names, so no full name repeats.
    cycle = index // len(GIVEN_NAMES)
    first = FAMILY_NAMES[(index * 7 + cycle * 5) % len(FAMILY_NAMES)]
    second = FAMILY_NAMES[(index * 5 + 3 + cycle * 11) % len(FAMILY_NAMES)]
    if second == first:
        second = FAMILY_NAMES[(index * 5 + 4 + cycle * 11) % len(FAMILY_NAMES)]
    return given, f"{first} {second}"


def _load_focal_points(
    countries: dict[str, Country], institutions: dict[str, list[Institution]]
) -> dict[str, list[FocalPoint]]:
    today = timezone.localdate()
    people: dict[str, list[FocalPoint]] = {}
    index = 0
    for iso, _name_es, _name_en in MEMBERS:
        people[iso] = []
        for slot in range(PEOPLE_PER_COUNTRY):
            index += 1
            given, family = _person(index)
            institution = institutions[iso][slot % 3]
            is_woman = given in WOMEN
            position_man, position_woman, position_en = POSITIONS[institution.kind][slot // 3 % 2]
            position_es = position_woman if is_woman else position_man
            # Every fourth entry was last verified well over a year ago: stale on purpose.
            if index % 4 == 0:
                verified = today - timedelta(days=400 + index * 3)
            else:
                verified = today - timedelta(days=10 + index * 2)
            people[iso].append(
                _ensure(
                    FocalPoint,
                    {"email": demo_email(given, family, index)},
                    {
                        "honorific": FocalPoint.Honorific.MS
                        if is_woman
                        else FocalPoint.Honorific.MR,
                        "given_name": given,
                        "family_name": family,
                        "position_es": position_es,
                        "position_en": position_en,
                        "institution": institution,
                        "phone": demo_phone(iso, index),
                        "languages": ["es", "en"] if index % 2 else ["es"],
                        "preferred_language": "en" if iso in {"BZ", "CA", "US"} else "es",
                        # Two in three agreed to be listed publicly.
                        "public_listing_consent": index % 3 != 0,
                        "last_verified_on": verified,
                    },
                )
            )
    return people


def seat_is_left_empty(country_index: int, group_index: int, role: str) -> bool:
    """A few seats stay empty so coverage reports show gaps."""
    if role == Designation.Role.PRINCIPAL:
        return (country_index * 3 + group_index) % 13 == 5
    return (country_index + group_index) % 5 == 0


def _load_designations(
    countries: dict[str, Country],
    groups: list[WorkingGroup],
    people: dict[str, list[FocalPoint]],
) -> None:
    for country_index, (iso, _name_es, _name_en) in enumerate(MEMBERS):
        country = countries[iso]
        staff = people[iso]
        for group_index, group in enumerate(groups):
            for offset, role in enumerate((Designation.Role.PRINCIPAL, Designation.Role.ALTERNATE)):
                if seat_is_left_empty(country_index, group_index, role):
                    continue
                focal_point = staff[(group_index * 2 + offset) % len(staff)]
                if Designation.objects.filter(
                    focal_point=focal_point, working_group=group, country=country, role=role
                ).exists():
                    continue
                starts_on = date(2023 + group_index % 3, 1 + country_index, 15)
                designation_start(
                    focal_point=focal_point,
                    working_group=group,
                    country=country,
                    role=role,
                    starts_on=starts_on,
                    letter_reference=f"DM-{iso}-{starts_on.year}-{group_index + 1:02d}{offset}",
                    letter_date=starts_on - timedelta(days=10),
                )
