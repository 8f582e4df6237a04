"""Fixed reference data of the replica (spec §5): licences, exam types, vehicles, languages, places."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

KUNSKAPSPROV = 1  # examinationCategory of theory tests
KORPROV = 2  # examinationCategory of driving tests


@dataclass(frozen=True, slots=True)
class Licence:
    id: int
    code: str
    description: str
    category: str
    sort_order: int

    @property
    def key(self) -> str:
        """The code as used in resource keys and icon names (`B96`, `Lokforare`)."""
        return "".join(ch for ch in fold_ascii(self.code) if ch.isalnum())

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.code,
            "description": self.description,
            # Real: "licenceNameA" and "icon-a"; the description key follows the same pattern.
            "languageKeyName": f"licenceName{self.key}",
            "languageKeyDescription": f"licenceDescription{self.key}",
            # The per-licence tag differs from its group's name: "Car" in "licenceCar".
            "category": GROUP_CATEGORIES[self.category],
            "icon": f"icon-{self.key.lower()}",
            "sortOrder": self.sort_order,
        }


@dataclass(frozen=True, slots=True)
class ExamType:
    id: int
    licence_id: int
    category: int
    name: str  # as listed in the "Välj prov" select
    occasion_name: str  # as shown on an occasion, e.g. "Körprov B"
    code: str
    minutes: int
    cost: int
    increased_cost: int

    @property
    def is_driving(self) -> bool:
        return self.category == KORPROV

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "examinationCategory": self.category, "name": self.name}


@dataclass(frozen=True, slots=True)
class Location:
    id: int
    name: str
    street: str
    zip_code: str
    city: str
    latitude: float
    longitude: float
    categories: tuple[int, ...] = (KUNSKAPSPROV, KORPROV)

    def address_json(self) -> dict[str, Any]:
        return {
            "streetAddress1": self.street,
            "streetAddress2": "",
            "zipCode": self.zip_code,
            "city": self.city,
            "careOf": "",
        }

    def coordinates_json(self) -> dict[str, float]:
        return {"latitude": self.latitude, "longitude": self.longitude}

    def coordinate_text(self) -> str:
        """Occasions carry the place's position as one string (its format is a replica choice)."""
        return f"{self.latitude},{self.longitude}"

    def one_line_address(self) -> str:
        return f"{self.street}, {self.zip_code} {self.city}"

    def as_json(self) -> dict[str, Any]:
        return {
            "examinationCategories": [{"value": value} for value in self.categories],
            "location": {
                "id": self.id,
                "name": self.name,
                "address": self.address_json(),
                "coordinates": self.coordinates_json(),
            },
        }


# A licence's `category` tag by its group's `name` (real: "licenceSIK" holds "Cert").
GROUP_CATEGORIES: dict[str, str] = {
    "licenceMoped": "Moped",
    "licenceMotorcycle": "Motorcycle",
    "licenceCar": "Car",
    "licenceTruck": "Truck",
    "licenceBus": "Bus",
    "licenceProfessionalDriver": "ProfessionalDriver",
    "licenceProfessionalKnowledge": "ProfessionalKnowledge",
    "licenceTractor": "Tractor",
    "licenceMSB": "MSB",
    "licenceSIK": "Cert",
}


def fold_ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


_LICENCE_ROWS: list[tuple[int, str, str, str]] = [
    (1, "AM", "Moped", "licenceMoped"),
    (2, "A1", "Lätt motorcykel", "licenceMotorcycle"),
    (24, "A2", "Motorcykel (Begränsad)", "licenceMotorcycle"),
    (4, "A", "Motorcykel", "licenceMotorcycle"),
    (5, "B", "Personbil", "licenceCar"),
    (23, "B96", "Personbil utökad", "licenceCar"),
    (7, "BE", "Personbil med tungt släp", "licenceCar"),
    (25, "C1", "Medeltung lastbil", "licenceTruck"),
    (8, "C", "Tung lastbil", "licenceTruck"),
    (26, "C1E", "Medeltung lastbil med tungt släp", "licenceTruck"),
    (9, "CE", "Tung lastbil med tungt släp", "licenceTruck"),
    (27, "D1", "Mellanstor buss", "licenceBus"),
    (10, "D", "Buss", "licenceBus"),
    (28, "D1E", "Mellanstor buss med tungt släp", "licenceBus"),
    (11, "DE", "Buss med tungt släp", "licenceBus"),
    (21, "Buss", "Yrkesförarkompetens (YKB)", "licenceProfessionalDriver"),
    (22, "Lastbil", "Yrkesförarkompetens (YKB)", "licenceProfessionalDriver"),
    (31, "Lokförare", "Lokförarbevis", "licenceProfessionalDriver"),
    (13, "Taxi", "Taxiförarlegitimation", "licenceProfessionalDriver"),
    (29, "Buss", "Yrkeskunnande", "licenceProfessionalKnowledge"),
    (30, "Lastbil", "Yrkeskunnande", "licenceProfessionalKnowledge"),
    (17, "Taxi", "Yrkeskunnande", "licenceProfessionalKnowledge"),
    (18, "Traktor", "Traktorkort", "licenceTractor"),
    (32, "ADR", "Farligt gods", "licenceMSB"),
    (33, "APV", "Arbete på väg", "licenceSIK"),
    (34, "VVH", "Vinterväghållning", "licenceSIK"),
]

