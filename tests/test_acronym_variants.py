"""Acronym variants (indexer.acronyms.acronym_variants): "LGBT" and "LGBTQI" answer as "LGBTQ2"."""

from __future__ import annotations

import pytest

from indexer.acronyms import acronym_variants

NAMES = ["LGBTQ2", "CRSV", "SGBV", "GBV", "GBA+", "SEA", "GM", "WPS", "Gender", "Sexual violence"]


@pytest.mark.parametrize(("word", "expected"), [
    ("LGBTQ", ["LGBTQ2"]),
    ("LGBT", ["LGBTQ2"]),
    ("LGBTQI", ["LGBTQ2"]),
    ("LGBTQ2S", ["LGBTQ2"]),
    ("LGBTQ2S+", ["LGBTQ2"]),
    ("LGBTQIA+", ["LGBTQ2"]),
    ("LGBTIQ", ["LGBTQ2"]),
    ("lgbtq", ["LGBTQ2"]),
    ("SGBVs", ["SGBV"]),
    ("LGBTQ2", []),  # the name itself: the glossary lookup finds it
    ("LGB", []),  # fewer than four letters
    ("GBA", []),
    ("CRS", []),
    ("gender", []),  # only acronym names have variants
    ("sexual", []),
    ("LGBTQ health", []),
])
def test_acronym_variants(word, expected):
    assert acronym_variants(word, NAMES) == expected


def test_two_candidates_are_both_returned():
    assert acronym_variants("UNSCR", ["UNSCRS", "UNSCRA"]) == ["UNSCRS", "UNSCRA"]
