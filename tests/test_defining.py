"""Definitional sentences in running text (indexer.defining): which sentences define a term."""

from __future__ import annotations

import pytest

from indexer.defining import defines, defining_pattern, defining_sentence

GUIDE_SENTENCE = ("Underlying the “3 Ps” is the necessity to take a gendered approach. In other words, a gender perspective "
                  "is the process of assessing the implications for women and men of any planned action. Doing so helps.")


@pytest.mark.parametrize(("text", "term", "sentence"), [
    (GUIDE_SENTENCE, "gender perspective",
     "a gender perspective is the process of assessing the implications for women and men of any planned action."),
    (GUIDE_SENTENCE, "a gender perspective", "a gender perspective is the process of assessing the implications "
                                             "for women and men of any planned action."),
    (GUIDE_SENTENCE, "gender perspectives", "a gender perspective is the process of assessing the implications "
                                            "for women and men of any planned action."),
    ("Intro. Gender-responsive policing refers to services that meet needs. More.", "gender responsive policing",
     "Gender-responsive policing refers to services that meet needs."),
    ("Security sector reform (SSR) is defined as the reform of institutions.", "security sector reform",
     "Security sector reform (SSR) is defined as the reform of institutions."),
    ("• Femicide means the killing of women because they are women", "femicide",
     "Femicide means the killing of women because they are women"),
    ("Gender parity describes equal numbers of women and men.", "Gender Parity",
     "Gender parity describes equal numbers of women and men."),
    ("Focal points are the staff who support gender work.", "focal point", "Focal points are the staff who support gender work."),
])
def test_defining_sentence(text, term, sentence):
    assert defining_sentence(text, term) == sentence


@pytest.mark.parametrize(("text", "term"), [
    ("Integrating a gender perspective is essential.", "gender perspective"),  # "is essential": not a definition
    ("Mainstreaming a gender perspective is the process of ...", "gender perspective"),  # not the subject
    ("A gender perspective must be mainstreamed through all policies.", "gender perspective"),
    ("The perspective of gender advisers is a matter for the mission.", "gender perspective"),
    ("Zero-tolerance should be seen as it refers to the awareness.", "zero tolerance"),
])
def test_not_a_definition(text, term):
    assert not defines(text, term)


@pytest.mark.parametrize("term", ["", "the", "a an", "one two three four five six seven"])
def test_no_pattern_for_empty_or_long_terms(term):
    assert defining_pattern(term) is None