LICENCES: dict[int, Licence] = {
    row[0]: Licence(row[0], row[1], row[2], row[3], index + 1)
    for index, row in enumerate(_LICENCE_ROWS)
}

B_LICENCE_ID = 5

EXAM_TYPES: dict[int, ExamType] = {
    exam.id: exam
    for exam in (
        ExamType(3, 5, KUNSKAPSPROV, "Kunskapsprov", "Kunskapsprov B", "KPB", 50, 325, 400),
        ExamType(12, 5, KORPROV, "Körprov", "Körprov B", "FPB", 45, 1800, 2200),
        ExamType(52, 23, KORPROV, "Körprov", "Körprov B96", "FPB96", 45, 1800, 2200),
        ExamType(10, 4, KORPROV, "Körprov", "Körprov A", "FPA", 45, 1800, 2200),
    )
}

# Exam types whose slots are generated; others get slots only through the test controls.
GENERATED_EXAM_TYPE_IDS: tuple[int, ...] = (3, 12)

VEHICLE_MANUAL = 2
VEHICLE_AUTOMATIC = 4
VEHICLE_OWN = 1
VEHICLE_NAMES: dict[int, str] = {
    VEHICLE_MANUAL: "Manuell bil",
    VEHICLE_AUTOMATIC: "Automatbil",
    VEHICLE_OWN: "Egen bil",
}

LANGUAGE_SWEDISH = 13
LANGUAGE_ENGLISH = 4
LANGUAGES: dict[int, tuple[str, str]] = {
    LANGUAGE_SWEDISH: ("Svenska", "sv"),
    LANGUAGE_ENGLISH: ("Engelska", "en"),
}

DEFAULT_TACHOGRAPH_TYPE_ID = 1
DEFAULT_OCCASION_CHOICE_ID = 1

