"""Test centres matched by how heard words sound: examples of what the recogniser wrote."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from gofer.voice import place_sounds
from gofer.voice.booking_request import parse
from gofer.voice.wording import fold
from gofer.workflows.trafikverket.reference import LOCATIONS

EXAMPLES = json.loads(Path(__file__).with_name("place_sounds_examples.json").read_text())


def heard_places(text: str) -> list[str]:
    return [h.place for h in place_sounds.find(fold(text).split())]


@pytest.mark.parametrize(("heard", "places"), EXAMPLES["heard"])
def test_a_misheard_place_is_found_by_its_sound(heard: str, places: list[str]) -> None:
    assert heard_places(heard) == places


@pytest.mark.parametrize("text", EXAMPLES["not_places"])
def test_ordinary_sentences_name_no_place(text: str) -> None:
    assert heard_places(text) == []


def test_every_test_centre_of_the_site_has_sounding_spellings() -> None:
    assert set(place_sounds.SPELLINGS) == set(LOCATIONS)


@pytest.mark.parametrize("place", sorted(set(LOCATIONS)))
def test_each_place_spelled_as_the_site_spells_it_is_found(place: str) -> None:
    spoken = place.replace(" 2", " two")  # numbers are dates here; the second site is said
    assert heard_places(f"a test in {spoken} please") == [place]


def test_sound_keys_fold_spelling_differences() -> None:
    assert place_sounds.sound_key("Urebrel") == "ARAPRAL"
    assert place_sounds.sound_key("Gebel") == place_sounds.sound_key("Gibble")
    assert place_sounds.sound_key("Gävle") == place_sounds.sound_key("Gibble")
    assert place_sounds.sound_key("Linkerping") == place_sounds.sound_key("Linköping")
    assert place_sounds.similarity("KAPL", "KAPL") == 1.0
    assert place_sounds.similarity("KAPL", "MANTS") < place_sounds.SIMILARITY


def test_the_booking_parser_matches_by_sound_only_when_asked() -> None:
    heard = "Book a driving test in Gebel before the 20th of March."
    assert parse(heard, date(2026, 12, 6)).locations == []
    request = parse(heard, date(2026, 12, 6), by_sound=True)
    assert request.locations == ["Gävle"]
    assert request.before == date(2027, 3, 20)


def test_a_place_spelled_right_is_not_taken_twice_by_sound() -> None:
    request = parse("Book a driving test in Uppsala or Gebel.", date(2026, 12, 6), by_sound=True)
    assert request.locations == ["Uppsala", "Gävle"]