_LOCATION_ROWS: list[tuple[int, str, str, str, str, float, float]] = [
    (1000071, "Uppsala", "Fyrislundsgatan 81", "754 50", "Uppsala", 59.8533, 17.6840),
    (1000326, "Järfälla", "Veddestavägen 13", "175 62", "Järfälla", 59.4236, 17.8339),
    (1000134, "Sollentuna", "Kung Hans väg 14", "192 68", "Sollentuna", 59.4322, 17.9491),
    (1000019, "Farsta", "Larsbodavägen 10", "123 42", "Farsta", 59.2436, 18.0926),
    (1000132, "Södertälje", "Vattengatan 2", "151 73", "Södertälje", 59.1955, 17.6253),
    (1000140, "Stockholm City", "Mäster Samuelsgatan 60", "111 21", "Stockholm", 59.3346, 18.0632),
    (
        1000325,
        "Göteborg Högsbo",
        "Victor Hasselblads gata 11",
        "421 31",
        "Västra Frölunda",
        57.6618,
        11.9414,
    ),
    (1000143, "Göteborg-Hisingen", "Ringögatan 12", "417 07", "Göteborg", 57.7245, 11.9506),
    (1000339, "Göteborg Öst", "Ånäsvägen 44", "416 68", "Göteborg", 57.7225, 12.0186),
    (1000061, "Malmö", "Stenyxegatan 31", "213 76", "Malmö", 55.5703, 13.0458),
    (1000062, "Lund", "Traktorvägen 11", "226 60", "Lund", 55.7146, 13.2165),
    (1000123, "Helsingborg", "Garnisonsgatan 2", "254 66", "Helsingborg", 56.0613, 12.7212),
    (1000009, "Linköping", "Roxtorpsgatan 17", "582 77", "Linköping", 58.4108, 15.6214),
    (1000329, "Norrköping", "Gamla Övägen 25", "602 28", "Norrköping", 58.5877, 16.1924),
    (1000038, "Västerås", "Stensborgsgatan 4", "721 32", "Västerås", 59.6099, 16.5448),
    (1000005, "Eskilstuna", "Gymnastikgatan 1", "633 46", "Eskilstuna", 59.3666, 16.5077),
    (1000072, "Enköping", "Kryddgårdsgatan 1", "745 37", "Enköping", 59.6361, 17.0777),
    (1000041, "Sala", "Ekebygatan 9", "733 38", "Sala", 59.9211, 16.6066),
    (1000118, "Gävle", "Södra Skeppsbron 15", "802 84", "Gävle", 60.6749, 17.1413),
    (1000105, "Sundsvall", "Storgatan 53", "852 30", "Sundsvall", 62.3908, 17.3069),
    (1000021, "Umeå", "Formvägen 5", "906 21", "Umeå", 63.8258, 20.2630),
    (1000082, "Luleå", "Banvägen 9", "973 46", "Luleå", 65.5848, 22.1547),
    (1000074, "Jönköping", "Brunnsgatan 21", "553 17", "Jönköping", 57.7826, 14.1618),
    (1000030, "Växjö", "Kungsgatan 3", "352 33", "Växjö", 56.8777, 14.8091),
    (1000001, "Örebro", "Västhagagatan 2", "702 26", "Örebro", 59.2741, 15.2066),
    (1000031, "Karlstad", "Lagergrens gata 2", "652 26", "Karlstad", 59.3793, 13.5036),
    (1000059, "Halmstad", "Kristinebergsgatan 2", "302 47", "Halmstad", 56.6745, 12.8578),
    (1000066, "Borås", "Lundbygatan 1", "504 31", "Borås", 57.7210, 12.9401),
    (1000130, "Skövde", "Badhusgatan 5", "541 31", "Skövde", 58.3903, 13.8461),
    (1000097, "Visby", "Österväg 3", "621 45", "Visby", 57.6348, 18.2948),
    (1000333, "Västerhaninge", "Nynäsvägen 26", "137 32", "Västerhaninge", 59.1227, 18.1019),
    (1000334, "Västerhaninge 2", "Nynäsvägen 30", "137 32", "Västerhaninge", 59.1231, 18.1032),
    (
        1000302,
        "Gillinge Trafikövningsplats",
        "Gillingevägen 2",
        "194 91",
        "Upplands Väsby",
        59.5390,
        17.8790,
    ),
    (1000003, "Karlskoga", "Bangårdsgatan 4", "691 31", "Karlskoga", 59.3267, 14.5239),
    (1000070, "Falköping", "Storgatan 20", "521 42", "Falköping", 58.1735, 13.5517),
    (1000008, "Strängnäs", "Nyckelbergsvägen 1", "645 30", "Strängnäs", 59.3774, 17.0312),
]

STOCKHOLM_CITY_ID = 1000140

LOCATIONS: dict[int, Location] = {
    row[0]: Location(
        *row,
        categories=(KUNSKAPSPROV,) if row[0] == STOCKHOLM_CITY_ID else (KUNSKAPSPROV, KORPROV),
    )
    for row in _LOCATION_ROWS
}


def exam_types_for_licence(licence_id: int) -> list[ExamType]:
    """Exam types in the order of the "Välj prov" select (Kunskapsprov before Körprov)."""
    return sorted(
        (exam for exam in EXAM_TYPES.values() if exam.licence_id == licence_id),
        key=lambda exam: exam.category,
    )


def vehicle_type_ids(own_vehicle_option: bool) -> list[int]:
    """Vehicle types in select order; the own car comes last so Automatbil stays `2: 4`."""
    ids = [VEHICLE_MANUAL, VEHICLE_AUTOMATIC]
    if own_vehicle_option:
        ids.append(VEHICLE_OWN)
    return ids


def licence_categories_json() -> list[dict[str, Any]]:
    """Licences grouped by category, in first-appearance order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for licence in sorted(LICENCES.values(), key=lambda item: item.sort_order):
        groups.setdefault(licence.category, []).append(licence.as_json())
    return [{"name": name, "licences": items} for name, items in groups.items()]


def offers(location: Location, exam: ExamType) -> bool:
    return exam.category in location.categories
